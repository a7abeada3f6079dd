"""Safe retries: a POST with an `Idempotency-Key` is carried out once.

The first request with a key claims it; when it succeeds, its response is kept
with a fingerprint of the request. A retry with the same key and the same request
gets that response back and records nothing; the same key with a different
request is refused (422). Keys belong to the token that sent them.

If a request fails, its claim is released so a retry runs afresh (a failed
command recorded nothing). If the process dies between claiming the key and keeping
the response, the claim stays open and a retry is told so (409) rather than risk
recording twice: the client should read the record before trying again. A claim
open for longer than any request can run (`claim_seconds`, a minute by default) was
abandoned by a process that died, and the next request with the key takes it over;
once an event is stored a write always answers (Reader.after_write), so the only way to
leave a claim open is a process killed in the moment between the two.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.projections.store import ReadModel

MAX_KEY_LENGTH = 200
CLAIM_SECONDS = 60.0  # longer than any request may run (gunicorn's timeout is 30 s)


# Kept in the read store's database, but not a read model: no event writes it, so a
# rebuild of the read models leaves it as it is.
TABLE = (
    "CREATE TABLE IF NOT EXISTS {p}idempotency_keys (token_id TEXT NOT NULL, "
    "key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER, body TEXT, "
    "created_at TEXT NOT NULL, PRIMARY KEY (token_id, key))"
)


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
    def __init__(self, read_model: ReadModel, *, claim_seconds: float = CLAIM_SECONDS) -> None:
        self.read_model = read_model
        self.claim_seconds = claim_seconds

    def create_table(self) -> None:
        """Make the keys' table if it is not there (when the app starts)."""
        self.read_model.ensure_tables(TABLE)

    def claim(self, token_id: str, key: str, print_: str) -> Replay | None:
        """Claim a key (None: go ahead), or the response its first request got."""
        now = datetime.now(UTC)
        abandoned = (now - timedelta(seconds=self.claim_seconds)).isoformat()
        with self.read_model.writing() as tx:
            claimed = tx.rows(
                "INSERT INTO {p}idempotency_keys (token_id, key, fingerprint, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (token_id, key) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, created_at = excluded.created_at "
                "WHERE {p}idempotency_keys.status IS NULL "
                "AND {p}idempotency_keys.created_at < ? RETURNING token_id",
                (token_id, key, print_, now.isoformat(), abandoned),
            )
            if claimed:
                return None
            row = tx.one(
                "SELECT fingerprint, status, body FROM {p}idempotency_keys "
                "WHERE token_id = ? AND key = ?",
                (token_id, key),
            )
        if row["fingerprint"] != print_:
            raise KeyReused(key)
        if row["status"] is None:
            raise KeyInProgress(key)
        return Replay(row["status"], json.loads(row["body"]))

    def complete(self, token_id: str, key: str, status: int, body: dict[str, Any]) -> None:
        with self.read_model.writing() as tx:
            tx.run(
                "UPDATE {p}idempotency_keys SET status = ?, body = ? "
                "WHERE token_id = ? AND key = ?",
                (status, json.dumps(body, default=str), token_id, key),
            )

    def release(self, token_id: str, key: str) -> None:
        with self.read_model.writing() as tx:
            tx.run(
                "DELETE FROM {p}idempotency_keys WHERE token_id = ? AND key = ? AND status IS NULL",
                (token_id, key),
            )
