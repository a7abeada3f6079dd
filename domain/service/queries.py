"""Queries that read one record from its events and return plain details.

Besides the record as it is, each can answer two questions of the past:
- `as_of` (a date): the record as it stood in the world on that date, from the
  events that had taken effect by then;
- `recorded_as_of` (a datetime): what this system said at that instant, from the
  events recorded by then.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from domain.committees import Committee
from domain.details import committee_details, event_details, meeting_details, resolution_details
from domain.errors import InvalidValue
from domain.meetings import Meeting
from domain.recording import RecordedAggregate
from domain.resolutions import Resolution
from domain.service.base import NOT_FOUND, ServiceBase

A = TypeVar("A", bound=RecordedAggregate)


class Queries(ServiceBase):
    def committee(self, committee_id: UUID, *, version: int | None = None) -> dict[str, Any]:
        return committee_details(self._get(Committee, committee_id, at_version=version))

    def meeting(
        self, meeting_id: UUID, *, version: int | None = None, as_of: date | None = None
    ) -> dict[str, Any]:
        return meeting_details(self._past(Meeting, meeting_id, version, as_of, None))

    def resolution(
        self,
        resolution_id: UUID,
        *,
        version: int | None = None,
        as_of: date | None = None,
        recorded_as_of: datetime | None = None,
    ) -> dict[str, Any]:
        return resolution_details(
            self._past(Resolution, resolution_id, version, as_of, recorded_as_of)
        )

    def owner_of(self, kind: type[RecordedAggregate], aggregate_id: UUID) -> tuple[str, bool]:
        """The council a record belongs to, and whether it is exempt business."""
        record = self._get(kind, aggregate_id)
        return record.council, bool(getattr(record, "exempt", False))

    def history(self, aggregate_id: UUID) -> list[dict[str, Any]]:
        """Every event of one record, oldest first: who, when recorded, when effective."""
        self._get(RecordedAggregate, aggregate_id)
        return [event_details(e) for e in self.events.get(aggregate_id)]

    def _past(
        self,
        kind: type[A],
        aggregate_id: UUID,
        version: int | None,
        as_of: date | None,
        recorded_as_of: datetime | None,
    ) -> A:
        if as_of is not None:
            return self._as_of(kind, aggregate_id, as_of)
        if recorded_as_of is not None:
            if recorded_as_of.tzinfo is None:
                raise InvalidValue("recorded_as_of needs a time zone, such as Z or +01:00")
            current = self._get(kind, aggregate_id)
            known = [
                e.originator_version
                for e in self.events.get(aggregate_id)
                if e.timestamp <= recorded_as_of
            ]
            if not known:
                raise NOT_FOUND[kind](
                    f"no {kind.__name__.lower()} {aggregate_id} had been recorded by "
                    f"{recorded_as_of.isoformat()}"
                )
            version = known[-1] if known[-1] < current.version else None
        return self._get(kind, aggregate_id, at_version=version)

    def _as_of(self, kind: type[A], aggregate_id: UUID, as_of: date) -> A:
        """Fold the events that had taken effect by `as_of`, in the order recorded.

        The domain keeps every step on or after the step it follows from, so this
        subset is always one the aggregate can be built from."""
        self._get(kind, aggregate_id)
        aggregate = None
        for e in self.events.get(aggregate_id):
            if e.effective_date > as_of:
                continue
            if aggregate is None and not isinstance(e, RecordedAggregate.Created):
                break
            if aggregate is not None:
                aggregate.version = e.originator_version - 1  # later-effective steps skipped
            aggregate = e.mutate(aggregate)
        if aggregate is None:
            raise NOT_FOUND[kind](
                f"no {kind.__name__.lower()} {aggregate_id} had taken effect by {as_of.isoformat()}"
            )
        return aggregate
