"""POST /api/minutes: a whole meeting recorded from one document, in one transaction.

The store is what these tests are about (one transaction, natural ids, a second
writer's save refused by the store), so each runs on the in-memory, SQLite and
PostgreSQL stores."""

from __future__ import annotations

import pytest

from tests.web.helpers import auth, event_count, problem, read
from tests.web.minutes_documents import document

pytestmark = pytest.mark.every_store


def record(client, doc, **who):
    return client.post("/api/minutes", json=doc, headers=auth(client, **who))


def recorded(client, doc, status=201, **who):
    response = record(client, doc, **who)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def test_a_whole_meeting_is_recorded_in_one_request(client):
    receipt = recorded(client, document())

    # Every record the minutes name is in the receipt, with its version and position.
    kinds = [r["kind"] for r in receipt["records"]]
    assert kinds == ["council", "committee", "meeting", "meeting", *["resolution"] * 3]
    assert receipt["new_events"] == event_count(client) == receipt["position"]
    meeting = read(client, "meetings", receipt["meeting_id"])
    assert [i["minute"] for i in meeting["items"]] == ["1", "2", "5", "8"]
    assert meeting["status"] == "held"
    assert meeting["declarations_recorded"] == "none"
    assert [p["name"] for p in meeting["attendance"]["present"]] == [
        "Councillor T Long",
        "Councillor Greaves",
    ]
    assert all(r["status"] == "resolved" for r in meeting["resolutions"])
    # The earlier meeting is known from the mention, and its minutes approved by item 2.
    earlier = next(
        r for r in receipt["records"] if r["kind"] == "meeting" and r["id"] != meeting["id"]
    )
    approved = read(client, "meetings", earlier["id"])
    assert approved["minutes_approved_by"] == meeting["id"]
    committee = read(client, "committees", meeting["committee_id"])
    assert [t["title"] for t in committee["work_programme"]] == [
        "Children's mental health services"
    ]


def test_the_receipt_gives_each_records_id_version_and_position(client):
    receipt = recorded(client, document())
    events = client.get("/api/events?limit=1000", headers=auth(client)).get_json()["items"]
    last = {}
    for e in events:
        last[e["aggregate_id"]] = e
    for r in receipt["records"]:
        assert last[r["id"]]["position"] == r["position"]
        assert last[r["id"]]["version"] == r["version"] == r["new_events"]
    response = record(client, document())
    assert response.status_code == 200
    again = response.get_json()
    assert again["new_events"] == 0 and again["position"] is None
    # The records the document names, unchanged (the council is named only when new).
    assert [(r["id"], r["version"]) for r in again["records"]] == [
        (r["id"], r["version"]) for r in receipt["records"] if r["kind"] != "council"
    ]
    assert all(r["position"] is None for r in again["records"])


def test_a_document_sent_twice_records_once(client):
    first = recorded(client, document())
    before = event_count(client)
    second = recorded(client, document(), status=200)
    assert second["new_events"] == 0
    assert event_count(client) == before == first["new_events"]


def test_a_document_with_one_bad_clause_records_nothing(client):
    doc = document()
    doc["items"][2]["resolution"]["clauses"][1].pop("action")  # "report back" asks somebody
    body = problem(record(client, doc), 422, "minutes-invalid")
    assert [(p["path"], p["rule"]) for p in body["problems"]] == [
        ("items[2].resolution.clauses[1]", "action-required")
    ]
    assert event_count(client) == 0


def test_the_422_lists_every_problem_with_its_path(client):
    recorded(client, document())
    before = event_count(client)
    doc = document(date="2022-10-10")
    doc["items"][2]["resolution"]["clauses"][1].pop("action")
    doc["items"][2]["resolution"]["clauses"][0]["text"] = "   "
    doc["attendance"]["present"].append({"name": "Councillor Nobody"})
    doc["items"][1]["resolution"]["approves_minutes_of"] = "2022-01-01"
    doc["items"].append({"minute": "5", "title": "DIRECTORS REPORT AGAIN"})
    body = problem(record(client, doc), 422, "minutes-invalid")
    assert {(p["path"], p["rule"]) for p in body["problems"]} == {
        ("items[2].resolution.clauses[0]", "invalid-value"),
        ("items[2].resolution.clauses[1]", "action-required"),
        ("items[4]", "duplicate-agenda-item"),
        ("attendance.present[2]", "not-a-member-that-day"),
        ("items[1].resolution.approves_minutes_of", "unknown-meeting"),
    }
    assert set(body["fields"]) == {p["path"] for p in body["problems"]}
    assert event_count(client) == before


