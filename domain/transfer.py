"""Moving a store: every stored event out as JSON lines, and into another, empty store.

Each line is one event, exactly as stored (its `state` is the library's own encoding,
kept byte for byte), in the order of the global log:

    {"position": 1, "originator_id": "…", "originator_version": 1,
     "topic": "domain.committees:Committee.Established", "state": "{…}"}

With the ledger's leaves (the `export-events` command), a line also carries
`"leaf_index"` and `"leaf_hash"`, the leaf the ledger recorded for that position;
an import ignores them.

Snapshots are not moved: they are derived, and taken again as records grow.
Positions are given anew by the target store, in the same order (a source with
gaps in its positions, as PostgreSQL can leave, is numbered without them).

An import trusts nothing in the file. One stored event that its class cannot read
would make every catch-up of the read models fail, and so every read, and the store
would then refuse a second import. So the whole file is checked before anything is
written, each event decoded through its own class, and a file with one bad line is
refused, naming the line and the rule it breaks. The check keeps only each record's
last version and kind in memory, whatever the size of the file.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, TextIO, TypeVar, Union, get_args, get_origin, get_type_hints
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from domain.errors import DomainError
from domain.recording import EARLIEST, LATEST, RecordedAggregate
from domain.service import Minutebook  # which imports every kind of record

BATCH = 1000
# The ledger's leaf (index, hash hex) of each of some positions it holds.
LeafLookup = Callable[[list[int]], dict[int, tuple[int, str]]]


class TransferError(DomainError):
    """Raised when an export cannot be imported."""


class StoreNotEmpty(TransferError):
    """Raised when the target store already holds events."""


class CorruptExport(TransferError):
    """Raised when a line of an export is not an event this system could have stored."""

    def __init__(self, line: int, detail: str) -> None:
        self.line = line
        super().__init__(f"line {line} is not an exported event ({self.rule}): {detail}")


class MalformedLine(CorruptExport):
    """Raised when a line is not JSON with an exported event's fields."""


class PositionsOutOfOrder(CorruptExport):
    """Raised when a line's position is not after the position of the line before."""


class BadOriginatorId(CorruptExport):
    """Raised when a line's originator id is not a UUID."""


class UnknownTopic(CorruptExport):
    """Raised when a topic names no event of any kind of record of ours."""


class UndecodableState(CorruptExport):
    """Raised when a state is not its event class's JSON: unreadable, a field missing
    or extra, or a value of the wrong type."""


class VersionGap(CorruptExport):
    """Raised when a record's versions do not start at 1 and rise by one."""


class NotCreatedFirst(CorruptExport):
    """Raised when a record's first event does not create it, or a later one does."""


class MixedRecord(CorruptExport):
    """Raised when a record's events belong to more than one kind of record."""


