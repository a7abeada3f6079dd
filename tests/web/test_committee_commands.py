"""The clerk's committee verbs over HTTP: every POST, what it answers and what it records.

The edge's behaviour is the same on every store, so these tests run on SQLite; the one
about the store (a natural key recorded twice) runs on all three. The committee's rules
are checked on the aggregate (tests/domain/test_committee_rules.py); here one rule broken
shows how any of them is answered.
"""

from uuid import uuid4

import pytest

from tests.web.helpers import (
    ESTABLISHED,
    JULY,
    appoint,
    establish,
    event_count,
    invalid,
    ok,
    post,
    post_text,
    problem,
    read,
)

# Every verb on an existing committee, with a body that succeeds on the `committee` below.
UPDATES = {
    "members": {"name": "Councillor Long", "role": "vice-chair"},
    "stand-downs": {"name": "Councillor Sims"},
    "chair": {"name": "Councillor Sims"},
    "renamings": {"name": "CYPS Scrutiny Committee"},
    "work-programme": {"title": "Dental health", "source": "minute 5(2)"},
    "work-programme/removals": {"title": "SEND"},
    "dissolution": {"reason": "restructure"},
}
ESTABLISH = {
    "council": "st-helens",
    "council_name": "St Helens Borough Council",
    "slug": "cyps-scrutiny",
    "name": "CYPS Scrutiny Committee",
}


@pytest.fixture
def committee(client):
    """A committee with one member and one topic on its work programme (version 3)."""
    committee_id = establish(client)["id"]
    appoint(client, committee_id, "Councillor Sims")
    ok(
        post(
            client,
            f"/api/committees/{committee_id}/work-programme",
            {"title": "SEND", "effective_date": JULY},
        )
    )
    return committee_id


def change(client, committee_id, verb, body=None, **kwargs):
    body = {**UPDATES[verb], "effective_date": JULY} if body is None else body
    return post(client, f"/api/committees/{committee_id}/{verb}", body, **kwargs)


# The happy paths -----------------------------------------------------------------


def test_a_committee_is_established_and_can_be_read_at_once(client):
    receipt = ok(
        post(
            client,
            "/api/committees",
            {**ESTABLISH, "kind": "sub-committee", "effective_date": ESTABLISHED},
        ),
        201,
    )
    assert receipt["version"] == 1
    found = read(client, "committees", receipt["id"])
    assert found["id"] == receipt["id"] and found["version"] == 1
    assert (found["council"], found["slug"], found["kind"]) == (
        "st-helens",
        "cyps-scrutiny",
        "sub-committee",
    )
    assert found["established_on"] == ESTABLISHED and found["members"] == []


def test_a_member_appointed_as_chair_sits_on_the_committee_and_chairs_it(client, committee):
    receipt = ok(
        change(
            client,
            committee,
            "members",
            {"name": "Councillor Long", "role": "chair", "effective_date": JULY},
        )
    )
    assert receipt["id"] == committee and receipt["version"] == 5  # appointed, then chair
    found = read(client, "committees", committee)
    assert found["version"] == 5 and found["chair"] == "Councillor Long"
    assert {
        "name": "Councillor Long",
        "role": "chair",
        "representing": None,
        "appointed_on": JULY,
    } in found["members"]


def test_a_member_who_stands_down_leaves_the_committee(client, committee):
    receipt = ok(change(client, committee, "stand-downs"))
    found = read(client, "committees", committee)
    assert found["version"] == receipt["version"] == 4
    assert found["members"] == []


def test_appointing_a_member_to_the_chair_makes_them_chair(client, committee):
    ok(change(client, committee, "chair"))
    found = read(client, "committees", committee)
    assert found["chair"] == "Councillor Sims" and found["members"][0]["role"] == "chair"


def test_a_renamed_committee_reads_with_its_new_name(client, committee):
    receipt = ok(change(client, committee, "renamings"))
    found = read(client, "committees", committee)
    assert found["name"] == "CYPS Scrutiny Committee" and found["version"] == receipt["version"]


def test_a_topic_added_to_the_work_programme_is_listed_with_its_source(client, committee):
    ok(change(client, committee, "work-programme"))
    topics = read(client, "committees", committee)["work_programme"]
    assert [t["title"] for t in topics] == ["SEND", "Dental health"]
    assert topics[1] == {
        "key": "dental health",
        "title": "Dental health",
        "added_on": JULY,
        "source": "minute 5(2)",
    }


def test_a_topic_removed_from_the_work_programme_is_no_longer_listed(client, committee):
    ok(change(client, committee, "work-programme/removals"))
    assert read(client, "committees", committee)["work_programme"] == []


def test_a_dissolved_committee_reads_with_the_date_it_was_dissolved(client, committee):
    ok(change(client, committee, "dissolution"))
    assert read(client, "committees", committee)["dissolved_on"] == JULY


