"""Where the read models live: SQL tables beside the event store.

A read model is one of the library's tracking recorders (SQLite or PostgreSQL)
with our tables added. `apply()` writes a batch of events and the tracking
position in the same transaction, and the tracking insert refuses a position
already applied, so each event is applied exactly once, even when two processes
race to catch up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from domain.projections.handlers import apply_event
from domain.projections.tables import POSTGRES_SEARCH, READ_TABLES, SQLITE_SEARCH, TABLES
from domain.stores import store_env

UPSTREAM = "minutebook"  # the application whose events the read models follow


class Tx:
    """One transaction on the read store. SQL is written with `?` placeholders and
    `{p}` before table names; both are adapted to the dialect here."""

    def __init__(self, cursor: Any, *, postgres: bool, prefix: str) -> None:
        self.cursor = cursor
        self.postgres = postgres
        self.prefix = prefix
        self.memo: dict[Any, Any] = {}  # facts that never change, kept for this transaction

    def sql(self, statement: str) -> str:
        statement = statement.replace("{p}", self.prefix)
        return statement.replace("?", "%s") if self.postgres else statement

    def run(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self.sql(statement), tuple(params))

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self.run(statement, params)
        return [dict(row) for row in self.cursor.fetchall()]

    def one(self, statement: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.rows(statement, params)
        return rows[0] if rows else None


class ReadModel:
    """What both dialects share. Mixed into the library's tracking recorders."""

    postgres = False
    prefix = ""
    datastore: Any

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        with self.datastore.transaction(commit=False) as c:
            yield Tx(c, postgres=self.postgres, prefix=self.prefix)

    @contextmanager
    def writing(self) -> Iterator[Tx]:
        with self.datastore.transaction(commit=True) as c:
            yield Tx(c, postgres=self.postgres, prefix=self.prefix)

    def ensure_table(self, ddl: str) -> None:
        """Create a table of the web edge's beside the read models (never dropped by a
        rebuild), once, even when several processes start at the same moment."""
        with self.writing() as tx:
            if self.postgres:
                tx.run("SELECT pg_advisory_xact_lock(73318)")
            tx.run(ddl)

    def position(self) -> int:
        """The global position of the last event applied (0 when none has been)."""
        return self.max_tracking_id(UPSTREAM) or 0  # type: ignore[attr-defined]

    def apply(self, batch: Sequence[tuple[Any, Tracking]]) -> None:
        """Apply a batch of events and record its last position, all or nothing."""
        if not batch:
            return
        with self.datastore.transaction(commit=True) as c:
            # Tracking first: a batch applied already (by another process) fails here.
            self._insert_tracking(c, batch[-1][1])  # type: ignore[attr-defined]
            tx = Tx(c, postgres=self.postgres, prefix=self.prefix)
            for domain_event, tracking in batch:
                apply_event(tx, domain_event, tracking.notification_id)

    def drop(self) -> None:
        """Forget every read model and the position: the next catch-up starts from 1."""
        with self.writing() as tx:
            for table in READ_TABLES:
                tx.run(f"DROP TABLE IF EXISTS {{p}}{table}")
            self._drop_extras(tx)
            tx.run(f"DELETE FROM {self.tracking_table()} WHERE application_name = ?",
                   (UPSTREAM,))
        self.create_read_tables()

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every read model, in a canonical order, for comparisons; the
        same on both dialects (search indexes are derived from `search_text`)."""
        dump = {}
        with self.reading() as tx:
            for table in READ_TABLES:
                rows = tx.rows(f"SELECT * FROM {{p}}{table}")
                for row in rows:
                    row.pop("search_vector", None)  # derived by PostgreSQL from search_text
                dump[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True,
                                                                    default=str))
        return dump

    def create_read_tables(self) -> None:
        raise NotImplementedError

    def tracking_table(self) -> str:
        raise NotImplementedError

    def _drop_extras(self, tx: Tx) -> None:
        pass


class SQLiteReadModel(ReadModel, SQLiteTrackingRecorder):
    def construct_create_table_statements(self) -> list[str]:
        ours = [t.replace("{p}", "") for t in [*TABLES, *SQLITE_SEARCH]]
        return [*super().construct_create_table_statements(), *ours]

    def create_read_tables(self) -> None:
        with self.writing() as tx:
            for statement in [*TABLES, *SQLITE_SEARCH]:
                tx.run(statement)

    def tracking_table(self) -> str:
        return "tracking"

    def _drop_extras(self, tx: Tx) -> None:
        tx.run("DROP TABLE IF EXISTS read_resolution_search")


class PostgresReadModel(ReadModel, PostgresTrackingRecorder):
    postgres = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix = f'"{self.datastore.schema}".'

    def create_table(self) -> None:
        super().create_table()
        self.create_read_tables()

    def create_read_tables(self) -> None:
        with self.writing() as tx:
            # Serialise DDL between processes starting at once.
            tx.run("SELECT pg_advisory_xact_lock(73317)")
            for statement in [*TABLES, *POSTGRES_SEARCH]:
                tx.run(statement)

    def tracking_table(self) -> str:
        return f"{self.prefix}{self.tracking_table_name}"


def open_read_model(database_url: str) -> ReadModel:
    """The read store for a DATABASE_URL: the same database as the events (an
    in-memory event store gets an in-memory SQLite read store of its own)."""
    env = store_env(database_url)
    if env["PERSISTENCE_MODULE"] == "eventsourcing.popo":
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": f"file:minutebook-read-{uuid4().hex}?mode=memory&cache=shared",
        }
    factory = InfrastructureFactory.construct(Environment("minutebook_views", env))
    if env["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        return factory.tracking_recorder(PostgresReadModel)
    return factory.tracking_recorder(SQLiteReadModel)