def test_a_document_that_does_not_fit_the_schema_names_each_field_by_its_path(client):
    doc = document()
    doc["items"][2]["resolution"]["clauses"][0]["kind"] = "rubber-stamped"
    doc["attendance"]["present"][0]["seat"] = "3"
    body = problem(record(client, doc), 422, "invalid-input")
    assert {p["path"] for p in body["problems"]} == {
        "items[2].resolution.clauses[0].kind",
        "attendance.present[0].seat",
    }
    assert event_count(client) == 0


def test_a_changed_document_records_the_difference_as_the_domains_verbs(client):
    first = recorded(client, document())
    doc = document(venue="Room 12", reason="the venue and the Director's report were misread")
    doc["attendance"]["apologies"] = []
    doc["attendance"]["absent"].append({"name": "Councillor McCormack"})
    doc["items"][0]["minute_text"] = ["No apologies were received."]
    clause = doc["items"][2]["resolution"]["clauses"][0]
    clause["text"] = "the report be noted, with thanks; and"
    again = recorded(client, doc, status=200)

    # A correction each (venue, clause text), attendance and minute text recorded anew.
    assert again["new_events"] == 4
    meeting = read(client, "meetings", first["meeting_id"])
    assert meeting["venue"] == "Room 12"
    assert {p["name"] for p in meeting["attendance"]["absent"]} == {
        "Councillor Begum",
        "Councillor McCormack",
    }
    assert meeting["attendance"]["apologies"] == []
    assert meeting["items"][0]["minute_text"] == ["No apologies were received."]
    resolution = read(client, "resolutions", meeting["resolutions"][1]["id"])
    assert resolution["clauses"][0]["text"] == "the report be noted, with thanks; and"
    assert recorded(client, doc, status=200)["new_events"] == 0


def test_what_no_verb_changes_is_refused_with_a_409_and_nothing_recorded(client):
    recorded(client, document())
    before = event_count(client)
    doc = document(venue="Room 12")  # recordable on its own, but not with the rest
    del doc["items"][0]  # an item is not removed from a meeting
    doc["items"][1]["resolution"]["clauses"].pop()  # a decided resolution's clause
    body = problem(record(client, doc), 409, "minutes-conflict")
    assert {(p["path"], p["rule"]) for p in body["problems"]} == {
        ("items", "cannot-change-so"),
        ("items[1].resolution.clauses", "cannot-change-so"),
    }
    assert "'1'" in body["problems"][0]["message"]
    assert event_count(client) == before


def test_another_councils_clerk_is_refused_and_nothing_is_written(client):
    recorded(client, document())
    before = event_count(client)
    doc = document(venue="Room 12")
    response = record(client, doc, actor="clerk@halton", role="clerk", council="halton")
    problem(response, 403, "other-council")
    assert event_count(client) == before


def test_a_clerk_may_not_establish_a_committee_but_records_the_meetings_of_one(client):
    response = record(
        client, document(), actor="clerk@st-helens", role="clerk", council="st-helens"
    )
    problem(response, 403, "admin-only")
    assert event_count(client) == 0
    # Without the committee's names, the document names an unknown committee.
    doc = document()
    del doc["committee_name"]
    body = problem(
        record(client, doc, actor="clerk@st-helens", role="clerk", council="st-helens"),
        422,
        "minutes-invalid",
    )
    assert [p["path"] for p in body["problems"]] == ["committee"]
    # Once an admin has established it, the clerk records the council's meetings.
    recorded(client, document(date="2022-03-21", referenced_meetings=[], items=[]))
    october = document(date="2022-10-10", referenced_meetings=[])
    october["items"][1]["resolution"]["approves_minutes_of"] = "2022-07-25"
    october["items"][1]["resolution"]["clauses"][0]["text"] = "the minutes be approved."
    recorded(client, document(), status=201)
    receipt = recorded(client, october, actor="clerk@st-helens", role="clerk", council="st-helens")
    assert receipt["new_events"] > 0


