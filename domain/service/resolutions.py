"""The clerk's verbs for resolutions and the actions their clauses start."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.service.base import Receipt, ServiceBase
from domain.values import ClauseDraft


class ResolutionCommands(ServiceBase):
    def propose(
        self,
        meeting_id: UUID,
        *,
        item: str,
        clauses: list[ClauseDraft],
        title: str | None = None,
        exempt: bool | None = None,
        on: date,
        by: str,
    ) -> Receipt:
        meeting = self._get(Meeting, meeting_id)
        resolution = Resolution.propose(
            meeting,
            item=item,
            clauses=clauses,
            title=title,
            exempt=exempt,
            effective_date=on,
            recorded_by=by,
        )
        return self._save(resolution)

    def amend(
        self,
        resolution_id: UUID,
        clauses: list[ClauseDraft],
        *,
        reason: str | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "amend",
            clauses,
            reason=reason,
            effective_date=on,
            recorded_by=by,
        )

    def resolve(
        self, resolution_id: UUID, *, on: date, by: str, expected_version: int | None = None
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "resolve",
            effective_date=on,
            recorded_by=by,
        )

    def reject(
        self,
        resolution_id: UUID,
        *,
        reason: str | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "reject",
            reason=reason,
            effective_date=on,
            recorded_by=by,
        )

    def withdraw(
        self,
        resolution_id: UUID,
        *,
        reason: str | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "withdraw",
            reason=reason,
            effective_date=on,
            recorded_by=by,
        )

    def defer(
        self,
        resolution_id: UUID,
        *,
        until: date | None = None,
        reason: str | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "defer",
            until=until,
            reason=reason,
            effective_date=on,
            recorded_by=by,
        )

    def rescind(
        self,
        resolution_id: UUID,
        *,
        reason: str | None = None,
        superseded_by: UUID | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        resolution = self._get(Resolution, resolution_id, expected_version)
        if superseded_by is not None:
            resolution.check_may_be_superseded_by(self._get(Resolution, superseded_by))
        resolution.rescind(
            reason=reason, superseded_by=superseded_by, effective_date=on, recorded_by=by
        )
        return self._save(resolution)

    def refer(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        to: str,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "refer",
            clause,
            to=to,
            effective_date=on,
            recorded_by=by,
        )

    def request_report_back(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        due_date: date | None = None,
        due_meeting: str | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "request_report_back",
            clause,
            due_date=due_date,
            due_meeting=due_meeting,
            effective_date=on,
            recorded_by=by,
        )

    def report_back(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        summary: str,
        at_meeting_id: UUID | None = None,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        resolution = self._get(Resolution, resolution_id, expected_version)
        if at_meeting_id is not None:  # the meeting reported to: one of the same council
            resolution.check_same_council(
                self._get(Meeting, at_meeting_id), f"meeting {at_meeting_id}"
            )
        resolution.report_back(
            clause, summary=summary, at_meeting_id=at_meeting_id, effective_date=on, recorded_by=by
        )
        return self._save(resolution)

    def assign_action(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        owner: str,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "assign_action",
            clause,
            owner=owner,
            effective_date=on,
            recorded_by=by,
        )

    def note_progress(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        note: str,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "note_progress",
            clause,
            note=note,
            effective_date=on,
            recorded_by=by,
        )

    def complete_action(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        outcome: str,
        on: date,
        by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            "complete_action",
            clause,
            outcome=outcome,
            effective_date=on,
            recorded_by=by,
        )
