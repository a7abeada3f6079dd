"""Moving a store: every stored event out as JSON lines, and into another, empty store.

Each line is one event, exactly as stored (its `state` is the library's own encoding,
kept byte for byte), in the order of the global log:

    {"position": 1, "originator_id": "…", "originator_version": 1,
     "topic": "domain.committees:Committee.Established", "state": "{…}"}

Snapshots are not moved: they are derived, and taken again as records grow.
Positions are given anew by the target store, in the same order (a source with
gaps in its positions, as PostgreSQL can leave, is numbered without them).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.errors import DomainError
from domain.service import Minutebook

BATCH = 1000


class TransferError(DomainError):
    """Raised when an export cannot be imported: the target is not empty, or a line is
    not an event."""


def export_events(service: Minutebook, out: TextIO) -> int:
    count, start = 0, 1
    while True:
        notifications = service.recorder.select_notifications(start=start, limit=BATCH)
        for n in notifications:
            out.write(json.dumps(_line(n), ensure_ascii=False) + "\n")
        count += len(notifications)
        if len(notifications) < BATCH:
            return count
        start = notifications[-1].id + 1


def _line(n: Any) -> dict[str, Any]:
    line = {"position": n.id, "originator_id": str(n.originator_id),
            "originator_version": n.originator_version, "topic": n.topic}
    try:
        line["state"] = n.state.decode("utf-8")
    except UnicodeDecodeError:  # compressed or encrypted stores
        line["state"] = base64.b64encode(n.state).decode()
        line["encoding"] = "base64"
    return line


def check_export(lines: Iterable[str]) -> int:
    """Read a whole export without writing anything; returns how many events it holds."""
    return sum(1 for _ in read_events(lines))


def import_events(service: Minutebook, lines: Iterable[str]) -> int:
    """Load an export into an empty store, in batches. Check it with `check_export`
    first: a bad line found here would leave the batches before it imported."""
    if service.recorder.max_notification_id():
        raise TransferError("the target store already holds events: import only into an "
                            "empty store")
    count, batch = 0, []
    for event in read_events(lines):
        batch.append(event)
        if len(batch) == BATCH:
            service.recorder.insert_events(batch)
            count, batch = count + len(batch), []
    if batch:
        service.recorder.insert_events(batch)
        count += len(batch)
    return count


def read_events(lines: Iterable[str]) -> Iterator[StoredEvent]:
    previous = 0
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            position = line["position"]
            if not isinstance(position, int) or position <= previous:
                raise ValueError("positions must rise line by line")
            previous = position
            version = line["originator_version"]
            if not isinstance(version, int) or version < 1:
                raise ValueError("originator_version must be a whole number from 1")
            state = line["state"]
            state = (base64.b64decode(state) if line.get("encoding") == "base64"
                     else state.encode("utf-8"))
            yield StoredEvent(UUID(line["originator_id"]), version, str(line["topic"]), state)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise TransferError(f"line {number} is not an exported event: {e}") from None
