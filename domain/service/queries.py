"""Queries that read one record from its events and return plain details.

Besides the record as it is, each can answer two questions of the past:
- `as_of` (a date): the record as it stood in the world on that date, from the
  events that had taken effect by then;
- `recorded_as_of` (a datetime): what this system said at that instant, from the
  events recorded by then.
Each reads the record's events once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.utils import resolve_topic

from domain.committees import Committee
from domain.details import committee_details, event_details, meeting_details, resolution_details
from domain.errors import InvalidValue
from domain.meetings import Meeting
from domain.recording import RecordedAggregate
from domain.resolutions import Resolution
from domain.service.base import NOT_FOUND, ServiceBase, in_effect, replay

A = TypeVar("A", bound=RecordedAggregate)


class Queries(ServiceBase):
    def committee(
        self, committee_id: UUID, *, version: int | None = None, as_of: date | None = None
    ) -> dict[str, Any]:
        """A committee now, at a version, or as it stood on `as_of`: who sat on it, in
        what role, who chaired it and its name, that day."""
        if as_of is not None:
            return self._as_of(Committee, committee_id, as_of, committee_details)
        return committee_details(self._get(Committee, committee_id, at_version=version))

    def meeting(
        self, meeting_id: UUID, *, version: int | None = None, as_of: date | None = None
    ) -> dict[str, Any]:
        if as_of is not None:
            return self._as_of(Meeting, meeting_id, as_of, meeting_details)
        return meeting_details(self._get(Meeting, meeting_id, at_version=version))

    def resolution(
        self,
        resolution_id: UUID,
        *,
        version: int | None = None,
        as_of: date | None = None,
        recorded_as_of: datetime | None = None,
    ) -> dict[str, Any]:
        if as_of is not None:
            return self._as_of(Resolution, resolution_id, as_of, resolution_details)
        if recorded_as_of is not None:
            return resolution_details(
                self._recorded_as_of(Resolution, resolution_id, recorded_as_of)
            )
        return resolution_details(self._get(Resolution, resolution_id, at_version=version))

    def owner_of(self, kind: type[RecordedAggregate], aggregate_id: UUID) -> tuple[str, bool]:
        """The council a record belongs to, and whether it is exempt business."""
        record = self._get(kind, aggregate_id)
        return record.council, bool(getattr(record, "exempt", False))

    def history(self, aggregate_id: UUID) -> list[dict[str, Any]]:
        """Every event of one record, oldest first: who, when recorded, when effective."""
        return [event_details(e) for e in self._events_of(RecordedAggregate, aggregate_id)]

    # The past -----------------------------------------------------------------------

    def _as_of(
        self,
        kind: type[A],
        aggregate_id: UUID,
        as_of: date,
        details: Callable[[A], dict[str, Any]],
    ) -> dict[str, Any]:
        """The details of the record built from the events that had taken effect by
        `as_of`. That is no version the record ever had (a step recorded late may be in
        it, one recorded early but taking effect later is not), so its `version` names
        the last step in effect."""
        events = self._events_of(kind, aggregate_id)
        record = in_effect(events, as_of)
        if record is None:
            raise NOT_FOUND[kind](
                f"no {kind.__name__.lower()} {aggregate_id} had taken effect by {as_of.isoformat()}"
            )
        last = max(e.originator_version for e in events if e.effective_date <= as_of)
        return {**details(record), "version": last}

    def _recorded_as_of(self, kind: type[A], aggregate_id: UUID, instant: datetime) -> A:
        """The record built from the events recorded by `instant`."""
        if instant.tzinfo is None:
            raise InvalidValue("recorded_as_of needs a time zone, such as Z or +01:00")
        events = self._events_of(kind, aggregate_id)
        known = [n for n, e in enumerate(events, start=1) if e.timestamp <= instant]
        if not known:
            raise NOT_FOUND[kind](
                f"no {kind.__name__.lower()} {aggregate_id} had been recorded by "
                f"{instant.isoformat()}"
            )
        # Each event is recorded after the one before it, so those known by an instant
        # are the first few: a version the record had, folded the ordinary way.
        return replay(None, events[: known[-1]])

    def _events_of(self, kind: type[A], aggregate_id: UUID) -> list[RecordedAggregate.Event]:
        """Every event of a record of this kind, oldest first, read once (no snapshot, no
        cache: the past needs them all)."""
        if not isinstance(aggregate_id, UUID):
            raise InvalidValue(f"{aggregate_id!r} is not a UUID")
        events = list(self.events.get(aggregate_id))
        if not events or not issubclass(resolve_topic(events[0].originator_topic), kind):
            raise self.missing(kind, aggregate_id)
        return events
