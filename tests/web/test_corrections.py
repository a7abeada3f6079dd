"""Corrections over HTTP: a fact recorded wrongly put right, with both values kept and
shown in the history, the audit trail, the change feed and both time-travel reads."""

from __future__ import annotations

from typing import Any

from tests.web.helpers import (
    JULY,
    OCTOBER,
    a_meeting_with_an_item,
    a_resolved_resolution,
    add_item,
    appoint,
    auth,
    establish,
    hold,
    invalid,
    ok,
    post,
    problem,
    propose,
    read,
    schedule,
)

AUGUST = "2022-08-01"


def correct(client, kind: str, record_id: str, **body: Any):
    body = {"reason": "a typing slip in the minutes", "effective_date": OCTOBER, **body}
    return post(client, f"/api/{kind}/{record_id}/corrections", body)


# A resolution's words ------------------------------------------------------------------


def test_a_clause_of_a_carried_resolution_is_corrected_and_both_words_are_kept(client):
    rid = a_resolved_resolution(client)
    receipt = ok(
        correct(
            client,
            "resolutions",
            rid,
            subject="clause",
            clause=1,
            field="text",
            value="the report be noted and welcomed; and",
        )
    )
    now = read(client, "resolutions", rid)
    assert now["clauses"][0]["text"] == "the report be noted and welcomed; and"
    assert now["status"] == "resolved"
    [event] = [
        e
        for e in client.get(f"/api/resolutions/{rid}/history").json["items"]
        if e["event"] == "Corrected"
    ]
    assert event["data"]["was"] == "the report be noted; and"
    assert event["data"]["now"] == "the report be noted and welcomed; and"
    assert event["data"]["reason"] == "a typing slip in the minutes"
    assert event["effective_date"] == OCTOBER
    # Before it took effect the record read as first written; after, as corrected.
    then = client.get(f"/api/resolutions/{rid}", query_string={"as_of": AUGUST}).json
    assert then["clauses"][0]["text"] == "the report be noted; and"
    # Searching finds the corrected words.
    found = client.get("/api/resolutions", query_string={"q": "welcomed"}).json["items"]
    assert [r["id"] for r in found] == [rid]
    # The audit trail and the feed say it was a correction.
    audit = client.get("/api/audit", query_string={"aggregate": rid}, headers=auth(client)).json
    line = next(a for a in audit["items"] if a["event"] == "Corrected")
    assert "corrected clause 1: text" in line["summary"]
    feed = client.get(f"/api/events?after={receipt['position'] - 1}&limit=1").json["items"]
    assert feed[0]["event"] == "Corrected"


def test_as_recorded_before_a_correction_the_record_shows_the_old_words(client):
    rid = a_resolved_resolution(client)
    before = [e for e in client.get(f"/api/resolutions/{rid}/history").json["items"]][-1]
    ok(correct(client, "resolutions", rid, subject="resolution", field="title", value="SEND"))
    assert read(client, "resolutions", rid)["title"] == "SEND"
    then = client.get(
        f"/api/resolutions/{rid}", query_string={"recorded_as_of": before["recorded_at"]}
    ).json
    assert then["title"] == "DIRECTORS REPORT"


def test_a_clause_kind_is_corrected_within_what_it_asks_for(client):
    rid = a_resolved_resolution(client)
    ok(
        correct(
            client, "resolutions", rid, subject="clause", clause=1, field="kind", value="approved"
        )
    )
    assert read(client, "resolutions", rid)["clauses"][0]["kind"] == "approved"


def test_a_correction_cannot_drop_an_action_or_start_one(client):
    rid = a_resolved_resolution(client)
    problem(
        correct(
            client, "resolutions", rid, subject="clause", clause=2, field="kind", value="noted"
        ),
        409,
        "nothing-asked",
    )
    problem(
        correct(
            client,
            "resolutions",
            rid,
            subject="clause",
            clause=1,
            field="kind",
            value="instruction",
        ),
        409,
        "action-required",
    )
    assert read(client, "resolutions", rid)["clauses"][1]["kind"] == "report back"


def test_an_actions_due_date_is_corrected_in_the_tracker_now_and_not_before(client):
    rid = a_resolved_resolution(client)
    ok(
        correct(
            client,
            "resolutions",
            rid,
            subject="action",
            clause=2,
            field="due_date",
            value="2022-12-01",
        )
    )
    ok(
        correct(
            client,
            "resolutions",
            rid,
            subject="action",
            clause=2,
            field="owner",
            value="Director of Children's Services",
        )
    )

    def row(**query):
        rows = client.get("/api/actions", query_string=query).json["items"]
        return next(r for r in rows if r["resolution_id"] == rid)

    assert row()["due_date"] == "2022-12-01"
    assert row()["owner"] == "Director of Children's Services"
    assert row(as_of=AUGUST)["due_date"] is None
    assert row(as_of=AUGUST)["owner"] is None


