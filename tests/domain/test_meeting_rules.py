"""Every meeting rule by the name a client is given, and nothing recorded when it is
broken. The web edge answers the error with a 409 naming the rule, or a 422 for a value
no meeting could hold: test_meeting_commands.py shows one of each over HTTP."""

from datetime import date, time, timedelta

import pytest

from domain.committees import CommitteeDissolved
from domain.errors import InvalidValue
from domain.meetings import (
    Meeting,
    MeetingError,
)
from domain.values import AttendanceStatus
from tests.domain.builders import CLERK, DAY, a_committee, a_held_meeting, a_meeting, present

OCTOBER = date(2022, 10, 10)


def the_july_meeting() -> tuple[Meeting, Meeting]:
    """The 25 July meeting (item 5, Councillor Sims present) and the committee's
    10 October meeting, which sits; nothing pending."""
    committee = a_committee()
    july = a_meeting(committee)
    present(july, "Councillor Sims")
    october = a_held_meeting(committee, OCTOBER)
    july.collect_events()
    return july, october


VERBS = {
    "add item": lambda m, o: m.add_agenda_item(
        title="SEND UPDATE", minute="6.", effective_date=DAY, recorded_by=CLERK
    ),
    "attendance": lambda m, o: m.record_attendance(
        "Councillor Long", status=AttendanceStatus.APOLOGIES, effective_date=DAY, recorded_by=CLERK
    ),
    "declare": lambda m, o: m.declare_interest(
        "Councillor Sims", item="5", interest="governor", effective_date=DAY, recorded_by=CLERK
    ),
    "hold": lambda m, o: m.hold(ended_at=time(12, 5), effective_date=DAY, recorded_by=CLERK),
    "adjourn": lambda m, o: m.adjourn(
        until=DAY + timedelta(days=1), reason="fire alarm", effective_date=DAY, recorded_by=CLERK
    ),
    "cancel": lambda m, o: m.cancel(reason="inquorate", effective_date=DAY, recorded_by=CLERK),
    "approve minutes": lambda m, o: m.approve_minutes(at=o, recorded_by=CLERK),
}


def refused(meeting: Meeting, change, rule: str, error=MeetingError) -> None:
    """The change raises the rule's error, and the meeting records nothing."""
    version = meeting.version
    with pytest.raises(error) as raised:
        change()
    assert raised.value.rule == rule
    assert meeting.version == version and meeting.collect_events() == []


@pytest.mark.parametrize("verb", VERBS)
def test_a_cancelled_meeting_takes_no_business_attendance_or_approval_by_name(verb):
    july, october = the_july_meeting()
    july.cancel(effective_date=DAY, recorded_by=CLERK)
    july.collect_events()
    refused(july, lambda: VERBS[verb](july, october), "meeting-cancelled")


@pytest.mark.parametrize(
    "first, change, rule",
    [
        (
            None,
            lambda m, o: m.add_agenda_item(
                title="DIRECTORS REPORT", minute="5", effective_date=DAY, recorded_by=CLERK
            ),
            "duplicate-agenda-item",
        ),
        (None, lambda m, o: present(m, "Councillor Sims"), "attendance-already-recorded"),
        (
            None,
            lambda m, o: m.declare_interest(
                "Councillor Sims", item="99", interest="x", effective_date=DAY, recorded_by=CLERK
            ),
            "unknown-agenda-item",
        ),
        (
            None,
            lambda m, o: m.declare_interest(
                "Councillor Long", item=None, interest="x", effective_date=DAY, recorded_by=CLERK
            ),
            "not-in-attendance",
        ),
        ("declare", VERBS["declare"], "already-declared"),
        (
            None,
            lambda m, o: m.hold(effective_date=DAY - timedelta(days=1), recorded_by=CLERK),
            "held-before-its-date",
        ),
        ("hold", VERBS["hold"], "already-held"),
        ("hold", VERBS["cancel"], "already-held"),
    ],
    ids=[
        "an item added twice",
        "the same attendance twice",
        "an interest in no such item",
        "an interest of somebody absent",
        "the same interest twice",
        "held before its date",
        "held twice",
        "cancelled once held",
    ],
)
def test_a_change_that_breaks_a_meeting_rule_is_refused_by_name_and_records_nothing(
    first, change, rule
):
    july, october = the_july_meeting()
    if first is not None:  # what happened already
        VERBS[first](july, october)
        july.collect_events()
    refused(july, lambda: change(july, october), rule)


def test_an_adjournment_that_resumes_on_the_day_it_adjourns_is_an_invalid_value():
    july, _ = the_july_meeting()
    refused(
        july,
        lambda: july.adjourn(until=DAY, effective_date=DAY, recorded_by=CLERK),
        "invalid-value",
        InvalidValue,
    )


def test_minutes_are_approved_in_order_once_and_only_when_held_by_name():
    committee = a_committee()
    july = a_meeting(committee)
    other = a_held_meeting(a_committee(slug="other"), OCTOBER)
    october = a_held_meeting(committee, OCTOBER)
    december = Meeting.schedule(
        committee, meeting_date=date(2022, 12, 1), effective_date=OCTOBER, recorded_by=CLERK
    )
    december.cancel(effective_date=OCTOBER, recorded_by=CLERK)
    july.collect_events()
    refused(july, lambda: july.approve_minutes(at=october, recorded_by=CLERK), "not-held")
    july.hold(effective_date=DAY, recorded_by=CLERK)
    july.collect_events()
    for at, rule in [
        (july, "minutes-approval-out-of-order"),  # itself
        (other, "minutes-approval-out-of-order"),  # another committee's
        (december, "approving-meeting-cancelled"),  # a later one that never sat
    ]:
        refused(july, lambda at=at: july.approve_minutes(at=at, recorded_by=CLERK), rule)
    july.approve_minutes(at=october, recorded_by=CLERK)
    july.collect_events()
    refused(
        july,
        lambda: july.approve_minutes(at=october, recorded_by=CLERK),
        "minutes-already-approved",
    )


def test_a_dissolved_committee_schedules_no_meeting_by_name():
    committee = a_committee()
    committee.dissolve(effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(CommitteeDissolved) as raised:
        Meeting.schedule(
            committee, meeting_date=date(2022, 12, 1), effective_date=DAY, recorded_by=CLERK
        )
    assert raised.value.rule == "committee-dissolved"
