"""API tokens: created and revoked by operators, kept only as hashes.

A token reads `mbk_<id>_<secret>`. The id names its row; the secret is 256 random
bits, of which only the SHA-256 is kept (a fast hash is enough for a random secret
of that length; nothing guessable is ever hashed). The token is shown once, when
it is created.

The holder's name is recorded as the actor on every change a token makes, and shown
in the audit trail and by `tokens list`. So it may hold no control characters and no
invisible formatting (Unicode category Cf: the bidirectional overrides and isolates
U+202A-U+202E and U+2066-U+2069, the marks U+200E and U+200F, zero-width characters),
which could make one name display as another or reorder a log line.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain import limits
from domain.errors import InvalidValue
from domain.projections.store import ReadModel
from domain.recording import check_text

ROLES = ("clerk", "admin")
TOKEN = re.compile(r"^mbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
# Control, format (bidirectional, zero-width), surrogate, line and paragraph separators.
HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}
# Format characters that spell names rather than disguise them: the zero-width
# non-joiner and joiner shape Persian, Arabic and Indic names, and emoji.
SPELLING = {"\u200c", "\u200d"}


class UnknownCouncil(InvalidValue):
    """Raised when a token is asked for a council the store holds no record of."""


@dataclass(frozen=True)
class Principal:
    """Who a token speaks for: a named holder, a role, and one council or all."""

    token_id: str
    holder: str
    role: str
    council: str | None  # None: every council (admins)

    def covers(self, council: str) -> bool:
        return self.role == "admin" or self.council == council


def check_holder(holder: str) -> None:
    """Refuse a holder's name with a control or invisible formatting character."""
    for char in holder if isinstance(holder, str) else ():  # check_text refuses the rest
        category = unicodedata.category(char)
        if category in HIDDEN and char not in SPELLING:
            name = unicodedata.name(char, "a control character" if category == "Cc" else "")
            which = f"U+{ord(char):04X} {name}".strip()
            raise InvalidValue(
                f"holder must not contain control or formatting characters ({which})"
            )


def _same_name(a: str, b: str) -> bool:
    def key(name: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", name).casefold().split())

    return key(a) == key(b)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# Kept in the read store's database, but not a read model: no event writes it, so a
# rebuild of the read models leaves it as it is.
TABLE = (
    "CREATE TABLE IF NOT EXISTS {p}api_tokens (id TEXT PRIMARY KEY, "
    "holder TEXT NOT NULL, role TEXT NOT NULL, council TEXT, "
    "secret_hash TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)"
)


class TokenStore:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    def create_table(self) -> None:
        """Make the tokens' table if it is not there (when the app starts)."""
        self.read_model.ensure_tables(TABLE)

    def create(
        self, *, holder: str, role: str, council: str | None, require_known_council: bool = False
    ) -> tuple[Principal, str]:
        """A new token; returns who it speaks for and the token itself (shown once).
        With `require_known_council`, a clerk's council must be in the read models
        (bring them up to date first): the operator's command asks for it, while
        tests may make a token before its council's first committee."""
        check_holder(holder)
        holder = check_text(holder, "holder", limit=limits.PERSON)
        if role not in ROLES:
            raise InvalidValue(f"role must be one of {', '.join(ROLES)}")
        if role == "clerk" and council is None:
            raise InvalidValue("a clerk's token is for one council: give --council")
        if role == "admin" and council is not None:
            raise InvalidValue("an admin's token is for every council: leave out --council")
        if council is not None and not limits.is_slug(council):
            raise InvalidValue("a council is named by its slug, e.g. st-helens")
        if council is not None and require_known_council:
            self._check_known(council)
        token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        with self.read_model.writing() as tx:
            tx.run(
                "INSERT INTO {p}api_tokens (id, holder, role, council, secret_hash, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (token_id, holder, role, council, _hash(secret), datetime.now(UTC).isoformat()),
            )
        return Principal(token_id, holder, role, council), f"mbk_{token_id}_{secret}"

    def _check_known(self, council: str) -> None:
        with self.read_model.reading() as tx:
            if tx.one("SELECT slug FROM {p}read_councils WHERE slug = ?", (council,)):
                return
            known = [
                row["slug"]
                for row in tx.rows("SELECT slug FROM {p}read_councils ORDER BY slug LIMIT 11")
            ]
        listed = ", ".join(known[:10]) + (", …" if len(known) > 10 else "") or "none yet"
        raise UnknownCouncil(
            f"this store has no council {council!r} (councils: {listed}); "
            "a council is recorded with its first committee"
        )

    def live_tokens_held_by(self, holder: str) -> list[str]:
        """The ids of unrevoked tokens whose holder has this name (ignoring case, width
        and spacing): two holders of one name cannot be told apart in the audit trail."""
        with self.read_model.reading(of_read_models=False) as tx:
            rows = tx.rows(
                "SELECT id, holder FROM {p}api_tokens WHERE revoked_at IS NULL "
                "ORDER BY created_at, id"
            )
        return [row["id"] for row in rows if _same_name(row["holder"], holder)]

    def revoke(self, token_id: str) -> bool:
        with self.read_model.writing() as tx:
            found = tx.one("SELECT revoked_at FROM {p}api_tokens WHERE id = ?", (token_id,))
            if found is None or found["revoked_at"] is not None:
                return False
            tx.run(
                "UPDATE {p}api_tokens SET revoked_at = ? WHERE id = ?",
                (datetime.now(UTC).isoformat(), token_id),
            )
        return True

    def list(self) -> list[dict[str, Any]]:
        with self.read_model.reading(of_read_models=False) as tx:
            return tx.rows(
                "SELECT id, holder, role, council, created_at, revoked_at "
                "FROM {p}api_tokens ORDER BY created_at, id"
            )

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
