"""The clerk's meeting verbs over HTTP: every POST, what it answers and what it records.

The edge's behaviour is the same on every store, so these tests run on SQLite; the one
about the store (a natural key recorded twice) runs on all three. The meeting's rules
are checked on the aggregate (tests/domain/test_meeting_rules.py); here one rule broken
shows how any of them is answered, and the rules that need another record show that
the service finds it (the committee, the approving meeting).
"""

from types import SimpleNamespace
from uuid import uuid4

import pytest

from tests.web.helpers import (
    ESTABLISHED,
    JULY,
    OCTOBER,
    a_meeting_with_an_item,
    appoint,
    establish,
    event_count,
    hold,
    invalid,
    ok,
    post,
    post_text,
    problem,
    read,
    schedule,
)

VERBS = [
    "items",
    "attendance",
    "declarations",
    "held",
    "adjournments",
    "cancellation",
    "minutes-approval",
]


@pytest.fixture
def m(client):
    """The 25 July meeting (item 5, Councillor Sims present: version 3) and the
    committee's 10 October meeting."""
    committee_id, meeting_id = a_meeting_with_an_item(client)
    appoint(client, committee_id, "Councillor Sims")
    appoint(client, committee_id, "Councillor Long")
    ok(
        post(
            client,
            f"/api/meetings/{meeting_id}/attendance",
            {"name": "Councillor Sims", "status": "present", "effective_date": JULY},
        )
    )
    return SimpleNamespace(
        committee=committee_id, id=meeting_id, october=schedule(client, committee_id, OCTOBER)["id"]
    )


def body_for(verb, m):
    """A valid body for each verb (approving minutes has no effective date of its own)."""
    return {
        "items": {"title": "SEND UPDATE", "minute": "6.", "effective_date": JULY},
        "attendance": {"name": "Councillor Long", "status": "apologies", "effective_date": JULY},
        "declarations": {
            "member": "Councillor Sims",
            "item": "5",
            "interest": "governor",
            "effective_date": JULY,
        },
        "held": {"ended_at": "12:05", "effective_date": JULY},
        "adjournments": {"until": "2022-07-26", "reason": "fire alarm", "effective_date": JULY},
        "cancellation": {"reason": "inquorate", "effective_date": JULY},
        "minutes-approval": {"at_meeting_id": m.october},
    }[verb]


def act(client, meeting_id, verb, body, **kwargs):
    return post(client, f"/api/meetings/{meeting_id}/{verb}", body, **kwargs)


def version_of(client, meeting_id):
    return read(client, "meetings", meeting_id)["version"]


# The happy paths -----------------------------------------------------------------


def test_a_meeting_is_scheduled_and_can_be_read_at_once(client):
    committee_id = establish(client)["id"]
    receipt = ok(
        post(
            client,
            "/api/meetings",
            {
                "committee_id": committee_id,
                "date": JULY,
                "start_time": "10:00",
                "venue": "Room 10",
                "effective_date": ESTABLISHED,
            },
        ),
        201,
    )
    found = read(client, "meetings", receipt["id"])
    assert found["version"] == receipt["version"] == 1
    assert (
        found["committee_id"],
        found["council"],
        found["date"],
        found["start_time"],
        found["venue"],
        found["status"],
    ) == (committee_id, "st-helens", JULY, "10:00:00", "Room 10", "scheduled")


def test_an_agenda_item_is_added_under_its_own_minute_number(client, m):
    receipt = ok(act(client, m.id, "items", body_for("items", m)))
    assert receipt["item"] == "6" and receipt["version"] == 4
    found = read(client, "meetings", m.id)
    assert found["version"] == 4
    assert found["items"][-1] == {
        "key": "6",
        "title": "SEND UPDATE",
        "minute": "6.",
        "agenda_number": None,
        "exempt": False,
    }


def test_attendance_is_recorded_and_can_be_corrected(client, m):
    ok(act(client, m.id, "attendance", body_for("attendance", m)))
    assert read(client, "meetings", m.id)["attendance"]["apologies"] == [
        {"name": "Councillor Long", "capacity": None}
    ]
    # The clerk corrects it: Councillor Long came after all, as Chair.
    ok(
        act(
            client,
            m.id,
            "attendance",
            {
                "name": "Councillor Long",
                "status": "present",
                "capacity": "Chair",
                "effective_date": JULY,
            },
        )
    )
    attendance = read(client, "meetings", m.id)["attendance"]
    assert attendance["apologies"] == []
    assert {"name": "Councillor Long", "capacity": "Chair"} in attendance["present"]


