"""The ledger over HTTP: checkpoints that verify with the served key, proofs that hold,
leaf hashes on the audit log and the feed, exempt business kept out, and the ledger's
tables kept through a rebuild of the read models."""

from __future__ import annotations

import base64
import sqlite3

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from domain.ledger import merkle
from domain.ledger.signing import SigningKeyError, checkpoint_text
from tests.web.helpers import a_resolved_resolution, auth, ok, post, problem
from web import create_app, service_of


@pytest.fixture
def app(store_url):
    """The app signing a checkpoint at every catch-up (the default waits 5 seconds)."""
    app = create_app({"TESTING": True, "DATABASE_URL": store_url, "LEDGER_CHECKPOINT_SECONDS": 0})
    yield app
    service_of(app).close()


def latest(client):
    response = client.get("/api/ledger/checkpoints/latest")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def served_key(client) -> Ed25519PublicKey:
    body = client.get("/api/ledger/public-key").get_json()
    assert body["algorithm"] == "Ed25519"
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(body["public_key"]))


def test_before_any_event_there_is_no_checkpoint(client):
    problem(client.get("/api/ledger/checkpoints/latest"), 404, "no-checkpoint-yet")
    assert client.get("/api/ledger/checkpoints").get_json() == {"items": [], "next": None}


def test_the_latest_checkpoint_covers_every_event_and_verifies_with_the_served_key(client):
    a_resolved_resolution(client)
    events = client.get("/api/events?limit=1000").get_json()["items"]
    checkpoint = latest(client)
    assert checkpoint["tree_size"] == len(events)
    text = checkpoint_text(
        checkpoint["tree_size"], checkpoint["root_hash"], checkpoint["timestamp"]
    )
    served_key(client).verify(base64.b64decode(checkpoint["signature"]), text)  # raises if not
    leaves = [bytes.fromhex(e["leaf_hash"]) for e in events]
    assert merkle.root(leaves).hex() == checkpoint["root_hash"]
    # A record's own history carries the same leaf hashes as the feed.
    resolution_id = events[-1]["aggregate_id"]
    history = client.get(f"/api/resolutions/{resolution_id}/history").get_json()["items"]
    by_position = {e["position"]: e["leaf_hash"] for e in events}
    assert history and all(h["leaf_hash"] == by_position[h["position"]] for h in history)


def test_checkpoints_are_listed_a_page_at_a_time_and_never_overwritten(client):
    a_resolved_resolution(client)
    first = client.get("/api/ledger/checkpoints?limit=2").get_json()
    assert len(first["items"]) == 2 and first["next"]
    second = client.get(f"/api/ledger/checkpoints?limit=2&cursor={first['next']}").get_json()
    sizes = [c["tree_size"] for c in first["items"] + second["items"]]
    assert sizes == sorted(set(sizes))
    one = client.get(f"/api/ledger/checkpoints/{sizes[0]}").get_json()
    assert one == first["items"][0]
    problem(client.get("/api/ledger/checkpoints?cursor=not-one"), 422, "invalid-value")
    problem(client.get("/api/ledger/checkpoints/999999"), 404, "no-such-checkpoint")


def test_an_inclusion_proof_holds_against_a_signed_root(client):
    a_resolved_resolution(client)
    checkpoint = latest(client)
    for entry in client.get("/api/audit").get_json()["items"]:
        proof = client.get(f"/api/ledger/proofs/inclusion?position={entry['position']}")
        body = proof.get_json()
        assert proof.status_code == 200, body
        assert body["leaf_hash"] == entry["leaf_hash"]
        assert body["root_hash"] == checkpoint["root_hash"]
        assert merkle.verify_inclusion(
            body["leaf_index"],
            body["tree_size"],
            bytes.fromhex(body["leaf_hash"]),
            [bytes.fromhex(h) for h in body["proof"]],
            bytes.fromhex(checkpoint["root_hash"]),
        )


def test_a_consistency_proof_joins_an_earlier_checkpoint_to_the_latest(client):
    a_resolved_resolution(client)
    earlier = client.get("/api/ledger/checkpoints?limit=1").get_json()["items"][0]
    now = latest(client)
    body = client.get(f"/api/ledger/proofs/consistency?first={earlier['tree_size']}").get_json()
    assert body["first_root"] == earlier["root_hash"]
    assert body["second_root"] == now["root_hash"]
    assert merkle.verify_consistency(
        earlier["tree_size"],
        now["tree_size"],
        bytes.fromhex(earlier["root_hash"]),
        bytes.fromhex(now["root_hash"]),
        [bytes.fromhex(h) for h in body["proof"]],
    )


