"""The ledger reads the events table directly. While several writers record at once,
some of them losing races (a lost race uses up a position on PostgreSQL, leaving a gap),
the ledger following them must hash every event exactly once, in position order, and
never one past a gap that a slower writer was about to fill."""

from __future__ import annotations

import threading
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.errors import ConcurrentChange
from domain.ledger.audit import verify
from domain.ledger.signing import Signer
from domain.ledger.store import Ledger
from domain.projections.store import open_read_model
from domain.service import Minutebook
from tests.application.test_service import CLERK, JULY, a_meeting_with_an_item

WRITERS = 6
NOTES = 25


def test_the_ledger_follows_racing_writers_and_every_event_is_hashed_once(service, store_url):
    if store_url.startswith("memory"):
        pytest.skip("the ledger reads the events table directly only on SQLite and PostgreSQL")
    _, meeting = a_meeting_with_an_item(service)
    resolution = service.propose(
        meeting.id,
        item="5",
        clauses=_clauses(),
        effective_date=JULY,
        recorded_by=CLERK,
    ).id
    service.resolve(resolution, effective_date=JULY, recorded_by=CLERK)
    read_model = open_read_model(store_url)
    signer = Signer(Ed25519PrivateKey.generate())
    ledger = Ledger(service.recorder, read_model, signer, checkpoint_every=0.1)
    ledger.create_tables()
    stop = threading.Event()
    follower = threading.Thread(target=ledger.follow, args=(stop,), kwargs={"interval": 0.005})
    follower.start()
    lost = []
    # Each writer a service of its own, as each web worker has (made one at a time, as
    # workers start under a lock); all start writing at once.
    services = [Minutebook.from_url(store_url) for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        writer = services[n]
        start.wait()
        try:
            for i in range(NOTES):
                try:
                    writer.note_progress(
                        resolution,
                        2,
                        note=f"writer {n}, note {i}",
                        effective_date=JULY,
                        recorded_by=CLERK,
                    )
                except ConcurrentChange:
                    lost.append(n)  # a lost race: nothing stored (on PostgreSQL, a gap)
        finally:
            writer.close()

    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    try:
        for thread in writers:
            thread.start()
        for thread in writers:
            thread.join(timeout=120)
        recorded = service.recorder.max_notification_id()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            latest = ledger.latest_checkpoint()
            if latest is not None and latest.tree_size == _count(service):
                break
            time.sleep(0.05)
    finally:
        stop.set()
        follower.join(timeout=10)
    assert lost, "no writer lost a race: the test raced nobody"
    assert latest.tree_size == _count(service) <= recorded
    print(f"{_count(service)} events, last position {recorded}, {len(lost)} races lost")
    report = verify(service.recorder, ledger, signer.public_key)
    assert report.findings == []
    assert report.events == _count(service)


def _count(service: Minutebook) -> int:
    return len(service.recorder.select_notifications(start=1, limit=1_000_000))


def _clauses():
    from domain.values import ActionRequest, ClauseDraft, ClauseKind

    return [
        ClauseDraft(1, "the report be noted", ClauseKind.NOTED),
        ClauseDraft(2, "an update be brought back", ClauseKind.REPORT_BACK, ActionRequest()),
    ]
