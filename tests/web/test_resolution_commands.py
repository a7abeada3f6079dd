"""The clerk's resolution verbs over HTTP, from proposal to report back: every POST, what it
answers and what it records.

The edge's behaviour is the same on every store, so these tests run on SQLite; the one
about the store (a natural key recorded twice) runs on all three. The resolution's rules
are checked on the aggregate (tests/domain/test_resolution_rules.py); here one rule broken
shows how any of them is answered, and the rest show that what a client sends reaches
the rules: the clause in the path, the meeting and item of a proposal, and its clauses.
"""

from uuid import uuid4

import pytest

from tests.web.helpers import (
    CLAUSES,
    CLERK,
    JULY,
    OCTOBER,
    a_meeting_with_an_item,
    a_proposed_resolution,
    a_resolved_resolution,
    add_item,
    event_count,
    invalid,
    ok,
    post,
    post_text,
    problem,
    propose,
    read,
    schedule,
)

# Verbs on the decision, then verbs on clause 2's action, each with a body that succeeds
# (decisions on a proposed resolution, the rest on a resolved one).
DECISIONS = {
    "amendments": {"clauses": [{**CLAUSES[0], "text": "the report be noted"}], "reason": "typo"},
    "resolve": {},
    "reject": {"reason": "lost on a vote"},
    "withdraw": {"reason": "report withdrawn"},
    "defer": {"until": OCTOBER, "reason": "more information"},
}
FOLLOW_UPS = {
    "referrals": {"to": "Cabinet"},
    "report-back-requests": {"due_date": "2022-09-30", "due_meeting": "September"},
    "reports-back": {"summary": "SEND plans presented"},
    "assignments": {"owner": "Director of Children's Services"},
    "progress-notes": {"note": "in hand"},
    "completion": {"outcome": "done"},
}
AFTER_RESOLVED = {"rescind": {"reason": "superseded"}, **FOLLOW_UPS}
VERBS = {**DECISIONS, **AFTER_RESOLVED}


def url_of(resolution_id, verb, clause=2):
    if verb is None:  # proposing
        return "/api/resolutions"
    where = f"clauses/{clause}/{verb}" if verb in FOLLOW_UPS else verb
    return f"/api/resolutions/{resolution_id}/{where}"


def body_of(client, resolution_id, verb, on=JULY):
    """The verb's usual body; proposing (verb None) is on the resolution's meeting and item."""
    if verb is None:
        return {
            "meeting_id": the(client, resolution_id)["meeting_id"],
            "item": "5",
            "clauses": CLAUSES,
            "effective_date": on,
        }
    return {**VERBS[verb], "effective_date": on}


def act(client, resolution_id, verb, body=None, *, clause=2, on=JULY, **kwargs):
    body = body_of(client, resolution_id, verb, on) if body is None else body
    return post(client, url_of(resolution_id, verb, clause), body, **kwargs)


def the(client, resolution_id):
    return read(client, "resolutions", resolution_id)


def action_of(client, resolution_id, clause=2):
    return the(client, resolution_id)["clauses"][clause - 1]["action"]


# The happy paths -----------------------------------------------------------------


def test_a_resolution_is_proposed_on_an_agenda_item_and_can_be_read_at_once(client):
    _, meeting_id = a_meeting_with_an_item(client)
    receipt = propose(client, meeting_id)
    found = the(client, receipt["id"])
    assert found["version"] == receipt["version"] == 1
    assert (found["meeting_id"], found["item"], found["title"], found["status"]) == (
        meeting_id,
        "5",
        "DIRECTORS REPORT",
        "proposed",
    )
    assert [c["kind"] for c in found["clauses"]] == ["noted", "report back"]
    assert found["clauses"][1]["action"]["status"] == "pending" and found["open_actions"] == 0


@pytest.mark.parametrize(
    "verb, status",
    [
        ("amendments", "proposed"),
        ("resolve", "resolved"),
        ("reject", "rejected"),
        ("withdraw", "withdrawn"),
        ("defer", "deferred"),
    ],
)
def test_a_decision_or_amendment_is_read_back_with_what_it_does_to_the_clauses(
    client, verb, status
):
    resolution_id = a_proposed_resolution(client)
    receipt = ok(act(client, resolution_id, verb, if_match='"1"'))
    found = the(client, resolution_id)
    assert (found["status"], found["version"]) == (status, receipt["version"])
    action = found["clauses"][-1]["action"]
    if verb == "amendments":  # reworded: only the noting clause is left
        assert found["clauses"] == [
            {"number": 1, "text": "the report be noted", "kind": "noted", "action": None}
        ]
    elif verb == "resolve":  # carried: the report back is now asked for
        assert (action["status"], action["requested_on"], found["open_actions"]) == (
            "open",
            JULY,
            1,
        )
        assert found["decided_on"] == JULY
    elif verb == "defer":  # still undecided
        assert action["status"] == "pending" and found["decided_on"] is None
    else:  # lost: nobody need do anything
        assert (action["status"], action["closed_on"]) == ("dropped", JULY)


