"""Applying events in batches: hundreds per transaction, not one each.

A batch's handlers write through a `BatchTx`, which holds writes back and sends them
in as few round trips as their order allows; `Facts` remembers, between batches,
what never changes once recorded, so a handler seldom has to ask the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.projections.sql import Tx


class BatchTx(Tx):
    """The transaction a batch of events is applied in. Writes are queued and sent
    in as few round trips as their order allows:

    - `write()` queues a statement; a run of the same statement is sent as one
      `executemany`, and any read (`rows`, `one`) sends what is queued first, so the
      statements take effect in the order they were written;
    - `set_version()` remembers a record's latest version, written once per record
      at the end of the batch (nothing in a batch reads a version);
    - `audit()` queues the event's audit row, inserted by `insert_audit()` at the
      end (nothing in a batch reads the audit log).

    `facts` holds what never changes once recorded (a record's council, whether a
    resolution or agenda item is exempt), kept across batches by the read model."""

    def __init__(self, cursor: Any, *, postgres: bool, prefix: str, facts: Facts) -> None:
        super().__init__(cursor, postgres=postgres, prefix=prefix)
        self.facts = facts
        self._statement: str | None = None
        self._queued: list[tuple[Any, ...]] = []
        self._versions: dict[str, dict[str, int]] = {}
        self._audit: list[tuple[Any, ...]] = []

    def write(self, statement: str, params: Sequence[Any] = ()) -> None:
        sql = self.sql(statement)
        if sql != self._statement:
            self._send()
            self._statement = sql
        self._queued.append(tuple(params))

    def set_version(self, table: str, record_id: str, version: int) -> None:
        self._versions.setdefault(table, {})[record_id] = version

    def audit(self, row: tuple[Any, ...]) -> None:
        self._audit.append(row)

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self._send()
        return super().rows(statement, params)

    def finish(self) -> None:
        """Send every write still queued, then each record's latest version."""
        self._send()
        for table, versions in self._versions.items():
            if self.postgres:  # one statement per table, however many records
                self.run(
                    f"UPDATE {{p}}{table} AS t SET version = v.version "
                    "FROM unnest(?::text[], ?::integer[]) AS v (id, version) "
                    "WHERE t.id = v.id",
                    (list(versions), list(versions.values())),
                )
            else:
                self._many(
                    f"UPDATE {{p}}{table} SET version = ? WHERE id = ?",
                    [(version, record_id) for record_id, version in versions.items()],
                )
        self._versions.clear()

    def insert_audit(self) -> None:
        """Insert the batch's audit rows: COPY on PostgreSQL (which cannot run in a
        pipeline, so this comes after it), one executemany on SQLite."""
        if self.postgres and self._audit:
            with self.cursor.copy(
                self.sql(f"COPY {{p}}read_audit ({AUDIT_COLUMNS}) FROM STDIN")
            ) as copy:
                for row in self._audit:
                    copy.write_row(row)
        else:
            self._many(
                f"INSERT INTO {{p}}read_audit ({AUDIT_COLUMNS}) "
                f"VALUES ({', '.join('?' * len(AUDIT_COLUMNS.split(',')))})",
                self._audit,
            )
        self._audit.clear()

    def _send(self) -> None:
        if self._statement is not None:
            self._many_sql(self._statement, self._queued)
            self._statement, self._queued = None, []

    def _many(self, statement: str, params: list[tuple[Any, ...]]) -> None:
        self._many_sql(self.sql(statement), params)

    def _many_sql(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        if len(params) == 1:
            self.cursor.execute(sql, params[0])
        elif params:
            self.cursor.executemany(sql, params)


AUDIT_COLUMNS = (
    "position, aggregate_id, aggregate_type, version, event, recorded_at, "
    "effective_date, recorded_by, council, exempt, summary, data"
)


class Facts:
    """What never changes once recorded, remembered between batches so that applying
    an event seldom has to ask the database. Bounded: the oldest half is forgotten
    when it is full, so memory stays flat however long the history."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._known: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        return self._known.get(key)

    def __contains__(self, key: Any) -> bool:
        return key in self._known

    def remember(self, key: Any, value: Any) -> None:
        if len(self._known) >= self.limit:
            for old in list(self._known)[: self.limit // 2]:
                del self._known[old]
        self._known[key] = value

    def clear(self) -> None:
        self._known.clear()
