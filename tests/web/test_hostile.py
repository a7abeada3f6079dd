"""Malformed, oversized and hostile requests get a clear 4xx naming the problem, and
nothing is written."""

import base64
import json
import re

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
    response = client.post(
        "/api/resolutions",
        data="meeting_id=1",
        headers=auth(client),
        content_type="application/x-www-form-urlencoded",
    )
    refused(response, 415, "unsupported-media-type")


def test_malformed_json_names_the_body(client, meeting):
    response = client.post(
        "/api/resolutions",
        data='{"meeting_id": ',
        headers=auth(client),
        content_type="application/json",
    )
    refused(response, 422, "invalid-input", "body")


@pytest.mark.parametrize(
    "changes, field",
    [
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
    ],
)
def test_invalid_input_is_a_422_naming_the_field(client, meeting, changes, field):
    before = event_count(client)
    refused(propose(client, meeting, **changes), 422, "invalid-input", field)
    assert event_count(client) == before


def test_a_lone_surrogate_is_not_text(client, meeting):
    raw = json.dumps(
        {"meeting_id": meeting, "item": "5", "clauses": CLAUSES, "effective_date": JULY}
    ).replace('"item": "5"', '"item": "\\ud800"')
    response = client.post(
        "/api/resolutions", data=raw, headers=auth(client), content_type="application/json"
    )
    refused(response, 422, "invalid-input", "item")


def test_an_id_in_the_path_that_is_not_a_uuid_is_named(client):
    refused(client.get("/api/resolutions/12345"), 422, "invalid-input", "resolution_id")
    response = client.post(
        "/api/meetings/abc/held", json={"effective_date": JULY}, headers=auth(client)
    )
    refused(response, 422, "invalid-input", "meeting_id")


@pytest.mark.parametrize(
    "query, field",
    [
        ("limit=100000", "limit"),
        ("status=closed", "status"),
        ("q=" + "x" * 201, "q"),
        ("cursor=" + base64.urlsafe_b64encode(b"[1e400, 2]").decode(), None),
        (
            "cursor="
            + base64.urlsafe_b64encode(b'["2022-01-01", 99999999999999999999999]').decode(),
            None,
        ),
        ("cursor=%25%25%25", None),
        ("min_position=-1", "min_position"),
    ],
)
def test_hostile_query_parameters_are_refused(client, query, field):
    response = client.get(f"/api/resolutions?{query}")
    assert response.status_code == 422, response.json
    if field:
        assert field in response.json["fields"]


def test_a_position_no_receipt_gave_out_is_refused_at_once(client, meeting):
    refused(client.get("/api/resolutions?min_position=999999"), 422, "invalid-value")


def test_a_malformed_if_match_is_refused(client, meeting):
    response = client.post(
        f"/api/meetings/{meeting}/held",
        json={"effective_date": JULY},
        headers={**auth(client), "If-Match": "yesterday"},
    )
    refused(response, 422, "invalid-if-match")


# Bodies: at most 32 deep, numbers within 64 bits -----------------------------------------


def post_raw(client, url, raw):
    return client.post(url, data=raw, content_type="application/json", headers=auth(client))


def nested(depth):
    """A body `depth` deep: the object itself, then lists inside lists under "clauses"."""
    return '{"clauses": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


@pytest.mark.parametrize("url", ["/api/resolutions", "/api/meetings/{meeting}/items"])
def test_a_body_nested_a_thousand_deep_is_refused_before_it_is_parsed(client, meeting, url):
    before = event_count(client)
    body = refused(
        post_raw(client, url.format(meeting=meeting), nested(1000)), 422, "body-too-deep", "body"
    )
    assert "32" in body["message"]
    deep_object = '{"title": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}"
    refused(post_raw(client, url.format(meeting=meeting), deep_object), 422, "body-too-deep")
    assert event_count(client) == before


def test_a_body_32_deep_reaches_the_schema_and_33_does_not(client, meeting):
    refused(post_raw(client, "/api/resolutions", nested(32)), 422, "invalid-input", "clauses")
    refused(post_raw(client, "/api/resolutions", nested(33)), 422, "body-too-deep")


def test_brackets_and_numbers_inside_strings_are_text(client, meeting):
    title = "[" * 100 + '{ "quoted \\" [[" 99999999999999999999999 1e400 NaN'
    response = propose(client, meeting, title=title)
    assert response.status_code == 201, response.json
    resolution = client.get(f"/api/resolutions/{response.json['id']}").json
    assert resolution["title"] == title


