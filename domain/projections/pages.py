"""Keyset pagination: a page of items and an opaque cursor for the next one."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from domain.errors import InvalidValue
from domain.recording import text_problem

MAX_LIMIT = 200


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next: str | None


def encode_cursor(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# Keyset columns that hold whole numbers (positions, versions, clause numbers); every
# other keyset column holds text (dates, ids, slugs).
WHOLE_NUMBERS = {"seq", "position", "version", "number"}


def decode_cursor(
    cursor: str | None, width: int, columns: list[str] | None = None
) -> list[Any] | None:
    """The key a cursor holds, checked value by value against the columns it is for: a
    hand-made cursor with a number where text belongs (which PostgreSQL would refuse to
    compare) is a 422, never a 500."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InvalidValue("cursor is not one this service gave out") from None
    if not isinstance(key, list) or len(key) != width:
        raise InvalidValue("cursor is not one this service gave out")
    names = [c.rsplit(".", 1)[-1] for c in columns] if columns else [None] * width
    if not all(_sane(value, name) for value, name in zip(key, names, strict=True)):
        raise InvalidValue("cursor is not one this service gave out")
    return key


def _sane(value: Any, column: str | None = None) -> bool:
    """A cursor holds dates, ids and positions: short text or a 64-bit whole number, of
    the type its column holds when the column is known."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -(2**63) <= value < 2**63 and column in (None, *WHOLE_NUMBERS)
    text = isinstance(value, str) and len(value) <= 100 and text_problem(value) is None
    return text and column not in WHOLE_NUMBERS


def keyset(columns: list[str], cursor: str | None) -> tuple[str, list[Any]]:
    """The WHERE fragment that starts after the cursor's row, in ascending order."""
    key = decode_cursor(cursor, len(columns), columns)
    if key is None:
        return "1 = 1", []
    marks = ", ".join("?" for _ in columns)
    return f"({', '.join(columns)}) > ({marks})", key


def page(rows: list[dict[str, Any]], limit: int, key_of: Any) -> Page:
    """`rows` was fetched with limit + 1, so one more row means another page."""
    if len(rows) > limit:
        rows = rows[:limit]
        return Page(rows, encode_cursor(key_of(rows[-1])))
    return Page(rows, None)


def check_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidValue(f"limit must be between 1 and {MAX_LIMIT}")
    return limit