def test_a_rescinded_resolution_drops_its_open_actions(client):
    resolution_id = a_resolved_resolution(client)
    meeting_id = the(client, resolution_id)["meeting_id"]
    add_item(client, meeting_id, minute="6", title="SEND REVIEW")
    successor = ok(
        post(
            client,
            "/api/resolutions",
            {"meeting_id": meeting_id, "item": "6", "clauses": CLAUSES, "effective_date": OCTOBER},
        ),
        201,
    )["id"]
    ok(
        act(
            client,
            resolution_id,
            "rescind",
            {"superseded_by": successor, "effective_date": OCTOBER},
        )
    )
    found = the(client, resolution_id)
    assert (found["status"], found["open_actions"]) == ("rescinded", 0)
    assert found["clauses"][1]["action"]["closed_on"] == OCTOBER


@pytest.mark.parametrize(
    "verb, shown",
    [
        ("referrals", {"status": "referred", "referred_to": "Cabinet"}),
        (
            "report-back-requests",
            {
                "report_back_requested_on": JULY,
                "due_date": "2022-09-30",
                "due_meeting": "September",
            },
        ),
        ("assignments", {"owner": "Director of Children's Services"}),
        (
            "progress-notes",
            {"progress": [{"noted_on": JULY, "note": "in hand", "noted_by": CLERK}]},
        ),
        ("completion", {"status": "completed", "outcome": "done", "closed_on": JULY}),
    ],
)
def test_following_up_an_action_shows_on_the_resolution_at_once(client, verb, shown):
    resolution_id = a_resolved_resolution(client)
    receipt = ok(act(client, resolution_id, verb))
    assert receipt["version"] == the(client, resolution_id)["version"] == 3
    action = action_of(client, resolution_id)
    assert {k: action[k] for k in shown} == shown


def test_a_report_back_to_a_later_meeting_closes_the_action(client):
    resolution_id = a_resolved_resolution(client)
    october = schedule(client, the(client, resolution_id)["committee_id"], OCTOBER)["id"]
    ok(
        act(
            client,
            resolution_id,
            "reports-back",
            {
                "summary": "SEND plans presented",
                "at_meeting_id": october,
                "effective_date": OCTOBER,
            },
        )
    )
    action = action_of(client, resolution_id)
    assert (action["status"], action["outcome"], action["closed_on"]) == (
        "reported back",
        "SEND plans presented",
        OCTOBER,
    )
    assert the(client, resolution_id)["open_actions"] == 0


# Who, which and which version ------------------------------------------------------


@pytest.mark.parametrize("verb", [None, *VERBS])
def test_every_resolution_verb_needs_somebody_to_say_who_is_recording_it(client, verb):
    resolution_id = a_resolved_resolution(client)
    before = event_count(client)
    problem(act(client, resolution_id, verb, actor=None), 401, "token-required")
    assert event_count(client) == before and the(client, resolution_id)["version"] == 2


@pytest.mark.parametrize("verb", VERBS)
def test_every_resolution_verb_on_an_unknown_id_is_not_found(client, verb):
    a_resolved_resolution(client)
    before = event_count(client)
    problem(act(client, uuid4(), verb), 404, "resolution-not-found")
    assert event_count(client) == before


@pytest.mark.parametrize("verb, field", [(None, "meeting_id"), ("reports-back", "at_meeting_id")])
def test_a_meeting_that_does_not_exist_is_not_found(client, verb, field):
    # Proposed at no meeting, or reported back to none.
    resolution_id = a_resolved_resolution(client)
    body = {**body_of(client, resolution_id, verb), field: str(uuid4())}
    problem(act(client, resolution_id, verb, body), 404, "meeting-not-found")
    assert the(client, resolution_id)["version"] == 2


@pytest.mark.parametrize("verb", VERBS)
def test_every_resolution_verb_refuses_an_if_match_older_than_the_record(client, verb):
    resolution_id = a_resolved_resolution(client)  # version 2; the client saw version 1
    problem(act(client, resolution_id, verb, if_match='"1"'), 412, "stale-version")
    assert the(client, resolution_id)["version"] == 2


# Rules of the record ---------------------------------------------------------------


def test_a_withdrawn_resolution_cannot_be_resolved(client):
    resolution_id = a_proposed_resolution(client)
    ok(act(client, resolution_id, "withdraw"))
    body = problem(act(client, resolution_id, "resolve"), 409, "already-decided")
    assert "withdrawn" in body["message"]
    assert the(client, resolution_id)["status"] == "withdrawn"


