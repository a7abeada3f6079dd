"""Building WHERE clauses from optional filters."""

from __future__ import annotations

from typing import Any


def where_given(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """AND together the conditions whose value was given."""
    given = [(sql, value) for sql, value in conditions if value is not None]
    if not given:
        return "1 = 1", []
    return " AND ".join(sql for sql, _ in given), [value for _, value in given]