def test_recording_needs_a_token(client):
    response = client.post("/api/minutes", json=document())
    problem(response, 401, "token-required")
    assert event_count(client) == 0


def test_a_retitled_item_is_corrected_and_its_resolution_with_it(client):
    first = recorded(client, document())
    doc = document()
    doc["items"][2]["title"] = "DIRECTOR'S REPORT"
    assert recorded(client, doc, status=200)["new_events"] == 2
    meeting = read(client, "meetings", first["meeting_id"])
    assert meeting["items"][2]["title"] == "DIRECTOR'S REPORT"
    resolution = read(client, "resolutions", meeting["resolutions"][1]["id"])
    assert resolution["title"] == "DIRECTOR'S REPORT"
    events = client.get("/api/events?limit=1000", headers=auth(client)).get_json()["items"]
    assert [(e["aggregate_type"], e["event"]) for e in events[-2:]] == [
        ("Meeting", "Corrected"),
        ("Resolution", "Corrected"),
    ]


def test_a_referral_and_a_report_back_requested_at_the_meeting_are_recorded_once(client):
    doc = document()
    clause = doc["items"][2]["resolution"]["clauses"][1]
    clause["referred_to"] = "the Adult Social Care and Health Scrutiny Committee"
    clause["report_back"] = {"due_date": "2022-10-10"}
    first = recorded(client, doc)
    meeting = read(client, "meetings", first["meeting_id"])
    resolution = read(client, "resolutions", meeting["resolutions"][1]["id"])
    action = resolution["clauses"][1]["action"]
    assert action["referred_to"] == "the Adult Social Care and Health Scrutiny Committee"
    assert action["report_back_requested_on"] == "2022-07-25"
    assert action["due_date"] == "2022-10-10"
    assert recorded(client, doc, status=200)["new_events"] == 0
    # Only a clause that asks for something can be referred.
    doc["items"][2]["resolution"]["clauses"][0]["referred_to"] = "the Cabinet"
    body = problem(record(client, doc), 422, "minutes-invalid")
    assert [(p["path"], p["rule"]) for p in body["problems"]] == [
        ("items[2].resolution.clauses[0].referred_to", "not-an-action")
    ]


def test_a_retry_with_the_same_idempotency_key_answers_as_the_first_time(client):
    headers = {**auth(client), "Idempotency-Key": "minutes-2022-07-25"}
    first = client.post("/api/minutes", json=document(), headers=headers)
    again = client.post("/api/minutes", json=document(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert first.headers["ETag"] == '"18"'
    other = client.post("/api/minutes", json=document(venue="Room 12"), headers=headers)
    problem(other, 422, "idempotency-key-reused")
    assert event_count(client) == first.get_json()["new_events"]


def test_declarations_and_memberships_are_corrected_and_not_removed(client):
    doc = document(declarations_recorded="some")
    doc["declarations"] = [
        {"member": "Councillor Greaves", "item": "5", "kind": "other", "interest": "a governor"}
    ]
    first = recorded(client, doc)
    doc["declarations"][0]["interest"] = "a governor of a local school"
    doc["members"][1]["role"] = "vice-chair"
    assert recorded(client, doc, status=200)["new_events"] == 2
    meeting = read(client, "meetings", first["meeting_id"])
    assert meeting["declarations"][0]["interest"] == "a governor of a local school"
    assert meeting["declarations"][0]["item_key"] == "5"
    committee = read(client, "committees", meeting["committee_id"])
    roles = {m["name"]: m["role"] for m in committee["members"]}
    assert roles["Councillor Greaves"] == "vice-chair"
    before = event_count(client)
    doc["declarations"] = []
    body = problem(record(client, doc), 409, "minutes-conflict")
    assert [p["path"] for p in body["problems"]] == ["declarations"]
    assert event_count(client) == before
