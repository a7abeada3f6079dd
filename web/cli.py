"""Operators' commands:

flask --app wsgi seed       replay the four councils' minutes into the store
flask --app wsgi project    follow new events into the read models (a worker)
flask --app wsgi rebuild    drop the read models and replay every event into them
flask --app wsgi tokens create|revoke|list   manage API tokens
flask --app wsgi export-events FILE / import-events FILE   move a store
flask --app wsgi backup FILE / restore FILE   an online backup of the SQLite store
flask --app wsgi verify     check the stored events against the ledger's signed checkpoints
flask --app wsgi ledger public-key|checkpoint|new-key   its key; sign now; a key for a deployment
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Any

import click
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain import backups
from domain.errors import InvalidValue
from domain.ledger.audit import verify
from domain.ledger.signing import SigningKeyError, key_id, new_key_file, public_pem
from domain.stores import masked_url
from domain.transfer import TransferError, export_events, import_events
from seeds.documents import SeedError, load_meetings
from seeds.replay import print_summary, replay
from web.metrics import IMPORTED, REBUILT, WorkerMetrics
from web.minutes_cli import minutes_group
from web.progress import progress
from web.requests import reader, service
from web.tokens import ROLES


def register(app: Flask) -> None:
    for command in (
        seed_command,
        project_command,
        rebuild_command,
        tokens_group,
        export_command,
        import_command,
        backup_command,
        restore_command,
        check_dump_command,
        verify_command,
        ledger_group,
        minutes_group,
    ):
        app.cli.add_command(command)


@click.command("seed")
@click.option(
    "--by",
    default="seed",
    show_default=True,
    help="The actor recorded on every event the replay writes.",
)
@click.option("--if-empty", is_flag=True, help="Do nothing if the store holds any event.")
@with_appcontext
def seed_command(by: str, if_empty: bool) -> None:
    """Replay the four councils' minutes into the configured store."""
    store = service()
    if if_empty and store.recorder.max_notification_id():
        click.echo("The store already holds events: not seeding.")
        return
    try:
        with progress("seed: meetings", len(load_meetings())) as shown:
            summary = replay(store, recorded_by=by, progress=shown.update)
    except SeedError as e:
        raise click.ClickException(f"the seed files are not readable: {e}") from None
    print_summary(summary, echo=click.echo)
    applied = reader().projector.catch_up()
    click.echo(f"Read models brought up to date ({applied} events applied).")


@click.command("project")
@click.option(
    "--interval",
    default=0.05,
    show_default=True,
    help="Seconds to wait between checks when there is nothing new.",
)
@click.option(
    "--batch-size",
    default=500,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Events applied per transaction.",
)
@click.option(
    "--metrics-port",
    type=click.IntRange(0, 65535),
    default=None,
    envvar="WORKER_METRICS_PORT",
    help="Serve the worker's own metrics for Prometheus on 127.0.0.1 at this port "
    "(0: any free one; the port is printed).",
)
@with_appcontext
def project_command(interval: float, batch_size: int, metrics_port: int | None) -> None:
    """Follow new events into the read models until stopped (SIGTERM or Ctrl-C)."""
    projector = reader().projector
    counts = WorkerMetrics()
    counts.position.set(projector.read_model.position())
    if metrics_port is not None:
        click.echo(f"Metrics on http://127.0.0.1:{counts.serve(metrics_port)}/metrics")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"Projecting from position {projector.read_model.position()}.")
    # The ledger follows the store beside the read models, in a thread of its own: its
    # checkpoints are due on a clock, whether or not new events arrive.
    ledger_thread = threading.Thread(
        target=current_app.extensions["minutebook.ledger"].follow,
        args=(stop,),
        kwargs={
            "interval": max(interval, 0.5),
            "on_error": lambda e: click.echo(
                f"The ledger could not catch up ({type(e).__name__}: {first_line(e)}); "
                "trying again.",
                err=True,
            ),
        },
        name="ledger",
        daemon=True,
    )
    ledger_thread.start()
    projector.follow(
        stop,
        interval=interval,
        batch_size=batch_size,
        on_batch=lambda n: _applied(counts, n, projector.read_model.position()),
        on_error=lambda e: _failed(counts, e),
    )
    ledger_thread.join(timeout=10)
    click.echo("Stopped.")


def _applied(counts: WorkerMetrics, n: int, position: int) -> None:
    counts.applied.inc(n)
    counts.position.set(position)
    click.echo(f"applied {n} events; at position {position}")


def _failed(counts: WorkerMetrics, error: Exception) -> None:
    counts.errors.inc()
    click.echo(
        f"Could not reach the database ({type(error).__name__}: {first_line(error)}); "
        "trying again.",
        err=True,
    )


