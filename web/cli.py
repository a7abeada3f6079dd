"""Operators' commands: `flask --app wsgi seed`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from seeds.documents import SeedError
from seeds.replay import print_summary, replay


def register(app: Flask) -> None:
    app.cli.add_command(seed_command)


@click.command("seed")
@click.option("--by", default="seed", show_default=True,
              help="The actor recorded on every event the replay writes.")
def seed_command(by: str) -> None:
    """Replay the four councils' minutes into the configured store."""
    from web import service_of

    try:
        summary = replay(service_of(current_app), by=by)
    except SeedError as e:
        raise click.ClickException(f"the seed files are not readable: {e}") from None
    print_summary(summary, echo=click.echo)