def test_the_same_value_again_is_nothing_to_correct(client):
    rid = a_resolved_resolution(client)
    problem(
        correct(
            client,
            "resolutions",
            rid,
            subject="resolution",
            field="title",
            value="DIRECTORS REPORT",
        ),
        409,
        "nothing-to-correct",
    )


def test_a_field_of_another_subject_or_an_unknown_clause_is_refused(client):
    rid = a_resolved_resolution(client)
    response = correct(client, "resolutions", rid, subject="resolution", field="owner", value="x")
    assert response.status_code == 422 and "cannot be corrected" in response.json["message"]
    invalid(
        correct(client, "resolutions", rid, subject="clause", field="colour", value="x"), "field"
    )
    problem(
        correct(client, "resolutions", rid, subject="clause", clause=9, field="text", value="x"),
        404,
        "unknown-clause",
    )


def test_a_correction_dated_before_what_it_corrects_is_refused(client):
    rid = a_resolved_resolution(client)
    body = {"owner": "Director", "effective_date": OCTOBER}
    ok(post(client, f"/api/resolutions/{rid}/clauses/2/assignments", body))
    problem(
        correct(
            client,
            "resolutions",
            rid,
            subject="action",
            clause=2,
            field="due_date",
            value="2022-12-01",
            effective_date=AUGUST,
        ),
        409,
        "out-of-order",
    )
    problem(
        correct(
            client,
            "resolutions",
            rid,
            subject="clause",
            clause=1,
            field="text",
            value="x",
            effective_date="2022-07-01",
        ),
        409,
        "effective-date-too-early",
    )


# A meeting's facts -----------------------------------------------------------------------


def test_a_meetings_start_time_and_venue_are_corrected_and_shown_as_they_were(client):
    _, mid = a_meeting_with_an_item(client)
    ok(correct(client, "meetings", mid, subject="meeting", field="start_time", value="18:30"))
    ok(correct(client, "meetings", mid, subject="meeting", field="venue", value="Town Hall"))
    now = read(client, "meetings", mid)
    assert (now["start_time"], now["venue"]) == ("18:30:00", "Town Hall")
    then = client.get(f"/api/meetings/{mid}", query_string={"as_of": AUGUST}).json
    assert (then["start_time"], then["venue"]) == (None, None)


def test_an_items_minute_number_corrected_is_corrected_on_its_resolution_too(client):
    _, mid = a_meeting_with_an_item(client)
    rid = propose(client, mid)["id"]
    ok(correct(client, "meetings", mid, subject="item", item="5", field="minute", value="15"))
    [item] = read(client, "meetings", mid)["items"]
    assert item["minute"] == "15" and item["key"] == "5"  # the key names it still
    assert read(client, "resolutions", rid)["minute"] == "15"
    history = client.get(f"/api/resolutions/{rid}/history").json["items"]
    assert history[-1]["event"] == "Corrected"


def test_a_declarations_kind_is_corrected(client):
    committee_id, mid = a_meeting_with_an_item(client)
    appoint(client, committee_id, "Cllr Banks")
    ok(
        post(
            client,
            f"/api/meetings/{mid}/attendance",
            {"name": "Cllr Banks", "status": "present", "effective_date": JULY},
        )
    )
    ok(
        post(
            client,
            f"/api/meetings/{mid}/declarations",
            {"member": "Cllr Banks", "item": "5", "interest": "a governor", "effective_date": JULY},
        )
    )
    ok(
        correct(
            client,
            "meetings",
            mid,
            subject="declaration",
            member="Cllr Banks",
            item="5",
            field="kind",
            value="other registrable",
        )
    )
    [declared] = read(client, "meetings", mid)["declarations"]
    assert declared["kind"] == "other registrable"
    problem(
        correct(
            client,
            "meetings",
            mid,
            subject="declaration",
            member="Cllr Nobody",
            item="5",
            field="kind",
            value="other",
        ),
        409,
        "unknown-declaration",
    )


def approved_in_september(client) -> tuple[str, str]:
    """A committee and its held 25 July 2022 meeting, whose minutes its 5 September
    2022 meeting approved."""
    committee_id = establish(client)["id"]
    first = schedule(client, committee_id, on=JULY)["id"]
    hold(client, first)
    september = schedule(client, committee_id, on="2022-09-05")["id"]
    ok(post(client, f"/api/meetings/{first}/minutes-approval", {"at_meeting_id": september}))
    return committee_id, first


def test_the_meeting_that_approved_the_minutes_is_corrected_within_the_rules(client):
    committee_id, first = approved_in_september(client)
    october = schedule(client, committee_id, on=OCTOBER)["id"]
    ok(correct(client, "meetings", first, subject="approval", field="approved_by", value=october))
    now = read(client, "meetings", first)
    assert now["minutes_approved_by"] == october
    assert now["minutes_approved_on"] == OCTOBER
    problem(
        correct(client, "meetings", first, subject="approval", field="approved_by", value=first),
        409,
        "minutes-approval-out-of-order",
    )


