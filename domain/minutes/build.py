"""The records one minutes document names, loaded or begun and changed in memory:
what every step of recording it shares (domain/minutes/recording.py).

A step runs one method of a record; a rule it breaks becomes a `Problem` at its path
in the document, and checking goes on. Nothing is stored until `save`, which writes
every pending event of every record in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from domain.committees import Committee
from domain.errors import DomainError
from domain.provenance import NONE_CITED, fact_key
from domain.recording import RecordedAggregate, today
from domain.service.base import ServiceBase, in_effect
from domain.values import Source

A = TypeVar("A", bound=RecordedAggregate)
CHANGED = "the minutes document was recorded again with this changed"
MENTIONED = "not minuted in this document: known from this mention, and recorded as {how}"


@dataclass(frozen=True)
class Problem:
    """What is wrong at one place in the document: its path, the rule, and why."""

    path: str
    rule: str
    message: str


@dataclass(frozen=True)
class Recorded:
    """One record the document touches: its id, version and the position of its last
    event in the global log (None if this document added nothing to it)."""

    kind: str
    id: UUID
    version: int
    position: int | None
    new_events: int


@dataclass(frozen=True)
class MinutesReceipt:
    meeting_id: UUID
    records: list[Recorded]

    @property
    def new_events(self) -> int:
        return sum(r.new_events for r in self.records)

    @property
    def position(self) -> int | None:
        return max((r.position for r in self.records if r.position is not None), default=None)


class Build:
    """The document, the records it names, and the problems found so far."""

    def __init__(
        self,
        service: ServiceBase,
        doc: dict[str, Any],
        recorded_by: str,
        may_establish: bool,
        mentioned: str = MENTIONED,
    ) -> None:
        self.mentioned_reason = mentioned
        self.service = service
        self.doc = doc
        self.by = recorded_by
        self.may_establish = may_establish
        self.on: date = doc["date"]
        self.sitting: int = doc.get("sitting") or 1  # which of the committee's meetings that day
        self.records: dict[UUID, RecordedAggregate] = {}
        self.stored_events: dict[UUID, list[Any]] = {}
        self.problems: list[Problem] = []
        self.conflicts: list[Problem] = []
        self.retitled: dict[str, str] = {}  # item key → the title it had

    def get(self, kind: type[A], record_id: UUID) -> A | None:
        if record_id not in self.records:
            if not self.service.exists(record_id):
                return None
            self.records[record_id] = self.service._get(kind, record_id)
        found = self.records[record_id]
        return found if isinstance(found, kind) else None

    def add(self, record: A) -> A:
        self.records[record.id] = record
        return record

    def attempt(self, path: str, step: Callable[[], Any]) -> Any:
        """Run one step; a rule it breaks is a problem at `path`, and checking goes on."""
        try:
            return step()
        except DomainError as e:
            self.problems.append(Problem(path, e.rule, str(e)))
            return None

    def conflict(self, path: str, message: str) -> None:
        self.conflicts.append(Problem(path, "cannot-change-so", message))

    def correct(self, record: Any, path: str, subject: str, field: str, value: Any, **at) -> None:
        self.attempt(
            path,
            lambda: record.correct(
                subject,
                field,
                None if value is None else str(value),
                reason=self.doc.get("reason") or CHANGED,
                effective_date=today(),
                recorded_by=self.by,
                **at,
            ),
        )

    def history(self, record: RecordedAggregate) -> list[Any]:
        """Every event of a record: those stored, then those this document adds."""
        saved = record.version - len(record.pending_events)
        stored = list(self.service.events.get(record.id))[:saved] if saved else []
        return [*stored, *record.pending_events]

    def members_on(self, committee: Committee, day: date) -> set[str]:
        """Who sat on the committee that day, counting what this document appoints."""
        built = in_effect(self.history(committee), day)
        return set() if built is None else set(built.members)

    def source(self, locator: str | None = None) -> Source:
        doc = self.doc
        inferred = doc.get("inferred") if not locator else None
        return Source(doc["document"], doc.get("source") or None, locator, inferred)

    def cite(self, record: Any, path: str, subject: str, source: Source, **at: Any) -> None:
        key = next(iter(at.values()), None)
        if fact_key(subject, key) in getattr(record, "sources", NONE_CITED):
            return
        self.attempt(
            path,
            lambda: record.cite(subject, source, effective_date=self.on, recorded_by=self.by, **at),
        )

    def save(self) -> MinutesReceipt:
        changed = [r for r in self.records.values() if r.pending_events]
        new = {r.id: len(r.pending_events) for r in changed}
        recordings = self.service.save(*changed) if changed else []
        positions: dict[UUID, int] = {}
        for r in recordings:
            n = r.notification
            positions[n.originator_id] = max(positions.get(n.originator_id, 0), n.id)
        cache = self.service.repository.cache
        if cache is not None:
            for record in changed:
                cache.put(record.id, record)
        return MinutesReceipt(
            self.meeting_id,
            [
                Recorded(
                    type(r).__name__.lower(),
                    r.id,
                    r.version,
                    positions.get(r.id),
                    new.get(r.id, 0),
                )
                for r in self.records.values()
            ],
        )


def where(item: dict[str, Any]) -> str:
    if item.get("minute"):
        return f"minute {item['minute']}"
    if item.get("agenda_number"):
        return f"agenda item {item['agenda_number']}"
    return f"the item headed {item['title']!r}"
