"""Scenarios on the service, run against the in-memory, SQLite and PostgreSQL stores."""

from datetime import date, time, timedelta
from uuid import uuid4

import pytest

from domain.errors import AlreadyRecorded, ConcurrentChange, InvalidValue, NotFound, StaleVersion
from domain.meetings import MeetingNotFound
from domain.resolutions import AlreadyDecided, ResolutionNotFound
from domain.values import (
    ActionRequest,
    AttendanceStatus,
    ClauseDraft,
    ClauseKind,
    CommitteeKind,
    MemberRole,
)

CLERK = "clerk@st-helens"
JULY = date(2022, 7, 25)
OCTOBER = date(2022, 10, 10)

CLAUSES = [
    ClauseDraft(1, "the report be noted; and", ClauseKind.NOTED),
    ClauseDraft(
        2,
        "an update on the plans for SEND once completed be brought back to a "
        "future meeting of the Committee; and",
        ClauseKind.REPORT_BACK,
        ActionRequest(due_meeting="a future meeting of the Committee"),
    ),
]


def establish(service):
    return service.establish_committee(
        council="st-helens",
        council_name="St Helens Borough Council",
        slug="cyps-scrutiny",
        name="Children and Young People Services Scrutiny Committee",
        kind=CommitteeKind.COMMITTEE,
        effective_date=date(2022, 1, 31),
        recorded_by=CLERK,
    )


def a_meeting_with_an_item(service, effective_date=JULY):
    committee = establish(service)
    meeting = service.schedule_meeting(
        committee.id,
        meeting_date=effective_date,
        start_time=time(10),
        venue="Room 10",
        effective_date=effective_date,
        recorded_by=CLERK,
    )
    service.add_agenda_item(
        meeting.id,
        title="DIRECTORS REPORT",
        minute="5",
        effective_date=effective_date,
        recorded_by=CLERK,
    )
    return committee, meeting


def test_commands_return_the_id_the_new_version_and_the_global_position(service):
    committee = establish(service)
    # The council is registered with its first committee, in the same transaction.
    assert (committee.version, committee.position) == (1, 2)
    appointed = service.appoint_member(
        committee.id,
        "Councillor T Long",
        role=MemberRole.CHAIR,
        effective_date=JULY,
        recorded_by=CLERK,
    )
    assert appointed.id == committee.id
    assert appointed.version == 3  # appointed, then to the chair
    assert appointed.position == 4


def test_a_resolution_is_followed_from_proposal_to_report_back(service):
    committee, meeting = a_meeting_with_an_item(service)
    # The committee resolves the report be noted and an update be brought back.
    proposed = service.propose(
        meeting.id, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK
    )
    resolved = service.resolve(proposed.id, effective_date=JULY, recorded_by=CLERK)
    assert resolved.version == 2 and resolved.position > proposed.position
    assert service.resolution(proposed.id)["open_actions"] == 1
    # The director is asked to own it and it comes back in October.
    service.assign_action(
        proposed.id,
        2,
        owner="Director of Children's Services",
        effective_date=JULY,
        recorded_by=CLERK,
    )
    october = service.schedule_meeting(
        committee.id, meeting_date=OCTOBER, effective_date=JULY, recorded_by=CLERK
    )
    service.report_back(
        proposed.id,
        2,
        summary="SEND plans presented",
        at_meeting_id=october.id,
        effective_date=OCTOBER,
        recorded_by="officer@st-helens",
    )
    details = service.resolution(proposed.id)
    assert details["status"] == "resolved"
    assert details["clauses"][1]["action"]["status"] == "reported back"
    assert details["clauses"][1]["action"]["owner"] == "Director of Children's Services"
    assert details["open_actions"] == 0
    # The record as it stood at version 2 still shows the action open.
    assert service.resolution(proposed.id, version=2)["open_actions"] == 1


def test_the_history_says_who_recorded_what_when_and_when_it_took_effect(service):
    _, meeting = a_meeting_with_an_item(service)
    proposed = service.propose(
        meeting.id, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK
    )
    service.resolve(proposed.id, effective_date=JULY, recorded_by="chair@st-helens")
    history = service.history(proposed.id)
    assert [(h["event"], h["version"], h["recorded_by"], h["effective_date"]) for h in history] == [
        ("Proposed", 1, CLERK, JULY),
        ("Resolved", 2, "chair@st-helens", JULY),
    ]
    assert history[0]["recorded_at"] <= history[1]["recorded_at"]
    assert history[0]["recorded_at"].date() > JULY  # recorded now, effective in 2022
    assert history[0]["data"]["clauses"][1]["kind"] == "report back"


def test_an_unknown_id_is_reported_as_not_found(service):
    with pytest.raises(ResolutionNotFound):
        service.resolve(uuid4(), effective_date=JULY, recorded_by=CLERK)
    with pytest.raises(MeetingNotFound):
        service.meeting(uuid4())
    with pytest.raises(NotFound):
        service.history(uuid4())
    with pytest.raises(InvalidValue, match="not a UUID"):
        service.meeting("not-a-uuid")


def test_a_committee_looked_up_as_a_meeting_is_not_found(service):
    committee = establish(service)
    with pytest.raises(MeetingNotFound):
        service.meeting(committee.id)


def test_the_same_natural_key_cannot_be_recorded_twice(service):
    establish(service)
    with pytest.raises(AlreadyRecorded):
        establish(service)


def test_a_stale_expected_version_is_refused_and_nothing_is_written(service):
    _, meeting = a_meeting_with_an_item(service)
    proposed = service.propose(
        meeting.id, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK
    )
    service.resolve(proposed.id, effective_date=JULY, recorded_by=CLERK, expected_version=1)
    with pytest.raises(StaleVersion, match="at version 2, not 1"):
        service.withdraw(proposed.id, effective_date=JULY, recorded_by=CLERK, expected_version=1)
    assert len(service.history(proposed.id)) == 2


