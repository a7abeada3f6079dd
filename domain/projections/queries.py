"""Questions answered from the read models: councils, committees, meetings, the
resolution register, the audit log and the event feed.

Every question about business that may be exempt takes `seen`, whose exempt
business the reader may see; the default is the public's view.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.minute_text import paragraphs_of
from domain.projections.filters import where_given
from domain.projections.pages import Page, check_limit, keyset, page
from domain.projections.rows import resolution_of, typed
from domain.projections.store import ReadModel
from domain.projections.visibility import PUBLIC, Visibility
from domain.shapes import declarations_recorded, meeting_shape

STOPWORDS = {
    "a",
    "an",
    "and",
    "be",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "that",
    "the",
    "to",
    "with",
}


class ReadQueries:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    # Councils and committees --------------------------------------------------------

    def councils(self, *, limit: int = 50, cursor: str | None = None) -> Page:
        after, params = keyset(["c.slug"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                "SELECT c.slug, c.name, (SELECT COUNT(*) FROM {p}read_committees m "
                "WHERE m.council = c.slug) AS committees FROM {p}read_councils c "
                f"WHERE {after} ORDER BY c.slug LIMIT ?",
                [*params, check_limit(limit) + 1],
            )
        return page(rows, limit, lambda r: [r["slug"]])

    def committees(
        self, *, council: str | None = None, limit: int = 50, cursor: str | None = None
    ) -> Page:
        where, params = where_given(("council = ?", council))
        after, key = keyset(["council", "slug"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}read_committees WHERE {where} AND {after} "
                "ORDER BY council, slug LIMIT ?",
                [*params, *key, check_limit(limit) + 1],
            )
            result = page(rows, limit, lambda r: [r["council"], r["slug"]])
            return Page([self._committee(tx, row) for row in result.items], result.next)

    def committee(self, committee_id: UUID) -> dict[str, Any] | None:
        with self.read_model.reading() as tx:
            row = tx.one("SELECT * FROM {p}read_committees WHERE id = ?", (str(committee_id),))
            return None if row is None else self._committee(tx, row)

    def _committee(self, tx: Any, row: dict[str, Any]) -> dict[str, Any]:
        cid = row["id"]
        members = [
            without_none_source(typed(m))
            for m in tx.rows(
                "SELECT name, role, representing, appointed_on, cited_source FROM {p}read_members "
                "WHERE committee_id = ?",
                (cid,),
            )
        ]
        programme = [
            typed(w)
            for w in tx.rows(
                "SELECT key, title, added_on, source FROM {p}read_work_programme "
                "WHERE committee_id = ? ORDER BY seq",
                (cid,),
            )
        ]
        council = tx.one("SELECT name FROM {p}read_councils WHERE slug = ?", (row["council"],))
        return {
            **without_none_source(typed(row)),
            "council_name": council["name"],
            "members": sorted(members, key=lambda m: m["name"]),
            "work_programme": programme,
        }

    def council_of(self, aggregate_id: UUID) -> tuple[str, bool] | None:
        """The council a resolution belongs to and whether it is exempt."""
        with self.read_model.reading() as tx:
            row = tx.one(
                "SELECT council, exempt FROM {p}read_resolutions WHERE id = ?", (str(aggregate_id),)
            )
        return None if row is None else (row["council"], bool(row["exempt"]))

    # Meetings -----------------------------------------------------------------------

    def meetings(
        self,
        *,
        council: str | None = None,
        committee: UUID | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        seen: Visibility = PUBLIC,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        where, params = where_given(
            ("council = ?", council),
            ("committee_id = ?", committee and str(committee)),
            ("date >= ?", date_from and date_from.isoformat()),
            ("date <= ?", date_to and date_to.isoformat()),
        )
        after, key = keyset(["date", "id"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}read_meetings WHERE {where} AND {after} "
                "ORDER BY date, id LIMIT ?",
                [*params, *key, check_limit(limit) + 1],
            )
            result = page(rows, limit, lambda r: [r["date"], r["id"]])
            return Page([self._meeting(tx, row, seen) for row in result.items], result.next)

    def meeting(self, meeting_id: UUID, seen: Visibility = PUBLIC) -> dict[str, Any] | None:
        with self.read_model.reading() as tx:
            row = tx.one("SELECT * FROM {p}read_meetings WHERE id = ?", (str(meeting_id),))
            return None if row is None else self._meeting(tx, row, seen)

    def _meeting(self, tx: Any, row: dict[str, Any], seen: Visibility) -> dict[str, Any]:
        mid = row["id"]
        attendance = [
            typed(a)
            for a in tx.rows(
                "SELECT name, status, capacity, substitute_for, cited_source FROM "
                "{p}read_attendance WHERE meeting_id = ? ORDER BY seq",
                (mid,),
            )
        ]
        items = [
            {**typed(i), "minute_text": paragraphs_of(i["minute_text"])}
            for i in tx.rows(
                "SELECT key, title, minute, agenda_number, exempt, minute_text, cited_source FROM "
                "{p}read_agenda_items WHERE meeting_id = ? ORDER BY seq",
                (mid,),
            )
        ]
        declarations = tx.rows(
            "SELECT member, item_key, interest, kind FROM {p}read_declarations "
            "WHERE meeting_id = ? ORDER BY seq",
            (mid,),
        )
        details = meeting_shape(typed(row), attendance, items, declarations)
        details = without_hidden_items(details, seen)
        return {**details, "resolutions": self._resolutions_of(tx, mid, seen)}

    def _resolutions_of(self, tx: Any, meeting_id: str, seen: Visibility) -> list[dict]:
        visible, params = seen.sql()
        return [
            typed(r)
            for r in tx.rows(
                "SELECT id, item, minute, title, status, proposed_on FROM {p}read_resolutions "
                f"WHERE meeting_id = ? AND {visible} ORDER BY seq",
                (meeting_id, *params),
            )
        ]

    def resolutions_of_meeting(self, meeting_id: UUID, seen: Visibility = PUBLIC) -> list[dict]:
        with self.read_model.reading() as tx:
            return self._resolutions_of(tx, str(meeting_id), seen)

    # The resolution register -----------------------------------------------------------

    def resolutions(
        self,
        *,
        council: str | None = None,
        committee: UUID | None = None,
        meeting: UUID | None = None,
        status: str | None = None,
        q: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        seen: Visibility = PUBLIC,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        where, params = where_given(
            ("council = ?", council),
            ("committee_id = ?", committee and str(committee)),
            ("meeting_id = ?", meeting and str(meeting)),
            ("status = ?", status),
            ("meeting_date >= ?", date_from and date_from.isoformat()),
            ("meeting_date <= ?", date_to and date_to.isoformat()),
        )
        visible, visible_params = seen.sql()
        where, params = f"{where} AND {visible}", [*params, *visible_params]
        if q is not None:
            search, search_params = self._search(q)
            where, params = f"{where} AND {search}", [*params, *search_params]
        after, key = keyset(["meeting_date", "seq"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}read_resolutions WHERE {where} AND {after} "
                "ORDER BY meeting_date, seq LIMIT ?",
                [*params, *key, check_limit(limit) + 1],
            )
            result = page(rows, limit, lambda r: [r["meeting_date"], r["seq"]])
            return Page(self._with_clauses(tx, result.items), result.next)

    def resolution(self, resolution_id: UUID, seen: Visibility = PUBLIC) -> dict[str, Any] | None:
        visible, params = seen.sql()
        with self.read_model.reading() as tx:
            row = tx.one(
                f"SELECT * FROM {{p}}read_resolutions WHERE id = ? AND {visible}",
                (str(resolution_id), *params),
            )
            return None if row is None else self._with_clauses(tx, [row])[0]

    def _with_clauses(self, tx: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" for _ in ids)
        clauses = tx.rows(f"SELECT * FROM {{p}}read_clauses WHERE resolution_id IN ({marks})", ids)
        progress = tx.rows(
            f"SELECT * FROM {{p}}read_action_progress WHERE resolution_id IN ({marks})", ids
        )
        clauses_of: dict[str, list[dict[str, Any]]] = {}
        for c in clauses:
            clauses_of.setdefault(c["resolution_id"], []).append(c)
        progress_of: dict[str, list[dict[str, Any]]] = {}
        for p in progress:
            progress_of.setdefault(p["resolution_id"], []).append(p)
        return [
            resolution_of(r, clauses_of.get(r["id"], []), progress_of.get(r["id"], []))
            for r in rows
        ]

    def _search(self, q: str) -> tuple[str, list[Any]]:
        words = [w for w in re.findall(r"\w+", q.lower()) if w not in STOPWORDS][:20]
        if not words:
            return "1 = 0", []
        if self.read_model.postgres:
            return "search_vector @@ plainto_tsquery('english', ?)", [" ".join(words)]
        match = " ".join(f'"{w}"' for w in words)
        return (
            "id IN (SELECT resolution_id FROM read_resolution_search "
            "WHERE read_resolution_search MATCH ?)",
            [match],
        )

    # The audit log and the event feed ------------------------------------------------

    def audit(
        self,
        *,
        aggregate: UUID | None = None,
        recorded_by: str | None = None,
        recorded_from: date | None = None,
        recorded_to: date | None = None,
        seen: Visibility = PUBLIC,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        where, params = where_given(
            ("aggregate_id = ?", aggregate and str(aggregate)),
            ("recorded_by = ?", recorded_by),
            ("recorded_at >= ?", recorded_from and recorded_from.isoformat()),
            ("recorded_at < ?", recorded_to and (recorded_to + timedelta(1)).isoformat()),
        )
        visible, visible_params = seen.sql()
        after, key = keyset(["position"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}read_audit WHERE {where} AND {visible} AND "
                f"{after} ORDER BY position LIMIT ?",
                [*params, *visible_params, *key, check_limit(limit) + 1],
            )
        result = page(rows, limit, lambda r: [r["position"]])
        return Page([audit_row(r) for r in result.items], result.next)

    def history(
        self,
        aggregate_id: UUID,
        seen: Visibility = PUBLIC,
        *,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """The audit lines of one record, oldest first, a page at a time."""
        visible, params = seen.sql()
        after, key = keyset(["version"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}read_audit WHERE aggregate_id = ? AND {visible} "
                f"AND {after} ORDER BY version LIMIT ?",
                [str(aggregate_id), *params, *key, check_limit(limit) + 1],
            )
        result = page(rows, limit, lambda r: [r["version"]])
        return Page([audit_row(r) for r in result.items], result.next)

    def progress_notes(
        self,
        resolution_id: UUID,
        clause: int,
        seen: Visibility = PUBLIC,
        *,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page | None:
        """The progress notes on one clause's action, oldest first, a page at a time (a
        clause that asks nothing has none); None if the resolution has no such clause or
        is not one this reader may see."""
        if not 1 <= clause < 2**31:  # a clause number is small: no driver need see more
            return None
        visible, params = seen.sql("r.council", "r.exempt")
        after, key = keyset(["seq"], cursor)
        with self.read_model.reading() as tx:
            found = tx.one(
                "SELECT c.number FROM {p}read_clauses c JOIN {p}read_resolutions r "
                f"ON r.id = c.resolution_id WHERE r.id = ? AND c.number = ? AND "
                f"{visible}",
                (str(resolution_id), clause, *params),
            )
            if found is None:
                return None
            rows = tx.rows(
                "SELECT seq, noted_on, note, noted_by FROM {p}read_action_progress "
                f"WHERE resolution_id = ? AND clause = ? AND {after} ORDER BY seq "
                "LIMIT ?",
                [str(resolution_id), clause, *key, check_limit(limit) + 1],
            )
        result = page(rows, limit, lambda r: [r["seq"]])
        return Page(
            [{k: v for k, v in typed(r).items() if k != "seq"} for r in result.items], result.next
        )

    def events(self, *, after: int, limit: int, seen: Visibility = PUBLIC) -> list[dict]:
        """The ordered event feed: what the store recorded after a position, as far as
        the read models know it (so exempt business can be left out)."""
        visible, params = seen.sql()
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM {{p}}read_audit WHERE position > ? AND {visible} "
                "ORDER BY position LIMIT ?",
                (after, *params, limit),
            )
        return [audit_row(r) for r in rows]


def without_none_source(fields: dict[str, Any]) -> dict[str, Any]:
    """A committee's or member's fields, with `source` only where one was cited."""
    return {k: v for k, v in fields.items() if k != "source" or v is not None}


def without_hidden_items(meeting: dict[str, Any], seen: Visibility) -> dict[str, Any]:
    """A meeting as this reader may see it: exempt items, and declarations on them, gone."""
    hidden = {i["key"] for i in meeting["items"] if not seen.shows(meeting["council"], i["exempt"])}
    if not hidden:
        return meeting
    declarations = [d for d in meeting["declarations"] if d["item_key"] not in hidden]
    return {
        **meeting,
        "items": [i for i in meeting["items"] if i["key"] not in hidden],
        "declarations": declarations,
        # Declarations made only on exempt items are, to this reader, none recorded.
        "declarations_recorded": declarations_recorded(
            meeting["declarations_recorded"] == "none", declarations
        ),
    }


def audit_row(row: dict[str, Any]) -> dict[str, Any]:
    row = typed(row)
    row["data"] = json.loads(row["data"])
    return row
