"""One sitting of a committee: its agenda, who came, what was declared, its minutes.

State machine (the minutes-approval link is recorded on a held meeting):

    scheduled ──hold──▶ held ──adjourn──▶ adjourned ──hold──▶ held
        │                                     │
        └──cancel──▶ cancelled ◀──cancel──────┘
    scheduled ──adjourn──▶ adjourned

A cancelled meeting takes no agenda items, minute text, attendance or declarations. Minutes
are approved only for a held meeting, once, by a later meeting of the same
committee that has not been cancelled.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date, time
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import limits
from domain.committees import Committee, CommitteeDissolved
from domain.corrections import (
    Correction,
    check_agreed,
    check_change,
    check_subject,
    decoded,
)
from domain.errors import DomainError, InvalidValue, NotFound
from domain.minute_text import check_paragraphs
from domain.provenance import NONE_CITED, Citation, check_source, fact_key
from domain.recording import (
    RecordedAggregate,
    check_actor,
    check_date,
    check_effective_date,
    check_text,
    optional_text,
)
from domain.values import (
    AgendaItem,
    AttendanceStatus,
    Attendee,
    Declaration,
    DeclarationKind,
    MeetingStatus,
    Source,
    item_key,
    natural_id,
)


class MeetingError(DomainError):
    """Raised when a change to a meeting breaks a rule."""


class MeetingNotFound(MeetingError, NotFound):
    """Raised when no meeting has the given id."""


class MeetingCancelled(MeetingError):
    """Raised when a cancelled meeting is asked to take business or attendance."""


class ApprovingMeetingCancelled(MeetingError):
    """Raised when minutes are said to be approved by a meeting that was cancelled."""


class AlreadyHeld(MeetingError):
    """Raised when a held meeting is held again or cancelled."""


class NotHeld(MeetingError):
    """Raised when a change needs the meeting to have been held and it was not."""


class HeldBeforeItsDate(MeetingError):
    """Raised when a meeting would be held before the date it was scheduled for."""


class DuplicateAgendaItem(MeetingError):
    """Raised when an agenda item with the same minute number is added twice."""


class UnknownAgendaItem(MeetingError):
    """Raised when a change names an agenda item the meeting does not have."""


class AttendanceAlreadyRecorded(MeetingError):
    """Raised when the same attendance is recorded twice for the same person."""


class MinuteTextAlreadyRecorded(MeetingError):
    """Raised when an item's minute text is recorded again, word for word."""


class NotInAttendance(MeetingError):
    """Raised when somebody not recorded as present declares an interest."""


class AlreadyDeclared(MeetingError):
    """Raised when the same member declares an interest in the same item twice."""


class SubstituteNotPresent(MeetingError):
    """Raised when somebody is said to have attended in place of a member but is not
    recorded as present, or in place of themselves."""


class NotAMemberThatDay(MeetingError):
    """Raised when somebody is recorded as a member at a meeting (present, absent or
    sending apologies), or as the member a substitute stood in for, who did not sit on
    the committee on the meeting's day."""


class NoDeclarationsWereMade(MeetingError):
    """Raised when an interest is declared at a meeting recorded as having had none."""


class DeclarationsWereMade(MeetingError):
    """Raised when a meeting at which interests were declared is recorded as having had
    none, or is recorded so twice."""


class MinutesAlreadyApproved(MeetingError):
    """Raised when a meeting's minutes are approved a second time."""


class MinutesApprovalOutOfOrder(MeetingError):
    """Raised when minutes would be approved by the same meeting or an earlier one."""


class ResolutionOfAnotherMeeting(MeetingError):
    """Raised when a minutes approval cites a resolution that the approving meeting did
    not make."""


class UnknownDeclaration(MeetingError):
    """Raised when a correction names a declaration of interest the meeting has not."""


class MinutesNotApproved(MeetingError):
    """Raised when the approval of minutes that were never approved is corrected."""


class EarlierSittingMissing(MeetingError):
    """Raised when a committee's second (or later) meeting on a day is scheduled before
    the one that comes before it."""


