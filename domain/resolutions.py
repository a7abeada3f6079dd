"""What a committee resolved on one item, clause by clause, and the actions it started.

Resolution state machine:

    proposed ──resolve──▶ resolved ──rescind──▶ rescinded
      │  ▲ │                  (clause actions are followed up only here)
      │  │ └──reject / withdraw──▶ rejected / withdrawn
      ▼  │
    deferred ──resolve / reject / withdraw / defer again──▶ …

Clauses may be amended only while proposed or deferred.

Action state machine (one per clause that asks for something):

    pending ──resolution resolved──▶ open ──refer──▶ referred
    pending ──rejected / withdrawn──▶ dropped
    open | referred ──report back──▶ reported back
    open | referred ──complete──▶ completed
    open | referred ──resolution rescinded──▶ dropped

Owners may be assigned, report backs requested and progress noted while an
action is open or referred. Nothing closes an action before it was asked for.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain import limits
from domain.clauses import (
    ActionRequired,
    NothingAsked,
    check_clauses,
    check_not_before_request,
    clause_from,
)
from domain.corrections import (
    Correction,
    check_agreed,
    check_change,
    check_subject,
    decoded,
)
from domain.errors import DomainError, EffectiveDateTooEarly, InvalidValue, NotFound
from domain.meetings import Meeting, MeetingCancelled
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
    LIVE,
    WAITING,
    Action,
    ActionStatus,
    ActionStep,
    Clause,
    ClauseDraft,
    ClauseKind,
    MeetingStatus,
    ProgressNote,
    ResolutionStatus,
    Source,
    natural_id,
)

OPEN_TO_DECISION = (ResolutionStatus.PROPOSED, ResolutionStatus.DEFERRED)


def unlabelled(state: dict) -> None:
    """Clause drafts stored before labels existed: none of them had one."""
    state["clauses"] = [replace(draft, label=None) for draft in state["clauses"]]


class ResolutionError(DomainError):
    """Raised when a change to a resolution breaks a rule."""


class OutOfOrder(ResolutionError):
    """Raised when a step would take effect before the step it follows from."""


class ResolutionNotFound(ResolutionError, NotFound):
    """Raised when no resolution has the given id."""


class AlreadyDecided(ResolutionError):
    """Raised when a resolution that was decided is resolved, rejected, withdrawn,
    deferred or amended."""


class NotResolved(ResolutionError):
    """Raised when an action is followed up on a resolution that was not carried."""


class UnknownClause(ResolutionError, NotFound):
    """Raised when a change names a clause number the resolution does not have: the
    clause is named in the request's path, so it answers as any unknown thing there
    does (404)."""


class NotAnAction(ResolutionError):
    """Raised when a clause that asks nobody to do anything is followed up."""


class PublicResolutionOnExemptItem(ResolutionError):
    """Raised when a resolution on an item taken in private is proposed as public: what
    was decided in private is private too."""


class DecidedBeforeItsMeeting(ResolutionError):
    """Raised when a resolution would be resolved, rejected or deferred before the
    meeting that decides it."""


class ActionClosed(ResolutionError):
    """Raised when an action already reported back, completed or dropped is followed up."""


class EarlierResolutionMissing(ResolutionError):
    """Raised when the second (or later) resolution on an item is proposed before the
    one that comes before it."""


class Resolution(RecordedAggregate):
    class SourceCited(Citation):
        """Where one of the record's facts came from (see domain/provenance.py)."""

    # The sources cited for its facts, by fact (domain/provenance.py); records saved
    # before sources could be cited have none.
    sources = NONE_CITED

    class Proposed(RecordedAggregate.Created):
        """Explicit, versioned: the clause payload is the part most likely to evolve.
        Version 2: each clause draft may carry its printed label. Version 3: an item
        may have several resolutions, numbered in order (`sequence`, from 1)."""

        class_version = 3
        council: str
        committee_id: UUID
        meeting_id: UUID
        meeting_date: date
        item: str
        minute: str | None
        title: str
        clauses: list[ClauseDraft]
        exempt: bool
        sequence: int

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            unlabelled(state)

        @staticmethod
        def upcast_v2_v3(state: dict) -> None:
            state["sequence"] = 1

    class Amended(RecordedAggregate.Event):
        class_version = 2  # as Proposed: clause drafts may carry labels
        clauses: list[ClauseDraft]
        reason: str | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            unlabelled(state)

    class Corrected(Correction):
        """The resolution's title or minute, a clause's words, label or kind, or an
        action's owner or due date put right (see domain/corrections.py)."""

    # Resolutions snapshotted before an item could have several were its only one.
    sequence = 1

    @staticmethod
    def create_id(meeting_id: UUID, item: str, sequence: int = 1, **_: object) -> UUID:
        """The first resolution on an item keeps the id it always had; each later one
        adds its place in the order, so a replay finds the same ids."""
        if sequence == 1:
            return natural_id("resolution", meeting_id, item)
        return natural_id("resolution", meeting_id, item, sequence)

    @classmethod
    def propose(
        cls,
        meeting: Meeting,
        *,
        item: str,
        clauses: list[ClauseDraft],
        title: str | None = None,
        exempt: bool | None = None,
        sequence: int = 1,
        effective_date: date,
        recorded_by: str,
    ) -> Resolution:
        """Propose resolution number `sequence` on the item (an amendment carried, then
        the substantive motion: two resolutions); the service checks the one before
        it exists."""
        if (
            isinstance(sequence, bool)
            or not isinstance(sequence, int)
            or not 1 <= sequence <= limits.RESOLUTIONS_PER_ITEM
        ):
            raise InvalidValue(
                f"sequence is a whole number from 1 to {limits.RESOLUTIONS_PER_ITEM}"
            )
        if meeting.status is MeetingStatus.CANCELLED:
            raise MeetingCancelled(
                f"the meeting of {meeting.meeting_date.isoformat()} was cancelled"
            )
        agenda_item = meeting.agenda_item(item)
        check_effective_date(effective_date)
        if agenda_item.exempt and exempt is not None and not exempt:
            raise PublicResolutionOnExemptItem(
                f"agenda item {agenda_item.key!r} is exempt (taken in private), so a "
                "resolution on it is exempt too: leave out exempt or send true"
            )
        if effective_date < meeting.effective_from:
            raise EffectiveDateTooEarly(
                f"{effective_date.isoformat()} is before the meeting was scheduled on "
                f"{meeting.effective_from.isoformat()}"
            )
        return cls(
            council=meeting.council,
            committee_id=meeting.committee_id,
            meeting_id=meeting.id,
            meeting_date=meeting.meeting_date,
            item=agenda_item.key,
            minute=agenda_item.minute,
            title=agenda_item.title if title is None else check_text(title, "title", limit=500),
            clauses=check_clauses(clauses),
            exempt=agenda_item.exempt or bool(exempt),
            sequence=sequence,
            effective_date=effective_date,
            recorded_by=check_text(recorded_by, "actor", limit=200),
        )

    @event(Proposed)
    def __init__(
        self,
        *,
        council: str,
        committee_id: UUID,
        meeting_id: UUID,
        meeting_date: date,
        item: str,
        minute: str | None,
        title: str,
        clauses: list[ClauseDraft],
        exempt: bool,
        sequence: int,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.council = council
        self.committee_id = committee_id
        self.meeting_id = meeting_id
        self.meeting_date = meeting_date
        self.item = item
        self.minute = minute
        self.title = title
        self.exempt = exempt
        self.sequence = sequence
        self.status = ResolutionStatus.PROPOSED
        self.decided_on: date | None = None
        self.stage_on = effective_date  # when the wording or the decision last changed
        self.clauses = [clause_from(draft) for draft in clauses]
        self._begin_record(effective_date)

    # Guards -----------------------------------------------------------------

    def _check_open_to_decision(self, effective_date: date, recorded_by: str) -> None:
        check_text(recorded_by, "actor", limit=200)
        if self.status not in OPEN_TO_DECISION:
            raise AlreadyDecided(f"the resolution is already {self.status.value}")
        self._check_takes_effect(effective_date)
        self._check_not_before(self.stage_on, effective_date, "its last wording or deferral")

    def _check_at_its_meeting(self, effective_date: date, what: str) -> None:
        """A committee decides at its meeting: not before the day it sits (a proposal,
        an amendment or a withdrawal may come earlier)."""
        if effective_date < self.meeting_date:
            raise DecidedBeforeItsMeeting(
                f"a resolution of the meeting of {self.meeting_date.isoformat()} cannot be "
                f"{what} on {effective_date.isoformat()}"
            )

    def check_may_be_superseded_by(self, other: Resolution) -> None:
        """A resolution is superseded only by one of the same council."""
        self.check_same_council(other, f"resolution {other.id}")

    def _check_not_before(self, earlier: date | None, effective_date: date, what: str) -> None:
        """Each step takes effect on or after the step it depends on, so the record
        as it stood on any date is the events that had taken effect by then."""
        if earlier is not None and effective_date < earlier:
            raise OutOfOrder(
                f"{effective_date.isoformat()} is before {what} ({earlier.isoformat()})"
            )

    def _check_action(self, number: int, effective_date: date, recorded_by: str) -> Action:
        """Guard for every follow-up of a clause's action. Each takes effect on or after
        the action's last step, so the action as it stood on a date is simply its state
        after the last step taken by then (the state the read models keep a history of)."""
        check_text(recorded_by, "actor", limit=200)
        if self.status is not ResolutionStatus.RESOLVED:
            raise NotResolved(f"the resolution is {self.status.value}, not resolved")
        self._check_takes_effect(effective_date)
        self._check_not_before(self.decided_on, effective_date, "the resolution was carried")
        clause = self.clause(number)
        if clause.action is None:
            raise NotAnAction(f"clause {number} ({clause.kind.value}) asks nobody to do anything")
        if not clause.action.status.is_live:
            raise ActionClosed(f"the action of clause {number} is {clause.action.status.value}")
        self._check_not_before(
            clause.action.last_step_on,
            effective_date,
            f"the last step on the action of clause {number}",
        )
        return clause.action

    def clause(self, number: int) -> Clause:
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidValue(f"a clause number is a whole number, not {number!r}")
        if not 1 <= number <= len(self.clauses):
            raise UnknownClause(f"the resolution has no clause {number}")
        return self.clauses[number - 1]

    @property
    def open_actions(self) -> int:
        return sum(1 for c in self.clauses if c.action and c.action.status.is_live)

    # Commands: the decision -------------------------------------------------

    def amend(
        self,
        clauses: list[ClauseDraft],
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._check_open_to_decision(effective_date, recorded_by)
        reason = optional_text(reason, "reason")
        self._amended(
            clauses=check_clauses(clauses),
            reason=reason,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )

    def resolve(self, *, effective_date: date, recorded_by: str) -> None:
        self._check_open_to_decision(effective_date, recorded_by)
        self._check_at_its_meeting(effective_date, "resolved")
        self._resolved(effective_date, recorded_by)

    def reject(self, *, reason: str | None = None, effective_date: date, recorded_by: str) -> None:
        self._check_open_to_decision(effective_date, recorded_by)
        self._check_at_its_meeting(effective_date, "rejected")
        self._rejected(optional_text(reason, "reason"), effective_date, recorded_by)

    def withdraw(
        self, *, reason: str | None = None, effective_date: date, recorded_by: str
    ) -> None:
        self._check_open_to_decision(effective_date, recorded_by)
        self._withdrawn(optional_text(reason, "reason"), effective_date, recorded_by)

    def defer(
        self,
        *,
        until: date | None = None,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._check_open_to_decision(effective_date, recorded_by)
        self._check_at_its_meeting(effective_date, "deferred")
        if check_date(until, "until") is not None and until <= effective_date:
            raise InvalidValue("a deferred resolution is taken up after the day it was deferred")
        self._deferred(until, optional_text(reason, "reason"), effective_date, recorded_by)

    def rescind(
        self,
        *,
        reason: str | None = None,
        superseded_by: UUID | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        check_text(recorded_by, "actor", limit=200)
        if self.status is not ResolutionStatus.RESOLVED:
            raise NotResolved(
                f"only a resolved resolution can be rescinded, not a {self.status.value} one"
            )
        self._check_takes_effect(effective_date)
        self._check_not_before(self.decided_on, effective_date, "the resolution was carried")
        # Closed actions too: a step dated after the rescission would otherwise be undone
        # by it in the record as it stood between the two dates.
        for clause in self.clauses:
            if clause.action is not None:
                self._check_not_before(
                    clause.action.last_step_on,
                    effective_date,
                    f"the last step on the action of clause {clause.number}",
                )
        if superseded_by == self.id:
            raise InvalidValue("a resolution cannot supersede itself")
        self._rescinded(optional_text(reason, "reason"), superseded_by, effective_date, recorded_by)

    # Commands: following up a clause's action -------------------------------

    def refer(self, number: int, *, to: str, effective_date: date, recorded_by: str) -> None:
        self._check_action(number, effective_date, recorded_by)
        self._referred(
            number, check_text(to, "referred to", limit=300), effective_date, recorded_by
        )

    def request_report_back(
        self,
        number: int,
        *,
        due_date: date | None = None,
        due_meeting: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._check_action(number, effective_date, recorded_by)
        if check_date(due_date, "due date") is not None and due_date < effective_date:
            raise InvalidValue("a report back cannot be due before it was requested")
        self._report_back_requested(
            number, due_date, optional_text(due_meeting, "due meeting"), effective_date, recorded_by
        )

    def report_back(
        self,
        number: int,
        *,
        summary: str,
        at_meeting_id: UUID | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        action = self._check_action(number, effective_date, recorded_by)
        check_not_before_request(action, number, effective_date)
        self._reported_back(
            number,
            check_text(summary, "summary", limit=5000),
            at_meeting_id,
            effective_date,
            recorded_by,
        )

    def assign_action(
        self, number: int, *, owner: str, effective_date: date, recorded_by: str
    ) -> None:
        self._check_action(number, effective_date, recorded_by)
        self._action_assigned(
            number, check_text(owner, "owner", limit=200), effective_date, recorded_by
        )

    def note_progress(
        self, number: int, *, note: str, effective_date: date, recorded_by: str
    ) -> None:
        self._check_action(number, effective_date, recorded_by)
        self._action_progress_noted(
            number, check_text(note, "note", limit=5000), effective_date, recorded_by
        )

    def complete_action(
        self, number: int, *, outcome: str, effective_date: date, recorded_by: str
    ) -> None:
        action = self._check_action(number, effective_date, recorded_by)
        check_not_before_request(action, number, effective_date)
        self._action_completed(
            number, check_text(outcome, "outcome", limit=5000), effective_date, recorded_by
        )

    # Commands: corrections -------------------------------------------------

    def correct(
        self,
        subject: str,
        field: str,
        value: str | None,
        *,
        reason: str,
        clause: int | None = None,
        agreed_at: Meeting | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Put right what was written wrongly: the resolution's `title` or `minute`; a
        clause's `text`, `label` or `kind`; its action's `owner`, `due_date` or
        `due_meeting`. A correction is the newest step on what it corrects, so the
        record as it stood on any date shows the old value before it and the new after.
        A kind may be corrected only to one that asks for an action if the clause has
        one, and to one that asks for nothing only if it has none: a correction fixes
        the words, and does not start or drop an action."""
        check_subject(("resolution", "clause", "action"), subject, field)
        check_actor(recorded_by)
        self._check_takes_effect(effective_date)
        if subject == "resolution":
            was = getattr(self, field, None)
            after, what = self.stage_on, "its last wording or deferral"
        else:
            if clause is None:
                raise InvalidValue(f"name the clause whose {subject} is corrected")
            found = self.clause(clause)
            if subject == "action":
                if found.action is None:
                    raise NotAnAction(
                        f"clause {found.number} ({found.kind.value}) asks nobody to do anything"
                    )
                was = getattr(found.action, field, None)
                after = found.action.last_step_on or self.stage_on
                what = f"the last step on the action of clause {found.number}"
            else:
                was = getattr(found, field, None)
                after, what = self.stage_on, "its last wording or deferral"
        subjects = ("resolution", "clause", "action")
        change = check_change(subjects, subject, field, value, was, reason)
        self._check_not_before(after, effective_date, what)
        check_agreed(agreed_at, self, effective_date)
        if subject == "clause" and field == "kind":
            self._check_kind_keeps_action(found, change.value)
        self._corrected(
            subject=subject,
            field=field,
            item_key=None,
            member=None,
            clause=None if subject == "resolution" else found.number,
            was=change.was,
            now=change.now,
            reason=change.reason,
            agreed_at=None if agreed_at is None else agreed_at.id,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )

    @staticmethod
    def _check_kind_keeps_action(clause: Clause, kind: ClauseKind) -> None:
        if clause.action is not None and kind.asks_for_nothing:
            raise NothingAsked(
                f"clause {clause.number} has an action ({clause.action.status.value}), and "
                f"'{kind.value}' asks nobody to do anything: a correction cannot drop an "
                "action (amend the resolution while it is proposed, or rescind it)"
            )
        if clause.action is None and kind.asks_for_action:
            raise ActionRequired(
                f"clause {clause.number} has no action, and '{kind.value}' asks somebody "
                "to do something: a correction cannot start an action (amend the "
                "resolution while it is proposed, or record a new one)"
            )

    def cite(
        self,
        subject: str,
        source: Source,
        *,
        clause: int | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Say where a fact came from: the resolution's own, or one clause's."""
        check_actor(recorded_by)
        self._check_takes_effect(effective_date)
        number = None
        if subject == "clause":
            if clause is None:
                raise InvalidValue("name the clause whose source is cited")
            number = self.clause(clause).number
        elif subject != "resolution":
            raise InvalidValue("a resolution's facts are: resolution, clause")
        self._source_cited(
            subject=subject,
            item_key=None,
            member=None,
            clause=number,
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
        if subject == "resolution":
            setattr(self, field, value)
        elif clause is not None and clause <= len(self.clauses):
            if subject == "clause":
                self.clauses[clause - 1] = replace(self.clauses[clause - 1], **{field: value})
            elif self.clauses[clause - 1].action is not None:
                self._set_action(clause, **{field: value}, last_step_on=effective_date)

    def _set_action(self, number: int, **changes: object) -> None:
        clause = self.clauses[number - 1]
        assert clause.action is not None
        self.clauses[number - 1] = replace(clause, action=replace(clause.action, **changes))

    def _step_actions(
        self, event_class: type, number: int | None = None, **changes: object
    ) -> None:
        """Move the actions the event reaches (all of them, or clause `number`'s) as
        ACTION_STEPS says it does, making `changes` to each it moves."""
        step = ACTION_STEPS[event_class]
        for clause in self.clauses:
            action = clause.action
            if action is None or action.status not in step.moves_from:
                continue
            if number is None or clause.number == number:
                status = step.status_after(action.status)
                self._set_action(clause.number, status=status, **changes)

    @event(Amended)
    def _amended(
        self, clauses: list[ClauseDraft], reason: str | None, effective_date: date, recorded_by: str
    ) -> None:
        self.clauses = [clause_from(draft) for draft in clauses]
        self.stage_on = effective_date
        # The clauses' words are replaced, and the sources cited for them with them.
        self.sources = {k: v for k, v in self.sources.items() if not k.startswith("clause:")}

    @event("Resolved")
    def _resolved(self, effective_date: date, recorded_by: str) -> None:
        self.status = ResolutionStatus.RESOLVED
        self.decided_on = self.stage_on = effective_date
        self._step_actions(
            Resolution.Resolved, requested_on=effective_date, last_step_on=effective_date
        )

    @event("Rejected")
    def _rejected(self, reason: str | None, effective_date: date, recorded_by: str) -> None:
        self.status = ResolutionStatus.REJECTED
        self.decided_on = self.stage_on = effective_date
        self._step_actions(Resolution.Rejected, closed_on=effective_date)

    @event("Withdrawn")
    def _withdrawn(self, reason: str | None, effective_date: date, recorded_by: str) -> None:
        self.status = ResolutionStatus.WITHDRAWN
        self.decided_on = self.stage_on = effective_date
        self._step_actions(Resolution.Withdrawn, closed_on=effective_date)

    @event("Deferred")
    def _deferred(
        self, until: date | None, reason: str | None, effective_date: date, recorded_by: str
    ) -> None:
        self.status = ResolutionStatus.DEFERRED
        self.stage_on = effective_date

    @event("Rescinded")
    def _rescinded(
        self, reason: str | None, superseded_by: UUID | None, effective_date: date, recorded_by: str
    ) -> None:
        self.status = ResolutionStatus.RESCINDED
        self._step_actions(
            Resolution.Rescinded, closed_on=effective_date, last_step_on=effective_date
        )

    @event("Referred")
    def _referred(self, clause: int, to: str, effective_date: date, recorded_by: str) -> None:
        self._step_actions(Resolution.Referred, clause, referred_to=to, last_step_on=effective_date)

    @event("ReportBackRequested")
    def _report_back_requested(
        self,
        clause: int,
        due_date: date | None,
        due_meeting: str | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        action = self.clauses[clause - 1].action
        assert action is not None
        self._step_actions(
            Resolution.ReportBackRequested,
            clause,
            report_back_requested_on=effective_date,
            due_date=due_date or action.due_date,
            due_meeting=due_meeting or action.due_meeting,
            last_step_on=effective_date,
        )

    @event("ReportedBack")
    def _reported_back(
        self,
        clause: int,
        summary: str,
        at_meeting_id: UUID | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._step_actions(
            Resolution.ReportedBack,
            clause,
            closed_on=effective_date,
            outcome=summary,
            last_step_on=effective_date,
        )

    @event("ActionAssigned")
    def _action_assigned(
        self, clause: int, owner: str, effective_date: date, recorded_by: str
    ) -> None:
        self._step_actions(
            Resolution.ActionAssigned, clause, owner=owner, last_step_on=effective_date
        )

    @event("ActionProgressNoted")
    def _action_progress_noted(
        self, clause: int, note: str, effective_date: date, recorded_by: str
    ) -> None:
        action = self.clauses[clause - 1].action
        assert action is not None
        progress = [*action.progress, ProgressNote(effective_date, note, recorded_by)]
        self._step_actions(
            Resolution.ActionProgressNoted, clause, progress=progress, last_step_on=effective_date
        )

    @event("ActionCompleted")
    def _action_completed(
        self, clause: int, outcome: str, effective_date: date, recorded_by: str
    ) -> None:
        self._step_actions(
            Resolution.ActionCompleted,
            clause,
            closed_on=effective_date,
            outcome=outcome,
            last_step_on=effective_date,
        )


# The action state machine (see the top of this module), the one place it is written:
# which actions each event moves, from which statuses to which. The aggregate moves its
# actions by it, and the read models their rows.
ACTION_STEPS: dict[type, ActionStep] = {
    Resolution.Resolved: ActionStep(WAITING, ActionStatus.OPEN),
    Resolution.Rejected: ActionStep(WAITING, ActionStatus.DROPPED),
    Resolution.Withdrawn: ActionStep(WAITING, ActionStatus.DROPPED),
    Resolution.Rescinded: ActionStep(LIVE, ActionStatus.DROPPED),
    Resolution.Referred: ActionStep(LIVE, ActionStatus.REFERRED),
    Resolution.ReportBackRequested: ActionStep(LIVE),
    Resolution.ReportedBack: ActionStep(LIVE, ActionStatus.REPORTED_BACK),
    Resolution.ActionAssigned: ActionStep(LIVE),
    Resolution.ActionProgressNoted: ActionStep(LIVE),
    Resolution.ActionCompleted: ActionStep(LIVE, ActionStatus.COMPLETED),
    # A correction puts right what was written of an action in any state, and moves none.
    Resolution.Corrected: ActionStep(frozenset(ActionStatus)),
}
