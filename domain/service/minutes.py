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
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from domain.clauses import check_clauses
from domain.committees import Committee
from domain.councils import Council
from domain.errors import DomainError, InvalidValue
from domain.meetings import Meeting
from domain.provenance import NONE_CITED, fact_key
from domain.recording import RecordedAggregate, check_slug, today
from domain.resolutions import Resolution
from domain.service.base import ServiceBase, in_effect
from domain.values import (
    ActionRequest,
    AttendanceStatus,
    ClauseDraft,
    ClauseKind,
    CommitteeKind,
    DeclarationKind,
    MeetingStatus,
    MemberRole,
    ResolutionStatus,
    Source,
    item_key,
)

A = TypeVar("A", bound=RecordedAggregate)
# Two clerks sending the same document at once: the second save finds the first's
# records and is tried again on them (recording the difference, usually nothing).
RACE_SECONDS = 5.0
CHANGED = "the minutes document was recorded again with this changed"
MENTIONED = "not minuted in this document: known from this mention, and recorded as {how}"


@dataclass(frozen=True)
class Problem:
    """What is wrong at one place in the document: its path, the rule, and why."""

    path: str
    rule: str
    message: str


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


@dataclass(frozen=True)
class Recorded:
    """One record the document touches: its id, version and the position of its last
    event in the global log (None if this document added nothing to it)."""

    kind: str
    id: UUID
    version: int
    position: int | None
    new_events: int


@dataclass(frozen=True)
class MinutesReceipt:
    meeting_id: UUID
    records: list[Recorded]

    @property
    def new_events(self) -> int:
        return sum(r.new_events for r in self.records)

    @property
    def position(self) -> int | None:
        return max((r.position for r in self.records if r.position is not None), default=None)


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
                raise
        attempt += 1
        clock.sleep(random.uniform(0, min(0.005 * 2**attempt, 0.2)))  # let the winner finish


