"""Once an event is stored, the write has happened: a read model that fails to apply it
does not turn the write into a 500 (which a client would retry, recording it twice).
The receipt says the read models are behind, reads answer 503 until they are mended,
and a rebuild mends them."""

from uuid import UUID

import pytest

from tests.web.helpers import a_proposed_resolution, auth, ok, post

pytestmark = pytest.mark.every_store  # a damaged read store and its rebuild


def break_the_read_models(app):
    """What a damaged read store looks like: a table gone from under the projection."""
    read_model = app.extensions["minutebook.reader"].projector.read_model
    with read_model.writing() as tx:
        tx.run("DROP TABLE {p}read_clauses")


def stored_events(app, resolution_id):
    service = app.extensions["minutebook"]
    return [type(e).__name__ for e in service.events.get(UUID(resolution_id))]


def test_a_write_whose_read_model_fails_is_stored_once_and_says_it_is_not_read_yet(client, app):
    resolution_id = a_proposed_resolution(client)
    break_the_read_models(app)
    receipt = ok(
        post(client, f"/api/resolutions/{resolution_id}/resolve", {"effective_date": "2022-07-25"})
    )
    assert receipt["caught_up"] is False
    assert stored_events(app, resolution_id) == ["Proposed", "Resolved"]
    behind = client.get(f"/api/resolutions/{resolution_id}")
    assert (behind.status_code, behind.json["rule"]) == (503, "read-model-behind")
    assert behind.headers["Retry-After"]
    # The client retries anyway, without a key: the rule refuses it, nothing twice.
    again = post(
        client, f"/api/resolutions/{resolution_id}/resolve", {"effective_date": "2022-07-25"}
    )
    assert (again.status_code, again.json["rule"]) == (409, "already-decided")
    assert app.test_cli_runner().invoke(args=["rebuild"]).exit_code == 0
    mended = client.get(f"/api/resolutions/{resolution_id}", headers=auth(client))
    assert (mended.status_code, mended.json["status"]) == (200, "resolved")
    assert stored_events(app, resolution_id) == ["Proposed", "Resolved"]


def test_a_receipt_says_when_the_read_models_include_the_change(client):
    resolution_id = a_proposed_resolution(client)
    receipt = ok(
        post(client, f"/api/resolutions/{resolution_id}/resolve", {"effective_date": "2022-07-25"})
    )
    assert receipt["caught_up"] is True
