"""The ledger's catch-up reads the events table itself, without the library's
notifications: every leaf it hashes is the leaf `verify` makes of the same event
through `select_notifications`, on every store."""

from __future__ import annotations

import json
from uuid import uuid4

from domain.ledger import merkle, reading
from domain.ledger.store import stored_leaf, stored_leaf_hashes
from seeds.replay import replay


def test_the_ledgers_reading_gives_the_leaves_of_the_plain_reading(service):
    replay(service)
    plain = service.recorder.select_notifications(start=1, limit=10_000)
    read = reading.reader(service.recorder)
    rows = [row for start in range(1, plain[-1].id + 1, 50) for row in read(start, 50)]
    rows = list({row[0]: row for row in rows}.values())  # overlapping reads, once each
    assert [row[0] for row in rows] == [n.id for n in plain]
    assert stored_leaf_hashes(rows) == [merkle.leaf_hash(stored_leaf(n)) for n in plain]


def test_a_state_held_as_text_or_as_a_view_hashes_as_its_bytes():
    state = json.dumps({"text": "Noted, with thanks — résumé"}).encode("utf-8")
    originator = uuid4()
    row = (7, originator.bytes, 3, "domain.resolutions:Resolution.Resolved", state)
    expected = merkle.leaf_hash(merkle.leaf_bytes(7, originator, 3, row[3], state))
    as_text = (*row[:4], state.decode("utf-8"))
    as_view = (*row[:4], memoryview(state))
    assert stored_leaf_hashes([row, as_text, as_view]) == [expected] * 3


def test_an_id_stored_as_text_reads_as_its_sixteen_bytes():
    originator = uuid4()
    assert reading._uuid_bytes(str(originator)) == originator.bytes
    assert reading._uuid_bytes(str(originator).upper()) == originator.bytes
    assert reading._uuid_bytes("{" + str(originator) + "}") == originator.bytes
    assert reading._uuid_bytes(originator.hex) == originator.bytes
