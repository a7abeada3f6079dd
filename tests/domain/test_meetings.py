from datetime import date, time, timedelta

import pytest

from domain.errors import InvalidValue
from domain.meetings import (
    AlreadyDeclared,
    AlreadyHeld,
    AttendanceAlreadyRecorded,
    DuplicateAgendaItem,
    HeldBeforeItsDate,
    Meeting,
    MeetingCancelled,
    MinutesAlreadyApproved,
    MinutesApprovalOutOfOrder,
    NotHeld,
    NotInAttendance,
    UnknownAgendaItem,
)
from domain.values import AttendanceStatus, MeetingStatus
from tests.domain.builders import CLERK, DAY, a_committee, a_meeting, event_names, present


def test_a_meeting_is_scheduled_for_a_committee_on_a_date_with_a_stable_id():
    committee = a_committee()
    meeting = Meeting.schedule(
        committee,
        meeting_date=DAY,
        start_time=time(10),
        venue="Room 10",
        effective_date=DAY,
        recorded_by=CLERK,
    )
    assert meeting.status is MeetingStatus.SCHEDULED
    assert (meeting.start_time, meeting.venue) == (time(10), "Room 10")
    assert meeting.id == Meeting.create_id(committee.id, DAY)
    assert event_names(meeting) == ["Scheduled"]


def test_agenda_items_keep_the_councils_own_minute_number():
    meeting = a_meeting()
    key = meeting.add_agenda_item(
        title="A31/17 Ofsted",
        minute="A31/17",
        agenda_number="5",
        effective_date=DAY,
        recorded_by=CLERK,
    )
    assert key == "A31/17"
    assert meeting.items["A31/17"].agenda_number == "5"


def test_an_item_without_a_minute_number_is_known_by_its_agenda_number_then_its_title():
    meeting = a_meeting()
    assert (
        meeting.add_agenda_item(
            title="The Children's Workforce",
            agenda_number="7",
            effective_date=DAY,
            recorded_by=CLERK,
        )
        == "agenda item 7"
    )
    assert (
        meeting.add_agenda_item(
            title="Children Services Improvement Update", effective_date=DAY, recorded_by=CLERK
        )
        == "children services improvement update"
    )


def test_the_same_minute_number_cannot_be_added_twice():
    meeting = a_meeting()
    with pytest.raises(DuplicateAgendaItem):
        meeting.add_agenda_item(title="Again", minute="5", effective_date=DAY, recorded_by=CLERK)


def test_attendance_is_recorded_and_can_be_corrected_but_not_repeated():
    meeting = a_meeting()
    meeting.record_attendance(
        "Councillor McCormack",
        status=AttendanceStatus.ABSENT,
        effective_date=DAY,
        recorded_by=CLERK,
    )
    meeting.record_attendance(
        "Councillor McCormack",
        status=AttendanceStatus.APOLOGIES,
        effective_date=DAY,
        recorded_by=CLERK,
    )
    assert meeting.attendance["Councillor McCormack"].status is AttendanceStatus.APOLOGIES
    with pytest.raises(AttendanceAlreadyRecorded):
        meeting.record_attendance(
            "Councillor McCormack",
            status=AttendanceStatus.APOLOGIES,
            effective_date=DAY,
            recorded_by=CLERK,
        )


