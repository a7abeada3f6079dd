"""The service's plumbing: the store, transcodings, get and save.

Library errors are translated here, once, into domain errors.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Self, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from domain.committees import Committee, CommitteeNotFound
from domain.councils import Council, CouncilNotFound
from domain.errors import AlreadyRecorded, ConcurrentChange, InvalidValue, NotFound, StaleVersion
from domain.meetings import Meeting, MeetingNotFound
from domain.recording import RecordedAggregate
from domain.resolutions import Resolution, ResolutionNotFound
from domain.stores import store_env
from domain.transcodings import register_domain_transcodings

A = TypeVar("A", bound=RecordedAggregate)
# One record per event stored, for whoever listens (the web edge logs them as JSON).
STORED = logging.getLogger("minutebook.events")

NOT_FOUND: dict[type, type[NotFound]] = {
    Council: CouncilNotFound,
    Committee: CommitteeNotFound,
    Meeting: MeetingNotFound,
    Resolution: ResolutionNotFound,
}


@dataclass(frozen=True)
class Receipt:
    """What a client needs after a command: which record, its new version, and the
    position of the last event in the global log (to wait for read models)."""

    id: UUID
    version: int
    position: int | None
    item: str | None = None  # the key of an agenda item just added


def replay(aggregate: Any, domain_events: Iterable[Any]) -> Any:
    """Rebuild an aggregate by applying its events in turn. The library's default
    (`project_aggregate`) does the same, but first asserts each event against a
    runtime-checkable Protocol, which costs more than applying it does."""
    for domain_event in domain_events:
        aggregate = domain_event.mutate(aggregate)
    return aggregate


def in_effect(events: list[RecordedAggregate.Event], as_of: date) -> RecordedAggregate | None:
    """A record built from those of its events (oldest first) that had taken effect by
    `as_of`, in the order recorded; None if it had not begun by then. The domain keeps
    every step on or after the step it follows from, so this subset is always one the
    record can be built from.

    Each later step is applied with `apply()`, the state change alone: `mutate()` also
    insists that each event follows the last one applied, which a step skipped (taking
    effect later) breaks. So the record's `version` stays that of its creation."""
    created, *steps = events
    if created.effective_date > as_of:
        return None
    record = created.mutate(None)
    for step in steps:
        if step.effective_date <= as_of:
            step.apply(record)
    return record


class ServiceBase(Application[UUID]):
    name = "minutebook"  # PostgreSQL tables are prefixed with this
    log_section_size = 1000

    @classmethod
    def from_url(cls, database_url: str, **env: str) -> Self:
        return cls(env={**store_env(database_url), **env})

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    # Plumbing ---------------------------------------------------------------

    def _get(
        self,
        kind: type[A],
        aggregate_id: UUID,
        expected_version: int | None = None,
        *,
        at_version: int | None = None,
    ) -> A:
        """Load a record; `expected_version` is the client's If-Match, `at_version`
        rebuilds the record as it was at that version."""
        what = "record" if kind is RecordedAggregate else kind.__name__.lower()
        if not isinstance(aggregate_id, UUID):
            raise InvalidValue(f"{aggregate_id!r} is not a UUID")
        try:
            aggregate = self.repository.get(aggregate_id, version=at_version, projector_func=replay)
        except AggregateNotFoundError:
            raise self.missing(kind, aggregate_id) from None
        if not isinstance(aggregate, kind):
            raise self.missing(kind, aggregate_id)
        if expected_version is not None and aggregate.version != expected_version:
            raise StaleVersion(
                f"the {what} is at version {aggregate.version}, not {expected_version}"
            )
        return aggregate

    @staticmethod
    def missing(kind: type[RecordedAggregate], aggregate_id: UUID) -> NotFound:
        """The error for an id with no record of that kind: also what a record hidden
        from the asker must look like, to the letter."""
        what = "record" if kind is RecordedAggregate else kind.__name__.lower()
        return NOT_FOUND.get(kind, NotFound)(f"no {what} has id {aggregate_id}")

    def _save(
        self, aggregate: RecordedAggregate, *others: RecordedAggregate, item: str | None = None
    ) -> Receipt:
        """Save a record (and `others` changed with it, all or nothing); the receipt is
        the first record's."""
        is_new = any(isinstance(e, RecordedAggregate.Created) for e in aggregate.pending_events)
        try:
            recordings = self.save(*others, aggregate)
        except IntegrityError:
            if is_new:
                raise AlreadyRecorded(
                    f"a {type(aggregate).__name__.lower()} with the same natural key "
                    f"already exists ({aggregate.id})"
                ) from None
            raise ConcurrentChange(
                f"another change to {aggregate.id} was saved first; reload and retry"
            ) from None
        if self.repository.cache is not None:
            # Cache what was just saved, so the next command on it need not replay its
            # events. A cached aggregate is never ahead of the store, and loading one
            # always reads the events recorded since (by any process).
            for saved in (*others, aggregate):
                self.repository.cache.put(saved.id, saved)
        if STORED.isEnabledFor(logging.INFO):
            for r in recordings:
                n = r.notification
                STORED.info(
                    "stored",
                    extra={
                        "position": n.id,
                        "topic": n.topic,
                        "originator": str(n.originator_id),
                        "version": n.originator_version,
                    },
                )
        position = max((r.notification.id for r in recordings), default=None)
        return Receipt(aggregate.id, aggregate.version, position, item)

    def _update(
        self,
        kind: type[A],
        aggregate_id: UUID,
        expected_version: int | None,
        change: Callable[[A], object],
    ) -> Receipt:
        """Get, change, save: `change` calls the aggregate's own method, so that a
        rename is followed by the type checker rather than looked up by name."""
        aggregate = self._get(kind, aggregate_id, expected_version)
        change(aggregate)
        return self._save(aggregate)

    def members_on(self, committee_id: UUID, day: date) -> set[str]:
        """Who sat on the committee on that day: its members as they stood then."""
        events = list(self.events.get(committee_id))
        if not events:
            raise self.missing(Committee, committee_id)
        committee = in_effect(events, day)
        return set() if committee is None else set(committee.members)

    def resolutions_on_item(self, meeting_id: UUID, key: str) -> list[Resolution]:
        """The resolutions made on one agenda item, in order."""
        found: list[Resolution] = []
        while self.exists(rid := Resolution.create_id(meeting_id, key, len(found) + 1)):
            found.append(self._get(Resolution, rid))
        return found

    def exists(self, aggregate_id: UUID) -> bool:
        return aggregate_id in self.repository
