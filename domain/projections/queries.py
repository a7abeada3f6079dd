"""Questions answered from the read models: the register, the tracker, the audit log."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.details import meeting_shape
from domain.projections.pages import Page, check_limit, decode_cursor, keyset, page
from domain.projections.rows import resolution_of, typed
from domain.projections.store import ReadModel

# Red: past its due date. Amber: due within 14 days, or open over 90 days with
# no due date. Green: every other live action. Closed actions are not rated.
AMBER_WITHIN_DAYS = 14
AMBER_UNDATED_AFTER_DAYS = 90
STOPWORDS = {"a", "an", "and", "be", "by", "for", "in", "of", "on", "or", "that", "the",
             "to", "with"}
LIVE = ("open", "referred")
CLOSED = ("reported back", "completed", "dropped")


class ReadQueries:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    # Councils and committees --------------------------------------------------

    def councils(self, *, limit: int = 50, cursor: str | None = None) -> Page:
        after, params = keyset(["c.slug"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                "SELECT c.slug, c.name, (SELECT COUNT(*) FROM {p}read_committees m "
                "WHERE m.council = c.slug) AS committees FROM {p}read_councils c "
                f"WHERE {after} ORDER BY c.slug LIMIT ?", [*params, check_limit(limit) + 1])
        return page(rows, limit, lambda r: [r["slug"]])

    def committees(self, *, council: str | None = None, limit: int = 50,
                   cursor: str | None = None) -> Page:
        where, params = _filters(("council = ?", council))
        after, key = keyset(["council", "slug"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(f"SELECT * FROM {{p}}read_committees WHERE {where} AND {after} "
                           "ORDER BY council, slug LIMIT ?",
                           [*params, *key, check_limit(limit) + 1])
            result = page(rows, limit, lambda r: [r["council"], r["slug"]])
            items = [self._committee(tx, row) for row in result.items]
        return Page(items, result.next)

    def committee(self, committee_id: UUID) -> dict[str, Any] | None:
        with self.read_model.reading() as tx:
            row = tx.one("SELECT * FROM {p}read_committees WHERE id = ?", (str(committee_id),))
            return None if row is None else self._committee(tx, row)

    def _committee(self, tx: Any, row: dict[str, Any]) -> dict[str, Any]:
        cid = row["id"]
        members = [typed(m) for m in tx.rows(
            "SELECT name, role, representing, appointed_on FROM {p}read_members "
            "WHERE committee_id = ?", (cid,))]
        programme = [typed(w) for w in tx.rows(
            "SELECT key, title, added_on, source FROM {p}read_work_programme "
            "WHERE committee_id = ? ORDER BY seq", (cid,))]
        council = tx.one("SELECT name FROM {p}read_councils WHERE slug = ?", (row["council"],))
        return {**typed(row), "council_name": council["name"],
                "members": sorted(members, key=lambda m: m["name"]),
                "work_programme": programme}

    # Meetings -------------------------------------------------------------------

    def meetings(self, *, council: str | None = None, committee: UUID | None = None,
                 date_from: date | None = None, date_to: date | None = None,
                 limit: int = 50, cursor: str | None = None) -> Page:
        where, params = _filters(
            ("council = ?", council), ("committee_id = ?", committee and str(committee)),
            ("date >= ?", date_from and date_from.isoformat()),
            ("date <= ?", date_to and date_to.isoformat()))
        after, key = keyset(["date", "id"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(f"SELECT * FROM {{p}}read_meetings WHERE {where} AND {after} "
                           "ORDER BY date, id LIMIT ?", [*params, *key, check_limit(limit) + 1])
            result = page(rows, limit, lambda r: [r["date"], r["id"]])
            return Page([self._meeting(tx, row) for row in result.items], result.next)

    def meeting(self, meeting_id: UUID) -> dict[str, Any] | None:
        with self.read_model.reading() as tx:
            row = tx.one("SELECT * FROM {p}read_meetings WHERE id = ?", (str(meeting_id),))
            return None if row is None else self._meeting(tx, row)

    def _meeting(self, tx: Any, row: dict[str, Any]) -> dict[str, Any]:
        mid = row["id"]
        attendance = tx.rows("SELECT name, status, capacity FROM {p}read_attendance "
                             "WHERE meeting_id = ? ORDER BY seq", (mid,))
        items = tx.rows("SELECT key, title, minute, agenda_number, exempt FROM "
                        "{p}read_agenda_items WHERE meeting_id = ? ORDER BY seq", (mid,))
        declarations = tx.rows("SELECT member, item_key, interest FROM {p}read_declarations "
                               "WHERE meeting_id = ? ORDER BY seq", (mid,))
        return meeting_shape(typed(row), attendance, [typed(i) for i in items], declarations)

    def resolutions_of_meeting(self, meeting_id: UUID) -> list[dict[str, Any]]:
        with self.read_model.reading() as tx:
            return [typed(r) for r in tx.rows(
                "SELECT id, item, minute, title, status, proposed_on, exempt FROM "
                "{p}read_resolutions WHERE meeting_id = ? ORDER BY seq", (str(meeting_id),))]

    # The resolution register ------------------------------------------------------

    def resolutions(self, *, council: str | None = None, committee: UUID | None = None,
                    meeting: UUID | None = None, status: str | None = None,
                    q: str | None = None, date_from: date | None = None,
                    date_to: date | None = None, limit: int = 50,
                    cursor: str | None = None) -> Page:
        where, params = _filters(
            ("council = ?", council), ("committee_id = ?", committee and str(committee)),
            ("meeting_id = ?", meeting and str(meeting)), ("status = ?", status),
            ("meeting_date >= ?", date_from and date_from.isoformat()),
            ("meeting_date <= ?", date_to and date_to.isoformat()))
        if q is not None:
            search, search_params = self._search(q)
            where, params = f"{where} AND {search}", [*params, *search_params]
        after, key = keyset(["meeting_date", "seq"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(f"SELECT * FROM {{p}}read_resolutions WHERE {where} AND {after} "
                           "ORDER BY meeting_date, seq LIMIT ?",
                           [*params, *key, check_limit(limit) + 1])
            result = page(rows, limit, lambda r: [r["meeting_date"], r["seq"]])
            return Page(self._with_clauses(tx, result.items), result.next)

    def resolution(self, resolution_id: UUID) -> dict[str, Any] | None:
        with self.read_model.reading() as tx:
            row = tx.one("SELECT * FROM {p}read_resolutions WHERE id = ?",
                         (str(resolution_id),))
            return None if row is None else self._with_clauses(tx, [row])[0]

    def _with_clauses(self, tx: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ", ".join("?" for _ in ids)
        clauses = tx.rows(f"SELECT * FROM {{p}}read_clauses WHERE resolution_id IN ({marks})",
                          ids)
        progress = tx.rows("SELECT * FROM {p}read_action_progress WHERE resolution_id IN "
                           f"({marks})", ids)
        return [resolution_of(r, [c for c in clauses if c["resolution_id"] == r["id"]],
                              [p for p in progress if p["resolution_id"] == r["id"]])
                for r in rows]

    def _search(self, q: str) -> tuple[str, list[Any]]:
        words = [w for w in re.findall(r"\w+", q.lower()) if w not in STOPWORDS]
        if not words:
            return "1 = 0", []
        if self.read_model.postgres:
            return "search_vector @@ plainto_tsquery('english', ?)", [" ".join(words)]
        match = " ".join(f'"{w}"' for w in words)
        return ("id IN (SELECT resolution_id FROM read_resolution_search "
                "WHERE read_resolution_search MATCH ?)", [match])

    # The action tracker --------------------------------------------------------------

    def actions(self, *, council: str | None = None, committee: UUID | None = None,
                status: str | None = None, rag: str | None = None, owner: str | None = None,
                today: date, limit: int = 50, cursor: str | None = None) -> Page:
        """Every clause that asks for something, once its resolution was carried."""
        rag_sql = ("CASE WHEN c.action_status NOT IN ('open', 'referred') THEN NULL "
                   "WHEN c.due_date IS NOT NULL AND c.due_date < ? THEN 'red' "
                   "WHEN c.due_date IS NOT NULL AND c.due_date <= ? THEN 'amber' "
                   "WHEN c.due_date IS NULL AND c.requested_on < ? THEN 'amber' "
                   "ELSE 'green' END")
        rag_params = [today.isoformat(), (today + timedelta(AMBER_WITHIN_DAYS)).isoformat(),
                      (today - timedelta(AMBER_UNDATED_AFTER_DAYS)).isoformat()]
        statuses = {"open": LIVE, "closed": CLOSED, None: LIVE + CLOSED}[status]
        where, params = _filters(
            ("r.council = ?", council), ("r.committee_id = ?", committee and str(committee)),
            ("c.owner = ?", owner))
        marks = ", ".join("?" for _ in statuses)
        chosen = (f"SELECT c.*, r.council, r.committee_id, r.meeting_id, r.meeting_date, "
                  f"r.minute, r.title, r.seq, {rag_sql} AS rag FROM {{p}}read_clauses c "
                  "JOIN {p}read_resolutions r ON r.id = c.resolution_id "
                  f"WHERE c.requested_on IS NOT NULL AND c.action_status IN ({marks}) "
                  f"AND {where}")
        rated, rated_params = _filters(("rag = ?", rag))
        after, key = keyset(["requested_on", "seq", "number"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM ({chosen}) AS actions WHERE {rated} AND {after} "
                "ORDER BY requested_on, seq, number LIMIT ?",
                [*rag_params, *statuses, *params, *rated_params, *key, check_limit(limit) + 1])
        result = page(rows, limit, lambda r: [r["requested_on"], r["seq"], r["number"]])
        return Page([_live_action(typed(r), today) for r in result.items], result.next)

    def resolutions_with_actions(self, *, council: str | None, committee: UUID | None,
                                 proposed_by: date) -> list[dict[str, Any]]:
        where, params = _filters(
            ("council = ?", council), ("committee_id = ?", committee and str(committee)))
        with self.read_model.reading() as tx:
            return [typed(r) for r in tx.rows(
                f"SELECT id, seq FROM {{p}}read_resolutions WHERE {where} AND proposed_on <= ? "
                "AND id IN (SELECT resolution_id FROM {p}read_clauses "
                "WHERE action_status IS NOT NULL) ORDER BY seq",
                [*params, proposed_by.isoformat()])]

    @staticmethod
    def page_of_actions(rows: list[dict[str, Any]], *, limit: int,
                        cursor: str | None) -> Page:
        """Keyset pages over rows computed in Python, in the live tracker's order."""
        check_limit(limit)
        rows = sorted(rows, key=sort_key_of_action)
        key = decode_cursor(cursor, 3)
        if key is not None:
            rows = [r for r in rows if sort_key_of_action(r) > key]
        return page(rows[:limit + 1], limit, sort_key_of_action)

    # The audit log -------------------------------------------------------------------

    def audit(self, *, aggregate: UUID | None = None, actor: str | None = None,
              recorded_from: date | None = None, recorded_to: date | None = None,
              limit: int = 50, cursor: str | None = None) -> Page:
        where, params = _filters(
            ("aggregate_id = ?", aggregate and str(aggregate)), ("actor = ?", actor),
            ("recorded_at >= ?", recorded_from and recorded_from.isoformat()),
            ("recorded_at < ?", recorded_to and (recorded_to + timedelta(1)).isoformat()))
        after, key = keyset(["position"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(f"SELECT * FROM {{p}}read_audit WHERE {where} AND {after} "
                           "ORDER BY position LIMIT ?", [*params, *key, check_limit(limit) + 1])
        result = page(rows, limit, lambda r: [r["position"]])
        return Page([audit_row(r) for r in result.items], result.next)

    def history(self, aggregate_id: UUID) -> list[dict[str, Any]]:
        """Every audit line of one record, oldest first."""
        with self.read_model.reading() as tx:
            rows = tx.rows("SELECT * FROM {p}read_audit WHERE aggregate_id = ? "
                           "ORDER BY version", (str(aggregate_id),))
        return [audit_row(r) for r in rows]


def audit_row(row: dict[str, Any]) -> dict[str, Any]:
    row = typed(row)
    row["data"] = json.loads(row["data"])
    return row


def rag_of(status: str, due_date: date | None, requested_on: date | None,
           today: date) -> str | None:
    """The documented rating rule, in Python (the SQL CASE in `actions` is its twin)."""
    if status not in LIVE:
        return None
    if due_date is not None:
        if due_date < today:
            return "red"
        return "amber" if due_date <= today + timedelta(AMBER_WITHIN_DAYS) else "green"
    if requested_on is not None and requested_on < today - timedelta(AMBER_UNDATED_AFTER_DAYS):
        return "amber"
    return "green"


def action_row(resolution: dict[str, Any], clause: dict[str, Any], seq: int, today: date,
               rag: str | None) -> dict[str, Any]:
    action = clause["action"]
    end = action["closed_on"] or today
    return {
        "resolution_id": resolution["id"], "clause": clause["number"],
        "council": resolution["council"], "committee_id": resolution["committee_id"],
        "meeting_id": resolution["meeting_id"], "meeting_date": resolution["meeting_date"],
        "minute": resolution["minute"], "title": resolution["title"], "text": clause["text"],
        "kind": clause["kind"], "status": action["status"],
        "state": "open" if action["status"] in LIVE else "closed", "owner": action["owner"],
        "due_date": action["due_date"], "due_meeting": action["due_meeting"],
        "requested_on": action["requested_on"], "referred_to": action["referred_to"],
        "closed_on": action["closed_on"], "outcome": action["outcome"],
        "age_days": (end - action["requested_on"]).days, "rag": rag, "seq": seq,
    }


def rate(candidate: dict[str, Any], resolution: dict[str, Any], clause: dict[str, Any],
         today: date) -> dict[str, Any] | None:
    """The tracker's row for one clause of a resolution's details, if it is an action
    that was asked for (its resolution carried) by `today`."""
    action = clause["action"]
    if action is None or action["requested_on"] is None or action["requested_on"] > today:
        return None
    rag = rag_of(action["status"], action["due_date"], action["requested_on"], today)
    return action_row(resolution, clause, candidate["seq"], today, rag)


def sort_key_of_action(row: dict[str, Any]) -> list[Any]:
    return [row["requested_on"].isoformat(), row["seq"], row["clause"]]


def _filters(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """AND together the conditions whose value was given."""
    given = [(sql, value) for sql, value in conditions if value is not None]
    if not given:
        return "1 = 1", []
    return " AND ".join(sql for sql, _ in given), [value for _, value in given]


def _live_action(row: dict[str, Any], today: date) -> dict[str, Any]:
    clause = {"number": row["number"], "text": row["text"], "kind": row["kind"],
              "action": {k: row[k] for k in ("owner", "due_date", "due_meeting",
                                             "requested_on", "referred_to", "closed_on",
                                             "outcome")} | {"status": row["action_status"]}}
    resolution = {"id": row["resolution_id"], **{k: row[k] for k in (
        "council", "committee_id", "meeting_id", "meeting_date", "minute", "title")}}
    return action_row(resolution, clause, row["seq"], today, row["rag"])
