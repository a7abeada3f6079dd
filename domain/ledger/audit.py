"""Checking the store against its ledger: every leaf recomputed from the stored events,
every checkpoint's signature and root checked, and each disagreement named.

What is trusted: only the public key. A checkpoint counts once its signature holds.
The ledger's recorded leaves count where they build the signed roots (a forged leaf
that still did would need a SHA-256 collision); they let a change be named at its
position and kind. The store is compared with both: with the recorded leaves position
by position, and with every signed root.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from eventsourcing.persistence import ApplicationRecorder

from domain.ledger import merkle
from domain.ledger.signing import key_id, signature_holds
from domain.ledger.store import Ledger, stored_leaf

# The kinds of finding, each a change to the history (or to the ledger's own tables).
EDITED = "edited"  # an event's topic or state changed where it stands
DELETED = "deleted"  # an event the ledger recorded is gone
INSERTED = "inserted"  # an event the ledger never recorded, amid those it did
REORDERED = "reordered"  # an event recorded at one position now stands at another
CUT_SHORT = "cut-short"  # the history ends before what a checkpoint signed
BAD_SIGNATURE = "bad-signature"  # a checkpoint altered, or signed with another key
ROOT_MISMATCH = "root-mismatch"  # the store's events do not give a signed root
LEDGER_ALTERED = "ledger-altered"  # the ledger's recorded leaves do not give a signed root


@dataclass(frozen=True)
class Finding:
    kind: str
    position: int | None
    detail: str

    def __str__(self) -> str:
        where = (
            f"position {self.position}"
            if self.position is not None
            else {BAD_SIGNATURE: "a checkpoint", LEDGER_ALTERED: "the ledger"}.get(
                self.kind, "the store"
            )
        )
        return f"{where}: {self.kind}: {self.detail}"


@dataclass
class Report:
    events: int = 0
    checkpoints: int = 0
    unrecorded: int = 0  # events after the ledger's last leaf, not yet covered
    findings: list[Finding] = field(default_factory=list)

    @property
    def first(self) -> Finding | None:
        located = [f for f in self.findings if f.position is not None]
        return (
            min(located, key=lambda f: f.position) if located else next(iter(self.findings), None)
        )


def verify(recorder: ApplicationRecorder, ledger: Ledger, public_key: Ed25519PublicKey) -> Report:
    report = Report()
    checkpoints = _good_checkpoints(ledger, public_key, report)
    recorded = {
        position: (index, bytes.fromhex(h)) for index, position, h in ledger.recorded_leaves()
    }
    _check_recorded_leaves(recorded, checkpoints, report)
    _compare_store(recorder, recorded, checkpoints, report)
    return report


def _good_checkpoints(
    ledger: Ledger, public_key: Ed25519PublicKey, report: Report
) -> dict[int, bytes]:
    """The roots of the checkpoints whose signatures hold, by tree size."""
    good, after, expected_key = {}, 0, key_id(public_key)
    while page := ledger.checkpoints(limit=1000, after=after):
        for c in page:
            report.checkpoints += 1
            if signature_holds(c, public_key):
                good[c.tree_size] = bytes.fromhex(c.root_hash)
            else:
                why = "altered" if c.key_id == expected_key else f"signed by key {c.key_id[:16]}…"
                report.findings.append(
                    Finding(
                        BAD_SIGNATURE,
                        None,
                        f"checkpoint of tree size {c.tree_size}: its signature does not hold "
                        f"for key {expected_key[:16]}… ({why})",
                    )
                )
        after = page[-1].tree_size
    return good


def _check_recorded_leaves(
    recorded: dict[int, tuple[int, bytes]], checkpoints: dict[int, bytes], report: Report
) -> None:
    hashes = [h for _, h in sorted(recorded.values())]
    for size, root in _roots_at(iter(hashes), checkpoints):
        if root != checkpoints[size]:
            report.findings.append(
                Finding(
                    LEDGER_ALTERED,
                    None,
                    f"the ledger's own leaves do not give the signed root of tree size {size}: "
                    "its table was changed, so changes to the store are found by root alone",
                )
            )
            return


def _roots_at(leaves: Iterator[bytes], sizes: dict[int, Any]) -> Iterator[tuple[int, bytes]]:
    """The root of the first n leaves for each n in `sizes` that the leaves reach."""
    frontier: list[bytes] = []
    for size, leaf in enumerate(leaves, start=1):
        frontier = merkle.append(frontier, size - 1, leaf)
        if size in sizes:
            yield size, merkle.frontier_root(frontier)


def _compare_store(
    recorder: ApplicationRecorder,
    recorded: dict[int, tuple[int, bytes]],
    checkpoints: dict[int, bytes],
    report: Report,
) -> None:
    last_recorded = max(recorded, default=0)
    changed: dict[int, Any] = {}  # position -> the stored event there now
    seen: set[int] = set()
    frontier: list[bytes] = []
    store_roots: dict[int, bytes] = {}
    for n in _stored_events(recorder):
        hashed = merkle.leaf_hash(stored_leaf(n))
        frontier = merkle.append(frontier, report.events, hashed)
        report.events += 1
        if report.events in checkpoints:
            store_roots[report.events] = merkle.frontier_root(frontier)
        if n.id > last_recorded:
            report.unrecorded += 1
            continue
        seen.add(n.id)
        if n.id not in recorded:
            report.findings.append(
                Finding(INSERTED, n.id, "the ledger recorded no event here: one was added")
            )
        elif recorded[n.id][1] != hashed:
            changed[n.id] = n
    _name_changes(changed, recorded, report)
    last_stored = max(seen, default=0)
    for position in sorted(set(recorded) - seen):
        if position > last_stored:
            report.findings.append(
                Finding(
                    CUT_SHORT,
                    position,
                    f"the history ends at position {last_stored}: the events the ledger "
                    f"recorded from here to position {last_recorded} are gone",
                )
            )
            break
        report.findings.append(
            Finding(DELETED, position, "the ledger recorded an event here; the store has none")
        )
    _check_store_roots(report.events, store_roots, checkpoints, report)


def _name_changes(
    changed: dict[int, Any], recorded: dict[int, tuple[int, bytes]], report: Report
) -> None:
    """An event that differs from its leaf was edited where it stands, unless it is the
    event the ledger recorded at another position: then it was moved."""
    candidates = list(changed)[:100]  # a swap shows as two; a rewrite as many
    sources = {
        position: next(
            (
                other
                for other in candidates
                if other != position
                and merkle.leaf_hash(stored_leaf(_Moved(n, other))) == recorded[other][1]
            ),
            None,
        )
        for position, n in changed.items()
    }
    for position, source in sources.items():
        if source is not None:
            finding = Finding(
                REORDERED, position, f"the event recorded at position {source} now stands here"
            )
        elif position in sources.values():
            finding = Finding(
                INSERTED,
                position,
                "an event the ledger never recorded; the events from here on were moved up",
            )
        else:
            finding = Finding(
                EDITED, position, "its topic or state is not what the ledger recorded"
            )
        report.findings.append(finding)


def _check_store_roots(
    stored: int, reached: dict[int, bytes], checkpoints: dict[int, bytes], report: Report
) -> None:
    for size in sorted(checkpoints):
        if size > stored:
            if not any(f.position is not None for f in report.findings):
                report.findings.append(
                    Finding(
                        CUT_SHORT,
                        None,
                        f"the store holds {stored} events; a checkpoint signed {size}",
                    )
                )
            return
        if reached[size] != checkpoints[size]:
            if not any(f.position is not None for f in report.findings):
                report.findings.append(
                    Finding(
                        ROOT_MISMATCH,
                        None,
                        f"the store's first {size} events do not give the root signed for "
                        "that tree size",
                    )
                )
            return


class _Moved:
    """A stored event as if it stood at another position."""

    def __init__(self, n: Any, position: int) -> None:
        self.id = position
        self.originator_id = n.originator_id
        self.originator_version = n.originator_version
        self.topic = n.topic
        self.state = n.state


def _stored_events(recorder: ApplicationRecorder) -> Iterator[Any]:
    start = 1
    while True:
        batch = recorder.select_notifications(start=start, limit=1000)
        yield from batch
        if len(batch) < 1000:
            return
        start = batch[-1].id + 1
