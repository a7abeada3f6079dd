"""The ledger's proofs, answered from its kept subtrees, are the proofs of the tree of
its leaves, for every tree size 1..64, however its catch-ups were batched."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.ledger import merkle
from domain.ledger.signing import Signer
from domain.ledger.store import BeyondLedger, Ledger, NotInLedger
from domain.projections.store import open_read_model
from seeds.replay import replay


@pytest.fixture
def ledger(service, store_url):
    replay(service)
    read_model = open_read_model(store_url)
    made = Ledger(service.recorder, read_model, Signer(Ed25519PrivateKey.generate()))
    made.create_tables()
    while made.catch_up(batch_size=7):  # leaves arriving in batches that split subtrees
        pass
    yield made
    read_model.datastore.close()


def test_every_proof_is_the_proof_of_the_tree_of_its_leaves(ledger):
    recorded = list(ledger.recorded_leaves())
    hashes = [bytes.fromhex(h) for _, _, h in recorded]
    assert len(hashes) > 64
    for size in range(1, 65):
        for index, position, _ in recorded[:size]:
            proof = ledger.inclusion_proof(position, size)
            assert proof["root_hash"] == merkle.root(hashes[:size]).hex()
            assert proof["proof"] == [h.hex() for h in merkle.inclusion_proof(index, hashes[:size])]
        for first in range(1, size + 1):
            proof = ledger.consistency_proof(first, size)
            expected = merkle.consistency_proof(first, hashes[:size])
            assert proof["proof"] == [h.hex() for h in expected]
    whole = ledger.consistency_proof(1, len(hashes))
    assert whole["second_root"] == ledger.head().root.hex()


def test_proofs_beyond_the_ledger_are_refused(ledger):
    size = ledger.head().tree_size
    with pytest.raises(BeyondLedger):
        ledger.consistency_proof(1, size + 1)
    with pytest.raises(NotInLedger):
        ledger.inclusion_proof(10**9, size)