def test_a_member_present_declares_an_interest_in_an_item(client, m):
    ok(act(client, m.id, "declarations", body_for("declarations", m)))
    assert read(client, "meetings", m.id)["declarations"] == [
        {"member": "Councillor Sims", "item_key": "5", "interest": "governor"}
    ]


@pytest.mark.parametrize(
    "verb, shown",
    [
        ("held", {"status": "held", "ended_at": "12:05:00", "adjourned_until": None}),
        ("adjournments", {"status": "adjourned", "adjourned_until": "2022-07-26"}),
        ("cancellation", {"status": "cancelled", "version": 4}),
    ],
)
def test_holding_adjourning_or_cancelling_a_meeting_reads_back_at_once(client, m, verb, shown):
    ok(act(client, m.id, verb, body_for(verb, m)))
    found = read(client, "meetings", m.id)
    assert {k: found[k] for k in shown} == shown


def test_a_later_meeting_approves_the_minutes_on_its_own_date(client, m):
    hold(client, m.id)
    receipt = ok(
        act(client, m.id, "minutes-approval", body_for("minutes-approval", m), if_match='"4"')
    )
    found = read(client, "meetings", m.id)
    assert found["version"] == receipt["version"] == 5
    assert (found["minutes_approved_by"], found["minutes_approved_on"]) == (m.october, OCTOBER)


# Who, which and which version ------------------------------------------------------


@pytest.mark.parametrize("verb", [None, *VERBS])
def test_every_meeting_verb_needs_somebody_to_say_who_is_recording_it(client, m, verb):
    before = event_count(client)
    if verb is None:  # scheduling a new meeting
        response = post(
            client,
            "/api/meetings",
            {"committee_id": m.committee, "date": "2022-12-01", "effective_date": JULY},
            actor=None,
        )
    else:
        response = act(client, m.id, verb, body_for(verb, m), actor=None)
    problem(response, 401, "token-required")
    assert event_count(client) == before and version_of(client, m.id) == 3


@pytest.mark.parametrize("verb", VERBS)
def test_every_meeting_verb_on_an_unknown_id_is_not_found(client, m, verb):
    before = event_count(client)
    problem(act(client, uuid4(), verb, body_for(verb, m)), 404, "meeting-not-found")
    assert event_count(client) == before


def test_a_meeting_of_an_unknown_committee_cannot_be_scheduled(client):
    problem(
        post(
            client,
            "/api/meetings",
            {"committee_id": str(uuid4()), "date": JULY, "effective_date": JULY},
        ),
        404,
        "committee-not-found",
    )
    assert event_count(client) == 0


def test_minutes_cannot_be_approved_at_an_unknown_meeting(client, m):
    hold(client, m.id)
    problem(
        act(client, m.id, "minutes-approval", {"at_meeting_id": str(uuid4())}),
        404,
        "meeting-not-found",
    )
    assert version_of(client, m.id) == 4


@pytest.mark.parametrize("verb", VERBS)
def test_every_meeting_verb_refuses_an_if_match_older_than_the_record(client, m, verb):
    problem(act(client, m.id, verb, body_for(verb, m), if_match='"2"'), 412, "stale-version")
    assert version_of(client, m.id) == 3


# Rules of the record ---------------------------------------------------------------


@pytest.mark.parametrize(
    "verb, body, rule",
    [
        ("items", {"title": "AGAIN", "minute": "5"}, "duplicate-agenda-item"),
        # A declaration on no item in particular reaches the rules too.
        ("declarations", {"member": "Councillor Long", "interest": "x"}, "not-in-attendance"),
    ],
)
def test_a_change_that_breaks_a_meeting_rule_is_a_conflict_naming_it_and_writes_nothing(
    client, m, verb, body, rule
):
    problem(act(client, m.id, verb, {**body, "effective_date": JULY}), 409, rule)
    assert version_of(client, m.id) == 3


