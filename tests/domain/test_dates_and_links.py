"""Facts no clerk meant: dates the world does not allow, links across councils or to the
wrong meeting, private business made public, and clauses that ask for something but
would never reach the tracker."""

from datetime import date, timedelta

import pytest

from domain.clauses import ActionRequired
from domain.committees import Committee
from domain.errors import AcrossCouncils, EffectiveDateInTheFuture
from domain.meetings import Meeting, MeetingBeforeCommittee, ResolutionOfAnotherMeeting
from domain.recording import today
from domain.resolutions import DecidedBeforeItsMeeting, PublicResolutionOnExemptItem, Resolution
from domain.values import ActionRequest, ClauseDraft, ClauseKind, CommitteeKind
from tests.domain.builders import CLERK, DAY, a_committee, a_meeting, a_resolution, the_clauses

TOMORROW = today() + timedelta(days=1)


def held(meeting: Meeting) -> Meeting:
    meeting.hold(effective_date=meeting.meeting_date, recorded_by=CLERK)
    return meeting


def test_nothing_takes_effect_after_today():
    resolution = a_resolution(resolved=True)
    with pytest.raises(EffectiveDateInTheFuture, match="after today"):
        resolution.note_progress(2, note="in hand", effective_date=TOMORROW, recorded_by=CLERK)
    with pytest.raises(EffectiveDateInTheFuture):
        a_committee(on=TOMORROW)
    resolution.note_progress(2, note="in hand", effective_date=today(), recorded_by=CLERK)


def test_a_meeting_may_be_scheduled_for_a_date_to_come_but_not_scheduled_from_one():
    committee = a_committee()
    Meeting.schedule(
        committee,
        meeting_date=TOMORROW + timedelta(days=30),
        effective_date=today(),
        recorded_by=CLERK,
    )
    with pytest.raises(EffectiveDateInTheFuture):
        Meeting.schedule(
            committee, meeting_date=TOMORROW, effective_date=TOMORROW, recorded_by=CLERK
        )


def test_an_actions_due_date_may_be_in_the_future():
    resolution = a_resolution(resolved=True)
    resolution.request_report_back(
        2, due_date=TOMORROW + timedelta(days=60), effective_date=DAY, recorded_by=CLERK
    )
    assert resolution.clauses[1].action.due_date == TOMORROW + timedelta(days=60)


@pytest.mark.parametrize("what", ["meeting_date", "effective_date"])
def test_a_meeting_is_neither_dated_nor_scheduled_before_its_committee_was_established(what):
    committee = a_committee(on=date(2022, 1, 31))
    dates = {
        "meeting_date": date(2022, 7, 25),
        "effective_date": date(2022, 2, 1),
        what: date(2021, 12, 1),
    }
    with pytest.raises(MeetingBeforeCommittee, match="2022-01-31"):
        Meeting.schedule(committee, **dates, recorded_by=CLERK)


@pytest.mark.parametrize("verb", ["resolve", "reject", "defer"])
def test_a_decision_is_not_taken_before_the_meeting_that_takes_it(verb):
    meeting = a_meeting()
    resolution = Resolution.propose(
        meeting,
        item="5",
        clauses=the_clauses(),
        effective_date=DAY - timedelta(days=7),
        recorded_by=CLERK,
    )
    with pytest.raises(DecidedBeforeItsMeeting, match=DAY.isoformat()):
        getattr(resolution, verb)(effective_date=DAY - timedelta(days=1), recorded_by=CLERK)
    getattr(resolution, verb)(effective_date=DAY, recorded_by=CLERK)


def test_a_recommendation_may_be_withdrawn_before_the_meeting():
    meeting = a_meeting()
    resolution = Resolution.propose(
        meeting,
        item="5",
        clauses=the_clauses(),
        effective_date=DAY - timedelta(days=7),
        recorded_by=CLERK,
    )
    resolution.withdraw(
        reason="report withdrawn from the agenda",
        effective_date=DAY - timedelta(days=1),
        recorded_by=CLERK,
    )