def test_proofs_refuse_sizes_and_positions_the_ledger_does_not_hold(client):
    a_resolved_resolution(client)
    size = latest(client)["tree_size"]
    problem(
        client.get(f"/api/ledger/proofs/consistency?first=1&second={size + 1}"),
        422,
        "tree-size-beyond-ledger",
    )
    problem(
        client.get(f"/api/ledger/proofs/consistency?first={size}&second=1"),
        422,
        "first-after-second",
    )
    problem(client.get(f"/api/ledger/proofs/inclusion?position={size + 5}"), 404, "not-in-ledger")
    problem(
        client.get(f"/api/ledger/proofs/inclusion?position={size}&tree_size=1"),
        404,
        "not-in-ledger",
    )
    problem(client.get("/api/ledger/proofs/inclusion?position=0"), 422, "invalid-input")
    problem(client.get("/api/ledger/proofs/inclusion"), 422, "invalid-input")


def test_exempt_events_get_no_leaf_hash_or_proof_where_the_audit_log_hides_them(client):
    committee = ok(
        post(
            client,
            "/api/committees",
            {
                "council": "st-helens",
                "council_name": "St Helens Borough Council",
                "slug": "cyps",
                "name": "CYPS Scrutiny",
                "effective_date": "2022-01-31",
            },
        ),
        201,
    )["id"]
    meeting = ok(
        post(
            client,
            "/api/meetings",
            {"committee_id": committee, "date": "2022-07-25", "effective_date": "2022-07-25"},
        ),
        201,
    )["id"]
    secret = ok(
        post(
            client,
            f"/api/meetings/{meeting}/items",
            {"minute": "9", "title": "Staffing", "exempt": True, "effective_date": "2022-07-25"},
        )
    )["position"]
    public = [e["position"] for e in client.get("/api/events").get_json()["items"]]
    assert secret not in public
    problem(client.get(f"/api/ledger/proofs/inclusion?position={secret}"), 404, "not-in-ledger")
    shown = client.get(
        f"/api/ledger/proofs/inclusion?position={secret}",
        headers=auth(client, "Clerk", role="clerk", council="st-helens"),
    )
    assert shown.status_code == 200
    entries = client.get("/api/audit", headers=auth(client)).get_json()["items"]
    assert all(len(e["leaf_hash"]) == 64 for e in entries)
    assert secret in [e["position"] for e in entries]


def test_a_rebuild_of_the_read_models_keeps_the_ledger(app, client):
    a_resolved_resolution(client)
    before = client.get("/api/ledger/checkpoints?limit=200").get_json()
    result = app.test_cli_runner().invoke(args=["rebuild"])
    assert result.exit_code == 0, result.output
    assert client.get("/api/ledger/checkpoints?limit=200").get_json() == before
    checked = app.test_cli_runner().invoke(args=["verify"])
    assert checked.exit_code == 0, checked.output
    assert "The store is the history the checkpoints signed." in checked.output


def test_the_cli_prints_the_key_the_api_serves(app, client):
    result = app.test_cli_runner().invoke(args=["ledger", "public-key"])
    assert result.exit_code == 0
    assert client.get("/api/ledger/public-key").get_json()["pem"] in result.output


def test_a_key_is_made_once_in_the_instance_folder_readable_by_its_owner_only(tmp_path):
    from domain.ledger.signing import Signer

    path = tmp_path / "instance" / "ledger-signing-key.pem"
    made = Signer.from_file(path, create=True)
    assert path.stat().st_mode & 0o777 == 0o600
    assert Signer.from_file(path, create=True).key_id == made.key_id


def test_a_named_key_file_that_is_missing_stops_the_app(store_url, tmp_path):
    with pytest.raises(SigningKeyError, match="signing key"):
        create_app(
            {"TESTING": True, "DATABASE_URL": store_url, "LEDGER_KEY_FILE": str(tmp_path / "no")}
        )


def test_verify_names_an_edited_event_and_exits_with_1(app, client, store_url):
    a_resolved_resolution(client)
    with sqlite3.connect(store_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE stored_events SET state = x'7b7d' WHERE rowid = 3")
    result = app.test_cli_runner().invoke(args=["verify"])
    assert result.exit_code == 1
    assert "First finding: position 3: edited" in result.output


def test_a_deployments_key_is_made_once_and_never_replaced(app, tmp_path):
    path = tmp_path / "deployment.pem"
    made = app.test_cli_runner().invoke(args=["ledger", "new-key", str(path)])
    assert made.exit_code == 0 and path.stat().st_mode & 0o777 == 0o600
    again = app.test_cli_runner().invoke(args=["ledger", "new-key", str(path)])
    assert again.exit_code == 1 and "never replaced" in again.output
