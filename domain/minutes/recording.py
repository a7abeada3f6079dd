"""Recording a whole minutes document at once: every event of every record, or none.

The document has the seed files' shape in its JSON form (`one_type_each` in
domain/minutes/drafting.py): the committee (and, to establish it, its names), the
meeting, attendance, declarations, items with their minute text and resolutions,
work-programme topics, the earlier meeting whose minutes were approved, meetings the
minutes mention, and the document the facts are read from.

Each record is built in memory through its own methods, so every rule of the domain
is checked; a broken rule becomes a `Problem` with its path in the document, and
checking goes on, so that the clerk sees every problem at once. Only when there are
none is everything saved, in one transaction (`Application.save(*records)`).

Sent again, a document records nothing: every identity comes from a natural key and
every step first asks whether it is already recorded. Sent changed, it records the
difference where the domain has a verb for it (a correction, attendance recorded
again, an item's minute text replaced, a proposal amended, a decision), and refuses
(`MinutesConflict`) what no verb changes (an item or attendee left out, a decided
resolution's clauses added or removed, a decision undone).
"""

from __future__ import annotations

import random
import time as clock
from typing import Any

from eventsourcing.persistence import IntegrityError

from domain.clauses import check_clauses
from domain.committees import Committee
from domain.councils import Council
from domain.errors import ConcurrentChange, DomainError, InvalidValue
from domain.meetings import Meeting
from domain.minutes.build import MENTIONED, MinutesReceipt, Problem, Recorded
from domain.minutes.record_meeting import MeetingSteps
from domain.minutes.record_resolutions import ResolutionSteps, draft
from domain.recording import check_slug
from domain.service.base import ServiceBase
from domain.values import (
    ClauseDraft,
    ClauseKind,
    CommitteeKind,
    MemberRole,
)

__all__ = ["MinutesReceipt", "Problem", "Recorded", "record_minutes"]

# Two clerks sending the same document at once: the second save finds the first's
# records and is tried again on them (recording the difference, usually nothing).
RACE_SECONDS = 5.0


class MinutesError(DomainError):
    """Raised when a minutes document cannot be recorded; `problems` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first.path}: {first.message}{more}")


class MinutesInvalid(MinutesError, InvalidValue):
    """Raised when the document breaks rules of the record: nothing is recorded."""


class MinutesConflict(MinutesError):
    """Raised when a document sent again changes what no verb of the domain changes."""


class CommitteeToEstablish(DomainError):
    """Raised when the document's committee is new and the writer may not establish it."""


def record_minutes(
    service: ServiceBase,
    doc: dict[str, Any],
    *,
    recorded_by: str,
    may_establish: bool = False,
    mentioned: str = MENTIONED,
    race_seconds: float = RACE_SECONDS,
) -> MinutesReceipt:
    """Record the document in one transaction, or nothing (MinutesInvalid,
    MinutesConflict, CommitteeToEstablish)."""
    deadline = clock.monotonic() + race_seconds
    attempt = 0
    while True:
        build = MinutesBuild(service, doc, recorded_by, may_establish, mentioned)
        build.run()
        if build.problems:
            raise MinutesInvalid(build.problems)
        if build.conflicts:
            raise MinutesConflict(build.conflicts)
        try:
            return build.save()
        except IntegrityError:
            if clock.monotonic() > deadline:
                raise ConcurrentChange(
                    "other writers kept changing the records this document names; try again"
                ) from None
        attempt += 1
        clock.sleep(random.uniform(0, min(0.005 * 2**attempt, 0.2)))  # let the winner finish


def resolutions_of(i: int, item: dict[str, Any]) -> list[tuple[int, dict[str, Any], str]]:
    """An item's resolutions, in order, each with its place (from 1) and its path in the
    document: `resolutions` where the item has several, `resolution` where it has one."""
    if item.get("resolutions"):
        return [
            (k, r, f"items[{i}].resolutions[{k - 1}]") for k, r in enumerate(item["resolutions"], 1)
        ]
    if item.get("resolution") is not None:
        return [(1, item["resolution"], f"items[{i}].resolution")]
    return []