def first_line(error: Exception) -> str:
    """An error's message without the statement and context PostgreSQL adds below it,
    so that each error is one line of the worker's log."""
    return (str(error).strip().splitlines() or [""])[0]


@click.command("rebuild")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 10_000))
@with_appcontext
def rebuild_command(batch_size: int) -> None:
    """Drop every read model and replay the whole event store into them, in batches."""
    projector = reader().projector
    with progress("rebuild: events", service().recorder.max_notification_id()) as shown:

        def told(applied: int) -> None:
            REBUILT.set(applied)
            shown.update(applied)

        applied = projector.rebuild(batch_size=batch_size, progress=told)
    click.echo(
        f"Rebuilt the read models from {applied} events; at position "
        f"{projector.read_model.position()}."
    )


@click.group("tokens")
def tokens_group() -> None:
    """Create, revoke and list API tokens (kept only as hashes)."""


@tokens_group.command("create")
@click.option("--role", type=click.Choice(ROLES), default="clerk", show_default=True)
@click.option("--council", help="The council a clerk records for (its slug); not for admins.")
@click.option(
    "--holder",
    help="Who holds it: recorded as the actor on every change it makes."
    "  [default: '<council> <role>']",
)
@with_appcontext
def create_token(role: str, council: str | None, holder: str | None) -> None:
    """Create a token and print it once: it cannot be shown again. A clerk's council
    must be one the store has a record of."""
    click.echo(which_store())
    tokens = current_app.extensions["minutebook.tokens"]
    holder = holder or f"{council or 'all councils'} {role}"
    if council is not None:
        reader().projector.catch_up()  # a council recorded a moment ago is known
    try:
        namesakes = tokens.live_tokens_held_by(holder)
        made, token = tokens.create(
            holder=holder, role=role, council=council, require_known_council=True
        )
    except InvalidValue as e:
        raise click.BadParameter(str(e)) from None
    if namesakes:
        click.echo(
            f"Warning: {len(namesakes)} live token(s) already held by {made.holder!r} "
            f"({', '.join(namesakes)}): the audit trail will not tell their changes "
            "apart. Revoke one, or name each holder differently.",
            err=True,
        )
    click.echo(
        f"Created token {made.token_id} for {made.holder} ({made.role}, "
        f"{made.council or 'every council'}). Keep it safe; it is not shown again:"
    )
    click.echo(token)


@tokens_group.command("revoke")
@click.argument("token_id")
@with_appcontext
def revoke_token(token_id: str) -> None:
    """Revoke a token by its id (the part after mbk_, before the next _)."""
    click.echo(which_store())
    if not current_app.extensions["minutebook.tokens"].revoke(token_id):
        raise click.ClickException(f"no live token has id {token_id}")
    click.echo(f"Revoked token {token_id}.")


@tokens_group.command("list")
@with_appcontext
def list_tokens() -> None:
    """List tokens: id, holder, role, council, created, revoked (never the secrets)."""
    click.echo(which_store())
    for t in current_app.extensions["minutebook.tokens"].list():
        state = f"revoked {t['revoked_at'][:19]}" if t["revoked_at"] else "live"
        click.echo(
            f"{t['id']}  {t['holder']:<40} {t['role']:<6} {t['council'] or '*':<15} "
            f"{t['created_at'][:19]}  {state}"
        )


def which_store() -> str:
    """The store a command works on, its password masked. Said every time: without
    DATABASE_URL a command quietly works on the embedded default, and a token made
    there is no use to a server on PostgreSQL."""
    url = current_app.config["DATABASE_URL"]
    default = f"sqlite:///{Path(current_app.instance_path) / 'minutebook.sqlite3'}"
    unset = not os.environ.get("DATABASE_URL") and url == default
    return f"Store: {masked_url(url)}" + (
        " (the default: DATABASE_URL is not set)" if unset else ""
    )


@click.command("export-events")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, allow_dash=True))
@with_appcontext
def export_command(path: str) -> None:
    """Write every stored event, in order, as JSON lines (- for standard output), each
    with the leaf the ledger recorded for it."""
    with (
        click.open_file(path, "w", encoding="utf-8") as out,
        progress("export-events: events", service().recorder.max_notification_id()) as shown,
    ):
        ledger = current_app.extensions["minutebook.ledger"]
        count = export_events(service(), out, leaves=ledger.leaves_at, progress=shown.update)
    click.echo(f"Exported {count} events.", err=path == "-")


