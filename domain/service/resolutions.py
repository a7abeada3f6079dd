"""The clerk's verbs for resolutions and the actions their clauses start."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.meetings import Meeting
from domain.resolutions import EarlierResolutionMissing, Resolution
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
        sequence: int | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> Receipt:
        meeting = self._get(Meeting, meeting_id)
        sequence = 1 if sequence is None else sequence
        key = meeting.agenda_item(item).key
        if (
            type(sequence) is int
            and sequence > 1
            and not self.exists(Resolution.create_id(meeting.id, key, sequence - 1))
        ):
            raise EarlierResolutionMissing(
                f"item {key!r} has no resolution {sequence - 1} yet: propose its "
                "resolutions in order"
            )
        resolution = Resolution.propose(
            meeting,
            item=item,
            clauses=clauses,
            title=title,
            exempt=exempt,
            sequence=sequence,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        return self._save(resolution)

    def amend(
        self,
        resolution_id: UUID,
        clauses: list[ClauseDraft],
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.amend(
                clauses, reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def resolve(
        self,
        resolution_id: UUID,
        *,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.resolve(
                effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def reject(
        self,
        resolution_id: UUID,
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.reject(
                reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def withdraw(
        self,
        resolution_id: UUID,
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.withdraw(
                reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def defer(
        self,
        resolution_id: UUID,
        *,
        until: date | None = None,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.defer(
                until=until, reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def rescind(
        self,
        resolution_id: UUID,
        *,
        reason: str | None = None,
        superseded_by: UUID | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        resolution = self._get(Resolution, resolution_id, expected_version)
        if superseded_by is not None:
            resolution.check_may_be_superseded_by(self._get(Resolution, superseded_by))
        resolution.rescind(
            reason=reason,
            superseded_by=superseded_by,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        return self._save(resolution)

    def refer(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        to: str,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.refer(
                clause, to=to, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def request_report_back(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        due_date: date | None = None,
        due_meeting: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.request_report_back(
                clause,
                due_date=due_date,
                due_meeting=due_meeting,
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )

    def report_back(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        summary: str,
        at_meeting_id: UUID | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        resolution = self._get(Resolution, resolution_id, expected_version)
        if at_meeting_id is not None:  # the meeting reported to: one of the same council
            resolution.check_same_council(
                self._get(Meeting, at_meeting_id), f"meeting {at_meeting_id}"
            )
        resolution.report_back(
            clause,
            summary=summary,
            at_meeting_id=at_meeting_id,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        return self._save(resolution)

    def assign_action(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        owner: str,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.assign_action(
                clause, owner=owner, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def note_progress(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        note: str,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.note_progress(
                clause, note=note, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def complete_action(
        self,
        resolution_id: UUID,
        clause: int,
        *,
        outcome: str,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.complete_action(
                clause, outcome=outcome, effective_date=effective_date, recorded_by=recorded_by
            ),
        )
