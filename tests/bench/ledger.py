"""Figure 8: the ledger catching up with a whole history, `verify` checking it, and
recording through the service while the ledger follows.

The ledger hashes every stored event into its tree and writes the leaf hashes to its
table (in batches of 10,000, as it catches up), then signs one checkpoint; `verify`
recomputes every leaf and compares. Baseline: reading the raw notification log in the
same batches (select_notifications), with no decoding and no hashing. Target: the
catch-up keeps up with that read (>= 1.0).

Following: every command of the smallest history recorded through the service while
a thread runs `Ledger.follow` on the same store, as the projection worker does.
Baseline: the same commands into a fresh store with no ledger. Each is run twice, in
the order without, with, with, without. Target: >= 0.95.
"""

from __future__ import annotations

import threading
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.ledger.audit import verify
from domain.ledger.signing import Signer
from domain.ledger.store import CATCH_UP_BATCH, Ledger
from domain.projections.store import ReadModel
from domain.service import Minutebook
from seeds.synthetic import Size, generate
from tests.bench.stores import Stores, log

CATCH_UP_TARGET = 1.0  # the catch-up keeps up with a raw read of the log
FOLLOWING_TARGET = 0.95  # recording keeps 95% of its rate while the ledger follows


def raw_read(service: Minutebook) -> int:
    count, start = 0, 1
    while batch := service.recorder.select_notifications(start=start, limit=CATCH_UP_BATCH):
        count += len(batch)
        start = batch[-1].id + 1
    return count


def measure(service: Minutebook, read_model: ReadModel) -> dict:
    read_seconds = float("inf")
    for _ in range(2):  # the first read warms the caches the ledger will find warm too
        started = time.perf_counter()
        events = raw_read(service)
        read_seconds = min(read_seconds, time.perf_counter() - started)
    signer = Signer(Ed25519PrivateKey.generate())
    ledger = Ledger(service.recorder, read_model, signer)
    ledger.create_tables()
    started = time.perf_counter()
    leaves = ledger.catch_up(sign_now=True)
    catch_up_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = verify(service.recorder, ledger, signer.public_key)
    verify_seconds = time.perf_counter() - started
    assert leaves == events and not report.findings, report.findings
    read_rate = events / read_seconds
    return {
        "events": events,
        "raw_read_per_s": read_rate,
        "catch_up_per_s": leaves / catch_up_seconds,
        "verify_per_s": events / verify_seconds,
        "catch_up_ratio": leaves / catch_up_seconds / read_rate,
        "verify_ratio": events / verify_seconds / read_rate,
        "target": CATCH_UP_TARGET,
    }


def record(stores: Stores, size: Size, *, following: bool) -> tuple[int, float, float]:
    """Every command of the history into a fresh store, with or without a thread running
    Ledger.follow on it (as the projection worker does). Returns the events, the seconds
    and the process's CPU seconds (both threads) they took."""
    url = stores.fresh()
    try:
        service = stores.service(url)
        if following:
            read_model = stores.read_model(url)
            ledger = Ledger(service.recorder, read_model, Signer(Ed25519PrivateKey.generate()))
            ledger.create_tables()
            stop = threading.Event()
            follower = threading.Thread(target=ledger.follow, args=(stop,), daemon=True)
            follower.start()
        started, cpu = time.perf_counter(), time.process_time()
        try:
            generate(service, size)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            if following:
                stop.set()
                follower.join(timeout=60)
        events = service.recorder.max_notification_id() or 0
        if following:
            ledger.catch_up(sign_now=True)
            assert ledger.head().last_position == events  # it followed every event
    finally:
        stores.remove(url)
    return events, seconds, cpu


def measure_following(stores: Stores, size: Size) -> dict:
    events, seconds, cpu = {False: 0, True: 0}, {False: 0.0, True: 0.0}, {False: 0.0, True: 0.0}
    for following in (False, True, True, False):  # a drift in the machine's load falls on both
        how = "while the ledger follows" if following else "with no ledger"
        log(f"  recording {size.councils} councils {how}")
        n, s, c = record(stores, size, following=following)
        events[following] += n
        seconds[following] += s
        cpu[following] += c
    bare_rate, followed_rate = events[False] / seconds[False], events[True] / seconds[True]
    return {
        "events": events[False] // 2,
        "bare_events_per_s": bare_rate,
        "followed_events_per_s": followed_rate,
        "ratio": followed_rate / bare_rate,
        "target": FOLLOWING_TARGET,
        # Less swayed by other work on the machine: CPU seconds per event, bare / followed.
        "cpu_ratio": (cpu[False] / events[False]) / (cpu[True] / events[True]),
    }
