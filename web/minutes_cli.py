"""The clerk's commands for minutes:

flask --app wsgi minutes draft FILE [--json]   print a draft document (TOML, or JSON)
flask --app wsgi minutes record FILE...        record reviewed documents, one meeting each

`draft` reads the text of published minutes, or the HTML of a ModernGov meeting page
(a name ending .html or .htm, or text starting with "<"). `-` reads standard input.

`record` reads minutes documents (TOML as the seed files and `draft` write them, or
JSON as the API takes them) and records each through the same code as
POST /api/minutes: checked against the same schema, then every event of the meeting
in one transaction, or nothing and every problem with its path. The operator running
it may establish committees, as an admin may.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import click
from flask.cli import with_appcontext
from marshmallow import ValidationError

from domain.minutes import DraftError, draft_from_html, draft_from_text
from domain.minutes.drafting import as_json
from domain.minutes.recording import MinutesError, record_minutes
from domain.minutes.toml_text import dumps
from web.requests import reader, service
from web.schemas.minutes import MinutesDocument, flatten


@click.group("minutes")
def minutes_group() -> None:
    """Minutes documents: draft one from published minutes, record reviewed ones."""


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


@minutes_group.command("record")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--by", default="clerk", show_default=True, help="The actor recorded on every event.")
@with_appcontext
def record_command(files: tuple[str, ...], by: str) -> None:
    """Record each minutes document FILE (TOML or JSON), in the order given: one
    transaction each, with a line per meeting. The first refused stops the rest."""
    for name in files:
        doc = read_document(Path(name))
        try:
            receipt = record_minutes(service(), doc, recorded_by=by, may_establish=True)
        except MinutesError as e:
            for p in e.problems:
                click.echo(f"  {p.path}: [{p.rule}] {p.message}", err=True)
            raise click.ClickException(f"{name}: nothing recorded ({e.rule})") from None
        said = f"{receipt.new_events} new events" if receipt.new_events else "already recorded"
        click.echo(
            f"{doc['date'].isoformat()}  {doc['council']}/{doc['committee']}  {said}  "
            f"(meeting {receipt.meeting_id})"
        )
    applied = reader().projector.catch_up()
    click.echo(f"Read models brought up to date ({applied} events applied).")


def read_document(path: Path) -> dict[str, Any]:
    """A document from a TOML or JSON file, checked as POST /api/minutes checks it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        raw = json.loads(text) if path.suffix.lower() == ".json" else as_json(tomllib.loads(text))
    except (UnicodeDecodeError, ValueError) as e:  # TOML's and JSON's errors are ValueErrors
        raise click.ClickException(f"{path}: not a TOML or JSON document: {e}") from None
    try:
        return MinutesDocument().load(raw)
    except ValidationError as e:
        for where, message in flatten(e.messages):
            click.echo(f"  {where}: {message}", err=True)
        raise click.ClickException(f"{path}: nothing recorded (invalid-input)") from None
