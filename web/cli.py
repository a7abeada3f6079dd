"""Operators' commands:

    flask --app wsgi seed       replay the four councils' minutes into the store
    flask --app wsgi project    follow new events into the read models (a worker)
    flask --app wsgi rebuild    drop the read models and replay every event into them
"""

from __future__ import annotations

import signal
import threading

import click
from flask import Flask
from flask.cli import with_appcontext

from seeds.documents import SeedError
from seeds.replay import print_summary, replay
from web.requests import reader, service


def register(app: Flask) -> None:
    for command in (seed_command, project_command, rebuild_command):
        app.cli.add_command(command)


@click.command("seed")
@click.option("--by", default="seed", show_default=True,
              help="The actor recorded on every event the replay writes.")
@click.option("--if-empty", is_flag=True, help="Do nothing if the store holds any event.")
@with_appcontext
def seed_command(by: str, if_empty: bool) -> None:
    """Replay the four councils' minutes into the configured store."""
    store = service()
    if if_empty and store.recorder.max_notification_id():
        click.echo("The store already holds events: not seeding.")
        return
    try:
        summary = replay(store, by=by)
    except SeedError as e:
        raise click.ClickException(f"the seed files are not readable: {e}") from None
    print_summary(summary, echo=click.echo)
    applied = reader().projector.catch_up()
    click.echo(f"Read models brought up to date ({applied} events applied).")


@click.command("project")
@click.option("--interval", default=0.05, show_default=True,
              help="Seconds to wait between checks when there is nothing new.")
@with_appcontext
def project_command(interval: float) -> None:
    """Follow new events into the read models until stopped (SIGTERM or Ctrl-C)."""
    projector = reader().projector
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"Projecting from position {projector.read_model.position()}.")
    projector.follow(stop, interval=interval,
                     on_batch=lambda n: click.echo(
                         f"applied {n} events; at position {projector.read_model.position()}"))
    click.echo("Stopped.")


@click.command("rebuild")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 10_000))
@with_appcontext
def rebuild_command(batch_size: int) -> None:
    """Drop every read model and replay the whole event store into them, in batches."""
    projector = reader().projector
    applied = projector.rebuild(batch_size=batch_size)
    click.echo(f"Rebuilt the read models from {applied} events; at position "
               f"{projector.read_model.position()}.")
