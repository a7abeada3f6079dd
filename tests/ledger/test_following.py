"""The ledger follows the store as the projection worker does: in a loop of its own,
signing a checkpoint once the events stop coming, on every store."""

from __future__ import annotations

import threading
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.ledger import merkle
from domain.ledger.signing import Signer, signature_holds
from domain.ledger.store import Ledger
from domain.projections.store import open_read_model
from seeds.replay import replay


def test_the_ledger_follows_new_events_and_signs_what_it_has(service, store_url):
    read_model = open_read_model(store_url)
    signer = Signer(Ed25519PrivateKey.generate())
    ledger = Ledger(service.recorder, read_model, signer, checkpoint_every=0.2)
    ledger.create_tables()
    stop = threading.Event()
    follower = threading.Thread(target=ledger.follow, args=(stop,), kwargs={"interval": 0.05})
    follower.start()
    try:
        # The seed minutes are recorded while the ledger follows.
        replay(service)
        recorded = service.recorder.max_notification_id()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            latest = ledger.latest_checkpoint()
            if latest is not None and latest.tree_size == recorded:
                break
            time.sleep(0.05)
    finally:
        stop.set()
        follower.join(timeout=10)
    assert latest.tree_size == recorded
    assert signature_holds(latest, signer.public_key)
    leaves = [bytes.fromhex(h) for _, _, h in ledger.recorded_leaves()]
    assert merkle.root(leaves).hex() == latest.root_hash
    read_model.datastore.close()