@click.command("import-events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_command(path: str) -> None:
    """Load an export into this store, which must hold no events, then build its read
    models. The whole file is checked before anything is written: one corrupt line
    and nothing is."""
    with open(path, encoding="utf-8") as lines:
        total = sum(1 for line in lines if line.strip())
    try:
        with progress("import-events: events", total) as shown:

            def told(written: int) -> None:
                IMPORTED.set(written)
                shown.update(written)

            count = import_events(service(), path, progress=told)
    except TransferError as e:
        raise click.ClickException(str(e)) from None
    applied = reader().projector.catch_up()
    click.echo(f"Imported {count} events; read models built from {applied}.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Copy the SQLite store to PATH (a new file) while it is in use: a consistent
    snapshot of its events, read models and tokens, checked before it is kept."""
    click.echo(which_store())
    try:
        position = backups.backup(current_app.config["DATABASE_URL"], path)
    except backups.BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Backed up to {path}: events up to position {position}.")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def restore_command(path: str) -> None:
    """Restore a backup made by `backup` into this store, which must hold no events."""
    click.echo(which_store())
    try:
        position = backups.restore(
            path,
            current_app.config["DATABASE_URL"],
            events_in_store=service().recorder.max_notification_id() or 0,
        )
    except backups.BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Restored {path}: events up to position {position}.")


@click.command("verify")
@click.option(
    "--public-key",
    "key_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A PEM public key to check the checkpoints with  [default: the ledger's own]",
)
@with_appcontext
def verify_command(key_file: str | None) -> None:
    """Recompute every leaf from the stored events, rebuild the roots and check every
    checkpoint's signature and root; name the first position where the store disagrees.
    Exits with 1 on any finding."""
    click.echo(which_store())
    ledger = current_app.extensions["minutebook.ledger"]
    key = ledger.signer.public_key if key_file is None else read_public_key(Path(key_file))
    report = verify(service().recorder, ledger, key)
    click.echo(
        f"Checked {report.events} stored events against {report.checkpoints} checkpoints "
        f"(key {key_id(key)[:16]}…)."
    )
    if report.unrecorded:
        click.echo(f"{report.unrecorded} events after the ledger's last leaf are not yet covered.")
    if not report.findings:
        click.echo("The store is the history the checkpoints signed.")
        return
    click.echo(f"First finding: {report.first}", err=True)
    for finding in report.findings[:50]:
        click.echo(f"  {finding}", err=True)
    if len(report.findings) > 50:
        click.echo(f"  … and {len(report.findings) - 50} more", err=True)
    raise SystemExit(1)


def read_public_key(path: Path) -> Any:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except ValueError as e:
        raise click.BadParameter(f"{path} is not a PEM public key: {e}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise click.BadParameter(f"{path} is not an Ed25519 public key")
    return key


@click.group("ledger")
def ledger_group() -> None:
    """The verifiable history: its public key, and checkpoints on demand."""


@ledger_group.command("public-key")
@with_appcontext
def print_public_key() -> None:
    """Print the key that signs checkpoints (PEM), and its id."""
    signer = current_app.extensions["minutebook.ledger"].signer
    click.echo(public_pem(signer.public_key), nl=False)
    click.echo(f"key id {signer.key_id}")


@ledger_group.command("new-key")
@click.argument("path", type=click.Path(dir_okay=False))
def make_key(path: str) -> None:
    """Make a signing key in a new PEM file (mode 0600), for LEDGER_KEY_FILE."""
    try:
        signer = new_key_file(Path(path))
    except SigningKeyError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Made key {signer.key_id} in {path}; set LEDGER_KEY_FILE to use it.")


@ledger_group.command("checkpoint")
@with_appcontext
def sign_checkpoint() -> None:
    """Bring the ledger up to date and sign a checkpoint of it now."""
    click.echo(which_store())
    ledger = current_app.extensions["minutebook.ledger"]
    added = ledger.catch_up(sign_now=True)
    latest = ledger.latest_checkpoint()
    if latest is None:
        raise click.ClickException("the store holds no events: there is nothing to sign")
    click.echo(
        f"Added {added} leaves. Latest checkpoint: tree size {latest.tree_size}, "
        f"root {latest.root_hash}, signed {latest.timestamp}."
    )


@click.command("check-dump")
@click.argument("path", type=click.Path(dir_okay=False))
def check_dump_command(path: str) -> None:
    """Check a PostgreSQL dump (pg_dump --format=custom): readable whole by pg_restore,
    and holding the events."""
    try:
        tables = backups.check_dump(path)
    except backups.BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"{path} is a readable dump with data for {len(tables)} tables: {', '.join(tables)}")
