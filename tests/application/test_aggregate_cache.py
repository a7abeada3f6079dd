"""The service keeps recent aggregates in memory. A command works on a copy, so
whatever happens to that copy (a rule broken half-way, a save refused) leaves the
cached aggregate as the store has it; and a change saved by another process is
seen by the next load."""

from copy import deepcopy
from datetime import date

import pytest

from domain.committees import Committee
from domain.errors import ConcurrentChange
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.values import ActionRequest, AttendanceStatus, ClauseDraft, ClauseKind, MemberRole
from tests.conftest import replayed

JULY = date(2022, 7, 25)
CLERK = "clerk@halton"
CLAUSES = [
    ClauseDraft(1, "the report be noted; and", ClauseKind.NOTED),
    ClauseDraft(
        2,
        "an update be brought back",
        ClauseKind.REPORT_BACK,
        ActionRequest(due_meeting="the next meeting"),
    ),
]


@pytest.fixture
def records(service):
    committee = service.establish_committee(
        council="halton",
        council_name="Halton",
        slug="board",
        name="Board",
        effective_date=JULY,
        recorded_by=CLERK,
    ).id
    service.appoint_member(
        committee,
        "Councillor Wharton",
        role=MemberRole.CHAIR,
        effective_date=JULY,
        recorded_by=CLERK,
    )
    meeting = service.schedule_meeting(
        committee, meeting_date=JULY, effective_date=JULY, recorded_by=CLERK
    ).id
    service.add_agenda_item(
        meeting, title="Update", minute="5", effective_date=JULY, recorded_by=CLERK
    )
    service.record_attendance(
        meeting,
        "Councillor Wharton",
        status=AttendanceStatus.PRESENT,
        effective_date=JULY,
        recorded_by=CLERK,
    )
    resolution = service.propose(
        meeting, item="5", clauses=CLAUSES, effective_date=JULY, recorded_by=CLERK
    ).id
    service.resolve(resolution, effective_date=JULY, recorded_by=CLERK)
    service.note_progress(resolution, 2, note="first note", effective_date=JULY, recorded_by=CLERK)
    return committee, meeting, resolution


def test_changing_a_copy_leaves_the_cached_aggregate_as_the_store_has_it(service, records):
    committee, meeting, resolution = records
    # Every kind of container an aggregate holds is changed on a copy, never saved.
    c = service._get(Committee, committee)
    c.appoint_member(
        "Councillor Nolan", role=MemberRole.MEMBER, effective_date=JULY, recorded_by=CLERK
    )
    c.add_work_programme_item("Dental access", effective_date=JULY, recorded_by=CLERK)
    m = service._get(Meeting, meeting)
    m.record_attendance(
        "Councillor Nolan",
        status=AttendanceStatus.APOLOGIES,
        effective_date=JULY,
        recorded_by=CLERK,
    )
    m.declare_interest(
        "Councillor Wharton",
        item="5",
        interest="school governor",
        effective_date=JULY,
        recorded_by=CLERK,
    )
    m.add_agenda_item(title="Another", minute="6", effective_date=JULY, recorded_by=CLERK)
    r = service._get(Resolution, resolution)
    r.note_progress(2, note="second note", effective_date=JULY, recorded_by=CLERK)
    r.refer(2, to="Cabinet", effective_date=JULY, recorded_by=CLERK)
    # What the service loads next is still exactly what the store holds.
    for kind, record_id in [(Committee, committee), (Meeting, meeting), (Resolution, resolution)]:
        assert service._get(kind, record_id) == replayed(service, record_id)


def test_a_cheap_deep_copy_shares_nothing_that_a_command_changes(service, records):
    _, meeting, resolution = records
    original = service._get(Resolution, resolution)
    before = deepcopy(original.clauses)
    twin = deepcopy(original)
    twin.note_progress(2, note="on the twin only", effective_date=JULY, recorded_by=CLERK)
    assert original.clauses == before
    assert len(twin.clauses[1].action.progress) == 2
    assert len(original.clauses[1].action.progress) == 1
    assert original.pending_events == [] and len(twin.pending_events) == 1


def test_a_save_refused_leaves_the_cache_at_the_stored_version(service, records, reopen):
    _, _, resolution = records
    other = reopen()
    mine = service._get(Resolution, resolution)
    theirs = other._get(Resolution, resolution)
    theirs.refer(2, to="Cabinet", effective_date=JULY, recorded_by="other clerk")
    other._save(theirs)
    mine.complete_action(2, outcome="done", effective_date=JULY, recorded_by=CLERK)
    with pytest.raises(ConcurrentChange):
        service._save(mine)
    # The next load has the other process's change, and not the refused one.
    loaded = service._get(Resolution, resolution)
    assert loaded == replayed(service, resolution)
    assert loaded.clauses[1].action.status.value == "referred"
    # And a command on it now succeeds.
    service.complete_action(resolution, 2, outcome="done", effective_date=JULY, recorded_by=CLERK)
    assert service.resolution(resolution)["clauses"][1]["action"]["status"] == "completed"
