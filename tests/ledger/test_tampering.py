"""Someone with the database edits the events table directly: every kind of change is
found, at its position, by `verify` and by the auditors' standalone verifier.

Each test records the seed minutes, lets the ledger sign a checkpoint, tampers with
the SQLite file or the PostgreSQL table by plain SQL, and checks both verifiers.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.ledger import merkle
from domain.ledger.audit import verify
from domain.ledger.signing import Signer, public_pem
from domain.ledger.store import Ledger, stored_leaf
from domain.projections.store import open_read_model
from domain.service import Minutebook
from domain.stores import store_env
from domain.transfer import export_events
from seeds.replay import replay
from tests.conftest import fresh_store

VERIFIER = Path(__file__).parents[2] / "tools" / "verify_export.py"


class Store:
    """A recorded history with its ledger, and plain SQL on its events table."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = url, folder
        self.service = Minutebook.from_url(url)
        self.read_model = open_read_model(url)
        self.signer = Signer(Ed25519PrivateKey.generate())
        self.ledger = Ledger(self.service.recorder, self.read_model, self.signer)
        self.ledger.create_tables()
        replay(self.service)
        self.ledger.catch_up(sign_now=True)
        self.signed = self.ledger.latest_checkpoint()
        env = store_env(url)
        self.postgres = env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
        if self.postgres:
            schema = env["POSTGRES_SCHEMA"]
            self.table, self.position = f'"{schema}".minutebook_events', "notification_id"
            self.checkpoints = f'"{schema}".ledger_checkpoints'
        else:
            self.sqlite_file = env["SQLITE_DBNAME"]
            self.table, self.position = "stored_events", "rowid"
            self.checkpoints = "ledger_checkpoints"

    def sql(self, *statements: str) -> None:
        if self.postgres:
            with psycopg.connect(self.url.split("?")[0], autocommit=False) as conn:
                for statement in statements:
                    conn.execute(statement)
        else:
            with sqlite3.connect(self.sqlite_file) as conn:
                for statement in statements:
                    conn.execute(statement)

    def move(self, source: int, target: int) -> None:
        self.sql(
            f"UPDATE {self.table} SET {self.position} = {target} WHERE {self.position} = {source}"
        )

    def findings(self, key=None):
        return verify(self.service.recorder, self.ledger, key or self.signer.public_key).findings

    def verifier(self, checkpoint=None, key=None) -> subprocess.CompletedProcess:
        """The standalone verifier on an export made now, against the signed checkpoint."""
        export = self.folder / "export.jsonl"
        with open(export, "w", encoding="utf-8") as out:
            export_events(self.service, out, leaves=self.ledger.leaves_at)
        signed = self.folder / "checkpoint.json"
        signed.write_text(json.dumps((checkpoint or self.signed).__dict__))
        pem = self.folder / "key.pem"
        pem.write_text(public_pem(key or self.signer.public_key))
        return subprocess.run(
            [sys.executable, str(VERIFIER), str(export), str(signed), str(pem)],
            capture_output=True,
            text=True,
            timeout=60,
        )

    def close(self) -> None:
        self.read_model.datastore.close()
        self.service.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    with fresh_store(request.param, tmp_path) as url:
        made = Store(url, tmp_path)
        yield made
        made.close()


def first(findings):
    return min((f for f in findings if f.position is not None), key=lambda f: f.position)


def test_an_untouched_store_is_what_was_signed(store):
    assert store.findings() == []
    checked = store.verifier()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "OK" in checked.stdout


def test_an_edited_state_is_found_at_its_position(store):
    state = b'{"edited":true}'
    if store.postgres:
        store.sql(
            f"UPDATE {store.table} SET state = '\\x{state.hex()}'::bytea WHERE notification_id = 17"
        )
    else:
        store.sql(f"UPDATE stored_events SET state = x'{state.hex()}' WHERE rowid = 17")
    found = first(store.findings())
    assert (found.kind, found.position) == ("edited", 17)
    checked = store.verifier()
    assert checked.returncode == 1
    assert "position 17: edited" in checked.stdout


