"""Enums and value objects shared by the aggregates.

Everything here is immutable and stored inside events, so each type has a
transcoding in `domain.transcodings`. Enum values are the words the API uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

# All identities hang off one namespace, so that the same natural key gives
# the same id on every machine and every replay.
MINUTEBOOK_NAMESPACE = uuid5(NAMESPACE_URL, "minutebook:council-records")


def natural_id(*parts: object) -> UUID:
    """A stable id for a natural key: the same parts always give the same id."""
    key = "|".join(str(part).strip().lower() for part in parts)
    return uuid5(MINUTEBOOK_NAMESPACE, key)


class MemberRole(Enum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"
    CO_OPTED_VOTING = "co-opted voting"
    CO_OPTED_NON_VOTING = "co-opted non-voting"
    CO_OPTED = "co-opted"  # voting rights not stated


class CommitteeKind(Enum):
    COMMITTEE = "committee"
    SUB_COMMITTEE = "sub-committee"
    BOARD = "board"


class AttendanceStatus(Enum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in_attendance"


class DeclarationKind(Enum):
    """The kinds of interest members' codes of conduct name (the free text says more)."""

    DISCLOSABLE_PECUNIARY = "disclosable pecuniary"
    OTHER_REGISTRABLE = "other registrable"
    NON_REGISTRABLE = "non-registrable"
    OTHER = "other"


class MeetingStatus(Enum):
    SCHEDULED = "scheduled"
    HELD = "held"
    ADJOURNED = "adjourned"
    CANCELLED = "cancelled"


class ResolutionStatus(Enum):
    PROPOSED = "proposed"
    DEFERRED = "deferred"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    RESCINDED = "rescinded"


class ClauseKind(Enum):
    NOTED = "noted"
    APPROVED = "approved"
    REPORT_BACK = "report back"
    REFERRAL = "referral"
    WORK_PROGRAMME = "work programme"
    INSTRUCTION = "instruction"
    MEETING_ARRANGED = "meeting arranged"
    OTHER = "other"

    @property
    def asks_for_nothing(self) -> bool:
        """Noting or approving something asks nobody to do anything."""
        return self in (ClauseKind.NOTED, ClauseKind.APPROVED)

    @property
    def asks_for_action(self) -> bool:
        """A report back, a referral, an instruction or a meeting to arrange always asks
        somebody to do something, so it always carries an action (and reaches the
        tracker); work-programme and other clauses may or may not."""
        return self in (
            ClauseKind.REPORT_BACK,
            ClauseKind.REFERRAL,
            ClauseKind.INSTRUCTION,
            ClauseKind.MEETING_ARRANGED,
        )


class ActionStatus(Enum):
    PENDING = "pending"  # the resolution is not decided yet
    OPEN = "open"
    REFERRED = "referred"
    REPORTED_BACK = "reported back"
    COMPLETED = "completed"
    DROPPED = "dropped"  # the resolution was rejected, withdrawn or rescinded

    @property
    def is_live(self) -> bool:
        """Still waiting for somebody to do something."""
        return self in (ActionStatus.OPEN, ActionStatus.REFERRED)

    @property
    def is_closed(self) -> bool:
        return self in (
            ActionStatus.REPORTED_BACK,
            ActionStatus.COMPLETED,
            ActionStatus.DROPPED,
        )


WAITING = frozenset({ActionStatus.PENDING})
LIVE = frozenset(status for status in ActionStatus if status.is_live)
CLOSED = frozenset(status for status in ActionStatus if status.is_closed)


@dataclass(frozen=True)
class ActionStep:
    """What one kind of event does to the actions it reaches: it moves each whose
    status is one of `moves_from` to `to` (None: it keeps its status), and leaves the
    others as they are."""

    moves_from: frozenset[ActionStatus]
    to: ActionStatus | None = None

    def status_after(self, status: ActionStatus) -> ActionStatus:
        return status if self.to is None else self.to


@dataclass(frozen=True)
class ActionRequest:
    """What a clause asks for when it asks somebody to do something.

    `due_meeting` is the minutes' own words ("a future meeting of the
    Committee", "the next Executive Board") when no date is given.
    """

    owner: str | None = None
    due_date: date | None = None
    due_meeting: str | None = None


@dataclass(frozen=True)
class ClauseDraft:
    """One numbered part of a resolution as proposed or amended. `number` is its place
    (1, 2, 3…); `label` is what the minutes print beside it, verbatim ("(iv)", "B",
    "(a)"), when they print one."""

    number: int
    text: str
    kind: ClauseKind
    action: ActionRequest | None = None
    label: str | None = None


@dataclass(frozen=True)
class Action:
    """The state of what a clause asked for, as it is followed up."""

    status: ActionStatus
    owner: str | None = None
    due_date: date | None = None
    due_meeting: str | None = None
    requested_on: date | None = None
    referred_to: str | None = None
    report_back_requested_on: date | None = None
    closed_on: date | None = None
    outcome: str | None = None
    progress: list[ProgressNote] = field(default_factory=list)
    # The date the last step on it took effect (its opening, a follow-up, its dropping):
    # the next step may not take effect before it. None in snapshots older than the rule.
    last_step_on: date | None = None


@dataclass(frozen=True)
class ProgressNote:
    noted_on: date
    note: str
    noted_by: str


@dataclass(frozen=True)
class Clause:
    number: int
    text: str
    kind: ClauseKind
    action: Action | None = None
    label: str | None = None  # None in snapshots older than labels


@dataclass(frozen=True)
class Membership:
    name: str
    role: MemberRole
    representing: str | None
    appointed_on: date


@dataclass(frozen=True)
class Attendee:
    name: str
    status: AttendanceStatus
    capacity: str | None  # "Chair", "Church of England Representative", …
    substitute_for: str | None = None  # the member this one attended in place of


@dataclass(frozen=True)
class AgendaItem:
    """An item of business. `minute` is the council's own number, verbatim."""

    key: str
    title: str
    minute: str | None = None
    agenda_number: str | None = None
    exempt: bool = False
    # The item's own minute, paragraph by paragraph (domain/minute_text.py); empty until
    # recorded, and in snapshots older than it.
    minute_text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Declaration:
    member: str
    item_key: str | None
    interest: str
    kind: DeclarationKind | None = None  # None: not said, or recorded before kinds


@dataclass(frozen=True)
class Source:
    """Where a fact was read from: the document (its title), its address (a web
    address or file name), where in it (a page, a minute, a paragraph), and, for a
    fact no document states, why it was inferred."""

    document: str
    address: str | None = None
    locator: str | None = None
    inferred: str | None = None


@dataclass(frozen=True)
class WorkProgrammeItem:
    key: str
    title: str
    added_on: date
    source: str | None = None  # e.g. "minute 44(2), 21 March 2022"


def item_key(minute: str | None, agenda_number: str | None, title: str) -> str:
    """The natural key of an agenda item: its minute number where it has one.

    Croydon's workforce item has only an agenda number and Halton's report
    neither, so those fall back to the agenda number, then the title.
    """
    if minute and minute.strip():
        return minute.strip().rstrip(".")
    if agenda_number and agenda_number.strip():
        return f"agenda item {agenda_number.strip()}"
    return " ".join(title.lower().split())
