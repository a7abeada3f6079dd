"""POST /api/minutes/drafts: minutes text in, the draft out; nothing recorded."""

from __future__ import annotations

from domain.minutes import draft_from_text
from domain.minutes.drafting import MAX_CHARS, as_json
from tests.minutes.scoring import minutes_text, seed_text
from tests.web.helpers import auth, problem

URL = "/api/minutes/drafts"
CROYDON = minutes_text(seed_text("croydon-cyp-scrutiny-2017-09-19-minutes.txt"))


def test_a_clerk_drafts_the_croydon_minutes_and_gets_the_whole_draft(client):
    response = client.post(
        URL, json={"text": CROYDON}, headers=auth(client, role="clerk", council="croydon")
    )
    assert response.status_code == 200, response.get_json()
    draft = response.get_json()
    assert draft == as_json(draft_from_text(CROYDON))  # nothing lost on the way out
    assert draft["date"] == "2017-09-19" and draft["start_time"] == "18:30:00"
    assert [i.get("minute") for i in draft["items"]][:2] == ["A26/17", "A27/17"]
    assert draft["items"][5]["resolution"]["clauses"][0]["label"] == "1."
    assert {"path": "council", "reason": "the text does not name the council: give its slug"} in (
        draft["review"]
    )


def test_drafting_records_nothing(client):
    client.post(URL, json={"text": CROYDON}, headers=auth(client))
    assert client.get("/api/events", headers=auth(client)).get_json()["items"] == []


def test_a_modern_gov_page_is_drafted_from_its_html(client):
    page = (
        "<html><head><title>Agenda and minutes - Cabinet</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Cabinet - Tuesday, 5th March, 2024 6.00 pm</h1>"
        "<p>Venue: Council Chamber, Town Hall</p><table><tr><td>12.</td><td>"
        "<h3>Minutes of the meeting held on 6 February 2024</h3><p>Minutes:</p>"
        "<p>RESOLVED: That the minutes of the meeting held on 6 February 2024 be approved "
        "as a correct record.</p></td></tr><tr><td>13.</td><td><h3>Budget Monitoring</h3>"
        "<p>Minutes:</p><p>RESOLVED – That:</p><ol><li>(a) the report be noted; and</li>"
        "<li>(b) a further report be brought to the next meeting.</li></ol></td></tr>"
        "</table></body></html>"
    )
    draft = client.post(URL, json={"html": page}, headers=auth(client)).get_json()
    assert draft["date"] == "2024-03-05" and draft["start_time"] == "18:00:00"
    assert draft["venue"] == "Council Chamber, Town Hall"
    assert draft["committee_name"] == "Cabinet"
    assert [(i["minute"], i["title"]) for i in draft["items"]] == [
        ("12", "Minutes of the meeting held on 6 February 2024"),
        ("13", "Budget Monitoring"),
    ]
    assert draft["items"][0]["resolution"]["approves_minutes_of"] == "2024-02-06"
    assert draft["items"][1]["resolution"]["clauses"] == [
        {"label": "(a)", "kind": "noted", "text": "the report be noted; and"},
        {
            "label": "(b)",
            "kind": "report back",
            "text": "a further report be brought to the next meeting.",
            "action": {"due_meeting": "the next meeting"},
        },
    ]


def test_a_draft_needs_a_token(client):
    problem(client.post(URL, json={"text": CROYDON}), 401, "token-required")


def test_a_bad_token_is_refused(client):
    headers = {"Authorization": "Bearer mbk_nope"}
    problem(client.post(URL, json={"text": CROYDON}, headers=headers), 401, "invalid-token")


def test_empty_text_is_refused(client):
    body = problem(client.post(URL, json={"text": ""}, headers=auth(client)), 422, "invalid-input")
    assert "text" in body["fields"]
    blank = client.post(URL, json={"text": " \n\t "}, headers=auth(client))
    assert "text" in problem(blank, 422, "invalid-input")["fields"]


def test_text_or_html_but_not_both_nor_neither(client):
    problem(client.post(URL, json={}, headers=auth(client)), 422, "text-or-html")
    both = {"text": CROYDON, "html": "<p>x</p>"}
    problem(client.post(URL, json=both, headers=auth(client)), 422, "text-or-html")


def test_unknown_fields_and_wrong_types_are_refused(client):
    problem(
        client.post(URL, json={"text": CROYDON, "x": 1}, headers=auth(client)), 422, "invalid-input"
    )
    problem(client.post(URL, json={"text": 12}, headers=auth(client)), 422, "invalid-input")
    problem(client.post(URL, json=["text"], headers=auth(client)), 422, "invalid-input")


def test_over_long_text_is_refused(client):
    too_long = problem(
        client.post(URL, json={"text": "x" * (MAX_CHARS + 1)}, headers=auth(client)),
        422,
        "invalid-input",
    )
    assert "text" in too_long["fields"]
    huge = client.post(URL, json={"text": "x" * 300_000}, headers=auth(client))
    assert huge.status_code == 413


def test_garbage_is_not_minutes(client):
    for garbage in ["lorem ipsum dolor sit amet", "}{][" * 500, "\x00\x01binary", "\u200b"]:
        response = client.post(URL, json={"text": garbage}, headers=auth(client))
        problem(response, 422, "not-minutes")


def test_half_a_surrogate_pair_is_not_text(client):
    response = client.post(URL, json={"text": "\ud800 oops"}, headers=auth(client))
    assert "valid Unicode" in str(problem(response, 422, "invalid-input")["fields"])


def test_a_body_that_is_not_json_is_refused(client):
    response = client.post(URL, data="text", content_type="text/plain", headers=auth(client))
    problem(response, 415, "unsupported-media-type")


def test_the_operation_is_in_the_api_document_with_its_token(client):
    document = client.get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/minutes/drafts"]["post"]
    assert operation["operationId"] == "draftMinutes"
    assert operation["security"] == [{"token": []}]
    assert set(operation["responses"]) >= {"200", "401", "413", "415", "422"}
