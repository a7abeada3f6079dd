"""What API clients meet beyond the schemas: operation names, security, declared
headers, Location, Allow, 304 to If-None-Match, CORS for public reads, and lost
races (a write without If-Match lands; with it, 412)."""

from __future__ import annotations

import threading

import pytest
from openapi_spec_validator import validate

from tests.web.helpers import (
    CLERK,
    a_resolved_resolution,
    auth,
    establish,
    post,
)
from web import create_app, service_of

WRITERS = 16


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").json


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def test_the_document_is_valid_openapi(document):
    validate(document)  # raises, naming the first problem


def test_every_operation_has_a_unique_operation_id(document):
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids)) > 40
    assert {"listResolutions", "getResolution", "noteProgress", "resolve"} <= set(ids)


def test_every_write_needs_a_token_and_every_read_may_send_one(document):
    for path, method, op in operations(document):
        if method == "post" and op["operationId"] == "draftMinutes":
            # A draft changes no record: no version to match, no retry to make safe.
            assert op["security"] == [{"token": []}], path
            headers = {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
            assert not headers & {"Idempotency-Key", "If-Match"}, path
            assert "headers" not in op["responses"]["200"], path
        elif method == "post":
            assert op["security"] == [{"token": []}], path
            headers = {p["name"] for p in op["parameters"] if p["in"] == "header"}
            assert "Idempotency-Key" in headers, path
            ok_status = "201" if "201" in op["responses"] else "200"
            assert "ETag" in op["responses"][ok_status]["headers"], path
            assert ("If-Match" in headers) is (ok_status == "200"), path
            assert ("Location" in op["responses"][ok_status]["headers"]) is (ok_status == "201")
        else:
            assert op["security"] == [{}, {"token": []}], path
            # A token that is not valid is refused under /api/, even where none is needed.
            assert ("401" in op["responses"]) is path.startswith("/api/"), path
    assert document["servers"] == [{"url": "/", "description": "This server."}]


def test_reads_that_send_an_etag_declare_it_and_their_304(document):
    with_etag = {
        path
        for path, method, op in operations(document)
        if method == "get" and "304" in op["responses"]
    }
    assert with_etag == {
        "/api/committees/{committee_id}",
        "/api/meetings/{meeting_id}",
        "/api/resolutions/{resolution_id}",
    }


def test_a_new_record_is_answered_with_where_to_read_it(client):
    created = establish(client)
    response = client.get(f"/api/committees/{created['id']}")
    assert response.status_code == 200
    again = post(client, "/api/committees", {**_committee(), "slug": "other"})
    assert again.status_code == 201
    assert again.headers["Location"] == f"/api/committees/{again.json['id']}"
    assert client.get(again.headers["Location"]).status_code == 200


def _committee():
    return {
        "council": "st-helens",
        "council_name": "St Helens Borough Council",
        "slug": "cyps-scrutiny",
        "name": "Children and Young People Services Scrutiny Committee",
        "kind": "committee",
        "effective_date": "2022-01-31",
    }


def test_a_read_refuses_a_token_that_is_not_valid(client):
    for path in ("/api/ledger/public-key", "/api/datapackage.json", "/api/data/audit.csv"):
        response = client.get(path, headers={"Authorization": "Bearer not-a-token"})
        assert (response.status_code, response.json["rule"]) == (401, "invalid-token"), path


def test_a_method_a_path_does_not_take_is_405_with_allow(client):
    response = client.delete("/api/resolutions")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_a_read_answers_304_to_the_etag_it_sent(client):
    committee_id = establish(client)["id"]
    first = client.get(f"/api/committees/{committee_id}")
    tag = first.headers["ETag"]
    unchanged = client.get(f"/api/committees/{committee_id}", headers={"If-None-Match": tag})
    assert (unchanged.status_code, unchanged.data, unchanged.headers["ETag"]) == (304, b"", tag)
    other = client.get(f"/api/committees/{committee_id}", headers={"If-None-Match": '"99"'})
    assert other.status_code == 200


def test_public_reads_may_come_from_any_page_and_writes_from_listed_origins_only(client):
    read = client.get("/api/resolutions", headers={"Origin": "https://example.org"})
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in read.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/resolutions",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in client.get("/healthz").headers


def test_a_listed_origin_may_write(store_url):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": store_url,
            "CORS_WRITE_ORIGINS": ["https://council.example"],
        }
    )
    try:
        client = app.test_client()
        preflight = client.options(
            "/api/resolutions",
            headers={"Origin": "https://council.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://council.example"
        assert "If-Match" in preflight.headers["Access-Control-Allow-Headers"]
    finally:
        service_of(app).close()


@pytest.mark.every_store
def test_writers_racing_without_if_match_all_land_and_with_it_all_but_one_get_412(client):
    resolution_id = a_resolved_resolution(client)
    url = f"/api/resolutions/{resolution_id}/clauses/2/progress-notes"
    before = client.get(f"/api/resolutions/{resolution_id}").json["version"]
    headers = auth(client, CLERK)
    answers: list[int] = []

    def note(n: int, if_match: str | None) -> None:
        extra = {} if if_match is None else {"If-Match": if_match}
        response = client.application.test_client().post(
            url,
            json={"note": f"note {n}", "effective_date": "2022-08-01"},
            headers={**headers, **extra},
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=note, args=(n, None)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert answers == [200] * WRITERS
    after = client.get(f"/api/resolutions/{resolution_id}").json["version"]
    assert after == before + WRITERS  # each acknowledged write recorded exactly once

    answers.clear()
    tag = f'"{after}"'
    threads = [threading.Thread(target=note, args=(n, tag)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(answers) == [200] + [412] * (WRITERS - 1)
    assert client.get(f"/api/resolutions/{resolution_id}").json["version"] == after + 1


def test_every_nested_object_has_a_named_schema(document):
    """So that a generated client has a class for it: an inline object is only a free-form
    map (an event's data, an error's fields), and a nullable nested object is its named
    schema or null, never any object at all."""
    inline = []

    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node:
                inline.append(where)
            if node.get("type") == "object" and "$ref" not in node and "properties" not in node:
                assert node.get("enum") == [None] or node.get("additionalProperties") == {}, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}/{n}")

    for name, schema in document["components"]["schemas"].items():
        walk(schema["properties"], name)
    walk(document["paths"], "paths")
    assert inline == []
    action = document["components"]["schemas"]["Clause"]["properties"]["action"]["anyOf"]
    assert {"$ref": "#/components/schemas/Action"} in action


def test_every_operation_may_answer_503_with_retry_after(document):
    unavailable = document["components"]["responses"]["Unavailable"]
    assert unavailable["headers"]["Retry-After"]["schema"]["type"] == "integer"
    for path, _, op in operations(document):
        assert op["responses"]["503"] == {"$ref": "#/components/responses/Unavailable"}, path