def export_events(
    service: Minutebook,
    out: TextIO,
    leaves: LeafLookup | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every stored event; with `leaves` (the ledger's), each line also carries the
    leaf the ledger recorded for its position (`leaf_index`, `leaf_hash`), so that an
    auditor's verifier can name what changed, not only that something did. `progress`
    is told how many are written after each batch."""
    count, start = 0, 1
    while True:
        notifications = service.recorder.select_notifications(start=start, limit=BATCH)
        recorded = leaves([n.id for n in notifications]) if leaves and notifications else {}
        for n in notifications:
            line = _line(n)
            if n.id in recorded:
                line["leaf_index"], line["leaf_hash"] = recorded[n.id]
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += len(notifications)
        if progress is not None:
            progress(count)
        if len(notifications) < BATCH:
            return count
        start = notifications[-1].id + 1


def _line(n: Any) -> dict[str, Any]:
    line = {
        "position": n.id,
        "originator_id": str(n.originator_id),
        "originator_version": n.originator_version,
        "topic": n.topic,
    }
    try:
        line["state"] = n.state.decode("utf-8")
    except UnicodeDecodeError:  # compressed or encrypted stores
        line["state"] = base64.b64encode(n.state).decode()
        line["encoding"] = "base64"
    return line


def check_export(service: Minutebook, lines: Iterable[str]) -> int:
    """Read a whole export without writing anything; returns how many events it holds."""
    return sum(1 for _ in read_events(service, lines))


def import_events(
    service: Minutebook, path: str | Path, *, progress: Callable[[int], None] | None = None
) -> int:
    """Load an export into an empty store: all of it or, if any line is corrupt,
    nothing. The file is checked whole first, then written in batches; `progress` is
    told how many are written after each."""
    _check_empty(service)
    with open(path, encoding="utf-8") as lines:
        expected = check_export(service, lines)
    count, batch = 0, []
    with open(path, encoding="utf-8") as lines:
        for event in read_events(service, lines):
            batch.append(event)
            if len(batch) == BATCH:
                service.recorder.insert_events(batch)
                count, batch = count + len(batch), []
                if progress is not None:
                    progress(count)
    if batch:
        service.recorder.insert_events(batch)
        count += len(batch)
        if progress is not None:
            progress(count)
    if count != expected:
        raise TransferError(
            f"the file changed while it was imported ({expected} events checked, {count} imported)"
        )
    return count


def _check_empty(service: Minutebook) -> None:
    if service.recorder.max_notification_id():
        raise StoreNotEmpty(
            "the target store already holds events: import only into an empty store"
        )


def read_events(service: Minutebook, lines: Iterable[str]) -> Iterator[StoredEvent]:
    """Each line's event as the store keeps it, once it has passed every check."""
    previous = 0
    records: dict[UUID, tuple[int, type[RecordedAggregate]]] = {}  # last version, kind
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        position, stored = _parse(number, text)
        if position <= previous:
            raise PositionsOutOfOrder(number, f"position {position} does not come after {previous}")
        previous = position
        kind = _decode(service, number, stored)
        _check_sequence(number, stored, kind, records.get(stored.originator_id))
        records[stored.originator_id] = (stored.originator_version, kind)
        yield stored


def _parse(number: int, text: str) -> tuple[int, StoredEvent]:
    """A line's position and stored event, from its outer fields alone."""
    try:
        line = json.loads(text)
        if not isinstance(line, dict):
            raise ValueError("a line must be a JSON object")
        position, version = line["position"], line["originator_version"]
        if type(position) is not int or type(version) is not int or version < 1:
            raise ValueError("position and originator_version must be whole numbers from 1")
        state, topic = line["state"], line["topic"]
        if not isinstance(topic, str) or not isinstance(state, str):
            raise ValueError("topic and state must be strings")
        state = (
            base64.b64decode(state, validate=True)
            if line.get("encoding") == "base64"
            else state.encode("utf-8")
        )
        originator_id = line["originator_id"]
    except KeyError as e:
        raise MalformedLine(number, f"it has no {e.args[0]!r} field") from None
    except (ValueError, TypeError) as e:
        raise MalformedLine(number, str(e) or type(e).__name__) from None
    try:
        originator_id = UUID(originator_id)
    except (ValueError, TypeError, AttributeError):
        raise BadOriginatorId(number, f"{originator_id!r} is not a UUID") from None
    return position, StoredEvent(originator_id, version, topic, state)


def _decode(service: Minutebook, number: int, stored: StoredEvent) -> type[RecordedAggregate]:
    """Decode the event through its own class, as every reader will; returns the kind
    of record it belongs to. Only our own topics are resolved: resolving any other
    would import whatever module the file names."""
    known = event_classes().get(stored.topic)
    if known is None:
        kinds = sorted({kind.__name__.lower() for _, kind in event_classes().values()})
        raise UnknownTopic(
            number, f"{stored.topic!r} is not an event of a record of ours ({', '.join(kinds)})"
        )
    event_class, kind = known
    try:
        event = service.mapper.to_domain_event(stored)
    except Exception as e:  # any failure to decode untrusted bytes is the file's fault
        raise UndecodableState(number, f"{stored.topic}: {e}") from None
    problem = event_problem(event, event_class, kind)
    if problem:
        raise UndecodableState(number, f"{stored.topic}: {problem}")
    return kind


def _check_sequence(
    number: int,
    stored: StoredEvent,
    kind: type[RecordedAggregate],
    last: tuple[int, type[RecordedAggregate]] | None,
) -> None:
    """A record begins with its creation at version 1 and rises one version a time."""
    version, record = stored.originator_version, stored.originator_id
    creation = issubclass(event_classes()[stored.topic][0], RecordedAggregate.Created)
    expected = 1 if last is None else last[0] + 1
    if version != expected:
        raise VersionGap(
            number, f"record {record} is at version {version} where {expected} comes next"
        )
    if last is None and not creation:
        raise NotCreatedFirst(
            number, f"record {record} begins with {stored.topic}, which does not create a record"
        )
    if last is not None and creation:
        raise NotCreatedFirst(number, f"record {record} is created again at version {version}")
    if last is not None and last[1] is not kind:
        raise MixedRecord(
            number,
            f"record {record} is a {last[1].__name__.lower()}, not a {kind.__name__.lower()}",
        )


@cache
def event_classes() -> dict[str, tuple[type, type[RecordedAggregate]]]:
    """Every topic an export may hold: each event class of our aggregates, with the
    aggregate it belongs to."""
    found = {}
    for aggregate in _aggregates():
        for value in vars(aggregate).values():
            if (
                isinstance(value, type)
                and issubclass(value, RecordedAggregate.Event)
                and value not in (aggregate.Event, aggregate.Created)
            ):
                found[get_topic(value)] = (value, aggregate)
    return found


def _aggregates() -> list[type[RecordedAggregate]]:
    """Every kind of record (committee, meeting, resolution…): the aggregate classes
    of the domain package."""
    found, todo = [], [RecordedAggregate]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.startswith("domain."):
                found.append(subclass)
    return found


def event_problem(event: Any, event_class: type, kind: type[RecordedAggregate]) -> str | None:
    """What is wrong with a decoded event, if anything. The mapper sets whatever the
    JSON holds, so a missing field or a value of the wrong type would otherwise show
    only when a reader used it."""
    if not isinstance(event, RecordedAggregate.Event) or type(event) is not event_class:
        return f"decodes to {type(event).__name__}, not a recorded event"
    names, present = {f.name for f in fields(event)}, set(vars(event))
    if names - present:
        return f"field {min(names - present)} is missing"
    if present - names:
        return f"{min(present - names)} is not a field of {event_class.__name__}"
    problem = value_problem(event, skip={"originator_id"})  # the line's own, checked
    if problem:
        return problem
    if not event.recorded_by.strip():
        return "recorded_by is blank"
    if "originator_topic" in names and event.originator_topic != get_topic(kind):
        return f"creates a {event.originator_topic}, not a {get_topic(kind)}"
    return None


def value_problem(obj: Any, where: str = "", skip: set[str] = frozenset()) -> str | None:
    """The first field of a dataclass (an event or a value object in it) whose value
    is not of its declared type."""
    hints = _hints(type(obj))
    for f in fields(obj):
        if f.name not in skip:
            problem = _type_problem(getattr(obj, f.name), hints[f.name], where + f.name)
            if problem:
                return problem
    return None


def _type_problem(value: Any, hint: Any, where: str) -> str | None:
    if not _conforms(value, hint):
        return f"field {where} is not {getattr(hint, '__name__', hint)}: {value!r:.80}"
    if is_dataclass(value):
        return value_problem(value, f"{where}.")
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            if is_dataclass(item) and (problem := value_problem(item, f"{where}[{i}].")):
                return problem
    return None


def _conforms(value: Any, hint: Any) -> bool:
    """Whether a value is of a field's declared type (the few kinds our events use)."""
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        return any(_conforms(value, arg) for arg in get_args(hint))
    if origin in (list, tuple):
        item = (get_args(hint) or (Any,))[0]
        return isinstance(value, origin) and all(_conforms(v, item) for v in value)
    if origin is not None:
        return isinstance(value, origin)
    if hint is Any or isinstance(hint, TypeVar):
        return True
    if hint is NoneType:
        return value is None
    if hint is int:
        return type(value) is int  # not a bool
    if hint is date:
        return type(value) is date and EARLIEST <= value <= LATEST
    if hint is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    if hint is str:
        return isinstance(value, str) and _storable(value)
    return isinstance(value, hint)


def _storable(text: str) -> bool:
    """Whether text can go into a read model: PostgreSQL's text holds no NUL, and a
    lone surrogate (which JSON can spell) is not UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)
