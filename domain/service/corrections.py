"""The verbs that put right what was recorded wrongly, one per kind of record."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.committees import Committee
from domain.errors import InvalidValue
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.service.base import Receipt, ServiceBase

# An item's minute number and title are printed on its resolutions too: correcting
# the item corrects each resolution that still shows what the item showed.
ITEM_FIELDS_ON_RESOLUTIONS = {"minute": "minute", "title": "title"}


class CorrectionCommands(ServiceBase):
    def _agreed_at(self, agreed_at: UUID | None) -> Meeting | None:
        return None if agreed_at is None else self._get(Meeting, agreed_at)

    def correct_meeting(
        self,
        meeting_id: UUID,
        *,
        subject: str,
        field: str,
        value: str | None,
        reason: str,
        item: str | None = None,
        member: str | None = None,
        agreed_at: UUID | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        meeting = self._get(Meeting, meeting_id, expected_version)
        approving = None
        if subject == "approval" and field == "approved_by":
            approving = self._approving(meeting, value)
        old_item = meeting.agenda_item(item) if subject == "item" and item else None
        meeting.correct(
            subject,
            field,
            value,
            reason=reason,
            item=item,
            member=member,
            approving=approving,
            agreed_at=self._agreed_at(agreed_at),
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        followers = []
        if old_item is not None and field in ITEM_FIELDS_ON_RESOLUTIONS:
            followers = self._follow_item(
                meeting,
                old_item.key,
                field,
                getattr(old_item, field),
                value,
                reason,
                agreed_at,
                effective_date,
                recorded_by,
            )
        return self._save(meeting, *followers)

    def _approving(self, meeting: Meeting, value: str | None) -> Meeting:
        """The meeting a corrected approval names: one of another council's is answered
        as an unknown id would be."""
        try:
            approving_id = UUID(str(value))
        except ValueError:
            raise InvalidValue("the approving meeting must be a meeting's id") from None
        approving = self._get(Meeting, approving_id)
        if approving.council != meeting.council:
            raise self.missing(Meeting, approving_id)
        return approving

    def _follow_item(
        self,
        meeting: Meeting,
        key: str,
        field: str,
        was: str | None,
        value: str | None,
        reason: str,
        agreed_at: UUID | None,
        effective_date: date,
        recorded_by: str,
    ) -> list[Resolution]:
        followers = []
        for resolution in self.resolutions_on_item(meeting.id, key):
            if getattr(resolution, ITEM_FIELDS_ON_RESOLUTIONS[field]) != was:
                continue  # the resolution shows words of its own
            resolution.correct(
                "resolution",
                ITEM_FIELDS_ON_RESOLUTIONS[field],
                value,
                reason=reason,
                agreed_at=self._agreed_at(agreed_at),
                effective_date=max(effective_date, resolution.stage_on),
                recorded_by=recorded_by,
            )
            followers.append(resolution)
        return followers

    def correct_resolution(
        self,
        resolution_id: UUID,
        *,
        subject: str,
        field: str,
        value: str | None,
        reason: str,
        clause: int | None = None,
        agreed_at: UUID | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Resolution,
            resolution_id,
            expected_version,
            lambda resolution: resolution.correct(
                subject,
                field,
                value,
                reason=reason,
                clause=clause,
                agreed_at=self._agreed_at(agreed_at),
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )

    def correct_committee(
        self,
        committee_id: UUID,
        *,
        subject: str,
        field: str,
        value: str | None,
        reason: str,
        member: str | None = None,
        agreed_at: UUID | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.correct(
                subject,
                field,
                value,
                reason=reason,
                member=member,
                agreed_at=self._agreed_at(agreed_at),
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )
