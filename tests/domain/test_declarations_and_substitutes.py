"""Declarations with their kind, a meeting at which none were made, and substitutes."""

import json
from dataclasses import replace

import pytest

from domain.details import meeting_details
from domain.errors import InvalidValue
from domain.meetings import (
    AttendanceAlreadyRecorded,
    DeclarationsWereMade,
    NoDeclarationsWereMade,
    SubstituteNotPresent,
)
from domain.service import Minutebook
from domain.values import AttendanceStatus, DeclarationKind
from tests.domain.builders import CLERK, DAY, a_meeting, present


def declare(meeting, kind=None, member="Councillor Sims"):
    meeting.declare_interest(
        member,
        item="5",
        interest="a relative works for the service",
        kind=kind,
        effective_date=DAY,
        recorded_by=CLERK,
    )


def none_made(meeting):
    meeting.record_no_declarations(effective_date=DAY, recorded_by=CLERK)


def attend(meeting, name, status=AttendanceStatus.PRESENT, substitute_for=None):
    meeting.record_attendance(
        name, status=status, substitute_for=substitute_for, effective_date=DAY, recorded_by=CLERK
    )


def test_a_declaration_keeps_its_kind_beside_the_members_own_words():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    declare(meeting, DeclarationKind.OTHER_REGISTRABLE)
    [declaration] = meeting_details(meeting)["declarations"]
    assert declaration["kind"] == "other registrable"
    assert declaration["interest"] == "a relative works for the service"


def test_a_declaration_of_no_stated_kind_is_read_as_before():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    declare(meeting)
    [declaration] = meeting_details(meeting)["declarations"]
    assert "kind" not in declaration


def test_an_unknown_kind_of_interest_is_refused():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    with pytest.raises(InvalidValue):
        declare(meeting, "pecuniary-ish")


def test_none_made_some_made_and_nothing_recorded_are_told_apart():
    nothing, none, some = a_meeting(), a_meeting(), a_meeting()
    none_made(none)
    present(some, "Councillor Sims")
    declare(some)
    recorded = [meeting_details(m)["declarations_recorded"] for m in (nothing, none, some)]
    assert recorded == [None, "none", "some"]


def test_a_meeting_with_no_declarations_takes_none_afterwards_nor_says_so_twice():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    none_made(meeting)
    with pytest.raises(NoDeclarationsWereMade):
        declare(meeting)
    with pytest.raises(DeclarationsWereMade):
        none_made(meeting)


def test_a_meeting_with_declarations_cannot_be_said_to_have_had_none():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    declare(meeting)
    with pytest.raises(DeclarationsWereMade):
        none_made(meeting)


def test_a_substitute_is_present_in_place_of_a_named_member():
    meeting = a_meeting()
    attend(meeting, "Councillor Murphy", AttendanceStatus.APOLOGIES)
    attend(meeting, "Councillor Sims", substitute_for="Councillor Murphy")
    came = meeting_details(meeting)["attendance"]["present"]
    assert came == [
        {"name": "Councillor Sims", "capacity": None, "substitute_for": "Councillor Murphy"}
    ]
    with pytest.raises(AttendanceAlreadyRecorded):
        attend(meeting, "Councillor Sims", substitute_for="Councillor Murphy")


@pytest.mark.parametrize(
    "status, name",
    [
        (AttendanceStatus.APOLOGIES, "Councillor Sims"),
        (AttendanceStatus.PRESENT, "Councillor Murphy"),
    ],
)
def test_only_somebody_present_substitutes_and_only_for_somebody_else(status, name):
    with pytest.raises(SubstituteNotPresent):
        attend(a_meeting(), name, status, substitute_for="Councillor Murphy")


def _as_version_1(app, event, field):
    stored = app.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    state.pop("class_version")
    del state[field]
    return replace(stored, state=json.dumps(state).encode())


def test_declarations_and_attendance_stored_before_these_fields_still_load():
    app = Minutebook.from_url("memory:")
    try:
        meeting = a_meeting()
        attend(meeting, "Councillor Sims")
        declare(meeting, DeclarationKind.OTHER)
        events = meeting.collect_events()
        for event, field in ((events[-2], "substitute_for"), (events[-1], "kind")):
            old = app.mapper.to_domain_event(_as_version_1(app, event, field))
            assert type(old) is type(event) and getattr(old, field) is None
    finally:
        app.close()