def an_exempt_item(meeting: Meeting) -> str:
    return meeting.add_agenda_item(
        title="STAFFING MATTER", minute="9", exempt=True, effective_date=DAY, recorded_by=CLERK
    )


def test_a_resolution_on_an_exempt_item_is_exempt():
    meeting = a_meeting()
    resolution = Resolution.propose(
        meeting,
        item=an_exempt_item(meeting),
        clauses=the_clauses(),
        effective_date=DAY,
        recorded_by=CLERK,
    )
    assert resolution.exempt


def test_a_resolution_on_an_exempt_item_cannot_be_made_public():
    meeting = a_meeting()
    with pytest.raises(PublicResolutionOnExemptItem, match="exempt"):
        Resolution.propose(
            meeting,
            item=an_exempt_item(meeting),
            clauses=the_clauses(),
            exempt=False,
            effective_date=DAY,
            recorded_by=CLERK,
        )


@pytest.mark.parametrize(
    "kind",
    [
        ClauseKind.REPORT_BACK,
        ClauseKind.REFERRAL,
        ClauseKind.INSTRUCTION,
        ClauseKind.MEETING_ARRANGED,
    ],
)
def test_a_clause_that_asks_for_something_carries_an_action(kind):
    clauses = [ClauseDraft(1, "the Director write to the Minister", kind)]
    with pytest.raises(ActionRequired, match=kind.value):
        Resolution.propose(
            a_meeting(), item="5", clauses=clauses, effective_date=DAY, recorded_by=CLERK
        )
    clauses = [ClauseDraft(1, "the Director write to the Minister", kind, ActionRequest())]
    Resolution.propose(
        a_meeting(), item="5", clauses=clauses, effective_date=DAY, recorded_by=CLERK
    )


@pytest.mark.parametrize("kind", [ClauseKind.WORK_PROGRAMME, ClauseKind.OTHER])
def test_a_work_programme_or_other_clause_may_go_without_an_action(kind):
    clauses = [ClauseDraft(1, "the amendments to the work programme be agreed", kind)]
    Resolution.propose(
        a_meeting(), item="5", clauses=clauses, effective_date=DAY, recorded_by=CLERK
    )


def later_meeting_of(committee: Committee) -> Meeting:
    later = Meeting.schedule(
        committee, meeting_date=DAY + timedelta(days=84), effective_date=DAY, recorded_by=CLERK
    )
    later.add_agenda_item(
        title="MINUTES", minute="2", effective_date=later.meeting_date, recorded_by=CLERK
    )
    return held(later)


def test_minutes_are_approved_by_a_resolution_of_the_approving_meeting():
    committee = a_committee()
    july, october = held(a_meeting(committee)), later_meeting_of(committee)
    of_july = a_resolution(july, resolved=True)
    with pytest.raises(ResolutionOfAnotherMeeting):
        july.approve_minutes(at=october, resolution=of_july, recorded_by=CLERK)
    approval = Resolution.propose(
        october,
        item="2",
        clauses=the_clauses()[:1],
        effective_date=october.meeting_date,
        recorded_by=CLERK,
    )
    july.approve_minutes(at=october, resolution=approval, recorded_by=CLERK)
    assert july.minutes_approved_by == october.id


def test_records_of_two_councils_are_never_linked():
    ours = a_resolution(resolved=True)
    halton = Committee.establish(
        council="halton",
        council_name="Halton Borough Council",
        slug="executive-board",
        name="Executive Board",
        kind=CommitteeKind.BOARD,
        effective_date=DAY - timedelta(365),
        recorded_by=CLERK,
    )
    theirs = a_resolution(a_meeting(halton))
    with pytest.raises(AcrossCouncils, match="halton"):
        ours.check_may_be_superseded_by(theirs)
    with pytest.raises(AcrossCouncils):
        ours.check_same_council(a_meeting(halton), "the meeting reported to")
    ours.check_may_be_superseded_by(a_resolution(a_meeting(a_committee("audit"))))
