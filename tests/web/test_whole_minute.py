"""The whole minute over HTTP: what clerks' minutes hold beside the resolutions."""

from tests.web.helpers import (
    CLAUSES,
    ESTABLISHED,
    JULY,
    a_meeting_with_an_item,
    appoint,
    auth,
    establish,
    invalid,
    ok,
    post,
    problem,
    propose,
    read,
    schedule,
)

LABELLED = [{**CLAUSES[0], "label": "(i)"}, {**CLAUSES[1], "label": "(ii)"}]


def test_clause_labels_are_shown_now_and_as_of_a_date(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id, LABELLED)["id"]
    now = read(client, "resolutions", resolution_id)
    then = client.get(f"/api/resolutions/{resolution_id}", query_string={"as_of": JULY}).json
    for shown in (now, then):
        assert [(c["number"], c["label"]) for c in shown["clauses"]] == [(1, "(i)"), (2, "(ii)")]


def test_a_clause_sent_without_a_label_is_read_as_before_without_one(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id)["id"]
    assert ["label" in c for c in read(client, "resolutions", resolution_id)["clauses"]] == [
        False,
        False,
    ]


def test_an_over_long_label_is_refused_naming_the_field(client):
    _, meeting_id = a_meeting_with_an_item(client)
    clauses = [{**CLAUSES[0], "label": "x" * 21}]
    body = {"meeting_id": meeting_id, "item": "5", "clauses": clauses, "effective_date": JULY}
    invalid(post(client, "/api/resolutions", body), "clauses")


def test_a_label_on_two_lines_is_refused_by_the_domain(client):
    _, meeting_id = a_meeting_with_an_item(client)
    clauses = [{**CLAUSES[0], "label": "(i)\n(ii)"}]
    body = {"meeting_id": meeting_id, "item": "5", "clauses": clauses, "effective_date": JULY}
    response = post(client, "/api/resolutions", body)
    assert response.status_code == 422, response.json
    assert "one line" in response.json["message"]


def test_an_amendment_carries_labels_too(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id)["id"]
    body = {"clauses": LABELLED, "effective_date": JULY}
    ok(post(client, f"/api/resolutions/{resolution_id}/amendments", body))
    labels = [c["label"] for c in read(client, "resolutions", resolution_id)["clauses"]]
    assert labels == ["(i)", "(ii)"]


# The minute's own text -------------------------------------------------------------

PARAGRAPHS = ["A presentation was given on SEND.", "A query was raised about waiting times."]


def an_exempt_item(client, meeting_id: str) -> None:
    body = {"minute": "9", "title": "Staffing", "exempt": True, "effective_date": JULY}
    ok(post(client, f"/api/meetings/{meeting_id}/items", body))


def record_text(client, meeting_id: str, item: str, paragraphs=PARAGRAPHS):
    body = {"item": item, "paragraphs": paragraphs, "effective_date": JULY}
    return post(client, f"/api/meetings/{meeting_id}/minute-text", body)


def test_an_items_minute_text_is_recorded_after_it_and_shown_with_it(client):
    _, meeting_id = a_meeting_with_an_item(client)
    ok(record_text(client, meeting_id, "5"))
    [item] = read(client, "meetings", meeting_id)["items"]
    assert item["minute_text"] == PARAGRAPHS
    before = client.get(f"/api/meetings/{meeting_id}", query_string={"as_of": "2022-01-31"})
    assert before.json["items"] == []  # the item was added on the day, and its text with it


def test_an_exempt_items_text_is_hidden_from_the_public_as_the_item_is(client):
    _, meeting_id = a_meeting_with_an_item(client)
    an_exempt_item(client, meeting_id)
    ok(record_text(client, meeting_id, "9", ["Settlement terms were discussed."]))
    public = client.get(f"/api/meetings/{meeting_id}").json
    assert [i["key"] for i in public["items"]] == ["5"]
    feed = client.get("/api/events?limit=1000").json["items"]
    assert "MinuteTextRecorded" not in [e["event"] for e in feed]
    own = client.get(f"/api/meetings/{meeting_id}", headers=auth(client)).json
    assert own["items"][1]["minute_text"] == ["Settlement terms were discussed."]


