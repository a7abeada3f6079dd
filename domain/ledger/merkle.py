"""The Merkle tree over the event store, hashed as Certificate Transparency hashes its
log (RFC 9162, section 2.1), in small pure functions.

A leaf is one stored event, encoded canonically (`leaf_bytes`); its hash is
SHA-256(0x00 || leaf) and an interior node's SHA-256(0x01 || left || right), so that a
leaf can never pass for a node. A tree of n leaves splits at k, the largest power of
two smaller than n. The root of no leaves is SHA-256 of nothing.

Proofs are lists of node hashes: an inclusion proof shows that a leaf is in a tree of
a given root, a consistency proof that a tree of size m is the first m leaves of a tree
of size n (nothing before them changed). Both verify without any leaf but the one asked
about, so they reveal nothing of the others.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Sequence
from uuid import UUID

LEAF = b"\x00"
NODE = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_bytes(position: int, originator_id: UUID, version: int, topic: str, state: bytes) -> bytes:
    """One stored event as a leaf: every length is given, so no two events encode the
    same. Integers are unsigned 64-bit big-endian; the id is its 16 bytes (RFC 9562
    order); the topic is UTF-8 and the state the bytes exactly as stored."""
    encoded_topic = topic.encode("utf-8")
    return b"".join(
        (
            struct.pack(">Q", position),
            originator_id.bytes,
            struct.pack(">Q", version),
            struct.pack(">Q", len(encoded_topic)),
            encoded_topic,
            struct.pack(">Q", len(state)),
            state,
        )
    )


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(LEAF + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE + left + right).digest()


def split(n: int) -> int:
    """k, the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """The tree head of these leaf hashes (MTH in RFC 9162)."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = split(len(leaves))
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The audit path of leaf `index` (from 0) in the tree of these leaves (PATH)."""
    return inclusion_path(index, len(leaves), lambda start, end: root(leaves[start:end]))


def consistency_proof(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    """The proof that the first m leaves are the tree of size m (PROOF)."""
    return consistency_path(m, len(leaves), lambda start, end: root(leaves[start:end]))


# The same proofs from any source of subtree roots: `root_of(start, end)` gives the root
# of leaves start..end-1. RFC 9162's recursion only ever asks for whole subtrees (a
# power of two of leaves, aligned) and for the right-hand rest of a tree, so a ledger
# that keeps every whole subtree's root answers a proof with a few lookups.


def inclusion_path(
    index: int, n: int, root_of: Callable[[int, int], bytes], start: int = 0
) -> list[bytes]:
    if not 0 <= index < n:
        raise ValueError(f"leaf {index} is not in a tree of {n}")
    if n == 1:
        return []
    k = split(n)
    if index < k:
        return [*inclusion_path(index, k, root_of, start), root_of(start + k, start + n)]
    return [*inclusion_path(index - k, n - k, root_of, start + k), root_of(start, start + k)]


def consistency_path(m: int, n: int, root_of: Callable[[int, int], bytes]) -> list[bytes]:
    if not 0 < m <= n:
        raise ValueError(f"a tree of {m} cannot be the start of a tree of {n}")
    return _subproof(m, 0, n, True, root_of)


def _subproof(
    m: int, start: int, n: int, whole: bool, root_of: Callable[[int, int], bytes]
) -> list[bytes]:
    if m == n:
        return [] if whole else [root_of(start, start + n)]
    k = split(n)
    if m <= k:
        return [*_subproof(m, start, k, whole, root_of), root_of(start + k, start + n)]
    return [*_subproof(m - k, start + k, n - k, False, root_of), root_of(start, start + k)]


def range_root(start: int, end: int, whole: Callable[[int, int], bytes]) -> bytes:
    """The root of leaves start..end-1 from `whole(level, index)`, the root of the whole
    subtree of 2**level leaves from index * 2**level (level 0: a leaf hash)."""
    n = end - start
    if n & (n - 1) == 0 and start % n == 0:
        return whole(n.bit_length() - 1, start // n)
    k = split(n)
    return node_hash(range_root(start, start + k, whole), range_root(start + k, end, whole))


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], expected_root: bytes
) -> bool:
    """Whether `proof` shows leaf hash `leaf` at `index` in the tree of `size` leaves
    whose root is `expected_root` (RFC 9162, 2.1.3.2)."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == expected_root


def verify_consistency(
    m: int, n: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether `proof` shows the tree of size m (root `first_root`) is the start of the
    tree of size n (root `second_root`) (RFC 9162, 2.1.4.2)."""
    if not 0 < m <= n:
        return False
    if m == n:
        return not proof and first_root == second_root
    if not proof:
        return False
    path = list(proof)
    if m & (m - 1) == 0:  # m a power of two: the first tree is a node of the second
        path.insert(0, first_root)
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root


# The frontier: the roots of the perfect subtrees a tree of n leaves is made of, largest
# first (one per set bit of n). Appending a leaf and taking the root need only these, so
# a ledger follows the store without rehashing what it has.


def append(frontier: Sequence[bytes], size: int, leaf: bytes) -> list[bytes]:
    """The frontier of a tree of `size` leaves with one more leaf hash."""
    return append_whole(frontier, size, leaf)[0]


def append_whole(
    frontier: Sequence[bytes], size: int, leaf: bytes
) -> tuple[list[bytes], list[tuple[int, int, bytes]]]:
    """The frontier with one more leaf, and the whole subtrees that leaf completes, as
    (level, index, root): what `range_root` looks up."""
    grown, made, level, rest = [*frontier, leaf], [], 0, size
    while rest & 1:
        right, left = grown.pop(), grown.pop()
        grown.append(node_hash(left, right))
        level, rest = level + 1, rest >> 1
        made.append((level, size >> level, grown[-1]))
    return grown, made


def extend_whole(
    frontier: Sequence[bytes], size: int, leaves: Iterable[bytes]
) -> tuple[list[bytes], list[tuple[int, int, bytes]]]:
    """`append_whole` for many leaves at once, in one loop: what a ledger catching up
    with thousands of events runs per leaf, so it makes no call but the hashing."""
    grown: list[bytes] = list(frontier)
    made: list[tuple[int, int, bytes]] = []
    sha256, push, pop, keep = hashlib.sha256, grown.append, grown.pop, made.append
    for index, leaf in enumerate(leaves, start=size):
        push(leaf)
        level, rest = 0, index
        while rest & 1:
            right = pop()
            node = sha256(NODE + pop() + right).digest()
            push(node)
            level, rest = level + 1, rest >> 1
            keep((level, index >> level, node))
    return grown, made


def frontier_root(frontier: Sequence[bytes]) -> bytes:
    if not frontier:
        return EMPTY_ROOT
    result = frontier[-1]
    for subtree in reversed(frontier[:-1]):
        result = node_hash(subtree, result)
    return result
