"""The stored events as the ledger hashes them: rows of (position, originator id's 16
bytes, version, topic, state bytes), read from the events table as they sit there.

The library's `select_notifications` makes a `Notification` and a `UUID` of every row,
which hashing never needs: on SQLite and PostgreSQL the ledger's catch-up selects the
same columns itself (the id as text or as its bytes), in the same order and with the
same lower bound. Any other recorder is read through `select_notifications`. `verify`
keeps to `select_notifications` and `stored_leaf`: a second, plain reading of every
leaf that the ledger's must agree with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

Row = tuple[int, bytes, int, str, Any]  # position, id bytes, version, topic, state
Reader = Callable[[int, int], list[Row]]  # (start, limit) -> rows from that position


def reader(recorder: ApplicationRecorder) -> Reader:
    """How to read up to `limit` stored events from position `start`, in order."""
    if isinstance(recorder, SQLiteApplicationRecorder):
        return _sqlite_reader(recorder)
    if isinstance(recorder, PostgresApplicationRecorder):
        return _postgres_reader(recorder)
    return lambda start, limit: [
        (n.id, n.originator_id.bytes, n.originator_version, n.topic, n.state)
        for n in recorder.select_notifications(start=start, limit=limit)
    ]


def _sqlite_reader(recorder: SQLiteApplicationRecorder) -> Reader:
    statement = (
        "SELECT rowid, originator_id, originator_version, topic, state "
        f"FROM {recorder.events_table_name} WHERE rowid >= ? ORDER BY rowid LIMIT ?"
    )

    def read(start: int, limit: int) -> list[Row]:
        with recorder.datastore.transaction(commit=False) as c:
            c.execute(statement, (start, limit))
            rows = c.fetchall()
        return [(r[0], _uuid_bytes(r[1]), r[2], r[3], r[4]) for r in rows]

    return read


def _uuid_bytes(text: str) -> bytes:
    """A UUID's 16 bytes from its text as the library stores it (32 hex digits, or 36
    with hyphens); any other text goes through UUID(), as `select_notifications`'s does."""
    if len(text) in (32, 36):
        raw = bytes.fromhex(text.replace("-", ""))
        if len(raw) == 16:
            return raw
    return UUID(text).bytes


def _postgres_reader(recorder: PostgresApplicationRecorder) -> Reader:
    statement = SQL(
        "SELECT notification_id, uuid_send(originator_id), originator_version, topic, state "
        "FROM {schema}.{table} WHERE notification_id >= %s ORDER BY notification_id LIMIT %s"
    ).format(
        schema=Identifier(recorder.datastore.schema),
        table=Identifier(recorder.events_table_name),
    )

    def read(start: int, limit: int) -> list[Row]:
        with (
            recorder.datastore.get_connection() as conn,
            conn.cursor(row_factory=tuple_row) as curs,
        ):
            curs.execute(statement, (start, limit), prepare=True)
            return curs.fetchall()

    return read