class MeetingBeforeCommittee(MeetingError):
    """Raised when a meeting would be dated, or scheduled, before its committee was
    established."""


class Meeting(RecordedAggregate):
    class SourceCited(Citation):
        """Where one of the record's facts came from (see domain/provenance.py)."""

    # The sources cited for its facts, by fact (domain/provenance.py); records saved
    # before sources could be cited have none.
    sources = NONE_CITED

    class Scheduled(RecordedAggregate.Created):
        """Explicit, versioned. Version 2: a committee may meet more than once on a day
        (a special meeting after an ordinary one, a reconvened meeting); each meeting
        of the day has its place in order (`sitting`, from 1)."""

        class_version = 2
        committee_id: UUID
        council: str
        meeting_date: date
        start_time: time | None
        venue: str | None
        sitting: int

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["sitting"] = 1

    class InterestDeclared(RecordedAggregate.Event):
        """Explicit, versioned: version 2 added the kind of interest."""

        class_version = 2
        member: str
        item_key: str | None
        interest: str
        kind: DeclarationKind | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["kind"] = None

    class AttendanceRecorded(RecordedAggregate.Event):
        """Explicit, versioned: version 2 added the member a substitute stood in for."""

        class_version = 2
        name: str
        status: AttendanceStatus
        capacity: str | None
        substitute_for: str | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["substitute_for"] = None

    class Corrected(Correction):
        """A fact of the meeting, an item, a declaration or the minutes approval put
        right (see domain/corrections.py)."""

    # Meetings snapshotted before "no declarations" could be recorded lack the attribute;
    # they had none recorded.
    no_declarations = False

    # Meetings snapshotted before a day could hold several were the day's only one.
    sitting = 1

    @staticmethod
    def create_id(committee_id: UUID, meeting_date: date, sitting: int = 1, **_: object) -> UUID:
        """The day's first meeting keeps the id it always had; each later one adds its
        place in the day, so a replay finds the same ids."""
        if sitting == 1:
            return natural_id("meeting", committee_id, meeting_date.isoformat())
        return natural_id("meeting", committee_id, meeting_date.isoformat(), sitting)

    @classmethod
    def schedule(
        cls,
        committee: Committee,
        *,
        meeting_date: date,
        start_time: time | None = None,
        venue: str | None = None,
        sitting: int = 1,
        effective_date: date,
        recorded_by: str,
    ) -> Meeting:
        """Schedule the committee's meeting number `sitting` of that day (the service
        checks the one before it exists)."""
        if committee.dissolved_on is not None:
            raise CommitteeDissolved(f"{committee.name} was dissolved and meets no more")
        check_date(meeting_date, "meeting date")
        check_effective_date(effective_date)
        for what, when in (("dated", meeting_date), ("scheduled", effective_date)):
            if when < committee.effective_from:
                raise MeetingBeforeCommittee(
                    f"a meeting cannot be {what} {when.isoformat()}, before {committee.name} "
                    f"was established on {committee.effective_from.isoformat()}"
                )
        if start_time is not None and not isinstance(start_time, time):
            raise InvalidValue(f"start time must be a time, not {start_time!r}")
        if type(sitting) is not int or not 1 <= sitting <= limits.SITTINGS_PER_DAY:
            raise InvalidValue(f"sitting is a whole number from 1 to {limits.SITTINGS_PER_DAY}")
        return cls(
            committee_id=committee.id,
            council=committee.council,
            meeting_date=meeting_date,
            start_time=start_time,
            venue=optional_text(venue, "venue", limit=300),
            sitting=sitting,
            effective_date=effective_date,
            recorded_by=check_text(recorded_by, "actor", limit=200),
        )

    @event(Scheduled)
    def __init__(
        self,
        *,
        committee_id: UUID,
        council: str,
        meeting_date: date,
        start_time: time | None,
        venue: str | None,
        sitting: int,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.committee_id = committee_id
        self.council = council
        self.meeting_date = meeting_date
        self.start_time = start_time
        self.venue = venue
        self.sitting = sitting
        self.status = MeetingStatus.SCHEDULED
        self.ended_at: time | None = None
        self.adjourned_until: date | None = None
        self.items: dict[str, AgendaItem] = {}
        self.attendance: dict[str, Attendee] = {}
        self.declarations: list[Declaration] = []
        self.minutes_approved_by: UUID | None = None
        self.minutes_approved_on: date | None = None
        self._begin_record(effective_date)

    # Guards -----------------------------------------------------------------

    def _check_can_change(self, effective_date: date, recorded_by: str) -> None:
        check_text(recorded_by, "actor", limit=200)
        if self.status is MeetingStatus.CANCELLED:
            raise MeetingCancelled(f"the meeting of {self.meeting_date.isoformat()} was cancelled")
        self._check_takes_effect(effective_date)

    def _check_item(self, key: str) -> str:
        key = check_text(key, "agenda item", limit=100).rstrip(".")
        if key not in self.items:
            raise UnknownAgendaItem(f"the meeting has no agenda item {key!r}")
        return key

    def _check_approving(self, at: Meeting) -> None:
        """Minutes are approved by a later meeting of the same committee that sat."""
        if at.committee_id != self.committee_id or at.meeting_date <= self.meeting_date:
            raise MinutesApprovalOutOfOrder(
                "minutes are approved by a later meeting of the same committee, not by "
                f"the meeting of {at.meeting_date.isoformat()}"
            )
        if at.status is MeetingStatus.CANCELLED:
            raise ApprovingMeetingCancelled(
                f"the meeting of {at.meeting_date.isoformat()} was cancelled"
            )

    def agenda_item(self, key: str) -> AgendaItem:
        """The item of business with this key (UnknownAgendaItem if there is none)."""
        return self.items[self._check_item(key)]

    # Commands ---------------------------------------------------------------

    def add_agenda_item(
        self,
        *,
        title: str,
        minute: str | None = None,
        agenda_number: str | None = None,
        exempt: bool = False,
        effective_date: date,
        recorded_by: str,
    ) -> str:
        self._check_can_change(effective_date, recorded_by)
        title = check_text(title, "item title", limit=500)
        minute = optional_text(minute, "minute number", limit=40)
        agenda_number = optional_text(agenda_number, "agenda number", limit=40)
        key = item_key(minute, agenda_number, title)
        if key in self.items:
            raise DuplicateAgendaItem(f"the meeting already has agenda item {key!r}")
        self._agenda_item_added(
            key, title, minute, agenda_number, bool(exempt), effective_date, recorded_by
        )
        return key

    def record_attendance(
        self,
        name: str,
        *,
        status: AttendanceStatus,
        capacity: str | None = None,
        substitute_for: str | None = None,
        members: Collection[str] | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Record how somebody attended. Given the committee's `members` on the
        meeting's day, a member's attendance (present, absent, apologies) is checked
        against them, and so is the member a substitute stood in for; those in
        attendance (officers, other councillors) need not sit on the committee."""
        self._check_can_change(effective_date, recorded_by)
        name = check_text(name, "attendee name", limit=200)
        if not isinstance(status, AttendanceStatus):
            raise InvalidValue(f"unknown attendance status {status!r}")
        capacity = optional_text(capacity, "capacity", limit=200)
        substitute_for = optional_text(substitute_for, "substitute for", limit=200)
        if substitute_for is not None and (
            status is not AttendanceStatus.PRESENT or substitute_for == name
        ):
            raise SubstituteNotPresent(
                f"{name} can attend in place of {substitute_for} only as present, and only "
                "in place of somebody else"
            )
        if members is not None:
            self._check_sat_that_day(name, status, substitute_for, members)
        if self.attendance.get(name) == Attendee(name, status, capacity, substitute_for):
            raise AttendanceAlreadyRecorded(f"{name} is already recorded as {status.value}")
        self._attendance_recorded(
            name=name,
            status=status,
            capacity=capacity,
            substitute_for=substitute_for,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )

    def _check_sat_that_day(
        self,
        name: str,
        status: AttendanceStatus,
        substitute_for: str | None,
        members: Collection[str],
    ) -> None:
        day = self.meeting_date.isoformat()
        if substitute_for is not None and substitute_for not in members:
            raise NotAMemberThatDay(
                f"{name} cannot attend in place of {substitute_for}, who did not sit on "
                f"the committee on {day}"
            )
        if (
            substitute_for is None
            and status is not AttendanceStatus.IN_ATTENDANCE
            and name not in members
        ):
            raise NotAMemberThatDay(
                f"{name} did not sit on the committee on {day}, so cannot be recorded as "
                f"{status.value}: record them as in attendance, or as a substitute"
            )

    def declare_interest(
        self,
        member: str,
        *,
        item: str | None,
        interest: str,
        kind: DeclarationKind | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._check_can_change(effective_date, recorded_by)
        if self.no_declarations:
            raise NoDeclarationsWereMade(
                f"the meeting of {self.meeting_date.isoformat()} is recorded as having had "
                "no declarations of interest"
            )
        if kind is not None and not isinstance(kind, DeclarationKind):
            raise InvalidValue(f"unknown kind of interest {kind!r}")
        member = check_text(member, "member name", limit=200)
        key = None if item is None else self._check_item(item)
        interest = check_text(interest, "interest", limit=2000)
        attendee = self.attendance.get(member)
        if attendee is None or attendee.status is not AttendanceStatus.PRESENT:
            raise NotInAttendance(f"{member} is not recorded as present at this meeting")
        if any(d.member == member and d.item_key == key for d in self.declarations):
            raise AlreadyDeclared(f"{member} has already declared an interest in {key!r}")
        self._interest_declared(
            member=member,
            item_key=key,
            interest=interest,
            kind=kind,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )

    def record_no_declarations(self, *, effective_date: date, recorded_by: str) -> None:
        """The minutes say no interests were declared: a fact, unlike saying nothing."""
        self._check_can_change(effective_date, recorded_by)
        if self.declarations or self.no_declarations:
            raise DeclarationsWereMade(
                f"the meeting of {self.meeting_date.isoformat()} already has "
                + ("declarations of interest" if self.declarations else "none recorded")
            )
        self._no_declarations_recorded(effective_date, recorded_by)

    def record_minute_text(
        self, item: str, *, paragraphs: list[str], effective_date: date, recorded_by: str
    ) -> None:
        """The item's own minute, whole: recording it again replaces it (a correction)."""
        self._check_can_change(effective_date, recorded_by)
        key = self._check_item(item)
        paragraphs = check_paragraphs(paragraphs)
        if self.items[key].minute_text == paragraphs:
            raise MinuteTextAlreadyRecorded(f"item {key!r} already has this text")
        self._minute_text_recorded(key, paragraphs, effective_date, recorded_by)

    def hold(self, *, ended_at: time | None = None, effective_date: date, recorded_by: str) -> None:
        self._check_can_change(effective_date, recorded_by)
        if self.status is MeetingStatus.HELD:
            raise AlreadyHeld(f"the meeting of {self.meeting_date.isoformat()} was already held")
        if effective_date < self.meeting_date:
            raise HeldBeforeItsDate(
                f"a meeting scheduled for {self.meeting_date.isoformat()} cannot be held "
                f"on {effective_date.isoformat()}"
            )
        if ended_at is not None and not isinstance(ended_at, time):
            raise InvalidValue(f"end time must be a time, not {ended_at!r}")
        self._held(ended_at, effective_date, recorded_by)

    def adjourn(
        self,
        *,
        until: date | None = None,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._check_can_change(effective_date, recorded_by)
        if check_date(until, "until") is not None and until <= effective_date:
            raise InvalidValue("an adjourned meeting resumes after the day it adjourned")
        reason = optional_text(reason, "reason")
        self._adjourned(until, reason, effective_date, recorded_by)

    def cancel(self, *, reason: str | None = None, effective_date: date, recorded_by: str) -> None:
        self._check_can_change(effective_date, recorded_by)
        if self.status is MeetingStatus.HELD:
            raise AlreadyHeld(f"the meeting of {self.meeting_date.isoformat()} was held")
        reason = optional_text(reason, "reason")
        self._cancelled(reason, effective_date, recorded_by)

    def approve_minutes(self, *, at: Meeting, resolution: Any = None, recorded_by: str) -> None:
        """Record that meeting `at` resolved these minutes are a correct record, by
        `resolution` (one of its own resolutions) if the clerk names it."""
        effective_date = at.meeting_date
        check_text(recorded_by, "actor", limit=200)
        self._check_approving(at)
        if resolution is not None and resolution.meeting_id != at.id:
            raise ResolutionOfAnotherMeeting(
                f"resolution {resolution.id} was made at another meeting than the one of "
                f"{at.meeting_date.isoformat()} that approved these minutes"
            )
        resolution_id = None if resolution is None else resolution.id
        self._check_can_change(effective_date, recorded_by)
        if self.status is not MeetingStatus.HELD:
            raise NotHeld(
                f"the meeting of {self.meeting_date.isoformat()} has not been held, "
                "so it has no minutes to approve"
            )
        if self.minutes_approved_by is not None:
            raise MinutesAlreadyApproved(
                f"the minutes of {self.meeting_date.isoformat()} were approved on "
                f"{self.minutes_approved_on.isoformat()}"
            )
        self._minutes_approved(at.id, resolution_id, effective_date, recorded_by)

    def correct(
        self,
        subject: str,
        field: str,
        value: str | None,
        *,
        reason: str,
        item: str | None = None,
        member: str | None = None,
        approving: Meeting | None = None,
        agreed_at: Meeting | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Put right a fact recorded wrongly: the meeting's own (`start_time`,
        `venue`), an item's, a declaration's (named by member and item), or which
        meeting approved the minutes (`approving`: the meeting the new value names)."""
        check_subject(("meeting", "item", "declaration", "approval"), subject, field)
        check_actor(recorded_by)
        self._check_takes_effect(effective_date)
        key = None
        if subject == "item":
            key = self._check_item(item or "")
            was = getattr(self.items[key], field, None)
        elif subject == "declaration":
            if member is None:
                raise InvalidValue("name the member whose declaration is corrected")
            key = None if item is None else self._check_item(item)
            found = [d for d in self.declarations if d.member == member and d.item_key == key]
            if not found:
                raise UnknownDeclaration(
                    f"{member} made no declaration"
                    + (f" on item {key!r}" if key else " outside any item")
                    + " at this meeting"
                )
            was = getattr(found[0], field, None)
        elif subject == "approval":
            if self.minutes_approved_by is None:
                raise MinutesNotApproved(
                    f"the minutes of {self.meeting_date.isoformat()} have not been approved"
                )
            was = self.minutes_approved_by
        else:
            was = getattr(self, field, None)
        change = check_change(
            ("meeting", "item", "declaration", "approval"), subject, field, value, was, reason
        )
        check_agreed(agreed_at, self, effective_date)
        if subject == "approval":
            assert approving is not None and approving.id == change.value
            self._check_approving(approving)
            check_agreed(approving, self, effective_date)  # it had sat by then
        kept = dict(item_key=key, member=member if subject == "declaration" else None, clause=None)
        agreed = None if agreed_at is None else agreed_at.id
        self._corrected(
            subject=subject,
            field=field,
            **kept,
            was=change.was,
            now=change.now,
            reason=change.reason,
            agreed_at=agreed,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        if subject == "approval" and approving is not None:
            self._corrected(
                subject=subject,
                field="approved_on",
                **kept,
                was=self.minutes_approved_on.isoformat() if self.minutes_approved_on else None,
                now=approving.meeting_date.isoformat(),
                reason=change.reason,
                agreed_at=agreed,
                effective_date=effective_date,
                recorded_by=recorded_by,
            )

    def cite(
        self,
        subject: str,
        source: Source,
        *,
        item: str | None = None,
        member: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Say where a fact came from: the meeting's own, an item's, or somebody's
        attendance (named by `member`)."""
        check_actor(recorded_by)
        self._check_takes_effect(effective_date)
        key = name = None
        if subject == "item":
            key = self._check_item(item or "")
        elif subject == "attendance":
            name = check_text(member or "", "attendee name", limit=limits.PERSON)
            if name not in self.attendance:
                raise NotInAttendance(f"{name} has no attendance recorded at this meeting")
        elif subject != "meeting":
            raise InvalidValue("a meeting's facts are: meeting, item, attendance")
        self._source_cited(
            subject=subject,
            item_key=key,
            member=name,
            clause=None,
            source=check_source(source),
            effective_date=effective_date,
            recorded_by=recorded_by,
        )

    # Events: these bodies also run on replay, so they only assign. ----------

    @event(SourceCited)
    def _source_cited(
        self,
        subject: str,
        item_key: str | None,
        member: str | None,
        clause: int | None,
        source: Source,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        key = item_key if item_key is not None else member if member is not None else clause
        self.sources = {**self.sources, fact_key(subject, key): source}

    @event(Corrected)
    def _corrected(
        self,
        subject: str,
        field: str,
        item_key: str | None,
        member: str | None,
        clause: int | None,
        was: str | None,
        now: str | None,
        reason: str,
        agreed_at: UUID | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        value = decoded(subject, field, now)
        if subject == "meeting":
            setattr(self, field, value)
        elif subject == "item" and item_key in self.items:  # as_of: it may come later
            self.items[item_key] = replace(self.items[item_key], **{field: value})
        elif subject == "declaration":
            self.declarations = [
                replace(d, **{field: value}) if d.member == member and d.item_key == item_key else d
                for d in self.declarations
            ]
        elif subject == "approval":
            setattr(self, f"minutes_{field}", value)

    @event("AgendaItemAdded")
    def _agenda_item_added(
        self,
        key: str,
        title: str,
        minute: str | None,
        agenda_number: str | None,
        exempt: bool,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.items[key] = AgendaItem(key, title, minute, agenda_number, exempt)

    @event(AttendanceRecorded)
    def _attendance_recorded(
        self,
        name: str,
        status: AttendanceStatus,
        capacity: str | None,
        substitute_for: str | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.attendance[name] = Attendee(name, status, capacity, substitute_for)

    @event(InterestDeclared)
    def _interest_declared(
        self,
        member: str,
        item_key: str | None,
        interest: str,
        kind: DeclarationKind | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.declarations.append(Declaration(member, item_key, interest, kind))

    @event("NoDeclarationsRecorded")
    def _no_declarations_recorded(self, effective_date: date, recorded_by: str) -> None:
        self.no_declarations = True

    @event("MinuteTextRecorded")
    def _minute_text_recorded(
        self, item_key: str, paragraphs: list[str], effective_date: date, recorded_by: str
    ) -> None:
        self.items[item_key] = replace(self.items[item_key], minute_text=list(paragraphs))

    @event("Held")
    def _held(self, ended_at: time | None, effective_date: date, recorded_by: str) -> None:
        self.status = MeetingStatus.HELD
        self.ended_at = ended_at
        self.adjourned_until = None

    @event("Adjourned")
    def _adjourned(
        self, until: date | None, reason: str | None, effective_date: date, recorded_by: str
    ) -> None:
        self.status = MeetingStatus.ADJOURNED
        self.adjourned_until = until

    @event("Cancelled")
    def _cancelled(self, reason: str | None, effective_date: date, recorded_by: str) -> None:
        self.status = MeetingStatus.CANCELLED

    @event("MinutesApproved")
    def _minutes_approved(
        self,
        approved_at_meeting_id: UUID,
        resolution_id: UUID | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.minutes_approved_by = approved_at_meeting_id
        self.minutes_approved_on = effective_date
