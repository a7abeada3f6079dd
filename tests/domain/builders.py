"""Small builders for domain tests: a committee, a meeting, a resolution."""

from __future__ import annotations

from datetime import date, timedelta

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.values import ActionRequest, AttendanceStatus, ClauseDraft, ClauseKind, CommitteeKind

DAY = date(2022, 7, 25)
CLERK = "clerk@st-helens"


def a_committee(slug: str = "cyps-scrutiny", on: date = DAY - timedelta(days=365)) -> Committee:
    return Committee.establish(
        council="st-helens",
        council_name="St Helens Borough Council",
        slug=slug,
        name="Children and Young People Services Scrutiny Committee",
        kind=CommitteeKind.COMMITTEE,
        effective_date=on,
        recorded_by=CLERK,
    )


def a_meeting(committee: Committee | None = None, on: date = DAY) -> Meeting:
    committee = committee or a_committee()
    meeting = Meeting.schedule(
        committee, meeting_date=on, effective_date=on - timedelta(days=7), recorded_by=CLERK
    )
    meeting.add_agenda_item(
        title="DIRECTORS REPORT", minute="5", effective_date=on, recorded_by=CLERK
    )
    return meeting


def the_clauses() -> list[ClauseDraft]:
    return [
        ClauseDraft(1, "the report be noted; and", ClauseKind.NOTED),
        ClauseDraft(
            2,
            "an update on the plans for SEND once completed be brought back to a "
            "future meeting of the Committee",
            ClauseKind.REPORT_BACK,
            ActionRequest(due_meeting="a future meeting of the Committee"),
        ),
    ]


def a_resolution(meeting: Meeting | None = None, *, resolved: bool = False) -> Resolution:
    meeting = meeting or a_meeting()
    resolution = Resolution.propose(
        meeting,
        item="5",
        clauses=the_clauses(),
        effective_date=meeting.meeting_date,
        recorded_by=CLERK,
    )
    if resolved:
        resolution.resolve(effective_date=meeting.meeting_date, recorded_by=CLERK)
    return resolution


def present(meeting: Meeting, name: str) -> None:
    meeting.record_attendance(
        name,
        status=AttendanceStatus.PRESENT,
        effective_date=meeting.meeting_date,
        recorded_by=CLERK,
    )


def event_names(aggregate) -> list[str]:
    return [type(e).__name__ for e in aggregate.collect_events()]


def a_held_meeting(committee: Committee, on: date) -> Meeting:
    """A meeting of the committee, scheduled and held on the day."""
    meeting = Meeting.schedule(committee, meeting_date=on, effective_date=on, recorded_by=CLERK)
    meeting.hold(effective_date=on, recorded_by=CLERK)
    return meeting