@pytest.mark.parametrize(
    "number",
    [
        "9" * 5000,
        str(2**63),
        str(-(2**63)),
        "1e19",
        "1e400",
        "-1" + "0" * 30 + ".5",
        "NaN",
        "Infinity",
        "-Infinity",
    ],
    ids=[
        "5000 nines",
        "2**63",
        "-(2**63)",
        "1e19",
        "1e400",
        "-1e30 with a fraction",
        "NaN",
        "Infinity",
        "-Infinity",
    ],
)
def test_a_number_beyond_2_to_the_63_is_refused(client, meeting, number):
    before = event_count(client)
    raw = json.dumps(
        {
            "meeting_id": meeting,
            "item": "5",
            "effective_date": JULY,
            "clauses": [{**CLAUSES[0], "number": 0}],
        }
    ).replace('"number": 0', f'"number": {number}')
    body = refused(post_raw(client, "/api/resolutions", raw), 422, "number-out-of-range", "body")
    assert str(2**63 - 1) in body["message"]
    assert event_count(client) == before


def test_the_largest_number_allowed_reaches_the_schema(client, meeting):
    response = propose(client, meeting, clauses=[{**CLAUSES[0], "number": 2**63 - 1}])
    refused(response, 422, "invalid-input", "clauses")  # a clause is numbered 1 to 50


# If-Match: a strong tag or a bare version of at most 18 digits, or * ------------------------


def hold(client, meeting, if_match):
    return client.post(
        f"/api/meetings/{meeting}/held",
        json={"effective_date": JULY},
        headers={**auth(client), "If-Match": if_match},
    )


@pytest.mark.parametrize(
    "if_match",
    [
        "9" * 5000,
        '"' + "9" * 5000 + '"',
        '"' + "1" * 19 + '"',
        '"²"',
        "٣",
        '"-1"',
        '""',
        '"2", "3"',
        "W/2",
    ],
    ids=[
        "5000 digits",
        "5000 digits quoted",
        "19 digits",
        "superscript two",
        "arabic-indic three",
        "negative",
        "empty tag",
        "a list of tags",
        "W/ unquoted",
    ],
)
def test_an_if_match_that_is_not_a_short_version_is_refused(client, meeting, if_match):
    before = event_count(client)
    refused(hold(client, meeting, if_match), 422, "invalid-if-match")
    assert event_count(client) == before


def test_a_weak_if_match_is_refused_as_it_can_never_match(client, meeting):
    body = refused(hold(client, meeting, 'W/"2"'), 422, "invalid-if-match")
    assert "weak" in body["message"]


def test_an_if_match_of_18_digits_is_read_as_a_version(client, meeting):
    refused(hold(client, meeting, '"' + "9" * 18 + '"'), 412, "stale-version")


@pytest.mark.parametrize("if_match", ['"2"', "2", " 2 ", "*"])
def test_a_strong_tag_a_bare_version_or_a_star_is_accepted(client, meeting, if_match):
    response = hold(client, meeting, if_match)  # scheduled, then item 5 added: version 2
    assert response.status_code == 200, response.json


# A token that is sent is checked, on every route ---------------------------------------------

NO_SUCH_ID = "00000000-0000-4000-8000-000000000000"


def every_get_route(app):
    """Every GET path under /api/, its ids filled in (they need not exist: a token is
    checked before anything is looked up)."""
    fill = {"uuid": NO_SUCH_ID, "int": "1", "path": "swagger-ui.css"}
    return sorted(
        re.sub(r"<(\w+):\w+>", lambda m: fill[m[1]], rule.rule)
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.rule.startswith("/api/")
    )


def revoked_token(client):
    tokens = client.application.extensions["minutebook.tokens"]
    holder, token = tokens.create(holder="Ex Clerk", role="clerk", council="st-helens")
    assert (
        client.get("/api/councils", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
    assert tokens.revoke(holder.token_id)
    return token


@pytest.mark.parametrize("kind", ["unknown", "revoked", "malformed", "not a bearer token"])
def test_a_token_sent_but_not_good_is_refused_on_every_read(client, kind):
    header = {
        "unknown": lambda: "Bearer mbk_0123456789abcdef_" + "x" * 43,
        "revoked": lambda: f"Bearer {revoked_token(client)}",
        "malformed": lambda: "Bearer mbk_nope",
        "not a bearer token": lambda: "Basic c2VlZDpzZWNyZXQ=",
    }[kind]()
    paths = every_get_route(client.application)
    assert {
        "/api/councils",
        "/api/committees",
        "/api/resolutions",
        f"/api/resolutions/{NO_SUCH_ID}/history",
    } <= set(paths)
    answers = {path: client.get(path, headers={"Authorization": header}) for path in paths}
    assert {path: (r.status_code, r.json and r.json["rule"]) for path, r in answers.items()} == {
        path: (401, "invalid-token") for path in paths
    }
