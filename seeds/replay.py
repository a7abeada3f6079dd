"""Replay the seed minutes into a store, through the service's commands only.

Every identity comes from a natural key and every step first asks the store
whether it was already recorded, so a second replay records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.service import Minutebook
from domain.values import item_key
from seeds import provenance
from seeds.documents import CommitteeDoc, MeetingDoc, load_committees, load_meetings

SEED_ACTOR = "seed"


@dataclass(frozen=True)
class MeetingSummary:
    council: str
    committee: str
    date: str
    status: str
    items: int
    resolutions: int
    clauses: int
    open_actions: int

    def line(self) -> str:
        return (
            f"{self.date}  {self.council:<13} {self.committee:<55} {self.status:<9} "
            f"{self.items:>2} items  {self.resolutions:>2} resolutions  "
            f"{self.clauses:>2} clauses  {self.open_actions:>2} open actions"
        )


@dataclass(frozen=True)
class ReplaySummary:
    meetings: list[MeetingSummary]
    new_events: int


def replay(
    service: Minutebook,
    *,
    recorded_by: str = SEED_ACTOR,
    progress: Callable[[int], None] | None = None,
) -> ReplaySummary:
    """Replay every seed document; `progress` is told how many meetings are done."""
    before = service.recorder.max_notification_id() or 0
    committees = {}
    for doc in load_committees():
        committees[(doc.council, doc.slug)] = _replay_committee(service, doc, recorded_by)
    summaries = []
    for doc in load_meetings():
        committee_id = committees[(doc.council, doc.committee)]
        summaries.append(_replay_meeting(service, doc, committee_id, recorded_by))
        if progress is not None:
            progress(len(summaries))
    after = service.recorder.max_notification_id() or 0
    return ReplaySummary(summaries, after - before)


def _replay_committee(service: Minutebook, doc: CommitteeDoc, recorded_by: str) -> UUID:
    committee_id = Committee.create_id(doc.council, doc.slug)
    if not service.exists(committee_id):
        service.establish_committee(
            council=doc.council,
            council_name=doc.council_name,
            slug=doc.slug,
            name=doc.name,
            kind=doc.kind,
            effective_date=doc.established_on,
            recorded_by=recorded_by,
        )
    done = _recorded(service, committee_id)
    for m in sorted(doc.members, key=lambda m: m.shown_on):
        if (Committee.MemberAppointed, m.name) not in done:
            service.appoint_member(
                committee_id,
                m.name,
                role=m.role,
                representing=m.representing,
                effective_date=m.shown_on,
                recorded_by=recorded_by,
            )
    cited = provenance.cited(service, committee_id)
    provenance.cite_once(
        service.cite_committee_source,
        committee_id,
        cited,
        "committee",
        provenance.of_committee(doc),
        doc.established_on,
        recorded_by,
    )
    for m in doc.members:  # before any stands down: a source is cited for a sitting member
        if (Committee.MemberStoodDown, m.name) not in done:
            provenance.cite_once(
                service.cite_committee_source,
                committee_id,
                cited,
                "membership",
                provenance.of_membership(doc, m),
                m.shown_on,
                recorded_by,
                member=m.name,
            )
    for m in sorted(doc.members, key=lambda m: m.stood_down_on or m.shown_on):
        if m.stood_down_on and (Committee.MemberStoodDown, m.name) not in done:
            service.stand_down_member(
                committee_id, m.name, effective_date=m.stood_down_on, recorded_by=recorded_by
            )
    return committee_id


def _replay_meeting(
    service: Minutebook, doc: MeetingDoc, committee_id: UUID, recorded_by: str
) -> MeetingSummary:
    on = doc.date
    earlier = [ref for ref in doc.referenced_meetings if ref.date < on]
    _ensure_referenced(service, doc, committee_id, earlier, None, recorded_by)
    meeting_id = _ensure_meeting(
        service, committee_id, on, doc.start_time, doc.venue, False, None, on, recorded_by
    )
    done = _recorded(service, meeting_id)
    for item in doc.items:
        if (Meeting.AgendaItemAdded, item.title) not in done:
            service.add_agenda_item(
                meeting_id,
                title=item.title,
                minute=item.minute,
                agenda_number=item.agenda_number,
                effective_date=on,
                recorded_by=recorded_by,
            )
    _replay_minute_text(service, doc, meeting_id, recorded_by)
    for person in doc.attendance:
        if (Meeting.AttendanceRecorded, person.name) not in done:
            service.record_attendance(
                meeting_id,
                person.name,
                status=person.status,
                capacity=person.capacity,
                effective_date=on,
                recorded_by=recorded_by,
            )
    _cite_meeting(service, doc, meeting_id, recorded_by)
    if doc.no_declarations and (Meeting.NoDeclarationsRecorded, None) not in done:
        service.record_no_declarations(meeting_id, effective_date=on, recorded_by=recorded_by)
    if doc.held and (Meeting.Held, None) not in done:
        service.hold_meeting(
            meeting_id, ended_at=doc.ended_at, effective_date=on, recorded_by=recorded_by
        )
    resolution_ids = [
        _replay_resolution(service, doc, committee_id, meeting_id, item, recorded_by)
        for item in doc.items
        if item.resolution is not None
    ]
    later = [ref for ref in doc.referenced_meetings if ref.date >= on]
    _ensure_referenced(service, doc, committee_id, later, on, recorded_by)  # arranged here
    return _summary(service, doc, meeting_id, resolution_ids)


def _cite_meeting(service: Minutebook, doc: MeetingDoc, meeting_id: UUID, recorded_by: str) -> None:
    """The meeting and each item cite the minutes; attendance is read from them too."""
    if not doc.document:
        return
    cited = provenance.cited(service, meeting_id)
    cite = service.cite_meeting_source
    source = provenance.of_meeting(doc)
    provenance.cite_once(cite, meeting_id, cited, "meeting", source, doc.date, recorded_by)
    for item in doc.items:
        key = item_key(item.minute, item.agenda_number, item.title)
        where = _where(item)
        provenance.cite_once(
            cite,
            meeting_id,
            cited,
            "item",
            provenance.of_meeting(doc, where),
            doc.date,
            recorded_by,
            item=key,
        )


def _where(item: Any) -> str:
    if item.minute:
        return f"minute {item.minute}"
    if item.agenda_number:
        return f"agenda item {item.agenda_number}"
    return f"the item headed {item.title!r}"


def _replay_minute_text(
    service: Minutebook, doc: MeetingDoc, meeting_id: UUID, recorded_by: str
) -> None:
    """Each item's own paragraphs, where the minutes print them (a corrected seed file
    records the correction)."""
    shown = {item["key"]: item.get("minute_text") for item in service.meeting(meeting_id)["items"]}
    for item in doc.items:
        key = item_key(item.minute, item.agenda_number, item.title)
        if item.minute_text and shown[key] != item.minute_text:
            service.record_minute_text(
                meeting_id,
                item=key,
                paragraphs=item.minute_text,
                effective_date=doc.date,
                recorded_by=recorded_by,
            )


def _replay_resolution(
    service: Minutebook,
    doc: MeetingDoc,
    committee_id: UUID,
    meeting_id: UUID,
    item: Any,
    recorded_by: str,
) -> UUID:
    on = doc.date
    key = item_key(item.minute, item.agenda_number, item.title)
    resolution_id = Resolution.create_id(meeting_id, key)
    r = item.resolution
    if not service.exists(resolution_id):
        service.propose(
            meeting_id, item=key, clauses=r.clauses, effective_date=on, recorded_by=recorded_by
        )
    if doc.document:
        provenance.cite_once(
            service.cite_resolution_source,
            resolution_id,
            provenance.cited(service, resolution_id),
            "resolution",
            provenance.of_meeting(doc, _where(item)),
            on,
            recorded_by,
        )
    if r.status == "resolved" and service.resolution(resolution_id)["status"] == "proposed":
        service.resolve(resolution_id, effective_date=on, recorded_by=recorded_by)
    done = _recorded(service, committee_id)
    for title in r.work_programme:
        if (Committee.WorkProgrammeItemAdded, title) not in done:
            source = f"minute {item.minute or key}, {on.isoformat()}"
            service.add_work_programme_item(
                committee_id, title, source=source, effective_date=on, recorded_by=recorded_by
            )
    if r.approves_minutes_of is not None:
        approved_id = Meeting.create_id(committee_id, r.approves_minutes_of)
        if service.meeting(approved_id)["minutes_approved_by"] is None:
            service.approve_minutes(
                approved_id,
                at_meeting_id=meeting_id,
                resolution_id=resolution_id,
                recorded_by=recorded_by,
            )
    return resolution_id


def _ensure_referenced(
    service: Minutebook,
    doc: MeetingDoc,
    committee_id: UUID,
    refs: list[Any],
    known_on: date | None,
    recorded_by: str,
) -> None:
    """Meetings the minutes mention: recorded from their own date, or from `known_on`
    (the meeting that arranged them), each marked as known only from the mention."""
    for ref in refs:
        effective_date = known_on or ref.date
        meeting_id = _ensure_meeting(
            service,
            committee_id,
            ref.date,
            ref.start_time,
            None,
            ref.held,
            None,
            effective_date,
            recorded_by,
        )
        if not doc.document:
            continue
        provenance.cite_once(
            service.cite_meeting_source,
            meeting_id,
            provenance.cited(service, meeting_id),
            "meeting",
            provenance.of_mention(doc, ref),
            effective_date,
            recorded_by,
        )


def _ensure_meeting(
    service: Minutebook,
    committee_id: UUID,
    meeting_date: Any,
    start_time: Any,
    venue: str | None,
    held: bool,
    ended_at: Any,
    on: Any,
    recorded_by: str,
) -> UUID:
    meeting_id = Meeting.create_id(committee_id, meeting_date)
    if not service.exists(meeting_id):
        service.schedule_meeting(
            committee_id,
            meeting_date=meeting_date,
            start_time=start_time,
            venue=venue,
            effective_date=on,
            recorded_by=recorded_by,
        )
    if held and service.meeting(meeting_id)["status"] != "held":
        service.hold_meeting(
            meeting_id, ended_at=ended_at, effective_date=meeting_date, recorded_by=recorded_by
        )
    return meeting_id


def _recorded(service: Minutebook, aggregate_id: UUID) -> set[tuple[type, str | None]]:
    """What has been recorded on one record: (event class, the name or title it concerns)."""
    if not service.exists(aggregate_id):
        return set()
    return {
        (type(e), getattr(e, "name", None) or getattr(e, "title", None))
        for e in service.events.get(aggregate_id)
    }


def _summary(
    service: Minutebook, doc: MeetingDoc, meeting_id: UUID, resolution_ids: list[UUID]
) -> MeetingSummary:
    meeting = service.meeting(meeting_id)
    committee = service.committee(meeting["committee_id"])
    resolutions = [service.resolution(rid) for rid in resolution_ids]
    return MeetingSummary(
        council=doc.council,
        committee=committee["name"],
        date=doc.date.isoformat(),
        status=meeting["status"],
        items=len(meeting["items"]),
        resolutions=len(resolutions),
        clauses=sum(len(r["clauses"]) for r in resolutions),
        open_actions=sum(r["open_actions"] for r in resolutions),
    )


def print_summary(summary: ReplaySummary, echo: Callable[[str], None] = print) -> None:
    for meeting in summary.meetings:
        echo(meeting.line())
    if summary.new_events:
        echo(f"Recorded {summary.new_events} new events.")
    else:
        echo("Recorded 0 new events: the store already holds these minutes.")