def test_minute_text_over_the_limit_is_refused_naming_the_rule(client):
    _, meeting_id = a_meeting_with_an_item(client)
    response = record_text(client, meeting_id, "5", ["x" * 10_000, "y" * 10_000])
    problem(response, 422, "minute-text-too-long")
    invalid(record_text(client, meeting_id, "5", []), "paragraphs")


# Declarations and substitutes ------------------------------------------------------


def attend(client, meeting_id: str, name: str, **extra):
    body = {"name": name, "status": "present", "effective_date": JULY, **extra}
    return post(client, f"/api/meetings/{meeting_id}/attendance", body)


def a_meeting_of(client, *members: str) -> str:
    """The 25 July 2022 meeting with item 5, of a committee these members sit on."""
    committee_id, meeting_id = a_meeting_with_an_item(client)
    for name in members:
        appoint(client, committee_id, name)
    return meeting_id


def test_a_declaration_is_recorded_with_its_kind(client):
    meeting_id = a_meeting_of(client, "Councillor Sims")
    ok(attend(client, meeting_id, "Councillor Sims"))
    body = {
        "member": "Councillor Sims",
        "item": "5",
        "interest": "a relative works for the service",
        "kind": "non-registrable",
        "effective_date": JULY,
    }
    ok(post(client, f"/api/meetings/{meeting_id}/declarations", body))
    meeting = read(client, "meetings", meeting_id)
    assert meeting["declarations"][0]["kind"] == "non-registrable"
    assert meeting["declarations_recorded"] == "some"
    invalid(post(client, f"/api/meetings/{meeting_id}/declarations", {**body, "kind": "x"}), "kind")


def test_a_meeting_records_that_no_declarations_were_made(client):
    _, meeting_id = a_meeting_with_an_item(client)
    assert read(client, "meetings", meeting_id)["declarations_recorded"] is None
    url = f"/api/meetings/{meeting_id}/declarations/none"
    ok(post(client, url, {"effective_date": JULY}))
    meeting = read(client, "meetings", meeting_id)
    assert (meeting["declarations_recorded"], meeting["declarations"]) == ("none", [])
    problem(post(client, url, {"effective_date": JULY}), 409, "declarations-were-made")


def test_declarations_only_on_an_exempt_item_are_none_recorded_to_the_public(client):
    meeting_id = a_meeting_of(client, "Councillor Sims")
    an_exempt_item(client, meeting_id)
    ok(attend(client, meeting_id, "Councillor Sims"))
    body = {"member": "Councillor Sims", "item": "9", "interest": "x", "effective_date": JULY}
    ok(post(client, f"/api/meetings/{meeting_id}/declarations", body))
    public = client.get(f"/api/meetings/{meeting_id}").json
    assert (public["declarations_recorded"], public["declarations"]) == (None, [])
    own = client.get(f"/api/meetings/{meeting_id}", headers=auth(client)).json
    assert own["declarations_recorded"] == "some"


def test_a_substitute_is_shown_in_the_meetings_attendance(client):
    meeting_id = a_meeting_of(client, "Councillor Murphy", "Councillor Long")
    ok(attend(client, meeting_id, "Councillor Sims", substitute_for="Councillor Murphy"))
    ok(attend(client, meeting_id, "Councillor Long"))
    present = read(client, "meetings", meeting_id)["attendance"]["present"]
    assert present == [
        {"name": "Councillor Sims", "capacity": None, "substitute_for": "Councillor Murphy"},
        {"name": "Councillor Long", "capacity": None},
    ]
    refused = attend(client, meeting_id, "Councillor Long", substitute_for="Councillor Long")
    problem(refused, 409, "substitute-not-present")


