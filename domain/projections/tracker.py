"""The action tracker: every clause that asks for something, once its resolution was
carried, rated red, amber or green.

The rating rule: red when past its due date; amber when due within 14 days, or
open more than 90 days with no due date; green for any other open or referred
action. Closed actions (reported back, completed, dropped) are not rated.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.projections.filters import where_given
from domain.projections.pages import Page, check_limit, decode_cursor, keyset, page
from domain.projections.rows import typed
from domain.projections.store import ReadModel
from domain.projections.visibility import PUBLIC, Visibility

AMBER_WITHIN_DAYS = 14
AMBER_UNDATED_AFTER_DAYS = 90
LIVE = ("open", "referred")
CLOSED = ("reported back", "completed", "dropped")
RAG_SQL = ("CASE WHEN c.action_status NOT IN ('open', 'referred') THEN NULL "
           "WHEN c.due_date IS NOT NULL AND c.due_date < ? THEN 'red' "
           "WHEN c.due_date IS NOT NULL AND c.due_date <= ? THEN 'amber' "
           "WHEN c.due_date IS NULL AND c.requested_on < ? THEN 'amber' "
           "ELSE 'green' END")


def rag_of(status: str, due_date: date | None, requested_on: date | None,
           today: date) -> str | None:
    """The rating rule in Python; RAG_SQL is its twin, and a test holds them together."""
    if status not in LIVE:
        return None
    if due_date is not None:
        if due_date < today:
            return "red"
        return "amber" if due_date <= today + timedelta(AMBER_WITHIN_DAYS) else "green"
    if requested_on is not None and requested_on < today - timedelta(AMBER_UNDATED_AFTER_DAYS):
        return "amber"
    return "green"


class Tracker:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    def actions(self, *, council: str | None = None, committee: UUID | None = None,
                status: str | None = None, rag: str | None = None, owner: str | None = None,
                today: date, seen: Visibility = PUBLIC, limit: int = 50,
                cursor: str | None = None) -> Page:
        """The live tracker, from the read models."""
        rag_params = [today.isoformat(), (today + timedelta(AMBER_WITHIN_DAYS)).isoformat(),
                      (today - timedelta(AMBER_UNDATED_AFTER_DAYS)).isoformat()]
        statuses = {"open": LIVE, "closed": CLOSED, None: LIVE + CLOSED}[status]
        where, params = where_given(
            ("r.council = ?", council), ("r.committee_id = ?", committee and str(committee)),
            ("c.owner = ?", owner))
        visible, visible_params = seen.sql("r.council", "r.exempt")
        # Written out, not bound: so the planner may use the index of live actions.
        marks = ", ".join(f"'{status}'" for status in statuses)
        chosen = (f"SELECT c.*, r.council, r.committee_id, r.meeting_id, r.meeting_date, "
                  f"r.minute, r.title, {RAG_SQL} AS rag FROM {{p}}read_clauses c "
                  "JOIN {p}read_resolutions r ON r.id = c.resolution_id "
                  f"WHERE c.requested_on IS NOT NULL AND c.action_status IN ({marks}) "
                  f"AND {where} AND {visible}")
        rated, rated_params = where_given(("rag = ?", rag))
        after, key = keyset(["requested_on", "seq", "number"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM ({chosen}) AS actions WHERE {rated} AND {after} "
                "ORDER BY requested_on, seq, number LIMIT ?",
                [*rag_params, *params, *visible_params, *rated_params, *key,
                 check_limit(limit) + 1])
        result = page(rows, limit, lambda r: [r["requested_on"], r["seq"], r["number"]])
        return Page([_live_action(typed(r), today) for r in result.items], result.next)

    def candidates(self, *, council: str | None, committee: UUID | None, proposed_by: date,
                   seen: Visibility = PUBLIC) -> list[dict[str, Any]]:
        """Resolutions with actions, proposed by a date: for the tracker as it stood."""
        where, params = where_given(
            ("council = ?", council), ("committee_id = ?", committee and str(committee)))
        visible, visible_params = seen.sql()
        with self.read_model.reading() as tx:
            return [typed(r) for r in tx.rows(
                f"SELECT id, seq FROM {{p}}read_resolutions WHERE {where} AND {visible} "
                "AND proposed_on <= ? AND id IN (SELECT resolution_id FROM {p}read_clauses "
                "WHERE action_status IS NOT NULL) ORDER BY seq",
                [*params, *visible_params, proposed_by.isoformat()])]

    @staticmethod
    def page_of(rows: list[dict[str, Any]], *, limit: int, cursor: str | None) -> Page:
        """Keyset pages over rows computed in Python, in the live tracker's order."""
        check_limit(limit)
        rows = sorted(rows, key=sort_key)
        key = decode_cursor(cursor, 3)
        if key is not None:
            rows = [r for r in rows if sort_key(r) > key]
        return page(rows[:limit + 1], limit, sort_key)


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


def sort_key(row: dict[str, Any]) -> list[Any]:
    return [row["requested_on"].isoformat(), row["seq"], row["clause"]]


def _live_action(row: dict[str, Any], today: date) -> dict[str, Any]:
    clause = {"number": row["number"], "text": row["text"], "kind": row["kind"],
              "action": {k: row[k] for k in ("owner", "due_date", "due_meeting",
                                             "requested_on", "referred_to", "closed_on",
                                             "outcome")} | {"status": row["action_status"]}}
    resolution = {"id": row["resolution_id"], **{k: row[k] for k in (
        "council", "committee_id", "meeting_id", "meeting_date", "minute", "title")}}
    return action_row(resolution, clause, row["seq"], today, row["rag"])