def test_a_rule_broken_writes_nothing(service):
    _, meeting = a_meeting_with_an_item(service)
    proposed = service.propose(
        meeting.id, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK
    )
    service.withdraw(proposed.id, effective_date=JULY, recorded_by=CLERK)
    before = service.recorder.max_notification_id()
    with pytest.raises(AlreadyDecided):
        service.resolve(proposed.id, effective_date=JULY, recorded_by=CLERK)
    assert service.recorder.max_notification_id() == before


def test_minutes_approval_links_two_meetings_on_the_approving_date(service):
    committee, july = a_meeting_with_an_item(service)
    march = service.schedule_meeting(
        committee.id,
        meeting_date=date(2022, 3, 21),
        effective_date=date(2022, 3, 1),
        recorded_by=CLERK,
    )
    service.hold_meeting(march.id, effective_date=date(2022, 3, 21), recorded_by=CLERK)
    service.approve_minutes(march.id, at_meeting_id=july.id, recorded_by=CLERK)
    details = service.meeting(march.id)
    assert details["minutes_approved_by"] == july.id
    assert details["minutes_approved_on"] == JULY


def test_two_writers_racing_on_one_record_do_not_both_succeed(service, reopen):
    _, meeting = a_meeting_with_an_item(service)
    proposed = service.propose(
        meeting.id, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK
    )
    other = reopen()
    from domain.resolutions import Resolution

    mine = service._get(Resolution, proposed.id)
    theirs = other._get(Resolution, proposed.id)
    theirs.withdraw(effective_date=JULY, recorded_by="other clerk")
    other.save(theirs)
    mine.resolve(effective_date=JULY, recorded_by=CLERK)
    with pytest.raises(ConcurrentChange):
        service._save(mine)
    assert service.resolution(proposed.id)["status"] == "withdrawn"


def test_every_aggregate_reloaded_by_another_process_equals_the_one_saved(service, reopen):
    """Every event type through a real store and back: dates, times, enums, value objects."""
    committee, meeting = a_meeting_with_an_item(service)
    c, m = committee.id, meeting.id
    service.appoint_member(
        c, "Councillor T Long", role=MemberRole.CHAIR, effective_date=JULY, recorded_by=CLERK
    )
    service.appoint_member(
        c,
        "Mr D Thorpe",
        role=MemberRole.CO_OPTED_VOTING,
        representing="Church of England",
        effective_date=JULY,
        recorded_by=CLERK,
    )
    service.appoint_member(c, "Councillor Sims", effective_date=JULY, recorded_by=CLERK)
    service.appoint_chair(c, "Councillor Sims", effective_date=JULY, recorded_by=CLERK)
    service.stand_down_member(c, "Mr D Thorpe", effective_date=JULY, recorded_by=CLERK)
    service.rename_committee(c, "CYPS Scrutiny Committee", effective_date=JULY, recorded_by=CLERK)
    service.add_work_programme_item(
        c, "SEND", source="minute 5(2)", effective_date=JULY, recorded_by=CLERK
    )
    service.add_work_programme_item(c, "Dental", effective_date=JULY, recorded_by=CLERK)
    service.remove_work_programme_item(
        c, "Dental", reason="referred", effective_date=JULY, recorded_by=CLERK
    )
    service.record_attendance(
        m,
        "Councillor Sims",
        status=AttendanceStatus.PRESENT,
        capacity="Chair",
        effective_date=JULY,
        recorded_by=CLERK,
    )
    service.declare_interest(
        m, "Councillor Sims", item="5", interest="governor", effective_date=JULY, recorded_by=CLERK
    )
    service.adjourn_meeting(
        m, until=JULY + timedelta(days=1), reason="alarm", effective_date=JULY, recorded_by=CLERK
    )
    service.hold_meeting(
        m, ended_at=time(12, 5), effective_date=JULY + timedelta(days=1), recorded_by=CLERK
    )
    r = service.propose(m, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK).id
    service.amend(r, CLAUSES, reason="typo", effective_date=JULY, recorded_by=CLERK)
    service.defer(r, until=OCTOBER, reason="wait", effective_date=JULY, recorded_by=CLERK)
    service.resolve(r, effective_date=OCTOBER, recorded_by=CLERK)
    service.refer(r, 2, to="Cabinet", effective_date=OCTOBER, recorded_by=CLERK)
    service.request_report_back(
        r,
        2,
        due_date=OCTOBER + timedelta(days=30),
        due_meeting="November",
        effective_date=OCTOBER,
        recorded_by=CLERK,
    )
    service.note_progress(r, 2, note="in hand", effective_date=OCTOBER, recorded_by=CLERK)
    service.complete_action(r, 2, outcome="done", effective_date=OCTOBER, recorded_by=CLERK)
    service.rescind(r, reason="superseded", effective_date=OCTOBER, recorded_by=CLERK)
    later = service.schedule_meeting(
        c, meeting_date=OCTOBER, effective_date=JULY, recorded_by=CLERK
    ).id
    service.cancel_meeting(later, reason="inquorate", effective_date=OCTOBER, recorded_by=CLERK)
    service.dissolve_committee(c, reason="restructure", effective_date=OCTOBER, recorded_by=CLERK)

    other = reopen()
    for aggregate_id in (c, m, r, later):
        assert other.repository.get(aggregate_id) == service.repository.get(aggregate_id)
        assert other.history(aggregate_id) == service.history(aggregate_id)
