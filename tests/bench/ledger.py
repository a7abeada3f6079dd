"""Figure 8: the ledger catching up with a whole history, and `verify` checking it.

The ledger hashes every stored event into its tree and writes the leaf hashes to its
table (in batches of 1,000, as it catches up), then signs one checkpoint; `verify`
recomputes every leaf and compares. Baseline: reading the raw notification log in the
same batches, with no decoding and no hashing, the least either could cost.
"""

from __future__ import annotations

import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.ledger.audit import verify
from domain.ledger.signing import Signer
from domain.ledger.store import BATCH, Ledger
from domain.projections.store import ReadModel
from domain.service import Minutebook


def raw_read(service: Minutebook) -> int:
    count, start = 0, 1
    while batch := service.recorder.select_notifications(start=start, limit=BATCH):
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
    }