class MinutesBuild:
    """The records one document names, loaded or begun, changed in memory."""

    def __init__(
        self,
        service: ServiceBase,
        doc: dict[str, Any],
        recorded_by: str,
        may_establish: bool,
        mentioned: str = MENTIONED,
    ) -> None:
        self.mentioned_reason = mentioned
        self.service = service
        self.doc = doc
        self.by = recorded_by
        self.may_establish = may_establish
        self.on: date = doc["date"]
        self.records: dict[UUID, RecordedAggregate] = {}
        self.stored_events: dict[UUID, list[Any]] = {}
        self.problems: list[Problem] = []
        self.conflicts: list[Problem] = []
        self.retitled: dict[str, str] = {}  # item key → the title it had

    # Plumbing ---------------------------------------------------------------

    def get(self, kind: type[A], record_id: UUID) -> A | None:
        if record_id not in self.records:
            if not self.service.exists(record_id):
                return None
            self.records[record_id] = self.service._get(kind, record_id)
        found = self.records[record_id]
        return found if isinstance(found, kind) else None

    def add(self, record: A) -> A:
        self.records[record.id] = record
        return record

    def attempt(self, path: str, step: Callable[[], Any]) -> Any:
        """Run one step; a rule it breaks is a problem at `path`, and checking goes on."""
        try:
            return step()
        except DomainError as e:
            self.problems.append(Problem(path, e.rule, str(e)))
            return None

    def conflict(self, path: str, message: str) -> None:
        self.conflicts.append(Problem(path, "cannot-change-so", message))

    def save(self) -> MinutesReceipt:
        changed = [r for r in self.records.values() if r.pending_events]
        new = {r.id: len(r.pending_events) for r in changed}
        recordings = self.service.save(*changed) if changed else []
        positions: dict[UUID, int] = {}
        for r in recordings:
            n = r.notification
            positions[n.originator_id] = max(positions.get(n.originator_id, 0), n.id)
        cache = self.service.repository.cache
        if cache is not None:
            for record in changed:
                cache.put(record.id, record)
        return MinutesReceipt(
            self.meeting_id,
            [
                Recorded(
                    type(r).__name__.lower(),
                    r.id,
                    r.version,
                    positions.get(r.id),
                    new.get(r.id, 0),
                )
                for r in self.records.values()
            ],
        )

    # The document -----------------------------------------------------------

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
        self.meeting_id = Meeting.create_id(committee.id, self.on)
        meeting = self.meeting(committee)
        if meeting is None:
            return
        keys = self.items(meeting)
        self.attendance(committee, meeting)
        self.cite_meeting(meeting, keys)
        self.declarations(meeting, keys)
        self.held(meeting)
        for i, item in enumerate(doc["items"]):
            if item.get("resolution") is not None and keys[i] is not None:
                self.resolution(committee, meeting, keys[i], item, f"items[{i}].resolution")
        for i, ref in mentioned:
            if ref["date"] >= self.on:
                self.mentioned(committee, ref, f"referenced_meetings[{i}]", self.on)

    def check_clauses(self) -> None:
        """Each clause on its own, so that every bad one is named (the record checks
        the whole list and stops at the first)."""
        for i, item in enumerate(self.doc["items"]):
            clauses = (item.get("resolution") or {}).get("clauses", [])
            fine = [ClauseDraft(n, "fine", ClauseKind.NOTED) for n in range(1, len(clauses))]
            for j, clause in enumerate(clauses):
                path = f"items[{i}].resolution.clauses[{j}]"
                self.attempt(
                    path, lambda j=j, c=clause, f=fine: check_clauses([*f[:j], draft(j, c)])
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
        if member["name"] in committee.members:
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

    def history(self, record: RecordedAggregate) -> list[Any]:
        """Every event of a record: those stored, then those this document adds."""
        saved = record.version - len(record.pending_events)
        stored = list(self.service.events.get(record.id))[:saved] if saved else []
        return [*stored, *record.pending_events]

    def members_on(self, committee: Committee, day: date) -> set[str]:
        """Who sat on the committee that day, counting what this document appoints."""
        built = in_effect(self.history(committee), day)
        return set() if built is None else set(built.members)

    # The meeting ------------------------------------------------------------

    def meeting(self, committee: Committee) -> Meeting | None:
        doc = self.doc
        found = self.get(Meeting, self.meeting_id)
        if found is None:
            return self.attempt(
                "date",
                lambda: self.add(
                    Meeting.schedule(
                        committee,
                        meeting_date=self.on,
                        start_time=doc.get("start_time"),
                        venue=doc.get("venue"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    )
                ),
            )
        for field in ("start_time", "venue"):
            if field in doc and doc[field] != getattr(found, field):
                value = doc[field]
                text = value.strftime("%H:%M") if field == "start_time" else value
                self.correct(found, field, "meeting", field, text)
        return found

    def correct(self, record: Any, path: str, subject: str, field: str, value: Any, **at) -> None:
        self.attempt(
            path,
            lambda: record.correct(
                subject,
                field,
                None if value is None else str(value),
                reason=self.doc.get("reason") or CHANGED,
                effective_date=today(),
                recorded_by=self.by,
                **at,
            ),
        )

    def items(self, meeting: Meeting) -> list[str | None]:
        keys: list[str | None] = []
        for i, item in enumerate(self.doc["items"]):
            path = f"items[{i}]"
            key = item_key(item.get("minute"), item.get("agenda_number"), item["title"])
            if key not in meeting.items or key in keys:  # a key twice: refused as such
                key = self.attempt(
                    path,
                    lambda item=item: meeting.add_agenda_item(
                        title=item["title"],
                        minute=item.get("minute"),
                        agenda_number=item.get("agenda_number"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
            elif meeting.items[key].title != item["title"]:
                self.retitled[key] = meeting.items[key].title
                self.correct(meeting, f"{path}.title", "item", "title", item["title"], item=key)
            keys.append(key)
        for i, (item, key) in enumerate(zip(self.doc["items"], keys, strict=True)):
            text = item.get("minute_text")
            if key is not None and text and meeting.items[key].minute_text != text:
                self.attempt(
                    f"items[{i}].minute_text",
                    lambda key=key, text=text: meeting.record_minute_text(
                        key, paragraphs=text, effective_date=self.on, recorded_by=self.by
                    ),
                )
        for key in meeting.items:
            if key not in keys:
                self.conflict(
                    "items",
                    f"item {key!r} is recorded but not in the document: an item is not "
                    "removed from a meeting (correct its title or minute number instead)",
                )
        return keys

    def attendance(self, committee: Committee, meeting: Meeting) -> None:
        members = self.members_on(committee, self.on)
        named = set()
        for status in AttendanceStatus:
            for j, person in enumerate(self.doc.get("attendance", {}).get(status.value, [])):
                path = f"attendance.{status.value}[{j}]"
                named.add(person["name"])
                was = meeting.attendance.get(person["name"])
                if (
                    was is not None
                    and was.status is status
                    and was.capacity == person.get("capacity")
                    and was.substitute_for == person.get("substitute_for")
                ):
                    continue
                self.attempt(
                    path,
                    lambda person=person, status=status: meeting.record_attendance(
                        person["name"],
                        status=status,
                        capacity=person.get("capacity"),
                        substitute_for=person.get("substitute_for"),
                        members=members,
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
        for name in meeting.attendance:
            if name not in named:
                self.conflict(
                    "attendance",
                    f"{name}'s attendance is recorded but not in the document: attendance is "
                    "recorded again with another status, not removed",
                )

    def declarations(self, meeting: Meeting, keys: list[str | None]) -> None:
        doc = self.doc
        if doc.get("declarations_recorded") == "none":
            if not meeting.no_declarations:
                self.attempt(
                    "declarations_recorded",
                    lambda: meeting.record_no_declarations(
                        effective_date=self.on, recorded_by=self.by
                    ),
                )
            return
        by_number = {
            n: key
            for item, key in zip(doc["items"], keys, strict=True)
            for n in (item.get("minute"), item.get("agenda_number"))
            if n and key
        }
        for j, d in enumerate(doc.get("declarations", [])):
            path = f"declarations[{j}]"
            key = by_number.get(d.get("item"), d.get("item"))
            was = [x for x in meeting.declarations if x.member == d["member"] and x.item_key == key]
            kind = None if d.get("kind") is None else DeclarationKind(d["kind"])
            if not was:
                self.attempt(
                    path,
                    lambda d=d, key=key, kind=kind: meeting.declare_interest(
                        d["member"],
                        item=key,
                        interest=d["interest"],
                        kind=kind,
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
                continue
            at = {"item": key, "member": d["member"]}
            if was[0].interest != d["interest"]:
                self.correct(
                    meeting, f"{path}.interest", "declaration", "interest", d["interest"], **at
                )
            if was[0].kind != kind:
                value = None if kind is None else kind.value
                self.correct(meeting, f"{path}.kind", "declaration", "kind", value, **at)

    def held(self, meeting: Meeting) -> None:
        held = self.doc.get("held", True)
        if held and meeting.status is not MeetingStatus.HELD:
            self.attempt(
                "held",
                lambda: meeting.hold(
                    ended_at=self.doc.get("ended_at"), effective_date=self.on, recorded_by=self.by
                ),
            )
        elif not held and meeting.status is MeetingStatus.HELD:
            self.conflict("held", "the meeting is recorded as held: that is not undone")

    # Sources ----------------------------------------------------------------

    def source(self, locator: str | None = None) -> Source:
        doc = self.doc
        inferred = doc.get("inferred") if not locator else None
        return Source(doc["document"], doc.get("source") or None, locator, inferred)

    def cite(self, record: Any, path: str, subject: str, source: Source, **at: Any) -> None:
        key = next(iter(at.values()), None)
        if fact_key(subject, key) in getattr(record, "sources", NONE_CITED):
            return
        self.attempt(
            path,
            lambda: record.cite(subject, source, effective_date=self.on, recorded_by=self.by, **at),
        )

    def cite_meeting(self, meeting: Meeting, keys: list[str | None]) -> None:
        if not self.doc.get("document"):
            return
        self.cite(meeting, "document", "meeting", self.source())
        for i, (item, key) in enumerate(zip(self.doc["items"], keys, strict=True)):
            if key is not None:
                self.cite(meeting, f"items[{i}]", "item", self.source(where(item)), item=key)

    # Resolutions ------------------------------------------------------------

    def resolution(
        self, committee: Committee, meeting: Meeting, key: str, item: dict[str, Any], path: str
    ) -> None:
        r = item["resolution"]
        if any(p.path.startswith(f"{path}.clauses[") for p in self.problems):
            return  # its clauses are named already: the whole would be refused for them
        clauses = [draft(j, c) for j, c in enumerate(r["clauses"])]
        resolution = self.get(Resolution, Resolution.create_id(meeting.id, key))
        if resolution is None:
            resolution = self.attempt(
                path,
                lambda: self.add(
                    Resolution.propose(
                        meeting,
                        item=key,
                        clauses=clauses,
                        effective_date=self.on,
                        recorded_by=self.by,
                    )
                ),
            )
            if resolution is None:
                return
        else:
            followed = [as_followed(d, c) for d, c in zip(clauses, r["clauses"], strict=True)]
            self.changed_clauses(resolution, followed, path)
            if key in self.retitled and resolution.title == self.retitled[key]:
                # A resolution shows its item's title: corrected with it, as the
                # service's correction of an item does.
                self.correct(resolution, f"{path}.title", "resolution", "title", item["title"])
        if self.doc.get("document"):
            self.cite(resolution, path, "resolution", self.source(where(item)))
        status = r.get("status", "resolved")
        if status == "resolved" and resolution.status is ResolutionStatus.PROPOSED:
            self.attempt(
                f"{path}.status",
                lambda: resolution.resolve(effective_date=self.on, recorded_by=self.by),
            )
        elif status != resolution.status.value and status == "proposed":
            self.conflict(
                f"{path}.status",
                f"the resolution is recorded as {resolution.status.value}: a decision is "
                "rescinded, not undone",
            )
        self.follow_ups(resolution, r["clauses"], path)
        self.work_programme(committee, item, r, path)
        if r.get("approves_minutes_of") is not None:
            self.approval(committee, meeting, resolution, r["approves_minutes_of"], path)

    def changed_clauses(
        self, resolution: Resolution, clauses: list[ClauseDraft], path: str
    ) -> None:
        was = resolution.clauses
        if [c.text for c in was] == [c.text for c in clauses] and len(was) == len(clauses):
            same = all(
                (c.label, c.kind, c.action is None) == (d.label, d.kind, d.action is None)
                for c, d in zip(was, clauses, strict=True)
            )
            if same and all(
                d.action is None or same_action(c.action, d.action)
                for c, d in zip(was, clauses, strict=True)
            ):
                return
        if len(was) != len(clauses) or any(
            (c.action is None) != (d.action is None) for c, d in zip(was, clauses, strict=True)
        ):
            if resolution.status is ResolutionStatus.PROPOSED:
                self.attempt(
                    f"{path}.clauses",
                    lambda: resolution.amend(
                        clauses,
                        reason=self.doc.get("reason"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
            else:
                self.conflict(
                    f"{path}.clauses",
                    f"the resolution is {resolution.status.value}: its clauses and their "
                    "actions are corrected word by word, not added or removed (rescind it "
                    "and record a new one)",
                )
            return
        for j, (c, d) in enumerate(zip(was, clauses, strict=True)):
            at = {"clause": c.number}
            for field in ("text", "label", "kind"):
                old, new = getattr(c, field), getattr(d, field)
                if old != new:
                    value = new.value if isinstance(new, ClauseKind) else new
                    self.correct(
                        resolution, f"{path}.clauses[{j}].{field}", "clause", field, value, **at
                    )
            if d.action is not None and c.action is not None:
                for field in ("owner", "due_date", "due_meeting"):
                    old, new = getattr(c.action, field), getattr(d.action, field)
                    if old != new:
                        value = new.isoformat() if isinstance(new, date) else new
                        self.correct(
                            resolution,
                            f"{path}.clauses[{j}].action.{field}",
                            "action",
                            field,
                            value,
                            **at,
                        )

    def follow_ups(self, resolution: Resolution, clauses: list[dict[str, Any]], path: str) -> None:
        """What the minutes say was done with a clause's action at the meeting: referred
        to another body, or a report back requested."""
        for j, c in enumerate(clauses):
            number, where = j + 1, f"{path}.clauses[{j}]"
            action = resolution.clauses[j].action if j < len(resolution.clauses) else None
            to = c.get("referred_to")
            if to is not None and (action is None or action.referred_to != to):
                self.attempt(
                    f"{where}.referred_to",
                    lambda n=number, to=to: resolution.refer(
                        n, to=to, effective_date=self.on, recorded_by=self.by
                    ),
                )
            asked = c.get("report_back")
            if asked is not None and (action is None or action.report_back_requested_on is None):
                self.attempt(
                    f"{where}.report_back",
                    lambda n=number, asked=asked: resolution.request_report_back(
                        n,
                        due_date=asked.get("due_date"),
                        due_meeting=asked.get("due_meeting"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )

    def work_programme(
        self, committee: Committee, item: dict[str, Any], r: dict[str, Any], path: str
    ) -> None:
        ever = self.ever(committee, Committee.WorkProgrammeItemAdded, "title")
        for j, title in enumerate(r.get("work_programme", [])):
            if title in ever:
                continue
            source = f"minute {item.get('minute') or item['title']}, {self.on.isoformat()}"
            self.attempt(
                f"{path}.work_programme[{j}]",
                lambda title=title, source=source: committee.add_work_programme_item(
                    title, source=source, effective_date=self.on, recorded_by=self.by
                ),
            )

    def ever(self, record: RecordedAggregate, event: type, field: str) -> set[Any]:
        """What one kind of event ever named on a record, stored or pending."""
        return {getattr(e, field, None) for e in self.history(record) if isinstance(e, event)}

    def approval(
        self,
        committee: Committee,
        meeting: Meeting,
        resolution: Resolution,
        approved_on: date,
        path: str,
    ) -> None:
        approved = self.get(Meeting, Meeting.create_id(committee.id, approved_on))
        path = f"{path}.approves_minutes_of"
        if approved is None:
            self.problems.append(
                Problem(
                    path,
                    "unknown-meeting",
                    f"no meeting of {approved_on.isoformat()} is recorded: record its "
                    "minutes first, or name it in referenced_meetings",
                )
            )
        elif approved.minutes_approved_by is None:
            self.attempt(
                path,
                lambda: approved.approve_minutes(
                    at=meeting, resolution=resolution, recorded_by=self.by
                ),
            )
        elif approved.minutes_approved_by != meeting.id:
            self.conflict(
                path,
                f"the minutes of {approved_on.isoformat()} were approved by another meeting: "
                "correct the approval instead",
            )

    # Meetings the minutes mention --------------------------------------------

    def mentioned(
        self, committee: Committee, ref: dict[str, Any], path: str, known_on: date | None
    ) -> None:
        """A meeting the minutes mention: recorded from its own date, or from the
        meeting that arranged it (`known_on`), and marked as known only so."""
        on = known_on or ref["date"]
        meeting = self.get(Meeting, Meeting.create_id(committee.id, ref["date"]))
        if meeting is None:
            meeting = self.attempt(
                path,
                lambda: self.add(
                    Meeting.schedule(
                        committee,
                        meeting_date=ref["date"],
                        start_time=ref.get("start_time"),
                        effective_date=on,
                        recorded_by=self.by,
                    )
                ),
            )
            if meeting is None:
                return
        if ref["held"] and meeting.status is not MeetingStatus.HELD:
            self.attempt(
                f"{path}.held",
                lambda: meeting.hold(effective_date=ref["date"], recorded_by=self.by),
            )
        if not self.doc.get("document"):
            return
        how = "held, because its minutes were approved" if ref["held"] else "arranged, not yet held"
        source = Source(
            self.doc["document"],
            self.doc.get("source") or None,
            ref["known_from"],
            self.mentioned_reason.format(how=how),
        )
        if fact_key("meeting") not in meeting.sources:
            self.attempt(
                path,
                lambda: meeting.cite("meeting", source, effective_date=on, recorded_by=self.by),
            )


def draft(index: int, clause: dict[str, Any]) -> ClauseDraft:
    action = clause.get("action")
    try:
        kind = ClauseKind(clause["kind"])
    except ValueError:
        raise InvalidValue(f"{clause['kind']!r} is not a kind of clause") from None
    return ClauseDraft(
        number=index + 1,
        text=clause["text"],
        kind=kind,
        action=None if action is None else ActionRequest(**action),
        label=clause.get("label"),
    )


def as_followed(clause: ClauseDraft, given: dict[str, Any]) -> ClauseDraft:
    """The clause as its record shows it once a report back requested at the meeting has
    set its action's due date or meeting."""
    asked = given.get("report_back")
    if clause.action is None or not asked:
        return clause
    due_date = asked.get("due_date") or clause.action.due_date
    due_meeting = asked.get("due_meeting") or clause.action.due_meeting
    return replace(
        clause, action=replace(clause.action, due_date=due_date, due_meeting=due_meeting)
    )


def same_action(action: Any, asked: ActionRequest) -> bool:
    return (action.owner, action.due_date, action.due_meeting) == (
        asked.owner,
        asked.due_date,
        asked.due_meeting,
    )


def where(item: dict[str, Any]) -> str:
    if item.get("minute"):
        return f"minute {item['minute']}"
    if item.get("agenda_number"):
        return f"agenda item {item['agenda_number']}"
    return f"the item headed {item['title']!r}"