def test_a_cancelled_meeting_takes_no_attendance():
    meeting = a_meeting()
    meeting.cancel(reason="inquorate", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(MeetingCancelled):
        present(meeting, "Councillor Sims")
    with pytest.raises(MeetingCancelled):
        meeting.add_agenda_item(title="Late", minute="9", effective_date=DAY, recorded_by=CLERK)


def test_a_member_present_declares_an_interest_in_an_item_once():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    meeting.declare_interest(
        "Councillor Sims",
        item="5",
        interest="school governor",
        effective_date=DAY,
        recorded_by=CLERK,
    )
    assert meeting.declarations[0].item_key == "5"
    with pytest.raises(AlreadyDeclared):
        meeting.declare_interest(
            "Councillor Sims", item="5", interest="again", effective_date=DAY, recorded_by=CLERK
        )


def test_an_interest_needs_a_known_item_and_a_member_present():
    meeting = a_meeting()
    present(meeting, "Councillor Sims")
    with pytest.raises(UnknownAgendaItem):
        meeting.declare_interest(
            "Councillor Sims", item="99", interest="x", effective_date=DAY, recorded_by=CLERK
        )
    with pytest.raises(NotInAttendance):
        meeting.declare_interest(
            "Councillor Absent", item="5", interest="x", effective_date=DAY, recorded_by=CLERK
        )


def test_a_meeting_is_held_once_and_not_before_its_date():
    meeting = a_meeting()
    with pytest.raises(HeldBeforeItsDate):
        meeting.hold(effective_date=DAY - timedelta(days=1), recorded_by=CLERK)
    meeting.hold(ended_at=time(12, 30), effective_date=DAY, recorded_by=CLERK)
    assert meeting.status is MeetingStatus.HELD and meeting.ended_at == time(12, 30)
    with pytest.raises(AlreadyHeld):
        meeting.hold(effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(AlreadyHeld):
        meeting.cancel(effective_date=DAY, recorded_by=CLERK)


def test_an_adjourned_meeting_resumes_later_and_is_then_held():
    meeting = a_meeting()
    with pytest.raises(InvalidValue):
        meeting.adjourn(until=DAY, effective_date=DAY, recorded_by=CLERK)
    meeting.adjourn(
        until=DAY + timedelta(days=2), reason="fire alarm", effective_date=DAY, recorded_by=CLERK
    )
    assert meeting.status is MeetingStatus.ADJOURNED
    meeting.hold(effective_date=DAY + timedelta(days=2), recorded_by=CLERK)
    assert meeting.status is MeetingStatus.HELD and meeting.adjourned_until is None


def test_a_cancelled_meeting_cannot_be_held():
    meeting = a_meeting()
    meeting.cancel(effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(MeetingCancelled):
        meeting.hold(effective_date=DAY, recorded_by=CLERK)


def _held(committee, on: date) -> Meeting:
    meeting = Meeting.schedule(committee, meeting_date=on, effective_date=on, recorded_by=CLERK)
    meeting.hold(effective_date=on, recorded_by=CLERK)
    return meeting


def test_minutes_are_approved_by_a_later_meeting_of_the_same_committee():
    committee = a_committee()
    march, july = _held(committee, date(2022, 3, 21)), _held(committee, date(2022, 7, 25))
    march.approve_minutes(at=july, recorded_by=CLERK)
    assert march.minutes_approved_by == july.id
    assert march.minutes_approved_on == date(2022, 7, 25)
    assert march.collect_events()[-1].effective_date == date(2022, 7, 25)


def test_minutes_cannot_be_approved_by_the_same_meeting_or_an_earlier_one():
    committee = a_committee()
    march, july = _held(committee, date(2022, 3, 21)), _held(committee, date(2022, 7, 25))
    with pytest.raises(MinutesApprovalOutOfOrder):
        july.approve_minutes(at=july, recorded_by=CLERK)
    with pytest.raises(MinutesApprovalOutOfOrder):
        july.approve_minutes(at=march, recorded_by=CLERK)


def test_minutes_cannot_be_approved_by_another_committee():
    march = _held(a_committee(), date(2022, 3, 21))
    elsewhere = _held(a_committee(slug="other"), date(2022, 7, 25))
    with pytest.raises(MinutesApprovalOutOfOrder):
        march.approve_minutes(at=elsewhere, recorded_by=CLERK)


def test_minutes_are_approved_once_only_for_a_held_meeting_and_not_by_a_cancelled_one():
    committee = a_committee()
    unheld = Meeting.schedule(
        committee,
        meeting_date=date(2022, 3, 21),
        effective_date=date(2022, 3, 1),
        recorded_by=CLERK,
    )
    july = _held(committee, date(2022, 7, 25))
    with pytest.raises(NotHeld):
        unheld.approve_minutes(at=july, recorded_by=CLERK)
    march = _held(committee, date(2022, 3, 22))
    cancelled = Meeting.schedule(
        committee, meeting_date=date(2022, 9, 1), effective_date=date(2022, 8, 1), recorded_by=CLERK
    )
    cancelled.cancel(effective_date=date(2022, 8, 2), recorded_by=CLERK)
    with pytest.raises(MeetingCancelled):
        march.approve_minutes(at=cancelled, recorded_by=CLERK)
    march.approve_minutes(at=july, recorded_by=CLERK)
    with pytest.raises(MinutesAlreadyApproved):
        march.approve_minutes(at=july, recorded_by=CLERK)


def test_every_meeting_event_carries_its_effective_date_and_recorder():
    committee = a_committee()
    meeting = a_meeting(committee)
    present(meeting, "A")
    meeting.declare_interest(
        "A", item=None, interest="general", effective_date=DAY, recorded_by="x"
    )
    meeting.adjourn(effective_date=DAY, recorded_by="x")
    meeting.hold(effective_date=DAY, recorded_by="x")
    later = _held(committee, DAY + timedelta(days=30))
    meeting.approve_minutes(at=later, recorded_by="x")
    other = a_meeting(committee, on=DAY + timedelta(days=60))
    other.cancel(effective_date=DAY + timedelta(days=59), recorded_by="x")
    events = [*meeting.collect_events(), *other.collect_events()]
    assert {type(e).__name__ for e in events} == {
        "Scheduled",
        "AgendaItemAdded",
        "AttendanceRecorded",
        "InterestDeclared",
        "Held",
        "Adjourned",
        "Cancelled",
        "MinutesApproved",
    }
    assert all(e.recorded_by and isinstance(e.effective_date, date) for e in events)
