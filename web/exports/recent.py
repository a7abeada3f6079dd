"""The feeds' three questions, newest (or soonest due) first, a page at a time: a
council's decisions, its audit trail, and its live actions by due date.

The JSON API's queries list oldest first; a feed reader reads the first page only, so
these read the same read-model tables, with the same visibility, the other way round
(web/exports has no tables of its own).
"""

from __future__ import annotations

from typing import Any

from domain.projections.pages import Page, check_limit, decode_cursor, encode_cursor
from domain.projections.queries import audit_row
from domain.projections.rows import typed
from domain.projections.statuses import LIVE_ACTIONS
from domain.projections.visibility import Visibility
from domain.service.reading import Reader


def _page(
    read: Reader,
    statement: str,
    params: list[Any],
    columns: list[str],
    *,
    descending: bool,
    limit: int,
    cursor: str | None,
) -> Page:
    """`statement` has `{after}` where the keyset condition goes and `{order}` for the
    ORDER BY; rows come back with their key columns named as `columns` (unqualified)."""
    key = decode_cursor(cursor, len(columns), columns)
    after = "1 = 1"
    if key is not None:
        marks = ", ".join("?" for _ in columns)
        after = f"({', '.join(columns)}) {'<' if descending else '>'} ({marks})"
    order = ", ".join(f"{c} {'DESC' if descending else 'ASC'}" for c in columns)
    with read.queries.read_model.reading() as tx:
        rows = tx.rows(
            statement.format(p="{p}", after=after, order=order) + " LIMIT ?",
            [*params, *(key or []), check_limit(limit) + 1],
        )
    names = [c.rsplit(".", 1)[-1] for c in columns]
    if len(rows) > limit:
        rows = rows[:limit]
        return Page(rows, encode_cursor([rows[-1][n] for n in names]))
    return Page(rows, None)


def decisions(
    read: Reader, council: str, seen: Visibility, *, limit: int, cursor: str | None
) -> Page:
    """The council's resolutions that were decided, latest decision first."""
    visible, params = seen.sql()
    found = _page(
        read,
        "SELECT id, decided_on, seq FROM {p}read_resolutions WHERE council = ? "
        f"AND decided_on IS NOT NULL AND {visible} AND {{after}} ORDER BY {{order}}",
        [council, *params],
        ["decided_on", "seq"],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    return Page([typed(r) for r in found.items], found.next)


def audit(read: Reader, council: str, seen: Visibility, *, limit: int, cursor: str | None) -> Page:
    """The council's audit trail, latest first."""
    visible, params = seen.sql()
    found = _page(
        read,
        f"SELECT * FROM {{p}}read_audit WHERE council = ? AND {visible} AND {{after}} "
        "ORDER BY {order}",
        [council, *params],
        ["position"],
        descending=True,
        limit=limit,
        cursor=cursor,
    )
    return Page([audit_row(r) for r in found.items], found.next)


def falling_due(
    read: Reader, council: str, seen: Visibility, *, limit: int, cursor: str | None
) -> Page:
    """The council's live actions that have a due date, soonest due first (overdue ones
    at the head)."""
    visible, params = seen.sql("r.council", "r.exempt")
    found = _page(
        read,
        "SELECT c.resolution_id, c.number, c.label, c.text, c.kind, c.action_status, "
        "c.owner, c.due_date, c.referred_to, c.state_from, r.minute, r.title, "
        "r.meeting_date, r.committee_id FROM {p}read_clauses c JOIN {p}read_resolutions r "
        f"ON r.id = c.resolution_id WHERE r.council = ? AND {visible} AND c.due_date IS NOT "
        f"NULL AND c.action_status IN ({LIVE_ACTIONS}) AND {{after}} ORDER BY {{order}}",
        [council, *params],
        ["c.due_date", "c.resolution_id", "c.number"],
        descending=False,
        limit=limit,
        cursor=cursor,
    )
    return Page([typed(r) for r in found.items], found.next)
