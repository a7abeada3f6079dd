"""API tokens: created and revoked by operators, kept only as hashes.

A token reads `mbk_<id>_<secret>`. The id names its row; the secret is 256 random
bits, of which only the SHA-256 is kept (a fast hash is enough for a random secret
of that length; nothing guessable is ever hashed). The token is shown once, when
it is created.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.errors import InvalidValue
from domain.projections.store import ReadModel
from domain.recording import check_text

ROLES = ("clerk", "admin")
TOKEN = re.compile(r"^mbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Principal:
    """Who a token speaks for: a named holder, a role, and one council or all."""

    token_id: str
    holder: str
    role: str
    council: str | None  # None: every council (admins)

    def covers(self, council: str) -> bool:
        return self.role == "admin" or self.council == council


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenStore:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model
        read_model.ensure_table(
            "CREATE TABLE IF NOT EXISTS {p}api_tokens (id TEXT PRIMARY KEY, "
            "holder TEXT NOT NULL, role TEXT NOT NULL, council TEXT, "
            "secret_hash TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)")

    def create(self, *, holder: str, role: str, council: str | None) -> tuple[Principal, str]:
        """A new token; returns who it speaks for and the token itself (shown once)."""
        holder = check_text(holder, "holder", limit=200)
        if role not in ROLES:
            raise InvalidValue(f"role must be one of {', '.join(ROLES)}")
        if role == "clerk" and council is None:
            raise InvalidValue("a clerk's token is for one council: give --council")
        if role == "admin" and council is not None:
            raise InvalidValue("an admin's token is for every council: leave out --council")
        if council is not None and not SLUG.match(council):
            raise InvalidValue("a council is named by its slug, e.g. st-helens")
        token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        with self.read_model.writing() as tx:
            tx.run("INSERT INTO {p}api_tokens (id, holder, role, council, secret_hash, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (token_id, holder, role, council, _hash(secret),
                    datetime.now(UTC).isoformat()))
        return Principal(token_id, holder, role, council), f"mbk_{token_id}_{secret}"

    def revoke(self, token_id: str) -> bool:
        with self.read_model.writing() as tx:
            found = tx.one("SELECT revoked_at FROM {p}api_tokens WHERE id = ?", (token_id,))
            if found is None or found["revoked_at"] is not None:
                return False
            tx.run("UPDATE {p}api_tokens SET revoked_at = ? WHERE id = ?",
                   (datetime.now(UTC).isoformat(), token_id))
        return True

    def list(self) -> list[dict[str, Any]]:
        with self.read_model.reading(of_read_models=False) as tx:
            return tx.rows("SELECT id, holder, role, council, created_at, revoked_at "
                           "FROM {p}api_tokens ORDER BY created_at, id")

    def authenticate(self, token: str) -> Principal | None:
        """Who a presented token speaks for, or None if it is unknown or revoked."""
        match = TOKEN.match(token)
        if match is None:
            return None
        token_id, secret = match.groups()
        with self.read_model.reading(of_read_models=False) as tx:
            row = tx.one("SELECT * FROM {p}api_tokens WHERE id = ?", (token_id,))
        if row is None or row["revoked_at"] is not None:
            return None
        if not hmac.compare_digest(row["secret_hash"], _hash(secret)):
            return None
        return Principal(row["id"], row["holder"], row["role"], row["council"])
