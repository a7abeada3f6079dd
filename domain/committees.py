"""A committee of a council: who sits on it, who chairs it, what it plans to examine.

State machine: established → (members appointed / stood down, chair appointed,
renamed, work programme changed)* → dissolved. A dissolved committee takes no
further change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain import limits
from domain.corrections import (
    Correction,
    check_agreed,
    check_change,
    check_subject,
    decoded,
)
from domain.errors import DomainError, InvalidValue, NotFound
from domain.provenance import NONE_CITED, Citation, check_source, fact_key
from domain.recording import (
    RecordedAggregate,
    check_actor,
    check_effective_date,
    check_slug,
    check_text,
    optional_text,
)
from domain.values import (
    CommitteeKind,
    MemberRole,
    Membership,
    Source,
    WorkProgrammeItem,
    natural_id,
)


class CommitteeError(DomainError):
    """Raised when a change to a committee breaks a rule."""


class CommitteeNotFound(CommitteeError, NotFound):
    """Raised when no committee has the given id."""


class CommitteeDissolved(CommitteeError):
    """Raised when a dissolved committee is asked to change."""


class AlreadyAMember(CommitteeError):
    """Raised when a person already sitting on the committee is appointed again."""


class NotAMember(CommitteeError):
    """Raised when a change names somebody who does not sit on the committee."""


class AlreadyChairs(CommitteeError):
    """Raised when the member in the chair is appointed to it again."""


class NotYetAMember(CommitteeError):
    """Raised when a change about a member takes effect before their appointment."""


class AlreadyNamed(CommitteeError):
    """Raised when a committee is renamed to the name it already has."""


class AlreadyOnWorkProgramme(CommitteeError):
    """Raised when a topic already on the work programme is added again."""


class NotOnWorkProgramme(CommitteeError):
    """Raised when a topic is removed that is not on the work programme."""


class ChairByAppointment(CommitteeError):
    """Raised when a correction would make or unmake a chair: the chair changes hands
    only by an appointment, so that the record says when."""


class Committee(RecordedAggregate):
    class SourceCited(Citation):
        """Where one of the record's facts came from (see domain/provenance.py)."""

    # The sources cited for its facts, by fact (domain/provenance.py); records saved
    # before sources could be cited have none.
    sources = NONE_CITED

    class Corrected(Correction):
        """A member's role or whom they represent put right (see domain/corrections.py)."""

    @staticmethod
    def create_id(council: str, slug: str, **_: object) -> UUID:
        return natural_id("committee", council, slug)

    @classmethod
    def establish(
        cls,
        *,
        council: str,
        council_name: str,
        slug: str,
        name: str,
        kind: CommitteeKind,
        effective_date: date,
        recorded_by: str,
    ) -> Committee:
        if not isinstance(kind, CommitteeKind):
            raise InvalidValue(f"unknown committee kind {kind!r}")
        return cls(
            council=check_slug(council, "council"),
            council_name=check_text(council_name, "council name", limit=limits.COUNCIL_NAME),
            slug=check_slug(slug, "committee slug"),
            name=check_text(name, "committee name", limit=limits.COMMITTEE_NAME),
            kind=kind,
            effective_date=check_effective_date(effective_date),
            recorded_by=check_actor(recorded_by),
        )

    @event("Established")
    def __init__(
        self,
        *,
        council: str,
        council_name: str,
        slug: str,
        name: str,
        kind: CommitteeKind,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.council = council
        self.council_name = council_name
        self.slug = slug
        self.name = name
        self.kind = kind
        self.members: dict[str, Membership] = {}
        self.work_programme: dict[str, WorkProgrammeItem] = {}
        self.dissolved_on: date | None = None
        self._begin_record(effective_date)

    # Guards -----------------------------------------------------------------

    def _check_can_change(self, effective_date: date, recorded_by: str) -> None:
        check_actor(recorded_by)
        if self.dissolved_on is not None:
            raise CommitteeDissolved(
                f"{self.name} was dissolved on {self.dissolved_on.isoformat()}"
            )
        self._check_takes_effect(effective_date)

    def _check_member(self, name: str, effective_date: date) -> str:
        name = check_text(name, "member name", limit=limits.PERSON)
        if name not in self.members:
            raise NotAMember(f"{name} does not sit on {self.name}")
        appointed_on = self.members[name].appointed_on
        if effective_date < appointed_on:
            raise NotYetAMember(
                f"{name} was appointed on {appointed_on.isoformat()}, "
                f"after {effective_date.isoformat()}"
            )
        return name

    @property
    def chair(self) -> str | None:
        for membership in self.members.values():
            if membership.role is MemberRole.CHAIR:
                return membership.name
        return None

    # Commands ---------------------------------------------------------------

    def appoint_member(
        self,
        name: str,
        *,
        role: MemberRole,
        representing: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self._check_can_change(effective_date, recorded_by)
        name = check_text(name, "member name", limit=limits.PERSON)
        if not isinstance(role, MemberRole):
            raise InvalidValue(f"unknown member role {role!r}")
        if name in self.members:
            raise AlreadyAMember(f"{name} already sits on {self.name}")
        representing = optional_text(representing, "representing", limit=limits.PERSON)
        if role is MemberRole.CHAIR:
            # A chair is appointed as a member first, then to the chair,
            # so that the log says the chair changed hands.
            self._member_appointed(
                name, MemberRole.MEMBER, representing, effective_date, recorded_by
            )
            self._chair_appointed(name, effective_date, recorded_by)
        else:
            self._member_appointed(name, role, representing, effective_date, recorded_by)

    def stand_down_member(self, name: str, *, effective_date: date, recorded_by: str) -> None:
        self._check_can_change(effective_date, recorded_by)
        self._member_stood_down(
            self._check_member(name, effective_date), effective_date, recorded_by
        )

    def appoint_chair(self, name: str, *, effective_date: date, recorded_by: str) -> None:
        self._check_can_change(effective_date, recorded_by)
        name = self._check_member(name, effective_date)
        if self.chair == name:
            raise AlreadyChairs(f"{name} already chairs {self.name}")
        self._chair_appointed(name, effective_date, recorded_by)

    def rename(self, name: str, *, effective_date: date, recorded_by: str) -> None:
        self._check_can_change(effective_date, recorded_by)
        name = check_text(name, "committee name", limit=limits.COMMITTEE_NAME)
        if name == self.name:
            raise AlreadyNamed(f"the committee is already named {name}")
        self._renamed(name, effective_date, recorded_by)

    def add_work_programme_item(
        self, title: str, *, source: str | None = None, effective_date: date, recorded_by: str
    ) -> None:
        self._check_can_change(effective_date, recorded_by)
        title = check_text(title, "work programme title", limit=limits.TITLE)
        key = " ".join(title.lower().split())
        if key in self.work_programme:
            raise AlreadyOnWorkProgramme(f"{title!r} is already on the work programme")
        source = optional_text(source, "source", limit=limits.SOURCE)
        self._work_programme_item_added(key, title, source, effective_date, recorded_by)

    def remove_work_programme_item(
        self, title: str, *, reason: str | None = None, effective_date: date, recorded_by: str
    ) -> None:
        self._check_can_change(effective_date, recorded_by)
        reason = optional_text(reason, "reason")
        key = " ".join(
            check_text(title, "work programme title", limit=limits.TITLE).lower().split()
        )
        if key not in self.work_programme:
            raise NotOnWorkProgramme(f"{title!r} is not on the work programme")
        if effective_date < self.work_programme[key].added_on:
            raise NotOnWorkProgramme(
                f"{title!r} was added on {self.work_programme[key].added_on.isoformat()}"
            )
        self._work_programme_item_removed(key, reason, effective_date, recorded_by)

    def dissolve(
        self, *, reason: str | None = None, effective_date: date, recorded_by: str
    ) -> None:
        self._check_can_change(effective_date, recorded_by)
        self._dissolved(optional_text(reason, "reason"), effective_date, recorded_by)

    def correct(
        self,
        subject: str,
        field: str,
        value: str | None,
        *,
        reason: str,
        member: str | None = None,
        agreed_at: RecordedAggregate | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Put right how a membership was recorded: the member's `role` (not to or from
        chair) or whom they are `representing`."""
        check_subject(("membership",), subject, field)
        self._check_can_change(effective_date, recorded_by)
        name = self._check_member(member or "", effective_date)
        was = getattr(self.members[name], field, None)
        change = check_change(("membership",), subject, field, value, was, reason)
        check_agreed(agreed_at, self, effective_date)
        if field == "role" and MemberRole.CHAIR in (was, change.value):
            raise ChairByAppointment(
                f"{name}'s role cannot be corrected to or from chair: appoint the chair"
            )
        self._corrected(
            subject=subject,
            field=field,
            item_key=None,
            member=name,
            clause=None,
            was=change.was,
            now=change.now,
            reason=change.reason,
            agreed_at=None if agreed_at is None else agreed_at.id,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )

    def cite(
        self,
        subject: str,
        source: Source,
        *,
        member: str | None = None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        """Say where a fact came from: the committee's own (its establishment), or a
        membership (from the appointment to the standing down)."""
        check_actor(recorded_by)
        self._check_takes_effect(effective_date)
        name = None
        if subject == "membership":
            name = check_text(member or "", "member name", limit=limits.PERSON)
            if name not in self.members:
                raise NotAMember(f"{name} does not sit on {self.name}")
        elif subject != "committee":
            raise InvalidValue("a committee's facts are: committee, membership")
        self._source_cited(
            subject=subject,
            item_key=None,
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
        if member in self.members:
            value = decoded(subject, field, now)
            self.members[member] = replace(self.members[member], **{field: value})

    @event("MemberAppointed")
    def _member_appointed(
        self,
        name: str,
        role: MemberRole,
        representing: str | None,
        effective_date: date,
        recorded_by: str,
    ) -> None:
        self.members[name] = Membership(name, role, representing, effective_date)

    @event("MemberStoodDown")
    def _member_stood_down(self, name: str, effective_date: date, recorded_by: str) -> None:
        del self.members[name]
        self.sources = {k: v for k, v in self.sources.items() if k != f"membership:{name}"}

    @event("ChairAppointed")
    def _chair_appointed(self, name: str, effective_date: date, recorded_by: str) -> None:
        for other, membership in list(self.members.items()):
            if membership.role is MemberRole.CHAIR:
                self.members[other] = Membership(
                    other, MemberRole.MEMBER, membership.representing, membership.appointed_on
                )
        appointed = self.members[name]
        self.members[name] = Membership(
            name, MemberRole.CHAIR, appointed.representing, appointed.appointed_on
        )

    @event("Renamed")
    def _renamed(self, name: str, effective_date: date, recorded_by: str) -> None:
        self.name = name

    @event("WorkProgrammeItemAdded")
    def _work_programme_item_added(
        self, key: str, title: str, source: str | None, effective_date: date, recorded_by: str
    ) -> None:
        self.work_programme[key] = WorkProgrammeItem(key, title, effective_date, source)

    @event("WorkProgrammeItemRemoved")
    def _work_programme_item_removed(
        self, key: str, reason: str | None, effective_date: date, recorded_by: str
    ) -> None:
        del self.work_programme[key]

    @event("Dissolved")
    def _dissolved(self, reason: str | None, effective_date: date, recorded_by: str) -> None:
        self.dissolved_on = effective_date
