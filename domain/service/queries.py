"""Queries that read one record from its events and return plain details."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.committees import Committee
from domain.details import committee_details, event_details, meeting_details, resolution_details
from domain.meetings import Meeting
from domain.recording import RecordedAggregate
from domain.resolutions import Resolution
from domain.service.base import ServiceBase


class Queries(ServiceBase):
    def committee(self, committee_id: UUID, *, version: int | None = None) -> dict[str, Any]:
        return committee_details(self._get(Committee, committee_id, at_version=version))

    def meeting(self, meeting_id: UUID, *, version: int | None = None) -> dict[str, Any]:
        return meeting_details(self._get(Meeting, meeting_id, at_version=version))

    def resolution(self, resolution_id: UUID, *, version: int | None = None) -> dict[str, Any]:
        return resolution_details(self._get(Resolution, resolution_id, at_version=version))

    def history(self, aggregate_id: UUID) -> list[dict[str, Any]]:
        """Every event of one record, oldest first: who, when recorded, when effective."""
        self._get(RecordedAggregate, aggregate_id)
        return [event_details(e) for e in self.events.get(aggregate_id)]
