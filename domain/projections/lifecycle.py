"""The read models' lifecycle: made to the code's shape, dropped and rebuilt, and kept
from readers while they are incomplete.

Shape: `tables.SHAPE` fingerprints the tables' statements and PROJECTION_VERSION. Read
models made with another shape (by an older Minutebook) are dropped when the store is
opened, and the next catch-up rebuilds them.

Rebuild: dropping the read models marks them incomplete (a row in `read_rebuild`) in
the same transaction; the catch-up that reaches the last event clears the mark, in
whichever process it runs (so a rebuild that was killed is finished by the next
catch-up). Every read of the read models begins by looking for the mark, and refuses
(ReadModelRebuilding) while it is there, so no reader ever sees the partial tables of
a rebuild: on SQLite a read transaction sees one snapshot, taken at its first read; on
PostgreSQL the rebuild locks `read_rebuild` before it drops anything, which waits for
the reads in progress and holds new ones until the mark is visible.

Only the tables in READ_TABLES (and a dialect's derived ones) are ever dropped: other
tables kept in the same database (ReadModel.ensure_tables) outlive every rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from domain.projections.positions import forget_position
from domain.projections.sql import Tx
from domain.projections.tables import READ_TABLES, SHAPE


class ReadModelRebuilding(Exception):
    """Raised when the read models are being rebuilt from the first event (and so are
    not complete): a reader is asked to come back rather than shown partial data."""


@dataclass(frozen=True)
class Schema:
    """The read models' tables in one dialect: the statements that make them (each
    safe to run again), and the tables those make beyond READ_TABLES."""

    statements: tuple[str, ...]
    derived_tables: tuple[str, ...] = ()


def lock_schema(tx: Tx) -> None:
    """Serialise changes to the tables between processes starting at once, and make
    sure the tables of the shape and of the rebuild's mark are there."""
    if tx.postgres:
        tx.run("SELECT pg_advisory_xact_lock(73317)")
    tx.run("CREATE TABLE IF NOT EXISTS {p}read_shape (shape TEXT NOT NULL)")
    tx.run("CREATE TABLE IF NOT EXISTS {p}read_rebuild (started_at TEXT NOT NULL)")
    if not tx.postgres:  # take SQLite's write lock now, before reading anything
        tx.run("UPDATE read_shape SET shape = shape")


def has_current_shape(tx: Tx) -> bool:
    """Whether the read models were made with this version's tables and handlers."""
    made = tx.one("SELECT shape FROM {p}read_shape")
    return made is not None and made["shape"] == SHAPE


def make_missing_tables(tx: Tx, schema: Schema) -> None:
    for statement in schema.statements:
        tx.run(statement)


def start_over(tx: Tx, schema: Schema, *, tracking_table: str) -> None:
    """Mark a rebuild begun, drop every read model and its position, and make the
    tables afresh, empty, in the current shape. Run after `lock_schema`."""
    if tx.postgres:  # wait for the reads in progress; hold new ones until committed
        tx.run("LOCK TABLE {p}read_rebuild IN ACCESS EXCLUSIVE MODE")
    tx.run("DELETE FROM {p}read_rebuild")
    tx.run("INSERT INTO {p}read_rebuild (started_at) VALUES (?)", (datetime.now(UTC).isoformat(),))
    for table in (*READ_TABLES, *schema.derived_tables):
        tx.run(f"DROP TABLE IF EXISTS {{p}}{table}")
    forget_position(tx, tracking_table)
    make_missing_tables(tx, schema)
    tx.run("DELETE FROM {p}read_shape")
    tx.run("INSERT INTO {p}read_shape (shape) VALUES (?)", (SHAPE,))


def rebuild_marked(tx: Tx) -> bool:
    """Whether a rebuild has dropped the read models and not yet finished them."""
    return tx.one("SELECT started_at FROM {p}read_rebuild LIMIT 1") is not None


def clear_rebuild_mark(tx: Tx) -> None:
    tx.run("DELETE FROM {p}read_rebuild")


def refresh_statistics(tx: Tx) -> None:
    """Refresh the query planner's statistics, as after a rebuild has written every
    row (PostgreSQL's autovacuum would get there, but only some time later)."""
    if tx.postgres:
        for table in READ_TABLES:
            tx.run(f"ANALYZE {{p}}{table}")
    else:
        tx.run("PRAGMA analysis_limit = 1000")  # sampled: quick at any size
        tx.run("ANALYZE")
