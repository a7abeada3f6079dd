"""The orders the action tracker is read in, each a keyset that pages both ways.

`asked`, the API's: the order the actions were asked for (request date, resolution,
clause), read off the index of that order however long the history.

`overdue`, the agenda pack's: red first, then amber, then green, then the closed; within
a rating the earliest due first (undated last), then as asked. A rating holds for the
day rated for, so no index can hold this order: the query rates every action the
filters pick and sorts them, keeping only the page (a top-N sort, one pass).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import InvalidValue
from domain.projections.pages import Page, decode_cursor, encode_cursor, keyset
from domain.projections.tables import NEVER

# The rating's rank as text, so that a cursor's rank is checked and compared as its
# other text keys are: '0' red, '1' amber, '2' green, '3' not rated (closed).
RANK_SQL = "CASE rag WHEN 'red' THEN '0' WHEN 'amber' THEN '1' WHEN 'green' THEN '2' ELSE '3' END"


@dataclass(frozen=True)
class TrackerPage(Page):
    """A page of the tracker, with a cursor for the page before it (None on the first)."""

    previous: str | None = None


@dataclass(frozen=True)
class Order:
    columns: tuple[str, ...]  # the key, column by column of the rated row
    extra: str = ""  # columns the key needs beyond the rated row's, as SQL

    def rows(self, rated: str) -> str:
        """The rated rows, with the columns this order's key needs."""
        return f"SELECT rated.*, {self.extra} FROM ({rated}) AS rated" if self.extra else rated

    def window(self, cursor: str | None, before: str | None) -> tuple[str, list[Any], str]:
        """WHERE fragment, its parameters, and ORDER BY: the rows after `cursor` in this
        order, or those before `before` read backwards (a page's previous page)."""
        columns = list(self.columns)
        if before is None:
            after, key = keyset(columns, cursor)
            return after, key, ", ".join(columns)
        if cursor is not None:
            raise InvalidValue("give cursor or before, not both")
        key = decode_cursor(before, len(columns), columns)
        marks = ", ".join("?" for _ in columns)
        backwards = ", ".join(f"{column} DESC" for column in columns)
        return f"({', '.join(columns)}) < ({marks})", list(key or []), backwards

    def key(self, row: dict[str, Any]) -> str:
        return encode_cursor([row[column] for column in self.columns])

    def page(
        self, rows: list[dict[str, Any]], limit: int, cursor: str | None, before: str | None
    ) -> tuple[list[dict[str, Any]], str | None, str | None]:
        """`rows` read with limit + 1 through `window`: the page's rows in this order, the
        cursor for the page after it and the one for the page before it."""
        more = len(rows) > limit
        rows = rows[:limit]
        if before is not None:
            rows.reverse()  # read backwards; the row past the limit is before the page
            following = self.key(rows[-1]) if rows else None
            return rows, following, (self.key(rows[0]) if more else None)
        previous = self.key(rows[0]) if rows and cursor is not None else None
        return rows, (self.key(rows[-1]) if more else None), previous


ORDERS = {
    "asked": Order(("requested_on", "seq", "number")),
    "overdue": Order(
        ("rag_rank", "due", "requested_on", "seq", "number"),
        f"{RANK_SQL} AS rag_rank, COALESCE(due_date, '{NEVER}') AS due",
    ),
}


def order_named(name: str) -> Order:
    try:
        return ORDERS[name]
    except KeyError:
        raise InvalidValue(f"order must be one of {', '.join(ORDERS)}") from None
