"""The whole minute on the aggregates: corrections (both values kept, the rules still
holding on the record as corrected, replay reading back what was kept), and several
resolutions on an item or meetings on a day, with events stored before either
loading as the first."""

import json
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from domain.clauses import ActionRequired, NothingAsked
from domain.corrections import NotCorrectable, NothingToCorrect
from domain.errors import InvalidValue
from domain.meetings import UnknownDeclaration
from domain.resolutions import NotAnAction, OutOfOrder, Resolution
from domain.service import Minutebook
from domain.values import ActionStatus, AttendanceStatus, ClauseKind, DeclarationKind
from tests.domain.builders import CLERK, DAY, a_meeting, a_resolution, the_clauses

LATER = DAY + timedelta(days=30)


def fix(record, subject, field, value, **where):
    record.correct(
        subject,
        field,
        value,
        reason="typing slip",
        effective_date=LATER,
        recorded_by=CLERK,
        **where,
    )


def replayed(record):
    """The record rebuilt from its events, as a replay would."""
    events = record.collect_events()
    copy = None
    for e in events:
        copy = e.mutate(copy)
    return copy


def test_a_corrected_clause_keeps_its_action_and_the_event_keeps_both_words():
    resolution = a_resolution(resolved=True)
    fix(resolution, "clause", "text", "the report be welcomed; and", clause=1)
    corrected = resolution.pending_events[-1]
    assert (corrected.was, corrected.now) == (
        "the report be noted; and",
        "the report be welcomed; and",
    )
    assert replayed(resolution).clauses[0].text == "the report be welcomed; and"
    assert resolution.clauses[1].action.status is ActionStatus.OPEN


def test_an_actions_due_date_is_read_back_as_a_date_after_replay():
    resolution = a_resolution(resolved=True)
    fix(resolution, "action", "due_date", "2022-12-01", clause=2)
    assert replayed(resolution).clauses[1].action.due_date == date(2022, 12, 1)
    with pytest.raises(InvalidValue, match="YYYY-MM-DD"):
        fix(resolution, "action", "due_date", "1 December", clause=2)
    with pytest.raises(NotAnAction):
        fix(resolution, "action", "owner", "Director", clause=1)


def test_a_kind_correction_neither_drops_nor_starts_an_action():
    resolution = a_resolution(resolved=True)
    with pytest.raises(NothingAsked):
        fix(resolution, "clause", "kind", "noted", clause=2)
    with pytest.raises(ActionRequired):
        fix(resolution, "clause", "kind", "instruction", clause=1)
    fix(resolution, "clause", "kind", "approved", clause=1)
    assert replayed(resolution).clauses[0].kind is ClauseKind.APPROVED


def test_a_correction_changes_something_and_names_a_field_its_subject_has():
    resolution = a_resolution(resolved=True)
    with pytest.raises(NothingToCorrect):
        fix(resolution, "clause", "text", "the report be noted; and", clause=1)
    with pytest.raises(NotCorrectable):
        fix(resolution, "meeting", "venue", "Town Hall")
    with pytest.raises(NotCorrectable):
        fix(resolution, "clause", "colour", "red", clause=1)


def test_an_action_is_corrected_on_or_after_its_last_step():
    resolution = a_resolution(resolved=True)
    resolution.assign_action(2, owner="Director", effective_date=LATER, recorded_by=CLERK)
    with pytest.raises(OutOfOrder):
        resolution.correct(
            "action",
            "owner",
            "Head of Service",
            clause=2,
            reason="wrong person",
            effective_date=DAY,
            recorded_by=CLERK,
        )


def test_a_meetings_start_time_and_a_declarations_kind_are_corrected():
    meeting = a_meeting()
    meeting.record_attendance(
        "Cllr Banks", status=AttendanceStatus.PRESENT, effective_date=DAY, recorded_by=CLERK
    )
    meeting.declare_interest(
        "Cllr Banks", item="5", interest="a governor", effective_date=DAY, recorded_by=CLERK
    )
    fix(meeting, "meeting", "start_time", "18:30")
    fix(meeting, "declaration", "kind", "other registrable", member="Cllr Banks", item="5")
    again = replayed(meeting)
    assert again.start_time == time(18, 30)
    assert again.declarations[0].kind is DeclarationKind.OTHER_REGISTRABLE
    with pytest.raises(UnknownDeclaration):
        fix(meeting, "declaration", "kind", "other", member="Cllr Nobody", item="5")


def test_a_second_resolution_on_an_item_has_an_id_of_its_own_and_the_first_keeps_its():
    meeting = a_meeting()
    assert Resolution.create_id(meeting.id, "5") == Resolution.create_id(meeting.id, "5", 1)
    assert Resolution.create_id(meeting.id, "5", 2) != Resolution.create_id(meeting.id, "5")
    with pytest.raises(InvalidValue, match="sequence"):
        Resolution.propose(
            meeting,
            item="5",
            clauses=the_clauses(),
            sequence=0,
            effective_date=DAY,
            recorded_by=CLERK,
        )


def test_a_proposal_stored_before_sequences_loads_as_the_first_on_its_item():
    app = Minutebook.from_url("memory:")
    try:
        [proposed] = a_resolution().collect_events()
        stored = app.mapper.to_stored_event(proposed)
        state = json.loads(stored.state)
        state["class_version"] = 2
        del state["sequence"]
        old = app.mapper.to_domain_event(replace(stored, state=json.dumps(state).encode()))
        assert old.sequence == 1
        assert old.mutate(None).id == proposed.originator_id
    finally:
        app.close()


def test_a_meeting_stored_before_sittings_loads_as_the_first_of_its_day():
    app = Minutebook.from_url("memory:")
    try:
        [scheduled] = a_meeting().collect_events()[:1]
        stored = app.mapper.to_stored_event(scheduled)
        state = json.loads(stored.state)
        state.pop("class_version", None)
        del state["sitting"]
        old = app.mapper.to_domain_event(replace(stored, state=json.dumps(state).encode()))
        assert old.sitting == 1
        assert old.mutate(None).id == scheduled.originator_id
    finally:
        app.close()