def test_an_approval_cannot_be_corrected_to_another_councils_meeting(client):
    _, first = approved_in_september(client)
    theirs = establish(client, council="halton", council_name="Halton", slug="exec")["id"]
    their_meeting = schedule(client, theirs, on="2022-09-06")["id"]
    problem(
        correct(
            client, "meetings", first, subject="approval", field="approved_by", value=their_meeting
        ),
        404,
        "meeting-not-found",
    )


def test_a_correction_agreed_at_a_meeting_names_it_and_is_not_dated_before_it(client):
    committee_id, mid = a_meeting_with_an_item(client)
    hold(client, mid)
    later = schedule(client, committee_id, on="2022-09-05")["id"]
    problem(
        correct(
            client,
            "meetings",
            mid,
            subject="item",
            item="5",
            field="title",
            value="DIRECTOR'S REPORT",
            agreed_at=later,
            effective_date=AUGUST,
        ),
        409,
        "correction-agreed-earlier",
    )
    ok(
        correct(
            client,
            "meetings",
            mid,
            subject="item",
            item="5",
            field="title",
            value="DIRECTOR'S REPORT",
            agreed_at=later,
        )
    )
    audit = client.get("/api/audit", query_string={"aggregate": mid}, headers=auth(client))
    assert audit.json["items"][-1]["data"]["agreed_at"] == later


def test_a_correction_cannot_be_agreed_at_another_councils_meeting(client):
    _, mid = a_meeting_with_an_item(client)
    theirs = establish(client, council="halton", council_name="Halton", slug="exec")["id"]
    their_meeting = schedule(client, theirs, on="2022-09-06")["id"]
    clerk = {"Authorization": auth(client, "clerk", "clerk", "st-helens")["Authorization"]}
    body = {
        "subject": "item",
        "item": "5",
        "field": "title",
        "value": "X",
        "reason": "r",
        "agreed_at": their_meeting,
        "effective_date": OCTOBER,
    }
    response = client.post(f"/api/meetings/{mid}/corrections", json=body, headers=clerk)
    assert response.status_code in (403, 404), response.json
    assert read(client, "meetings", mid)["items"][0]["title"] == "DIRECTORS REPORT"


# A committee's memberships ---------------------------------------------------------------


def test_whom_a_member_represents_is_corrected_but_not_who_chairs(client):
    committee_id = establish(client)["id"]
    appoint(client, committee_id, "Mrs Cooper", role="co-opted")
    ok(
        correct(
            client,
            "committees",
            committee_id,
            subject="membership",
            member="Mrs Cooper",
            field="representing",
            value="Church of England Diocese",
        )
    )
    members = read(client, "committees", committee_id)["members"]
    assert members[0]["representing"] == "Church of England Diocese"
    problem(
        correct(
            client,
            "committees",
            committee_id,
            subject="membership",
            member="Mrs Cooper",
            field="role",
            value="chair",
        ),
        409,
        "chair-by-appointment",
    )


# Rebuilt from the events, the read models are the same ----------------------------------


def test_a_rebuild_gives_the_read_models_the_whole_minute_left(app, client):
    rid = a_resolved_resolution(client)
    mid = read(client, "resolutions", rid)["meeting_id"]
    add_item(client, mid, minute="6", title="ANY OTHER BUSINESS")
    ok(correct(client, "resolutions", rid, subject="clause", clause=1, field="text", value="x"))
    ok(
        correct(
            client,
            "resolutions",
            rid,
            subject="action",
            clause=2,
            field="due_date",
            value="2022-12-01",
        )
    )
    ok(correct(client, "meetings", mid, subject="item", item="5", field="minute", value="15"))
    ok(correct(client, "meetings", mid, subject="meeting", field="venue", value="Town Hall"))
    # With them, a second resolution on an item and a second meeting on a day.
    second = {
        "meeting_id": mid,
        "item": "5",
        "sequence": 2,
        "effective_date": JULY,
        "clauses": [{"number": 1, "text": "the motion be carried", "kind": "approved"}],
    }
    ok(post(client, "/api/resolutions", second), 201)
    committee_id = read(client, "meetings", mid)["committee_id"]
    body = {"committee_id": committee_id, "date": JULY, "sitting": 2, "effective_date": JULY}
    ok(post(client, "/api/meetings", body), 201)
    reader = app.extensions["minutebook.reader"]
    reader.projector.catch_up()
    incremental = reader.projector.read_model.dump()
    reader.projector.rebuild()
    assert reader.projector.read_model.dump() == incremental


def test_a_correction_names_the_clause_or_member_it_corrects(client):
    rid = a_resolved_resolution(client)
    response = correct(client, "resolutions", rid, subject="clause", field="text", value="x")
    assert response.status_code == 422 and "name the clause" in response.json["message"]
    mid = read(client, "resolutions", rid)["meeting_id"]
    response = correct(client, "meetings", mid, subject="declaration", field="kind", value="other")
    assert response.status_code == 422 and "name the member" in response.json["message"]