def test_a_value_no_meeting_could_hold_is_invalid_and_writes_nothing(client, m):
    # An adjourned meeting resumes after the day it adjourns.
    body = {"until": JULY, "reason": "fire alarm", "effective_date": JULY}
    problem(act(client, m.id, "adjournments", body), 422, "invalid-value")
    assert version_of(client, m.id) == 3


@pytest.mark.every_store  # each store refuses a second record with the same id
def test_a_meeting_is_scheduled_once(client, m):
    before = event_count(client)
    problem(
        post(
            client,
            "/api/meetings",
            {"committee_id": m.committee, "date": JULY, "effective_date": JULY},
        ),
        409,
        "already-recorded",
    )
    assert event_count(client) == before


def test_a_meeting_is_never_scheduled_for_a_dissolved_committee(client, m):
    ok(post(client, f"/api/committees/{m.committee}/dissolution", {"effective_date": JULY}))
    before = event_count(client)
    problem(
        post(
            client,
            "/api/meetings",
            {"committee_id": m.committee, "date": "2022-12-01", "effective_date": JULY},
        ),
        409,
        "committee-dissolved",
    )
    assert event_count(client) == before


def test_minutes_are_approved_only_by_a_later_meeting_of_the_same_committee(client, m):
    hold(client, m.id)
    other = schedule(client, establish(client, slug="other")["id"], OCTOBER)["id"]
    december = schedule(client, m.committee, "2022-12-01")["id"]
    ok(act(client, december, "cancellation", {"effective_date": OCTOBER}))
    for at, rule in [
        (m.id, "minutes-approval-out-of-order"),  # itself
        (other, "minutes-approval-out-of-order"),  # another committee's
        (december, "approving-meeting-cancelled"),
    ]:  # a later one that never sat
        problem(act(client, m.id, "minutes-approval", {"at_meeting_id": at}), 409, rule)
    assert version_of(client, m.id) == 4


# Invalid input ---------------------------------------------------------------------


@pytest.mark.parametrize("verb", [None, *VERBS[:-1]])
def test_every_dated_meeting_verb_needs_an_effective_date(client, m, verb):
    if verb is None:
        response = post(client, "/api/meetings", {"committee_id": m.committee, "date": JULY})
    else:
        body = {k: v for k, v in body_for(verb, m).items() if k != "effective_date"}
        response = act(client, m.id, verb, body)
    invalid(response, "effective_date")
    assert version_of(client, m.id) == 3


@pytest.mark.parametrize(
    "verb, body, field",
    [
        ("attendance", {"name": "Councillor Long", "status": "late"}, "status"),
        ("items", {"title": "SEND", "effective_date": "2022-07-32"}, "effective_date"),
        ("held", {"ended_at": "25:00"}, "ended_at"),
        ("adjournments", {"until": "next week"}, "until"),
        ("declarations", {"member": "Councillor Sims", "interest": "x", "vote": "abstain"}, "vote"),
        ("minutes-approval", {"effective_date": OCTOBER}, "effective_date"),  # has none
        ("minutes-approval", {}, "at_meeting_id"),
    ],
)
def test_a_meeting_change_with_invalid_input_names_the_field(client, m, verb, body, field):
    if verb != "minutes-approval":
        body = {"effective_date": JULY, **body}
    elif body:
        body = {**body_for(verb, m), **body}
    invalid(act(client, m.id, verb, body), field)
    assert version_of(client, m.id) == 3


@pytest.mark.parametrize(
    "body, field",
    [
        ({"date": "2022-13-01"}, "date"),
        ({"start_time": "noon"}, "start_time"),
        ({"committee_id": "cyps-scrutiny"}, "committee_id"),
        ({"room": "10"}, "room"),
    ],
)
def test_a_meeting_with_invalid_details_is_not_scheduled(client, m, body, field):
    before = event_count(client)
    invalid(
        post(
            client,
            "/api/meetings",
            {"committee_id": m.committee, "date": "2022-12-01", "effective_date": JULY, **body},
        ),
        field,
    )
    assert event_count(client) == before


@pytest.mark.parametrize("verb", [None, *VERBS])
def test_a_body_that_is_not_json_is_invalid_input_on_every_meeting_verb(client, m, verb):
    url = "/api/meetings" + ("" if verb is None else f"/{m.id}/{verb}")
    problem(post_text(client, url, '{"effective_date": '), 422, "invalid-input")
    assert version_of(client, m.id) == 3