def test_a_change_naming_the_current_version_in_if_match_is_recorded(client, committee):
    receipt = ok(change(client, committee, "renamings", if_match='"3"'))
    assert receipt["version"] == 4


# Who, which and which version ------------------------------------------------------


@pytest.mark.parametrize("verb", [None, *UPDATES])
def test_every_committee_verb_needs_somebody_to_say_who_is_recording_it(client, committee, verb):
    before = event_count(client)
    if verb is None:  # establishing a new committee
        response = post(
            client,
            "/api/committees",
            {**ESTABLISH, "slug": "other", "effective_date": JULY},
            actor=None,
        )
    else:
        response = change(client, committee, verb, actor=None)
    problem(response, 401, "token-required")
    assert event_count(client) == before
    assert read(client, "committees", committee)["version"] == 3


@pytest.mark.parametrize("verb", UPDATES)
def test_every_committee_verb_on_an_unknown_id_is_not_found(client, committee, verb):
    before = event_count(client)
    problem(change(client, uuid4(), verb), 404, "committee-not-found")
    assert event_count(client) == before


@pytest.mark.parametrize("verb", UPDATES)
def test_every_committee_verb_refuses_an_if_match_older_than_the_record(client, committee, verb):
    # The client last saw version 2; the topic added since makes it version 3.
    body = problem(change(client, committee, verb, if_match='"2"'), 412, "stale-version")
    assert "version 3" in body["message"]
    assert read(client, "committees", committee)["version"] == 3


def test_an_if_match_that_is_not_a_version_is_invalid(client, committee):
    problem(change(client, committee, "renamings", if_match="yesterday"), 422, "invalid-if-match")
    assert read(client, "committees", committee)["version"] == 3


# Rules of the record ---------------------------------------------------------------


@pytest.mark.every_store  # each store refuses a second record with the same id
def test_the_same_committee_cannot_be_established_twice(client):
    establish(client)
    before = event_count(client)
    problem(
        post(client, "/api/committees", {**ESTABLISH, "effective_date": JULY}),
        409,
        "already-recorded",
    )
    assert event_count(client) == before


def test_a_change_that_breaks_a_committee_rule_is_a_conflict_naming_it_and_writes_nothing(
    client, committee
):
    # Councillor Sims already sits on the committee.
    body = problem(
        change(client, committee, "members", {"name": "Councillor Sims", "effective_date": JULY}),
        409,
        "already-a-member",
    )
    assert "Councillor Sims" in body["message"]
    assert read(client, "committees", committee)["version"] == 3


# Invalid input ---------------------------------------------------------------------


@pytest.mark.parametrize("verb", [None, *UPDATES])
def test_every_committee_verb_needs_an_effective_date(client, committee, verb):
    if verb is None:
        response = post(client, "/api/committees", {**ESTABLISH, "slug": "other"})
    else:
        response = change(client, committee, verb, dict(UPDATES[verb]))
    invalid(response, "effective_date")
    assert read(client, "committees", committee)["version"] == 3


@pytest.mark.parametrize(
    "body, field",
    [
        ({**ESTABLISH, "kind": "parliament"}, "kind"),
        ({**ESTABLISH, "slug": "CYPS Scrutiny"}, "slug"),
        ({**ESTABLISH, "name": ""}, "name"),
        ({**ESTABLISH, "chairman": "Councillor Long"}, "chairman"),
        ({**ESTABLISH, "effective_date": "2022-02-30"}, "effective_date"),
    ],
)
def test_a_committee_with_invalid_details_is_not_established(client, body, field):
    invalid(post(client, "/api/committees", {"effective_date": ESTABLISHED, **body}), field)
    assert event_count(client) == 0


@pytest.mark.parametrize(
    "verb, body, field",
    [
        ("members", {"name": "Councillor Long", "role": "emperor"}, "role"),
        ("members", {"role": "member"}, "name"),
        ("renamings", {"name": "New", "reason": "tidy"}, "reason"),
        ("work-programme", {"title": "x" * 501}, "title"),
        ("dissolution", {"reason": "gone", "effective_date": "31/07/2022"}, "effective_date"),
    ],
)
def test_a_committee_change_with_invalid_input_names_the_field(
    client, committee, verb, body, field
):
    invalid(change(client, committee, verb, {"effective_date": JULY, **body}), field)
    assert read(client, "committees", committee)["version"] == 3


@pytest.mark.parametrize("verb", [None, *UPDATES])
def test_a_body_that_is_not_json_is_invalid_input_on_every_committee_verb(client, committee, verb):
    url = "/api/committees" + ("" if verb is None else f"/{committee}/{verb}")
    problem(post_text(client, url, '{"effective_date": '), 422, "invalid-input")
    assert read(client, "committees", committee)["version"] == 3
