"""Where the benchmark's histories live: fresh SQLite files and PostgreSQL schemas
(every one removed afterwards), and synthetic histories of a wanted size.

Histories come from seeds/synthetic.py's `generate(service, Size(...))`. A size is
reached by scaling the number of councils; each council has the same shape.
Histories bigger than the smallest are generated once, through the service on an
in-memory store, and copied into each store in bulk (the stored events unchanged,
1,000 per transaction), so the PostgreSQL run need not replay 50,000 commands.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import psycopg
from eventsourcing.persistence import StoredEvent

from domain.projections.store import ReadModel, open_read_model
from domain.service import Minutebook
from seeds.synthetic import Size, generate

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SHAPE = {"committees": 3, "members": 9, "meetings": 20, "resolutions": 5}  # per council
READ_BATCH = 500
COPY_BATCH = 1000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def label(events: int) -> str:
    """10000 -> '10k', 1000000 -> '1M'."""
    if events >= 1_000_000 and events % 1_000_000 == 0:
        return f"{events // 1_000_000}M"
    return f"{events // 1000}k" if events % 1000 == 0 else str(events)


class Stores:
    """Fresh stores of one kind. Closes what it opened on them and removes each."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind = kind
        self.folder = folder
        self.made: list[str] = []
        self.closers: dict[str, list[Callable[[], Any]]] = {}

    def fresh(self) -> str:
        name = f"bench_{uuid.uuid4().hex[:12]}"
        if self.kind == "sqlite":
            url = f"sqlite:///{self.folder / name}.sqlite3"
        else:
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{name}"')
            url = f"{POSTGRES_URL}?schema={name}"
        self.made.append(url)
        return url

    def service(self, url: str) -> Minutebook:
        service = Minutebook.from_url(url)
        self.closers.setdefault(url, []).append(service.close)
        return service

    def read_model(self, url: str) -> ReadModel:
        read_model = open_read_model(url)
        self.closers.setdefault(url, []).append(read_model.datastore.close)
        return read_model

    def remove(self, url: str) -> None:
        for close in self.closers.pop(url, []):
            with suppress(Exception):
                close()
        if self.kind == "sqlite":
            path = url[len("sqlite:///") :]
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)
        else:
            schema = url.rsplit("schema=", 1)[1]
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute("SET lock_timeout = '30s'")
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        self.made.remove(url)

    def close(self) -> None:
        for url in list(self.made):
            try:
                self.remove(url)
            except Exception as e:  # keep removing the others, but say so
                log(f"could not remove {url}: {e}")


def read_events(service: Minutebook, batch: int = READ_BATCH) -> Iterator[Any]:
    """Every domain event in the store, in order: the notification log read in
    batches and decoded by the service's mapper, with no projection."""
    start = 1
    while True:
        notifications = service.recorder.select_notifications(start=start, limit=batch)
        if not notifications:
            return
        for n in notifications:
            yield service.mapper.to_domain_event(n)
        start = notifications[-1].id + 1


def copy_events(source: Minutebook, target: Minutebook) -> int:
    """Copy every stored event, in order, in big transactions. Returns the count."""
    start, copied = 1, 0
    while True:
        notifications = source.recorder.select_notifications(start=start, limit=COPY_BATCH)
        if not notifications:
            return copied
        target.recorder.insert_events(
            [
                StoredEvent(
                    originator_id=n.originator_id,
                    originator_version=n.originator_version,
                    topic=n.topic,
                    state=n.state,
                )
                for n in notifications
            ]
        )
        copied += len(notifications)
        start = notifications[-1].id + 1


class Histories:
    """Synthetic histories by wanted event count, generated once each in memory."""

    def __init__(self) -> None:
        self._per_council: float | None = None
        self._made: dict[int, Minutebook] = {}

    def size_for(self, events: int) -> Size:
        if self._per_council is None:
            probe = Minutebook.from_url("memory:")
            generate(probe, Size(councils=1, **SHAPE))
            self._per_council = float(probe.recorder.max_notification_id())
        return Size(councils=max(1, round(events / self._per_council)), **SHAPE)

    def in_memory(self, events: int) -> Minutebook:
        if events not in self._made:
            size = self.size_for(events)
            log(f"  generating the {label(events)} history in memory ({size.councils} councils)")
            service = Minutebook.from_url("memory:")
            generate(service, size)
            self._made[events] = service
        return self._made[events]

    def load(self, stores: Stores, events: int) -> str:
        """A fresh store holding the history of that size."""
        url = stores.fresh()
        copied = copy_events(self.in_memory(events), stores.service(url))
        log(f"  copied {copied:,} events into a fresh {stores.kind} store")
        return url
