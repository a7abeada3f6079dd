"""Safe retries: a POST with an `Idempotency-Key` is carried out once.

The first request with a key claims it; when it succeeds, its response is kept
with a fingerprint of the request. A retry with the same key and the same request
gets that response back and records nothing; the same key with a different
request is refused (422). Keys belong to the token that sent them.

If a request fails, its claim is released so a retry runs afresh (a failed
command recorded nothing). If the process dies between recording and keeping the
response, the claim stays open and a retry is told so (409) rather than risk
recording twice: the client should read the record before trying again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.projections.store import ReadModel

MAX_KEY_LENGTH = 200


@dataclass(frozen=True)
class Replay:
    status: int
    body: dict[str, Any]


class KeyReused(Exception):
    """Raised when a key comes back with a different request."""


class KeyInProgress(Exception):
    """Raised when a key's first request has not finished."""


def fingerprint(method: str, path: str, body: Any) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


class IdempotencyStore:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model
        read_model.ensure_table(
            "CREATE TABLE IF NOT EXISTS {p}idempotency_keys (token_id TEXT NOT NULL, "
            "key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER, body TEXT, "
            "created_at TEXT NOT NULL, PRIMARY KEY (token_id, key))")

    def claim(self, token_id: str, key: str, print_: str) -> Replay | None:
        """Claim a key (None: go ahead), or the response its first request got."""
        with self.read_model.writing() as tx:
            claimed = tx.rows(
                "INSERT INTO {p}idempotency_keys (token_id, key, fingerprint, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (token_id, key) DO NOTHING "
                "RETURNING token_id", (token_id, key, print_, datetime.now(UTC).isoformat()))
            if claimed:
                return None
            row = tx.one("SELECT fingerprint, status, body FROM {p}idempotency_keys "
                         "WHERE token_id = ? AND key = ?", (token_id, key))
        if row["fingerprint"] != print_:
            raise KeyReused(key)
        if row["status"] is None:
            raise KeyInProgress(key)
        return Replay(row["status"], json.loads(row["body"]))

    def complete(self, token_id: str, key: str, status: int, body: dict[str, Any]) -> None:
        with self.read_model.writing() as tx:
            tx.run("UPDATE {p}idempotency_keys SET status = ?, body = ? "
                   "WHERE token_id = ? AND key = ?",
                   (status, json.dumps(body, default=str), token_id, key))

    def release(self, token_id: str, key: str) -> None:
        with self.read_model.writing() as tx:
            tx.run("DELETE FROM {p}idempotency_keys WHERE token_id = ? AND key = ? "
                   "AND status IS NULL", (token_id, key))
