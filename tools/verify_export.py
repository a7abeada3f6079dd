#!/usr/bin/env python3
"""Check that an export of a Minutebook store is exactly the history a checkpoint signed.

    python verify_export.py EXPORT CHECKPOINT PUBLIC_KEY
    python verify_export.py --proof PROOF CHECKPOINT PUBLIC_KEY [EARLIER_CHECKPOINT]

EXPORT      the file `flask --app wsgi export-events` wrote (JSON lines)
CHECKPOINT  a checkpoint as the API serves it (GET /api/ledger/checkpoints/latest), JSON
PUBLIC_KEY  the signing key: PEM, or the JSON GET /api/ledger/public-key serves
PROOF       an inclusion or consistency proof as the API serves it (/api/ledger/proofs/…),
            checked against the checkpoint (and a consistency proof's first tree against
            EARLIER_CHECKPOINT, when given)

Exit status: 0 when the export's first `tree_size` events are exactly those signed, 1
when they are not (each finding names the position and the kind of change), 2 when an
input cannot be read. This file stands alone: the Python standard library and the
`cryptography` package, nothing of Minutebook's, so that an auditor can read all of it.

The leaf of an event (README, "A history anyone can verify"): unsigned 64-bit
big-endian integers, the position, the originator id's 16 bytes, the version, the
topic's length and UTF-8 bytes, the state's length and bytes as stored. Leaf hash
SHA-256(0x00 || leaf); node SHA-256(0x01 || left || right); trees split as RFC 9162.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import sys
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

HEADER = "minutebook ledger checkpoint v1"


class Unreadable(Exception):
    """Raised when an input is not what it should be."""


@dataclass
class Line:
    position: int
    originator_id: uuid.UUID
    version: int
    topic: str
    state: bytes
    leaf_index: int | None  # the ledger's record of this position, if exported
    leaf_hash: bytes | None


# The tree (RFC 9162, 2.1) ------------------------------------------------------------


def leaf_bytes(position: int, originator_id: uuid.UUID, version: int, topic: str, state: bytes):
    t = topic.encode("utf-8")
    return (
        struct.pack(">Q", position)
        + originator_id.bytes
        + struct.pack(">Q", version)
        + struct.pack(">Q", len(t))
        + t
        + struct.pack(">Q", len(state))
        + state
    )


def leaf_hash(line: Line, position: int | None = None) -> bytes:
    leaf = leaf_bytes(
        line.position if position is None else position,
        line.originator_id,
        line.version,
        line.topic,
        line.state,
    )
    return hashlib.sha256(b"\x00" + leaf).digest()


def root(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + root(leaves[:k]) + root(leaves[k:])).digest()


def node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], head: bytes) -> bool:
    """RFC 9162, 2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == head


def verify_consistency(m: int, n: int, first: bytes, second: bytes, proof: list[bytes]) -> bool:
    """RFC 9162, 2.1.4.2 (and a tree is consistent with itself by an empty proof)."""
    if not 0 < m <= n:
        return False
    if m == n:
        return not proof and first == second
    if not proof:
        return False
    path = ([first] if m & (m - 1) == 0 else []) + list(proof)
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first and sr == second


# Reading the inputs -------------------------------------------------------------------


