"""The verbs that say where a fact came from, one per kind of record."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.service.base import Receipt, ServiceBase
from domain.values import Source


class ProvenanceCommands(ServiceBase):
    def cite_meeting_source(
        self,
        meeting_id: UUID,
        *,
        subject: str,
        source: Source,
        item: str | None = None,
        member: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.cite(
                subject,
                source,
                item=item,
                member=member,
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )

    def cite_resolution_source(
        self,
        resolution_id: UUID,
        *,
        subject: str,
        source: Source,
        clause: int | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.cite(
                subject,
                source,
                clause=clause,
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )

    def cite_committee_source(
        self,
        committee_id: UUID,
        *,
        subject: str,
        source: Source,
        member: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.cite(
                subject,
                source,
                member=member,
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )
