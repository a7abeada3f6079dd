"""Replay the seed minutes into a store: the committees (councils.toml) through the
service's commands, each meeting's document as a clerk's is recorded
(domain/minutes/recording.py), one transaction per meeting.

Every identity comes from a natural key and every step first asks the store
whether it was already recorded, so a second replay records nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from domain.committees import Committee
from domain.minutes.drafting import one_type_each
from domain.minutes.recording import MinutesError, record_minutes
from domain.service import Minutebook
from seeds import provenance
from seeds.documents import CommitteeDoc, MeetingDoc, SeedError, load_committees, load_meetings

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
    """One meeting's document, recorded as `flask minutes record` and POST /api/minutes
    record one: every event of the meeting in one transaction."""
    with doc.path.open("rb") as f:
        document = one_type_each(tomllib.load(f))
    try:
        receipt = record_minutes(
            service,
            document,
            recorded_by=recorded_by,
            may_establish=False,
            mentioned=provenance.MENTIONED,
        )
    except MinutesError as e:
        problems = "; ".join(f"{p.path}: {p.message}" for p in e.problems)
        raise SeedError(f"{doc.path.name}: {problems}") from None
    resolution_ids = [r.id for r in receipt.records if r.kind == "resolution"]
    return _summary(service, doc, receipt.meeting_id, resolution_ids)


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
