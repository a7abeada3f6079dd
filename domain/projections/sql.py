"""SQL on the read store, written once for both dialects.

Statements are written with `?` placeholders and `{p}` before table names (the
schema prefix on PostgreSQL, nothing on SQLite); a `Tx` adapts them as it runs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Tx:
    """One transaction on the read store. SQL is written with `?` placeholders and
    `{p}` before table names; both are adapted to the dialect here."""

    def __init__(self, cursor: Any, *, postgres: bool, prefix: str) -> None:
        self.cursor = cursor
        self.postgres = postgres
        self.prefix = prefix

    def sql(self, statement: str) -> str:
        key = (statement, self.postgres, self.prefix)
        sql = _DIALECT.get(key)
        if sql is None:
            if len(_DIALECT) >= 10_000:  # statements are few; schemas (in tests) many
                _DIALECT.clear()
            sql = statement.replace("{p}", self.prefix)
            sql = _DIALECT[key] = sql.replace("?", "%s") if self.postgres else sql
        return sql

    def run(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self.sql(statement), tuple(params))

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self.run(statement, params)
        return [dict(row) for row in self.cursor.fetchall()]

    def one(self, statement: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.rows(statement, params)
        return rows[0] if rows else None


_DIALECT: dict[tuple[str, bool, str], str] = {}  # statements as written -> as run
