"""Online backups of the embedded SQLite store, and restoring one into an empty store.

A copy of a SQLite file in WAL mode taken while it is written is not a backup: the
file and its WAL may be caught in different states. SQLite's backup API copies every
page inside one read transaction instead, a consistent snapshot of the events, the
read models and the tokens as they stood at one position; in WAL mode writers carry
on while it reads. A backup is checked (`PRAGMA integrity_check`, the events table
present) before it is reported done, and again before it is restored.

PostgreSQL has its own tools (`pg_dump`, `pg_restore`: see the README); `check_dump`
says whether a dump is whole and holds the events.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from domain.errors import InvalidValue
from domain.stores import store_env


class BackupError(InvalidValue):
    """Raised when a backup cannot be made, or a file cannot be restored."""


def sqlite_path(database_url: str) -> Path:
    env = store_env(database_url)
    if env["PERSISTENCE_MODULE"] != "eventsourcing.sqlite":
        raise BackupError(
            "backup and restore work on the embedded SQLite store; on PostgreSQL use "
            "pg_dump and pg_restore (see the README)"
        )
    return Path(env["SQLITE_DBNAME"])


def backup(database_url: str, target: str | Path) -> int:
    """Copy the store to `target`, a file that must not exist yet, while writers run;
    returns the position of the last event the copy holds."""
    source, target = sqlite_path(database_url), Path(target)
    if target.exists():
        raise BackupError(f"{target} exists: a backup never overwrites a file")
    if not source.exists():
        raise BackupError(f"there is no store at {source}")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reading,
        closing(sqlite3.connect(partial)) as writing,
    ):
        reading.backup(writing)  # every page at once: one consistent snapshot
    position = check(partial)
    partial.rename(target)  # a file at `target` is a whole, checked backup
    return position


def check(path: str | Path) -> int:
    """The position of the last event in a backup, once it proves whole and sound."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"there is no backup at {path}")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{path} is damaged: {verdict}")
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stored_events'"
            ).fetchone()
            if found is None:
                raise BackupError(f"{path} is not a Minutebook store: it holds no events table")
            return db.execute("SELECT COALESCE(MAX(rowid), 0) FROM stored_events").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path} is not a SQLite store: {e}") from None


def restore(source: str | Path, database_url: str, *, events_in_store: int) -> int:
    """Restore a checked backup into the store, which must hold no events; returns the
    position of its last event."""
    if events_in_store:
        raise BackupError(
            f"the store holds {events_in_store} events: a backup is restored only into "
            "an empty store"
        )
    position = check(source)
    target = sqlite_path(database_url)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reading,
        closing(sqlite3.connect(target, timeout=10)) as writing,
    ):
        reading.backup(writing)
    return position


def check_dump(path: str | Path) -> list[str]:
    """The tables a PostgreSQL dump (`pg_dump --format=custom`) holds data for, once
    `pg_restore` can read its whole table of contents and it holds the events."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"there is no dump at {path}")
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed (Debian: apt install postgresql-client)")
    listed = subprocess.run(
        ["pg_restore", "--list", str(path)], capture_output=True, text=True, timeout=300
    )
    if listed.returncode != 0:
        raise BackupError(f"{path} is not a readable dump: {listed.stderr.strip()[:300]}")
    tables = sorted(
        {
            line.split()[-2]
            for line in listed.stdout.splitlines()
            if not line.startswith(";") and " TABLE DATA " in line
        }
    )
    if not any(t.endswith("_events") for t in tables):
        raise BackupError(f"{path} holds no events table: it is not a Minutebook dump")
    return tables
