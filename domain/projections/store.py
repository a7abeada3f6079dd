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
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from domain.projections.handlers import apply_event
from domain.projections.tables import (
    POSTGRES_SEARCH,
    READ_TABLES,
    SHAPE,
    SQLITE_SEARCH,
    TABLES,
)
from domain.stores import store_env

UPSTREAM = "minutebook"  # the application whose events the read models follow


class Tx:
    """One transaction on the read store. SQL is written with `?` placeholders and
    `{p}` before table names; both are adapted to the dialect here."""

    def __init__(self, cursor: Any, *, postgres: bool, prefix: str) -> None:
        self.cursor = cursor
        self.postgres = postgres
        self.prefix = prefix

    def sql(self, statement: str) -> str:
        key = (statement, self.postgres, self.prefix)
        sql = _DIALECT.get(key)
        if sql is None:
            if len(_DIALECT) >= 10_000:  # statements are few; schemas (in tests) many
                _DIALECT.clear()
            sql = statement.replace("{p}", self.prefix)
            sql = _DIALECT[key] = sql.replace("?", "%s") if self.postgres else sql
        return sql

    def run(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self.sql(statement), tuple(params))

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self.run(statement, params)
        return [dict(row) for row in self.cursor.fetchall()]

    def one(self, statement: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.rows(statement, params)
        return rows[0] if rows else None


_DIALECT: dict[tuple[str, bool, str], str] = {}  # statements as written -> as run


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
    "effective_date, actor, council, exempt, summary, data"
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


def _rebuild_marked(tx: Tx) -> bool:
    """Whether a rebuild has dropped the read models and not yet finished them."""
    return tx.one("SELECT started_at FROM {p}read_rebuild LIMIT 1") is not None


class ReadModelRebuilding(Exception):
    """Raised when the read models are being rebuilt from the first event (and so are
    not complete): a reader is asked to come back rather than shown partial data."""


class ReadModel:
    """What both dialects share. Mixed into the library's tracking recorders.

    A rebuild drops the read models and marks them incomplete (a row in `read_rebuild`)
    in one transaction; the catch-up that reaches the last event clears the mark, in
    whichever process it runs (so a rebuild that was killed is finished by the next
    catch-up). Every read of the read models begins by looking for the mark, and
    refuses (ReadModelRebuilding) while it is there, so no reader ever sees the partial
    tables of a rebuild: on SQLite a read transaction sees one snapshot, taken at its
    first read; on PostgreSQL the rebuild locks `read_rebuild` before it drops anything,
    which waits for the reads in progress and holds new ones until the mark is visible.
    """

    postgres = False
    prefix = ""
    datastore: Any

    @contextmanager
    def reading(self, *, of_read_models: bool = True) -> Iterator[Tx]:
        """A read transaction; `of_read_models=False` for tables a rebuild never drops
        (the web edge's tokens and idempotency keys)."""
        with self.datastore.transaction(commit=False) as c:
            tx = Tx(c, postgres=self.postgres, prefix=self.prefix)
            if of_read_models and _rebuild_marked(tx):
                self.may_be_rebuilding = True
                raise ReadModelRebuilding(
                    "the read models are being rebuilt from the first event; retry shortly"
                )
            yield tx

    # Whether this process may have to clear a rebuild's mark: so from the start, and
    # once it has dropped the read models or met the mark; a catch-up that applied
    # events looks for the mark too (a rebuild killed in another process left it).
    may_be_rebuilding = True

    def rebuild_finished(self) -> bool:
        """Clear the rebuild's mark, if there is one: called once a catch-up has applied
        every event recorded. True if it was there."""
        with self.reading(of_read_models=False) as tx:
            marked = _rebuild_marked(tx)
        if marked:
            with self.writing() as tx:
                tx.run("DELETE FROM {p}read_rebuild")
        self.may_be_rebuilding = False
        return marked

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

    def _pipelined(self, cursor: Any) -> AbstractContextManager[Any]:
        return nullcontext()

    def drop(self) -> None:
        """Forget every read model and the position: the next catch-up starts from 1
        (and readers are refused until it has applied every event)."""
        with self.writing() as tx:
            self._lock_schema(tx)
            self._reset(tx)
        self.facts.clear()

    def ensure_shape(self) -> None:
        """Drop the read models if they were made with another shape (an older
        version of Minutebook), so that the next catch-up rebuilds them."""
        with self.writing() as tx:
            self._lock_schema(tx)
            made = tx.one("SELECT shape FROM {p}read_shape")
            if made is None or made["shape"] != SHAPE:
                self._reset(tx)
            else:  # the same shape: make any table that has gone missing
                for statement in self.read_table_statements():
                    tx.run(statement)
        self.facts.clear()

    def _reset(self, tx: Tx) -> None:
        if self.postgres:  # wait for the reads in progress; hold new ones until committed
            tx.run("LOCK TABLE {p}read_rebuild IN ACCESS EXCLUSIVE MODE")
        tx.run("DELETE FROM {p}read_rebuild")
        tx.run(
            "INSERT INTO {p}read_rebuild (started_at) VALUES (?)", (datetime.now(UTC).isoformat(),)
        )
        self.may_be_rebuilding = True
        for table in READ_TABLES:
            tx.run(f"DROP TABLE IF EXISTS {{p}}{table}")
        self._drop_extras(tx)
        tx.run(f"DELETE FROM {self.tracking_table()} WHERE application_name = ?", (UPSTREAM,))
        for statement in self.read_table_statements():
            tx.run(statement)
        tx.run("DELETE FROM {p}read_shape")
        tx.run("INSERT INTO {p}read_shape (shape) VALUES (?)", (SHAPE,))

    def _lock_schema(self, tx: Tx) -> None:
        """Serialise changes to the tables between processes starting at once, and
        make sure the table of the read models' shape is there."""
        if self.postgres:
            tx.run("SELECT pg_advisory_xact_lock(73317)")
        tx.run("CREATE TABLE IF NOT EXISTS {p}read_shape (shape TEXT NOT NULL)")
        tx.run("CREATE TABLE IF NOT EXISTS {p}read_rebuild (started_at TEXT NOT NULL)")
        if not self.postgres:  # take SQLite's write lock now, before reading anything
            tx.run("UPDATE read_shape SET shape = shape")

    def read_table_statements(self) -> list[str]:
        raise NotImplementedError

    def analyse(self) -> None:
        """Refresh the query planner's statistics, as after a rebuild has written every
        row (PostgreSQL's autovacuum would get there, but only some time later)."""
        with self.writing() as tx:
            if self.postgres:
                for table in READ_TABLES:
                    tx.run(f"ANALYZE {{p}}{table}")
            else:
                tx.run("PRAGMA analysis_limit = 1000")  # sampled: quick at any size
                tx.run("ANALYZE")

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

    def _drop_extras(self, tx: Tx) -> None:
        pass


class SQLiteReadModel(ReadModel, SQLiteTrackingRecorder):
    def read_table_statements(self) -> list[str]:
        return [*TABLES, *SQLITE_SEARCH]

    def tracking_table(self) -> str:
        return "tracking"

    def _drop_extras(self, tx: Tx) -> None:
        tx.run("DROP TABLE IF EXISTS read_resolution_search")


class PostgresReadModel(ReadModel, PostgresTrackingRecorder):
    postgres = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix = f'"{self.datastore.schema}".'

    def read_table_statements(self) -> list[str]:
        return [*TABLES, *POSTGRES_SEARCH]

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
