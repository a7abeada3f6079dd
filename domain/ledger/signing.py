"""Signed checkpoints: a tree size, its root hash and the time, signed with Ed25519.

The signed text is plain ASCII, so that any implementation can rebuild it:

    minutebook ledger checkpoint v1
    tree_size 42
    root_hash 5c1f…(64 hex digits)
    timestamp 2026-12-02T06:30:00.123Z

(each line ends with a line feed, the last one too). The key's id is the SHA-256 of
its raw 32-byte public key, in hex.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

HEADER = "minutebook ledger checkpoint v1"


class SigningKeyError(Exception):
    """Raised when the ledger's signing key cannot be read or made."""


@dataclass(frozen=True)
class Checkpoint:
    tree_size: int
    root_hash: str  # hex
    timestamp: str  # ISO 8601 UTC, as signed
    key_id: str  # hex
    signature: str  # base64

    def signed_text(self) -> bytes:
        return checkpoint_text(self.tree_size, self.root_hash, self.timestamp)


def checkpoint_text(tree_size: int, root_hash: str, timestamp: str) -> bytes:
    return (
        f"{HEADER}\ntree_size {tree_size}\nroot_hash {root_hash}\ntimestamp {timestamp}\n"
    ).encode("ascii")


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public_key(key)).hexdigest()


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


class Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self.private_key = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id(self.public_key)

    def sign(self, tree_size: int, root_hash: str, timestamp: str) -> Checkpoint:
        signature = self.private_key.sign(checkpoint_text(tree_size, root_hash, timestamp))
        return Checkpoint(
            tree_size, root_hash, timestamp, self.key_id, base64.b64encode(signature).decode()
        )

    @classmethod
    def from_file(cls, path: Path, *, create: bool) -> Signer:
        """The key in a PEM file; with `create`, made there first if missing (mode 0600,
        written whole before it appears, so processes starting together agree)."""
        if create and not path.exists():
            _create_key_file(path)
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as e:
            raise SigningKeyError(f"cannot read the ledger's signing key {path}: {e}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"the ledger's signing key {path} is not an Ed25519 key")
        return cls(key)


def new_key_file(path: Path) -> Signer:
    """Make a key in a new file (mode 0600) for a deployment to name; refuses to replace
    one, whose checkpoints would then verify with no key anyone holds."""
    if path.exists():
        raise SigningKeyError(f"{path} exists already: a key is never replaced")
    _create_key_file(path)
    return Signer.from_file(path, create=False)


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(draft, path)
    finally:
        draft.unlink(missing_ok=True)


def signature_holds(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> bool:
    try:
        public_key.verify(base64.b64decode(checkpoint.signature), checkpoint.signed_text())
    except (InvalidSignature, ValueError):
        return False
    return True
