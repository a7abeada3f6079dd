"""The clerk's command for drafting minutes:

flask --app wsgi minutes draft FILE [--json]   print a draft document (TOML, or JSON)

FILE holds the text of published minutes, or the HTML of a ModernGov meeting page
(a name ending .html or .htm, or text starting with "<"). `-` reads standard input.
"""

from __future__ import annotations

import json

import click

from domain.minutes import DraftError, draft_from_html, draft_from_text
from domain.minutes.drafting import as_json
from domain.minutes.toml_text import dumps


@click.group("minutes")
def minutes_group() -> None:
    """Minutes documents: draft one from published minutes."""


@minutes_group.command("draft")
@click.argument("source", type=click.File("rb"))
@click.option("--json", "as_json_", is_flag=True, help="Print JSON rather than TOML.")
def draft_command(source, as_json_: bool) -> None:
    """Draft a minutes document from FILE; check its `review` list before recording it."""
    raw = source.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException("[not-text] the file is not UTF-8 text") from None
    is_html = source.name.lower().endswith((".html", ".htm")) or text.lstrip().startswith("<")
    try:
        draft = draft_from_html(text) if is_html else draft_from_text(text)
    except DraftError as e:
        raise click.ClickException(f"[{e.rule}] {e}") from None
    if as_json_:
        click.echo(json.dumps(as_json(draft), indent=2, ensure_ascii=False))
    else:
        click.echo(dumps(draft), nl=False)
    if draft["review"]:
        click.echo(f"{len(draft['review'])} things to review (see `review`).", err=True)