@pytest.mark.parametrize("verb", FOLLOW_UPS)
@pytest.mark.parametrize(
    "clause, status, rule", [(1, 409, "not-an-action"), (9, 404, "unknown-clause")]
)
def test_only_a_clause_that_asks_for_something_is_followed_up(client, verb, clause, status, rule):
    # The clause named in the path is the one the rules are asked about, on every verb;
    # a clause it does not have is not found, like any unknown thing a path names.
    resolution_id = a_resolved_resolution(client)
    problem(act(client, resolution_id, verb, clause=clause), status, rule)
    assert the(client, resolution_id)["version"] == 2


@pytest.mark.parametrize(
    "change, rule",
    [
        ({"item": "99"}, "unknown-agenda-item"),
        ({"clauses": [{**CLAUSES[0], "number": 2}]}, "clauses-out-of-order"),
        ({"clauses": [{**CLAUSES[0], "action": {"owner": "Director"}}]}, "nothing-asked"),
        ({}, "meeting-cancelled"),
    ],
)
def test_a_proposal_that_breaks_a_rule_is_a_conflict_and_writes_nothing(client, change, rule):
    resolution_id = a_proposed_resolution(client)  # on item 5 of the 25 July meeting
    body = {**body_of(client, resolution_id, None), **change}
    if rule == "meeting-cancelled":
        ok(
            post(
                client, f"/api/meetings/{body['meeting_id']}/cancellation", {"effective_date": JULY}
            )
        )
    before = event_count(client)
    problem(act(client, resolution_id, None, body), 409, rule)
    assert event_count(client) == before


@pytest.mark.every_store  # each store refuses a second record with the same id
def test_a_resolution_is_proposed_once_on_a_meeting_and_item(client):
    resolution_id = a_proposed_resolution(client)
    before = event_count(client)
    # The same meeting and item: the same resolution.
    body = body_of(client, resolution_id, None)
    problem(act(client, resolution_id, None, body), 409, "already-recorded")
    assert event_count(client) == before


# Invalid input ---------------------------------------------------------------------


@pytest.mark.parametrize("verb", [None, *VERBS])
def test_every_resolution_verb_needs_an_effective_date(client, verb):
    resolution_id = a_resolved_resolution(client)
    body = body_of(client, resolution_id, verb)
    del body["effective_date"]
    invalid(act(client, resolution_id, verb, body), "effective_date")
    assert the(client, resolution_id)["version"] == 2


@pytest.mark.parametrize(
    "verb, body, field",
    [
        ("amendments", {"clauses": []}, "clauses"),
        ("amendments", {"clauses": [{**CLAUSES[0], "kind": "resolved-ish"}]}, "clauses"),
        ("amendments", {"clauses": [{**CLAUSES[0], "number": "1"}]}, "clauses"),
        ("defer", {"until": "2022-02-30"}, "until"),
        ("resolve", {"effective_date": "25 July 2022"}, "effective_date"),
        ("withdraw", {"withdrawn_by": "Councillor Sims"}, "withdrawn_by"),
        ("rescind", {"superseded_by": "minute 6"}, "superseded_by"),
        ("assignments", {"owner": ""}, "owner"),
    ],
)
def test_a_resolution_change_with_invalid_input_names_the_field(client, verb, body, field):
    resolution_id = a_proposed_resolution(client)
    invalid(act(client, resolution_id, verb, {"effective_date": JULY, **body}), field)
    assert the(client, resolution_id)["version"] == 1


@pytest.mark.parametrize(
    "verb, body",
    [
        ("defer", {"until": JULY}),  # taken up on the day it was deferred
        ("report-back-requests", {"due_date": "2022-07-01"}),  # due before it was asked for
        ("rescind", "itself"),
    ],
)
def test_a_value_no_record_could_hold_is_invalid_and_writes_nothing(client, verb, body):
    resolution_id = (a_proposed_resolution if verb == "defer" else a_resolved_resolution)(client)
    version = the(client, resolution_id)["version"]
    body = {"superseded_by": resolution_id} if body == "itself" else body
    problem(
        act(client, resolution_id, verb, {**body, "effective_date": JULY}), 422, "invalid-value"
    )
    assert the(client, resolution_id)["version"] == version


@pytest.mark.parametrize("verb", [None, *VERBS])
def test_a_body_that_is_not_json_is_invalid_input_on_every_resolution_verb(client, verb):
    resolution_id = a_resolved_resolution(client)
    problem(
        post_text(client, url_of(resolution_id, verb), '{"effective_date": '), 422, "invalid-input"
    )
    assert the(client, resolution_id)["version"] == 2