def read_export(path: str) -> list[Line]:
    lines = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                d = json.loads(text)
                state = (
                    base64.b64decode(d["state"], validate=True)
                    if d.get("encoding") == "base64"
                    else d["state"].encode("utf-8")
                )
                recorded = d.get("leaf_hash")
                lines.append(
                    Line(
                        int(d["position"]),
                        uuid.UUID(d["originator_id"]),
                        int(d["originator_version"]),
                        d["topic"],
                        state,
                        d.get("leaf_index"),
                        bytes.fromhex(recorded) if recorded else None,
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise Unreadable(f"{path}, line {number}: not an exported event ({e})") from None
    return lines


def read_checkpoint(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            c = json.load(f)
        return {
            "tree_size": int(c["tree_size"]),
            "root_hash": bytes.fromhex(c["root_hash"]),
            "timestamp": str(c["timestamp"]),
            "signature": base64.b64decode(c["signature"], validate=True),
        }
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise Unreadable(f"{path}: not a checkpoint ({e})") from None


def read_public_key(path: str) -> Ed25519PublicKey:
    try:
        with open(path, "rb") as f:
            data = f.read()
        if data.lstrip().startswith(b"{"):
            data = json.loads(data)["pem"].encode("ascii")
        key = serialization.load_pem_public_key(data)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise Unreadable(f"{path}: not a public key ({e})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise Unreadable(f"{path}: not an Ed25519 public key")
    return key


# The check ----------------------------------------------------------------------------


def signed_text(c: dict) -> bytes:
    return (
        f"{HEADER}\ntree_size {c['tree_size']}\nroot_hash {c['root_hash'].hex()}\n"
        f"timestamp {c['timestamp']}\n"
    ).encode("ascii")


def check(lines: list[Line], c: dict, key: Ed25519PublicKey) -> list[str]:
    """The findings, first position first; none when the export is what was signed."""
    try:
        key.verify(c["signature"], signed_text(c))
    except InvalidSignature:
        return [
            "bad-signature: the checkpoint is not signed by this key (altered, or signed "
            "with another key)"
        ]
    n = len(lines)
    size = c["tree_size"]
    covered = lines[:size]
    if n >= size and root([leaf_hash(x) for x in covered]) == c["root_hash"]:
        return []
    return locate(covered, c) or [
        f"changed: the export's first {size} events do not give the signed root, and "
        "the ledger leaves it carries cannot say where (absent, or altered too)"
    ]


def locate(covered: list[Line], c: dict) -> list[str]:
    """Where and how the export differs, from the leaves the ledger recorded (exported
    beside each event). They are authenticated when they give the signed root; else the
    findings are what they tell, and the export is refused either way."""
    size = c["tree_size"]
    recorded = {
        x.leaf_index: x
        for x in covered
        if x.leaf_index is not None and x.leaf_hash and 0 <= x.leaf_index < size
    }
    trusted = (
        set(recorded) == set(range(size))
        and root([recorded[i].leaf_hash for i in range(size)]) == c["root_hash"]
    )
    findings: list[tuple[int, str]] = []
    changed = [x for x in covered if x.leaf_hash is not None and leaf_hash(x) != x.leaf_hash]
    sources = {
        x.position: next(
            (
                other.position
                for other in changed
                if other is not x and leaf_hash(x, other.position) == other.leaf_hash
            ),
            None,
        )
        for x in changed
    }
    for x in changed:
        source = sources[x.position]
        if source is not None:
            text = f"reordered: the event recorded at position {source} now stands here"
        elif x.position in sources.values():
            text = "inserted: an event the ledger never recorded, the rest moved up"
        else:
            text = "edited: its topic or state is not what was signed"
        findings.append((x.position, text))
    last_recorded = max((x.position for x in covered if x.leaf_hash), default=0)
    for x in covered:
        if x.leaf_hash is None and x.position < last_recorded:
            findings.append((x.position, "inserted: the ledger recorded no event here"))
    indexes = sorted(recorded)
    previous = -1
    for i in indexes + [None]:
        end = size if i is None else i
        if end > previous + 1:
            after = recorded[previous].position if previous >= 0 else 0
            if i is None:
                findings.append(
                    (
                        after + 1,
                        f"cut-short: the history ends at position {after}, "
                        f"before the {size} events signed",
                    )
                )
            else:
                before = recorded[i].position
                gap = (
                    f"position {after + 1}"
                    if before == after + 2
                    else (f"between positions {after} and {before}")
                )
                findings.append(
                    (
                        after + 1,
                        f"deleted: {end - previous - 1} event(s) signed "
                        f"as leaf {previous + 1} on, at {gap}, are missing",
                    )
                )
        if i is not None:
            previous = i
    if len(covered) < size and not findings:
        last = covered[-1].position if covered else 0
        findings.append(
            (
                last + 1,
                f"cut-short: the export holds {len(covered)} events, the checkpoint signed {size}",
            )
        )
    note = "" if trusted else " (located by the export's ledger leaves, unchecked)"
    return [f"position {p}: {text}{note}" for p, text in sorted(findings)]


def signature_holds(c: dict, key: Ed25519PublicKey) -> bool:
    try:
        key.verify(c["signature"], signed_text(c))
    except InvalidSignature:
        return False
    return True


def check_proof(proof: dict, c: dict, key: Ed25519PublicKey, earlier: dict | None) -> list[str]:
    """What is wrong with a proof served by the API, against a signed checkpoint."""
    if not signature_holds(c, key) or (earlier is not None and not signature_holds(earlier, key)):
        return ["bad-signature: a checkpoint is not signed by this key"]
    try:
        path = [bytes.fromhex(h) for h in proof["proof"]]
        if "leaf_index" in proof:
            size, head = int(proof["tree_size"]), bytes.fromhex(proof["root_hash"])
            holds = verify_inclusion(
                int(proof["leaf_index"]), size, bytes.fromhex(proof["leaf_hash"]), path, head
            )
            what = f"position {proof['position']} is leaf {proof['leaf_index']}"
        else:
            size, head = int(proof["second"]), bytes.fromhex(proof["second_root"])
            first_root = bytes.fromhex(proof["first_root"])
            if earlier is not None and (
                earlier["tree_size"] != int(proof["first"]) or earlier["root_hash"] != first_root
            ):
                return ["the proof's first tree is not the earlier checkpoint's"]
            holds = verify_consistency(int(proof["first"]), size, first_root, head, path)
            what = f"the tree of {proof['first']} is the start of the tree of {size}"
    except (KeyError, ValueError, TypeError) as e:
        raise Unreadable(f"not a proof the API serves ({e})") from None
    if size != c["tree_size"] or head != c["root_hash"]:
        return [f"the proof is for a tree of {size}, not the checkpoint's tree"]
    return [] if holds else [f"the proof does not show that {what}"]


def main_proof(argv: list[str]) -> int:
    try:
        with open(argv[0], encoding="utf-8") as f:
            proof = json.load(f)
        checkpoint = read_checkpoint(argv[1])
        key = read_public_key(argv[2])
        earlier = read_checkpoint(argv[3]) if len(argv) > 3 else None
        findings = check_proof(proof, checkpoint, key, earlier)
    except (Unreadable, OSError, ValueError) as e:
        print(f"cannot check: {e}", file=sys.stderr)
        return 2
    for finding in findings:
        print(f"NOT proven: {finding}")
    if not findings:
        print(f"OK: the proof holds against the checkpoint of tree size {checkpoint['tree_size']}.")
    return 1 if findings else 0


def main(argv: list[str]) -> int:
    if len(argv) in (5, 6) and argv[1] == "--proof":
        return main_proof(argv[2:])
    if len(argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        lines = read_export(argv[1])
        checkpoint = read_checkpoint(argv[2])
        key = read_public_key(argv[3])
    except Unreadable as e:
        print(f"cannot check: {e}", file=sys.stderr)
        return 2
    findings = check(lines, checkpoint, key)
    size = checkpoint["tree_size"]
    if findings:
        print(f"NOT the signed history of tree size {size}:")
        for finding in findings:
            print(f"  {finding}")
        return 1
    print(
        f"OK: the export's first {size} events are exactly the history signed at "
        f"{checkpoint['timestamp']} (root {checkpoint['root_hash'].hex()})."
    )
    if len(lines) > size:
        print(f"{len(lines) - size} later events are not covered by this checkpoint.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