class MinutesBuild(MeetingSteps, ResolutionSteps):
    """The whole document, step by step: committee, members, meetings mentioned before
    it, the meeting, its items, attendance, sources, declarations, its resolutions, and
    meetings it arranged."""

    def run(self) -> None:
        doc = self.doc
        self.check_clauses()
        committee = self.committee()
        if committee is None:
            return
        for i, member in enumerate(doc.get("members", [])):
            self.member(committee, member, f"members[{i}]")
        mentioned = list(enumerate(doc.get("referenced_meetings", [])))
        for i, ref in mentioned:
            if ref["date"] < self.on:
                self.mentioned(committee, ref, f"referenced_meetings[{i}]", None)
        self.meeting_id = Meeting.create_id(committee.id, self.on, self.sitting)
        meeting = self.meeting(committee)
        if meeting is None:
            return
        keys = self.items(meeting)
        self.attendance(committee, meeting)
        self.cite_meeting(meeting, keys)
        self.declarations(meeting, keys)
        self.held(meeting)
        for i, item in enumerate(doc["items"]):
            for sequence, r, path in resolutions_of(i, item):
                if keys[i] is not None:
                    self.resolution(committee, meeting, keys[i], item, r, sequence, path)
        for i, ref in mentioned:
            if ref["date"] >= self.on:
                self.mentioned(committee, ref, f"referenced_meetings[{i}]", self.on)

    def check_clauses(self) -> None:
        """Each clause on its own, so that every bad one is named (the record checks
        the whole list and stops at the first)."""
        for i, item in enumerate(self.doc["items"]):
            for _, r, at in resolutions_of(i, item):
                clauses = r.get("clauses", [])
                fine = [ClauseDraft(n, "fine", ClauseKind.NOTED) for n in range(1, len(clauses))]
                for j, clause in enumerate(clauses):
                    self.attempt(
                        f"{at}.clauses[{j}]",
                        lambda j=j, c=clause, f=fine: check_clauses([*f[:j], draft(j, c)]),
                    )

    def committee(self) -> Committee | None:
        doc = self.doc
        council = self.attempt("council", lambda: check_slug(doc["council"], "council"))
        slug = self.attempt("committee", lambda: check_slug(doc["committee"], "committee"))
        if council is None or slug is None:
            return None
        found = self.get(Committee, Committee.create_id(council, slug))
        if found is not None:
            return found
        if not doc.get("committee_name") or not doc.get("council_name"):
            self.problems.append(
                Problem(
                    "committee",
                    "unknown-committee",
                    f"{council} has no committee {slug!r}: an admin may establish it by "
                    "sending committee_name and council_name with the document",
                )
            )
            return None
        if not self.may_establish:
            raise CommitteeToEstablish(f"{council} has no committee {slug!r} yet")
        return self.attempt("committee_name", lambda: self.establish(council, slug))

    def establish(self, council: str, slug: str) -> Committee:
        doc = self.doc
        on = doc.get("established_on") or self.on
        committee = Committee.establish(
            council=council,
            council_name=doc["council_name"],
            slug=slug,
            name=doc["committee_name"],
            kind=CommitteeKind(doc.get("committee_kind", CommitteeKind.COMMITTEE.value)),
            effective_date=on,
            recorded_by=self.by,
        )
        registered = self.get(Council, Council.create_id(council))
        if registered is None:
            self.add(
                Council.register(
                    slug=council, name=doc["council_name"], effective_date=on, recorded_by=self.by
                )
            )
        else:
            registered.check_named(doc["council_name"])
        return self.add(committee)

    def member(self, committee: Committee, member: dict[str, Any], path: str) -> None:
        """Appointed unless they sat on the committee that day; a sitting member's role
        or what they represent corrected where the document says otherwise."""
        name, on = member["name"], member.get("appointed_on") or self.on
        sitting = committee.members.get(name)
        if sitting is not None:
            for field in ("role", "representing"):
                value = member.get(field)
                was = getattr(sitting, field)
                if value is not None and value != getattr(was, "value", was):
                    self.correct(
                        committee, f"{path}.{field}", "membership", field, value, member=name
                    )
            return
        if name in self.members_on(committee, on):
            return
        self.attempt(
            path,
            lambda: committee.appoint_member(
                member["name"],
                role=MemberRole(member.get("role", MemberRole.MEMBER.value)),
                representing=member.get("representing"),
                effective_date=member.get("appointed_on") or self.on,
                recorded_by=self.by,
            ),
        )
