"""What the exports read besides the JSON API's own queries: every row of a paged query,
a council by its slug, and when each record last changed as this reader may see it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from domain.councils import CouncilNotFound
from domain.projections.pages import MAX_LIMIT, Page
from domain.projections.visibility import Visibility
from domain.service.reading import Reader


def every(fetch: Callable[..., Page], **filters: Any) -> list[dict[str, Any]]:
    """Every row a paged query gives, page after page (for lists of a council's
    committees or meetings: small, unlike the CSV files, which are streamed)."""
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        found = fetch(limit=MAX_LIMIT, cursor=cursor, **filters)
        rows.extend(found.items)
        if found.next is None:
            return rows
        cursor = found.next


def council_named(read: Reader, slug: str) -> dict[str, Any]:
    for council in every(read.queries.councils):
        if council["slug"] == slug:
            return council
    raise CouncilNotFound(f"no council is {slug}")


def last_recorded(read: Reader, ids: Iterable[Any], seen: Visibility) -> dict[str, datetime]:
    """When each record's latest change this reader may see was recorded, by id."""
    return {key: last for key, (_, last) in recorded_span(read, ids, seen).items()}


def recorded_span(
    read: Reader, ids: Iterable[Any], seen: Visibility
) -> dict[str, tuple[datetime, datetime]]:
    """When each record was first recorded, and when its latest change this reader may see
    was, by id: from the audit log, as its SQL reads it (web/exports has no tables of its
    own)."""
    wanted = sorted({str(i) for i in ids})
    found: dict[str, tuple[datetime, datetime]] = {}
    visible, params = seen.sql()
    read_model = read.queries.read_model
    with read_model.reading() as tx:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in tx.rows(
                "SELECT aggregate_id, MIN(recorded_at) AS first, MAX(recorded_at) AS last "
                f"FROM {{p}}read_audit WHERE aggregate_id IN ({marks}) AND {visible} "
                "GROUP BY aggregate_id",
                [*chunk, *params],
            ):
                found[row["aggregate_id"]] = (
                    datetime.fromisoformat(row["first"]),
                    datetime.fromisoformat(row["last"]),
                )
    return found


def counts(read: Reader, seen: Visibility) -> dict[str, int]:
    """How many rows each CSV file holds unfiltered, for a progress bar's length."""
    visible, params = seen.sql()
    joined, joined_params = seen.sql("r.council", "r.exempt")
    statements = {
        "resolutions": (f"SELECT COUNT(*) AS n FROM {{p}}read_resolutions WHERE {visible}", params),
        "actions": (
            "SELECT COUNT(*) AS n FROM {p}read_clauses c JOIN {p}read_resolutions r ON "
            f"r.id = c.resolution_id WHERE c.requested_on IS NOT NULL AND {joined}",
            joined_params,
        ),
        "audit": (f"SELECT COUNT(*) AS n FROM {{p}}read_audit WHERE {visible}", params),
        "attendance": ("SELECT COUNT(*) AS n FROM {p}read_attendance", []),
    }
    with read.queries.read_model.reading() as tx:
        return {name: tx.one(sql, found)["n"] for name, (sql, found) in statements.items()}
