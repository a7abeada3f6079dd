"""Where the read models live: SQL tables beside the event store.

A read model is one of the library's tracking recorders (SQLite or PostgreSQL) with
our tables added. `apply()` writes a batch of events and the tracking position in the
same transaction, and the tracking insert refuses a position already applied, so each
event is applied exactly once, even when two processes race to catch up.

Each job has a module of its own beside this one: `sql` (a transaction, and the
dialects), `batching` (applying many events in one transaction), `positions` (the
tracking position) and `lifecycle` (the tables' shape, and rebuilds).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any
from uuid import uuid4

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from domain.projections import lifecycle
from domain.projections.batching import BatchTx, Facts
from domain.projections.handlers import apply_event
from domain.projections.lifecycle import ReadModelRebuilding, Schema
from domain.projections.positions import UPSTREAM
from domain.projections.sql import Tx
from domain.projections.tables import POSTGRES_SEARCH, READ_TABLES, SQLITE_SEARCH, TABLES
from domain.stores import store_env


class ReadModel:
    """What both dialects share. Mixed into the library's tracking recorders.

    Reads of the read models are refused (ReadModelRebuilding) while a rebuild is
    under way: see `lifecycle` for how a rebuild is marked and finished."""

    postgres = False
    prefix = ""
    schema: Schema
    datastore: Any

    @contextmanager
    def reading(self, *, of_read_models: bool = True) -> Iterator[Tx]:
        """A read transaction; `of_read_models=False` for tables a rebuild never
        drops (those made by `ensure_tables`), or to read the read models whatever
        their state."""
        with self.datastore.transaction(commit=False) as c:
            tx = self._tx(c)
            if of_read_models and lifecycle.rebuild_marked(tx):
                self.may_be_rebuilding = True
                raise ReadModelRebuilding(
                    "the read models are being rebuilt from the first event; retry shortly"
                )
            yield tx

    @contextmanager
    def writing(self) -> Iterator[Tx]:
        with self.datastore.transaction(commit=True) as c:
            yield self._tx(c)

    def ensure_tables(self, *statements: str) -> None:
        """Make tables kept in the read store that are not read models (no event
        writes them, so a rebuild neither drops nor remakes them): `CREATE ... IF NOT
        EXISTS` statements, run once even when several processes start together."""
        with self.writing() as tx:
            if self.postgres:
                tx.run("SELECT pg_advisory_xact_lock(73318)")
            for statement in statements:
                tx.run(statement)

    # Whether this process may have to clear a rebuild's mark: so from the start, and
    # once it has dropped the read models or met the mark; a catch-up that applied
    # events looks for the mark too (a rebuild killed in another process left it).
    may_be_rebuilding = True

    def rebuild_finished(self) -> bool:
        """Clear the rebuild's mark, if there is one: called once a catch-up has applied
        every event recorded. True if it was there."""
        with self.reading(of_read_models=False) as tx:
            marked = lifecycle.rebuild_marked(tx)
        if marked:
            with self.writing() as tx:
                lifecycle.clear_rebuild_mark(tx)
        self.may_be_rebuilding = False
        return marked

    def rebuild_under_way(self) -> bool:
        """Whether a rebuild has dropped the read models and not yet caught up."""
        with self.reading(of_read_models=False) as tx:
            return lifecycle.rebuild_marked(tx)

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
            with self._pipelined(c):
                tx = BatchTx(c, postgres=self.postgres, prefix=self.prefix, facts=self.facts)
                for domain_event, tracking in batch:
                    apply_event(tx, domain_event, tracking.notification_id)
                tx.finish()
            tx.insert_audit()

    @property
    def facts(self) -> Facts:
        if "_facts" not in self.__dict__:
            self._facts = Facts()
        return self._facts

    def drop(self) -> None:
        """Forget every read model and the position: the next catch-up starts from 1
        (and readers are refused until it has applied every event)."""
        with self.writing() as tx:
            lifecycle.lock_schema(tx)
            self._start_over(tx)
        self.facts.clear()

    def ensure_shape(self) -> None:
        """Drop the read models if they were made with another shape (an older
        version of Minutebook), so that the next catch-up rebuilds them."""
        with self.writing() as tx:
            lifecycle.lock_schema(tx)
            if lifecycle.has_current_shape(tx):
                lifecycle.make_missing_tables(tx, self.schema)
            else:
                self._start_over(tx)
        self.facts.clear()

    def _start_over(self, tx: Tx) -> None:
        lifecycle.start_over(tx, self.schema, tracking_table=self.tracking_table())
        self.may_be_rebuilding = True

    def analyse(self) -> None:
        """Refresh the query planner's statistics, as after a rebuild."""
        with self.writing() as tx:
            lifecycle.refresh_statistics(tx)

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every read model, in a canonical order, for comparisons; the
        same on both dialects (search indexes are derived from `search_text`)."""
        dump = {}
        with self.reading(of_read_models=False) as tx:
            for table in READ_TABLES:
                rows = tx.rows(f"SELECT * FROM {{p}}{table}")
                for row in rows:
                    row.pop("search_vector", None)  # derived by PostgreSQL from search_text
                dump[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
        return dump

    def tracking_table(self) -> str:
        raise NotImplementedError

    def _tx(self, cursor: Any) -> Tx:
        return Tx(cursor, postgres=self.postgres, prefix=self.prefix)

    def _pipelined(self, cursor: Any) -> AbstractContextManager[Any]:
        return nullcontext()


class SQLiteReadModel(ReadModel, SQLiteTrackingRecorder):
    schema = Schema((*TABLES, *SQLITE_SEARCH), derived_tables=("read_resolution_search",))

    def tracking_table(self) -> str:
        return "tracking"


class PostgresReadModel(ReadModel, PostgresTrackingRecorder):
    postgres = True
    schema = Schema((*TABLES, *POSTGRES_SEARCH))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix = f'"{self.datastore.schema}".'

    def tracking_table(self) -> str:
        return f"{self.prefix}{self.tracking_table_name}"

    def _pipelined(self, cursor: Any) -> AbstractContextManager[Any]:
        """Send the batch's statements without waiting for each reply (psycopg's
        pipeline mode): only reads, and the end of the batch, wait."""
        return cursor.connection.pipeline()


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
        read_model: ReadModel = factory.tracking_recorder(PostgresReadModel)
    else:
        read_model = factory.tracking_recorder(SQLiteReadModel)
    read_model.ensure_shape()
    return read_model


# UPSTREAM and ReadModelRebuilding live in positions and lifecycle now; code that
# imports them from here, as from where the read store is opened, keeps working.
__all__ = ["UPSTREAM", "ReadModel", "ReadModelRebuilding", "open_read_model"]