def test_attendance_is_checked_against_the_committee_as_it_stood_that_day(client):
    meeting_id = a_meeting_of(client, "Councillor Long")
    refused = attend(client, meeting_id, "Councillor Sims")
    problem(refused, 409, "not-a-member-that-day")
    refused = attend(client, meeting_id, "Councillor Sims", substitute_for="Councillor Nobody")
    problem(refused, 409, "not-a-member-that-day")
    # An officer, or a councillor who does not sit on it, is in attendance.
    ok(attend(client, meeting_id, "Director of Children's Services", status="in_attendance"))


def test_a_committee_is_read_as_it_stood_on_a_date(client):
    committee_id = establish(client)["id"]
    appoint(client, committee_id, "Councillor Long")
    ok(
        post(
            client,
            f"/api/committees/{committee_id}/chair",
            {"name": "Councillor Long", "effective_date": JULY},
        )
    )
    body = {"name": "Councillor Long", "effective_date": "2022-09-01"}
    ok(post(client, f"/api/committees/{committee_id}/stand-downs", body))
    then = client.get(f"/api/committees/{committee_id}", query_string={"as_of": "2022-08-01"})
    assert "ETag" not in then.headers
    assert [(m["name"], m["role"]) for m in then.json["members"]] == [("Councillor Long", "chair")]
    assert then.json["chair"] == "Councillor Long"
    before = client.get(f"/api/committees/{committee_id}", query_string={"as_of": JULY[:8] + "01"})
    assert before.json["chair"] is None
    assert read(client, "committees", committee_id)["members"] == []
    gone = client.get(f"/api/committees/{committee_id}", query_string={"as_of": "2021-01-01"})
    problem(gone, 404, "committee-not-found")


# Several resolutions on one item ---------------------------------------------------------


def test_an_item_takes_several_resolutions_in_order_each_with_its_own_lifecycle(client):
    _, mid = a_meeting_with_an_item(client)
    first = propose(client, mid)["id"]
    body = {
        "meeting_id": mid,
        "item": "5",
        "effective_date": JULY,
        "sequence": 2,
        "clauses": [{"number": 1, "text": "the substantive motion", "kind": "approved"}],
    }
    second = ok(post(client, "/api/resolutions", body), 201)["id"]
    assert second != first
    ok(post(client, f"/api/resolutions/{first}/reject", {"effective_date": JULY}))
    ok(post(client, f"/api/resolutions/{second}/resolve", {"effective_date": JULY}))
    assert read(client, "resolutions", first)["status"] == "rejected"
    assert read(client, "resolutions", second)["status"] == "resolved"
    made = read(client, "meetings", mid)["resolutions"]
    assert [r["id"] for r in made] == [first, second]
    # The same proposal again is the same record: nothing new is recorded.
    problem(post(client, "/api/resolutions", body), 409, "already-recorded")


def test_a_later_resolution_on_an_item_waits_for_the_one_before(client):
    _, mid = a_meeting_with_an_item(client)
    body = {
        "meeting_id": mid,
        "item": "5",
        "effective_date": JULY,
        "sequence": 2,
        "clauses": [{"number": 1, "text": "the substantive motion", "kind": "approved"}],
    }
    problem(post(client, "/api/resolutions", body), 409, "earlier-resolution-missing")
    invalid(post(client, "/api/resolutions", {**body, "sequence": 0}), "sequence")


# Several meetings of a committee on one day ------------------------------------------


def test_a_committee_meets_twice_on_one_day_and_each_meeting_has_its_own_id(client):
    committee_id = establish(client)["id"]
    first = schedule(client, committee_id)["id"]
    body = {
        "committee_id": committee_id,
        "date": JULY,
        "start_time": "19:30:00",
        "sitting": 2,
        "effective_date": ESTABLISHED,
    }
    second = ok(post(client, "/api/meetings", body), 201)["id"]
    assert second != first
    listed = client.get("/api/meetings", query_string={"committee": committee_id}).json
    assert {m["id"] for m in listed["items"]} == {first, second}
    problem(post(client, "/api/meetings", body), 409, "already-recorded")
    problem(post(client, "/api/meetings", {**body, "sitting": 4}), 409, "earlier-sitting-missing")
    invalid(post(client, "/api/meetings", {**body, "sitting": 10}), "sitting")
