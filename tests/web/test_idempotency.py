"""Safe retries with Idempotency-Key: the same request is carried out once."""

import pytest

from tests.web.helpers import a_proposed_resolution, auth, event_count

pytestmark = pytest.mark.every_store  # keys are claimed and kept in the store's own tables

JULY = "2022-07-25"


@pytest.fixture
def resolution(client):
    return a_proposed_resolution(client)


def resolve(client, resolution, key, body=None, actor="clerk@st-helens"):
    return client.post(
        f"/api/resolutions/{resolution}/resolve",
        json=body or {"effective_date": JULY},
        headers={**auth(client, actor), "Idempotency-Key": key},
    )


def test_a_retried_request_returns_the_first_result_and_records_nothing(client, resolution):
    first = resolve(client, resolution, "retry-1")
    after_first = event_count(client)
    again = resolve(client, resolution, "retry-1")
    assert (again.status_code, again.json, again.headers["ETag"]) == (
        first.status_code,
        first.json,
        first.headers["ETag"],
    )
    assert first.status_code == 200
    assert event_count(client) == after_first


def test_the_same_key_with_a_different_body_is_refused(client, resolution):
    resolve(client, resolution, "retry-2")
    before = event_count(client)
    other = resolve(client, resolution, "retry-2", {"effective_date": "2022-07-26"})
    assert (other.status_code, other.json["rule"]) == (422, "idempotency-key-reused")
    assert event_count(client) == before


def test_keys_belong_to_the_token_that_sent_them(client, resolution):
    assert resolve(client, resolution, "shared").status_code == 200
    # Another holder's request with the same key is their own: it runs, and is refused
    # by the record's rules, not replayed.
    other = resolve(client, resolution, "shared", actor="someone else")
    assert (other.status_code, other.json["rule"]) == (409, "already-decided")


def test_a_request_that_failed_can_be_retried_with_its_key(client, resolution):
    bad = resolve(client, resolution, "retry-3", {"effective_date": "2000-01-01"})
    assert bad.status_code == 409
    good = resolve(client, resolution, "retry-3", {"effective_date": "2000-01-01"})
    assert good.status_code == 409  # carried out again (a failure records nothing)
    assert resolve(client, resolution, "retry-4").status_code == 200


def test_a_key_whose_first_request_never_finished_is_not_run_twice(client, app, resolution):
    # A process died after claiming the key: the retry is told so, and nothing is written.
    from web.idempotency import fingerprint

    token = app.extensions["minutebook.tokens"].authenticate(
        auth(client)["Authorization"].split()[1]
    )
    url = f"/api/resolutions/{resolution}/resolve"
    app.extensions["minutebook.idempotency"].claim(
        token.token_id, "orphan", fingerprint("POST", url, {"effective_date": JULY})
    )
    before = event_count(client)
    response = resolve(client, resolution, "orphan")
    assert (response.status_code, response.json["rule"]) == (409, "idempotency-key-in-progress")
    assert event_count(client) == before


@pytest.mark.parametrize("key", ["", "x" * 201, "caf\u00e9", "tab\there"])
def test_a_malformed_key_is_refused(client, resolution, key):
    response = resolve(client, resolution, key)
    assert (response.status_code, response.json["rule"]) == (422, "invalid-input")


def test_a_claim_abandoned_longer_than_any_request_runs_is_taken_over(client, app, resolution):
    from web.idempotency import fingerprint

    token = app.extensions["minutebook.tokens"].authenticate(
        auth(client)["Authorization"].split()[1]
    )
    url = f"/api/resolutions/{resolution}/resolve"
    keys = app.extensions["minutebook.idempotency"]
    keys.claim(token.token_id, "orphan", fingerprint("POST", url, {"effective_date": JULY}))
    assert resolve(client, resolution, "orphan").status_code == 409  # still in its time
    keys.claim_seconds = 0  # as if the claim were older than any request may run
    before = event_count(client)
    taken_over = resolve(client, resolution, "orphan")
    assert taken_over.status_code == 200, taken_over.json
    assert event_count(client) == before + 1
    assert resolve(client, resolution, "orphan").json == taken_over.json  # kept, as usual
