"""The tree, its roots and proofs, against a recomputation written the other way round:
bottom-up, a level at a time, carrying an odd node up (which is RFC 9162's tree)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from uuid import UUID

import pytest

from domain.ledger import merkle

SIZES = range(1, 65)


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(f"event {i}".encode()) for i in range(n)]


def naive_root(hashes: list[bytes]) -> bytes:
    level = list(hashes)
    while len(level) > 1:
        paired = [
            hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        level = paired + ([level[-1]] if len(level) % 2 else [])
    return level[0]


def test_a_leaf_and_a_node_are_hashed_apart():
    assert merkle.leaf_hash(b"x") == hashlib.sha256(b"\x00x").digest()
    assert merkle.node_hash(b"a", b"b") == hashlib.sha256(b"\x01ab").digest()
    assert merkle.root([]) == hashlib.sha256(b"").digest()


def test_the_leaf_encoding_gives_every_length():
    leaf = merkle.leaf_bytes(7, UUID(int=1), 2, "t", b"{}")
    assert leaf == (
        (7).to_bytes(8, "big")
        + UUID(int=1).bytes
        + (2).to_bytes(8, "big")
        + (1).to_bytes(8, "big")
        + b"t"
        + (2).to_bytes(8, "big")
        + b"{}"
    )


@pytest.mark.parametrize("n", SIZES)
def test_roots_agree_with_a_naive_recomputation(n):
    hashes = leaves(n)
    frontier: list[bytes] = []
    for size, leaf in enumerate(hashes):
        frontier = merkle.append(frontier, size, leaf)
    assert merkle.root(hashes) == naive_root(hashes) == merkle.frontier_root(frontier)


@pytest.mark.parametrize("n", SIZES)
def test_every_leaf_has_an_inclusion_proof_that_verifies(n):
    hashes = leaves(n)
    head = naive_root(hashes)
    for index in range(n):
        proof = merkle.inclusion_proof(index, hashes)
        assert merkle.verify_inclusion(index, n, hashes[index], proof, head)
        assert not merkle.verify_inclusion(index, n, merkle.leaf_hash(b"forged"), proof, head)
        if n > 1:
            assert not merkle.verify_inclusion((index + 1) % n, n, hashes[index], proof, head)


@pytest.mark.parametrize("n", SIZES)
def test_every_earlier_tree_has_a_consistency_proof_that_verifies(n):
    hashes = leaves(n)
    for m in range(1, n + 1):
        proof = merkle.consistency_proof(m, hashes)
        first = naive_root(hashes[:m])
        assert merkle.verify_consistency(m, n, first, naive_root(hashes), proof)
        rewritten = [merkle.leaf_hash(b"rewritten"), *hashes[1:]]
        assert not merkle.verify_consistency(
            m, n, naive_root(rewritten[:m]), naive_root(hashes), proof
        )


def standalone():
    """The auditors' verifier, loaded from its file as an auditor would run it."""
    path = Path(__file__).parents[2] / "tools" / "verify_export.py"
    spec = importlib.util.spec_from_file_location("verify_export", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("n", SIZES)
def test_the_standalone_verifier_agrees_on_roots_and_proofs(n):
    auditor = standalone()
    hashes = leaves(n)
    head = naive_root(hashes)
    assert auditor.root(hashes) == head
    for index in range(n):
        proof = merkle.inclusion_proof(index, hashes)
        assert auditor.verify_inclusion(index, n, hashes[index], proof, head)
        assert not auditor.verify_inclusion(index, n, merkle.leaf_hash(b"forged"), proof, head)
    for m in range(1, n + 1):
        proof = merkle.consistency_proof(m, hashes)
        assert auditor.verify_consistency(m, n, naive_root(hashes[:m]), head, proof)
        assert not auditor.verify_consistency(m, n, merkle.leaf_hash(b"other"), head, proof)


def test_the_standalone_verifier_encodes_leaves_the_same_way():
    auditor = standalone()
    args = (12, UUID("d8bd13fe-05ee-5c0d-8a4c-e97c5971333e"), 3, "domain.x:Y.Z", b'{"a":1}')
    assert auditor.leaf_bytes(*args) == merkle.leaf_bytes(*args)


@pytest.mark.parametrize("n", SIZES)
def test_proofs_from_whole_subtrees_kept_as_leaves_arrive_are_the_same(n):
    hashes = leaves(n)
    kept: dict[tuple[int, int], bytes] = {(0, i): h for i, h in enumerate(hashes)}
    frontier: list[bytes] = []
    for size, leaf in enumerate(hashes):
        frontier, made = merkle.append_whole(frontier, size, leaf)
        kept.update(((level, index), h) for level, index, h in made)

    def root_of(start, end):
        return merkle.range_root(start, end, lambda level, index: kept[(level, index)])

    assert root_of(0, n) == naive_root(hashes)
    for index in range(n):
        assert merkle.inclusion_path(index, n, root_of) == merkle.inclusion_proof(index, hashes)
    for m in range(1, n + 1):
        assert merkle.consistency_path(m, n, root_of) == merkle.consistency_proof(m, hashes)


@pytest.mark.parametrize("n", SIZES)
def test_a_batch_of_leaves_grows_the_tree_as_the_same_leaves_one_by_one(n):
    hashes = leaves(n)
    for cut in {0, 1, n // 3, n - 1}:  # a tree already holding some leaves takes the rest
        one_by_one, made_one_by_one = [], []
        for size, leaf in enumerate(hashes):
            one_by_one, made = merkle.append_whole(one_by_one, size, leaf)
            made_one_by_one.extend(made)
        before, made_before = [], []
        for size, leaf in enumerate(hashes[:cut]):
            before, made = merkle.append_whole(before, size, leaf)
            made_before.extend(made)
        frontier, made = merkle.extend_whole(before, cut, hashes[cut:])
        assert frontier == one_by_one
        assert made_before + made == made_one_by_one
        assert merkle.frontier_root(frontier) == naive_root(hashes)
