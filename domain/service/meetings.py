"""The clerk's verbs for meetings."""

from __future__ import annotations

from datetime import date, time
from uuid import UUID

from domain.committees import Committee
from domain.meetings import EarlierSittingMissing, Meeting
from domain.resolutions import Resolution
from domain.service.base import Receipt, ServiceBase
from domain.values import AttendanceStatus, DeclarationKind


class MeetingCommands(ServiceBase):
    def schedule_meeting(
        self,
        committee_id: UUID,
        *,
        meeting_date: date,
        start_time: time | None = None,
        venue: str | None = None,
        sitting: int | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> Receipt:
        committee = self._get(Committee, committee_id)
        sitting = 1 if sitting is None else sitting
        if (
            type(sitting) is int
            and sitting > 1
            and isinstance(meeting_date, date)
            and not self.exists(Meeting.create_id(committee.id, meeting_date, sitting - 1))
        ):
            raise EarlierSittingMissing(
                f"{committee.name} has no meeting {sitting - 1} on "
                f"{meeting_date.isoformat()} yet: schedule a day's meetings in order"
            )
        meeting = Meeting.schedule(
            committee,
            meeting_date=meeting_date,
            start_time=start_time,
            venue=venue,
            sitting=sitting,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        return self._save(meeting)

    def add_agenda_item(
        self,
        meeting_id: UUID,
        *,
        title: str,
        minute: str | None = None,
        agenda_number: str | None = None,
        exempt: bool = False,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        meeting = self._get(Meeting, meeting_id, expected_version)
        key = meeting.add_agenda_item(
            title=title,
            minute=minute,
            agenda_number=agenda_number,
            exempt=exempt,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        return self._save(meeting, item=key)

    def record_attendance(
        self,
        meeting_id: UUID,
        name: str,
        *,
        status: AttendanceStatus,
        capacity: str | None = None,
        substitute_for: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        meeting = self._get(Meeting, meeting_id, expected_version)
        meeting.record_attendance(
            name,
            status=status,
            capacity=capacity,
            substitute_for=substitute_for,
            members=self.members_on(meeting.committee_id, meeting.meeting_date),
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        return self._save(meeting)

    def declare_interest(
        self,
        meeting_id: UUID,
        member: str,
        *,
        item: str | None,
        interest: str,
        kind: DeclarationKind | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.declare_interest(
                member,
                item=item,
                interest=interest,
                kind=kind,
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )

    def record_no_declarations(
        self,
        meeting_id: UUID,
        *,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.record_no_declarations(
                effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def record_minute_text(
        self,
        meeting_id: UUID,
        *,
        item: str,
        paragraphs: list[str],
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.record_minute_text(
                item, paragraphs=paragraphs, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def hold_meeting(
        self,
        meeting_id: UUID,
        *,
        ended_at: time | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.hold(
                ended_at=ended_at, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def adjourn_meeting(
        self,
        meeting_id: UUID,
        *,
        until: date | None = None,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.adjourn(
                until=until, reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def cancel_meeting(
        self,
        meeting_id: UUID,
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Meeting,
            meeting_id,
            expected_version,
            lambda meeting: meeting.cancel(
                reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def approve_minutes(
        self,
        meeting_id: UUID,
        *,
        at_meeting_id: UUID,
        resolution_id: UUID | None = None,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        """Meeting `at_meeting_id` approved the minutes of `meeting_id`; it takes
        effect on the approving meeting's date."""
        meeting = self._get(Meeting, meeting_id, expected_version)
        approving = self._get(Meeting, at_meeting_id)
        resolution = None if resolution_id is None else self._get(Resolution, resolution_id)
        meeting.approve_minutes(at=approving, resolution=resolution, recorded_by=recorded_by)
        return self._save(meeting)
