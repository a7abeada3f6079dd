"""Malformed, oversized and hostile requests get a clear 4xx naming the problem, and
nothing is written."""

import base64
import json

import pytest

from tests.web.helpers import CLAUSES, a_meeting_with_an_item, auth, event_count

JULY = "2022-07-25"


@pytest.fixture
def meeting(client):
    return a_meeting_with_an_item(client)[1]


def propose(client, meeting, **changes):
    body = {"meeting_id": meeting, "item": "5", "clauses": CLAUSES, "effective_date": JULY}
    return client.post("/api/resolutions", json={**body, **changes}, headers=auth(client))


def refused(response, status, rule, field=None):
    assert response.status_code == status, response.json
    assert response.json["rule"] == rule, response.json
    if field is not None:
        assert field in response.json["fields"], response.json
    return response.json


def test_an_oversized_body_is_a_413(client, meeting):
    before = event_count(client)
    refused(propose(client, meeting, title="x" * 300_000), 413, "request-entity-too-large")
    assert event_count(client) == before


def test_a_body_that_is_not_json_is_a_415(client, meeting):
    response = client.post("/api/resolutions", data="meeting_id=1", headers=auth(client),
                           content_type="application/x-www-form-urlencoded")
    refused(response, 415, "unsupported-media-type")


def test_malformed_json_names_the_body(client, meeting):
    response = client.post("/api/resolutions", data='{"meeting_id": ', headers=auth(client),
                           content_type="application/json")
    refused(response, 422, "invalid-input", "body")


@pytest.mark.parametrize("changes, field", [
    ({"effective_date": "2022-02-30"}, "effective_date"),  # no such day
    ({"effective_date": "0001-01-01"}, "effective_date"),  # outside the records' range
    ({"effective_date": "25/07/2022"}, "effective_date"),
    ({"meeting_id": "not-a-uuid"}, "meeting_id"),
    ({"clauses": [{**CLAUSES[0], "kind": "decreed"}]}, "clauses"),
    ({"clauses": [{**CLAUSES[0], "colour": "red"}]}, "clauses"),
    ({"clauses": [{**CLAUSES[0], "number": i + 1} for i in range(51)]}, "clauses"),
    ({"clauses": [{**CLAUSES[0], "text": "x" * 10_001}]}, "clauses"),
    ({"clauses": [{**CLAUSES[0], "number": "1"}]}, "clauses"),
    ({"title": "nul\x00byte"}, "title"),
    ({"title": "bell\x07"}, "title"),
    ({"title": ""}, "title"),
    ({"exempt": "perhaps"}, "exempt"),
    ({"secretly": True}, "secretly"),
])
def test_invalid_input_is_a_422_naming_the_field(client, meeting, changes, field):
    before = event_count(client)
    refused(propose(client, meeting, **changes), 422, "invalid-input", field)
    assert event_count(client) == before


def test_a_lone_surrogate_is_not_text(client, meeting):
    raw = json.dumps({"meeting_id": meeting, "item": "5", "clauses": CLAUSES,
                      "effective_date": JULY}).replace('"item": "5"', '"item": "\\ud800"')
    response = client.post("/api/resolutions", data=raw, headers=auth(client),
                           content_type="application/json")
    refused(response, 422, "invalid-input", "item")


def test_an_id_in_the_path_that_is_not_a_uuid_is_named(client):
    refused(client.get("/api/resolutions/12345"), 422, "invalid-input", "resolution_id")
    response = client.post("/api/meetings/abc/held", json={"effective_date": JULY},
                           headers=auth(client))
    refused(response, 422, "invalid-input", "meeting_id")


@pytest.mark.parametrize("query, field", [
    ("limit=100000", "limit"), ("status=closed", "status"), ("q=" + "x" * 201, "q"),
    ("cursor=" + base64.urlsafe_b64encode(b"[1e400, 2]").decode(), None),
    ("cursor=" + base64.urlsafe_b64encode(b'["2022-01-01", 99999999999999999999999]')
     .decode(), None),
    ("cursor=%25%25%25", None), ("min_position=-1", "min_position"),
])
def test_hostile_query_parameters_are_refused(client, query, field):
    response = client.get(f"/api/resolutions?{query}")
    assert response.status_code == 422, response.json
    if field:
        assert field in response.json["fields"]


def test_a_position_no_receipt_gave_out_is_refused_at_once(client, meeting):
    refused(client.get("/api/resolutions?min_position=999999"), 422, "invalid-value")


def test_a_malformed_if_match_is_refused(client, meeting):
    response = client.post(f"/api/meetings/{meeting}/held", json={"effective_date": JULY},
                           headers={**auth(client), "If-Match": "yesterday"})
    refused(response, 422, "invalid-if-match")
