"""Keeping the read models up to date: catch up, follow, wait, rebuild.

The embedded default catches up in the process that wrote (read your writes);
a PostgreSQL deployment may instead run `follow()` in a worker process of its
own, and readers `wait_for()` the position their write returned.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import psycopg
from eventsourcing.persistence import (
    ApplicationRecorder,
    IntegrityError,
    InterfaceError,
    Mapper,
    OperationalError,
)
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg.sql import SQL, Identifier

from domain.projections.positions import tracking
from domain.projections.store import ReadModel

REBUILD_BATCH = 500
CATCH_UP_BATCH = 500


class EventLog(Protocol):
    """What the projector reads events from: the write side's recorder, for its
    notifications in order, and its mapper, to turn each back into a domain event.
    The application (Minutebook) is one; the read side needs nothing else of it."""

    @property
    def recorder(self) -> ApplicationRecorder: ...

    @property
    def mapper(self) -> Mapper[Any]: ...


class Projector:
    def __init__(self, events: EventLog, read_model: ReadModel) -> None:
        self.events = events
        self.read_model = read_model
        self._lock = threading.Lock()

    def catch_up(
        self, *, batch_size: int = CATCH_UP_BATCH, progress: Callable[[int], None] | None = None
    ) -> int:
        """Apply every event recorded since the read models' position, in batches.
        Returns how many events this call applied."""
        applied = 0
        with self._lock:
            while True:
                start = self.read_model.position() + 1
                notifications = self.events.recorder.select_notifications(
                    start=start, limit=batch_size
                )
                if not notifications:
                    if applied or self.read_model.may_be_rebuilding:
                        self.read_model.rebuild_finished()  # complete: readers welcome
                    return applied
                batch = [
                    (self.events.mapper.to_domain_event(n), tracking(n.id)) for n in notifications
                ]
                try:
                    self.read_model.apply(batch)
                except IntegrityError:
                    # Another process applied these first: carry on from where it got to.
                    if self.read_model.position() >= notifications[0].id:
                        continue
                    raise
                applied += len(batch)
                if progress is not None:
                    progress(applied)

    def rebuild(
        self, *, batch_size: int = REBUILD_BATCH, progress: Callable[[int], None] | None = None
    ) -> int:
        """Drop every read model and replay the whole event store into them."""
        with self._lock:
            self.read_model.drop()
        applied = self.catch_up(batch_size=batch_size, progress=progress)
        self.read_model.analyse()
        return applied

    def is_behind(self) -> bool:
        return (self.events.recorder.max_notification_id() or 0) > self.read_model.position()

    def wait_for(self, position: int, *, timeout: float = 5.0, interval: float = 0.01) -> bool:
        """Wait until the read models have applied `position`; False on timeout."""
        deadline = time.monotonic() + timeout
        while self.read_model.position() < position:
            if time.monotonic() >= deadline:
                return False
            time.sleep(interval)
        return True

    def follow(
        self,
        stop: threading.Event,
        *,
        interval: float = 0.05,
        batch_size: int = CATCH_UP_BATCH,
        on_batch: Callable[[int], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Keep catching up until `stop` is set (the projection worker's loop). On
        PostgreSQL it wakes as soon as an event is recorded (see Doorbell); on any
        store it also looks every `interval` seconds. A lost connection to the
        database (dropped, restarted, failed over) is reported to `on_error` and
        tried again after a pause that grows while it lasts: a worker that exited
        instead would leave every reader waiting until someone restarted it."""
        bell = Doorbell.for_store(self.events)
        pause = BackOff()
        try:
            while not stop.is_set():
                bell.clear()  # before catching up: a ring from now on is not missed
                try:
                    applied = self.catch_up(batch_size=batch_size)
                    if applied and on_batch is not None:
                        on_batch(applied)
                except CONNECTION_ERRORS as e:
                    (on_error or _log_error)(e)
                    stop.wait(pause.next())
                    continue
                pause.reset()
                if not applied:
                    bell.wait(stop, interval)
        finally:
            bell.close()


# What a dropped or refused connection raises: psycopg's own errors, and the
# library's, which wrap them (OperationalError also covers a pool that cannot hand
# out a connection in time, and SQLite's "database is locked").
CONNECTION_ERRORS = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def _log_error(error: Exception) -> None:
    logging.getLogger(__name__).warning("catching up failed, trying again: %s", error)


class BackOff:
    """Pauses between attempts that fail in a row: `first` seconds, doubling up to
    `most`; back to `first` after an attempt succeeds."""

    def __init__(self, first: float = 0.1, most: float = 5.0) -> None:
        self.first, self.most, self._next = first, most, first

    def next(self) -> float:
        pause, self._next = self._next, min(self._next * 2, self.most)
        return pause

    def reset(self) -> None:
        self._next = self.first


class Doorbell:
    """Rings when the event store has new events. The library's PostgreSQL recorder
    sends NOTIFY on its channel with every write, and a thread here LISTENs for it;
    other stores have no bell, and waiting is plain polling."""

    @classmethod
    def for_store(cls, events: EventLog) -> Doorbell:
        recorder = events.recorder
        if isinstance(recorder, PostgresApplicationRecorder):
            return ListeningDoorbell(recorder.datastore, recorder.channel_name)
        return cls()

    def clear(self) -> None:
        pass

    def wait(self, stop: threading.Event, interval: float) -> None:
        """Until the bell rings, `stop` is set, or `interval` seconds pass."""
        stop.wait(interval)

    def close(self) -> None:
        pass


class ListeningDoorbell(Doorbell):
    def __init__(self, datastore: PostgresDatastore, channel: str) -> None:
        self._rang = threading.Event()
        self._datastore = datastore
        self._channel = channel
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="doorbell", daemon=True)
        self._thread.start()

    def clear(self) -> None:
        self._rang.clear()

    def wait(self, stop: threading.Event, interval: float) -> None:
        deadline = time.monotonic() + interval
        while not stop.is_set() and not self._rang.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._rang.wait(min(left, 0.1))  # and look at `stop` ten times a second

    def close(self) -> None:
        self._closed.set()
        self._thread.join(timeout=5)

    def _listen(self) -> None:
        while not self._closed.is_set():
            try:
                with self._datastore.get_connection() as conn:
                    conn.execute(SQL("LISTEN {0}").format(Identifier(self._channel)))
                    self._rang.set()  # events may have come while (re)connecting
                    try:
                        while not self._closed.is_set():
                            for _ in conn.notifies(timeout=0.2, stop_after=1):
                                self._rang.set()
                    finally:
                        conn.execute("UNLISTEN *")
            except Exception:  # the database went away: poll until it is back
                self._rang.set()
                self._closed.wait(1.0)