def test_a_deleted_row_is_found_at_its_position(store):
    store.sql(f"DELETE FROM {store.table} WHERE {store.position} = 40")
    found = first(store.findings())
    assert (found.kind, found.position) == ("deleted", 40)
    checked = store.verifier()
    assert checked.returncode == 1
    assert "position 40: deleted" in checked.stdout


def test_two_rows_swapped_are_found_as_reordered(store):
    store.move(30, 1_000_000)
    store.move(31, 30)
    store.move(1_000_000, 31)
    found = first(store.findings())
    assert (found.kind, found.position) == ("reordered", 30)
    checked = store.verifier()
    assert checked.returncode == 1
    assert "position 30: reordered: the event recorded at position 31" in checked.stdout


def test_a_forged_row_inserted_amid_the_history_is_found(store):
    # Room is made at position 50 by moving every later event up one, as a forger must.
    last = store.signed.tree_size
    store.sql(
        f"UPDATE {store.table} SET {store.position} = {store.position} + 1000000 "
        f"WHERE {store.position} >= 50",
        f"UPDATE {store.table} SET {store.position} = {store.position} - 999999 "
        f"WHERE {store.position} >= 1000000",
    )
    forged = "00000000-0000-4000-8000-000000000001"
    if store.postgres:
        store.sql(
            f"INSERT INTO {store.table} (originator_id, originator_version, topic, state, "
            f"notification_id) VALUES ('{forged}', 1, 'domain.councils:Council.Registered', "
            "'\\x7b7d'::bytea, 50)"
        )
    else:
        store.sql(
            "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
            f"VALUES (50, '{forged}', 1, 'domain.councils:Council.Registered', x'7b7d')"
        )
    assert last >= 50
    found = first(store.findings())
    assert (found.kind, found.position) == ("inserted", 50)
    checked = store.verifier()
    assert checked.returncode == 1
    assert "position 50: inserted" in checked.stdout


def test_a_history_cut_short_after_a_checkpoint_is_found(store):
    last = store.signed.tree_size
    store.sql(f"DELETE FROM {store.table} WHERE {store.position} > {last - 3}")
    found = first(store.findings())
    assert (found.kind, found.position) == ("cut-short", last - 2)
    checked = store.verifier()
    assert checked.returncode == 1
    assert "cut-short" in checked.stdout


def test_an_altered_checkpoint_is_found(store):
    size = store.signed.tree_size
    store.sql(f"UPDATE {store.checkpoints} SET root_hash = '{'0' * 64}' WHERE tree_size = {size}")
    assert [f.kind for f in store.findings()] == ["bad-signature"]
    altered = store.ledger.latest_checkpoint()
    checked = store.verifier(checkpoint=altered)
    assert checked.returncode == 1
    assert "bad-signature" in checked.stdout


def test_a_checkpoint_signed_with_another_key_is_found(store):
    other = Ed25519PrivateKey.generate().public_key()
    findings = store.findings(key=other)
    assert findings and all(f.kind == "bad-signature" for f in findings)
    checked = store.verifier(key=other)
    assert checked.returncode == 1
    assert "bad-signature" in checked.stdout


def test_a_change_hidden_in_the_ledgers_own_table_too_is_still_found(store):
    state = b'{"edited":true}'
    if store.postgres:
        store.sql(
            f"UPDATE {store.table} SET state = '\\x{state.hex()}'::bytea WHERE notification_id = 17"
        )
    else:
        store.sql(f"UPDATE stored_events SET state = x'{state.hex()}' WHERE rowid = 17")
    # The forger rewrites the ledger's leaf to match: only the signed roots are left.
    forged = store.service.recorder.select_notifications(start=17, limit=1)[0]
    leaf = merkle.leaf_hash(stored_leaf(forged)).hex()
    leaves = store.checkpoints.replace("ledger_checkpoints", "ledger_leaves")
    store.sql(f"UPDATE {leaves} SET leaf_hash = '{leaf}' WHERE position = 17")
    kinds = {f.kind for f in store.findings()}
    assert kinds == {"ledger-altered", "root-mismatch"}
    checked = store.verifier()
    assert checked.returncode == 1
    assert "do not give the signed root" in checked.stdout
