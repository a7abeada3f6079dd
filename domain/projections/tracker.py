"""The action tracker: every clause that asks for something, once its resolution was
carried, rated red, amber or green; now, or as it stood on a date.

The rating rule: red when past its due date; amber when due within 14 days, or
open more than 90 days with no due date; green for any other open or referred
action. Closed actions (reported back, completed, dropped) are not rated.

The tracker as it stood on a date D is the same query over the actions' states that
held on D (read_action_states), rated for D: each a row of the index, never a replay.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.projections.as_of import held_on
from domain.projections.filters import where_given
from domain.projections.pages import Page, check_limit, keyset, page
from domain.projections.rows import typed
from domain.projections.store import ReadModel
from domain.projections.visibility import PUBLIC, Visibility

AMBER_WITHIN_DAYS = 14
AMBER_UNDATED_AFTER_DAYS = 90
LIVE = ("open", "referred")
CLOSED = ("reported back", "completed", "dropped")
# The rating rule, the one place it is written: its three dates are today, today + 14
# days and today - 90 days (see rag_params).
RAG_SQL = ("CASE WHEN c.action_status NOT IN ('open', 'referred') THEN NULL "
           "WHEN c.due_date IS NOT NULL AND c.due_date < ? THEN 'red' "
           "WHEN c.due_date IS NOT NULL AND c.due_date <= ? THEN 'amber' "
           "WHEN c.due_date IS NULL AND c.requested_on < ? THEN 'amber' "
           "ELSE 'green' END")
# An action's columns, the same in read_clauses and read_action_states.
ACTION = ("c.resolution_id, c.number, c.action_status, c.owner, c.due_date, c.due_meeting, "
          "c.requested_on, c.referred_to, c.closed_on, c.outcome, c.seq")


def rag_params(today: date) -> list[str]:
    return [today.isoformat(), (today + timedelta(AMBER_WITHIN_DAYS)).isoformat(),
            (today - timedelta(AMBER_UNDATED_AFTER_DAYS)).isoformat()]


class Tracker:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    def actions(self, *, council: str | None = None, committee: UUID | None = None,
                status: str | None = None, rag: str | None = None, owner: str | None = None,
                today: date, seen: Visibility = PUBLIC, limit: int = 50,
                cursor: str | None = None) -> Page:
        """The live tracker, from the read models."""
        statuses = {"open": LIVE, "closed": CLOSED, None: LIVE + CLOSED}[status]
        # Written out, not bound: so the planner may use the index of live actions.
        marks = ", ".join(f"'{status}'" for status in statuses)
        return self._page(
            "{p}read_clauses c", "c.text, c.kind",
            f"c.requested_on IS NOT NULL AND c.action_status IN ({marks})", [],
            today=today, council=council, committee=committee, rag=rag, owner=owner,
            seen=seen, limit=limit, cursor=cursor)

    def actions_as_of(self, as_of: date, *, council: str | None = None,
                      committee: UUID | None = None, status: str | None = None,
                      rag: str | None = None, owner: str | None = None,
                      seen: Visibility = PUBLIC, limit: int = 50,
                      cursor: str | None = None) -> Page:
        """The tracker as it stood on `as_of`: each action in the state it was in that
        day, rated for that day (so `age_days` counts to it)."""
        held, held_params = held_on("c", as_of)
        # An action is closed exactly when it has a closing date: a test the index of
        # states answers for each entry (PostgreSQL would test a list of statuses only
        # once it had read the row).
        closed = {"open": " AND c.closed_on IS NULL", "closed": " AND c.closed_on IS NOT NULL",
                  None: ""}[status]
        return self._page(
            "{p}read_action_states c JOIN {p}read_clauses t "
            "ON t.resolution_id = c.resolution_id AND t.number = c.number", "t.text, t.kind",
            held + closed, held_params, today=as_of, council=council, committee=committee,
            rag=rag, owner=owner, seen=seen, limit=limit, cursor=cursor)

    def _page(self, actions: str, wording: str, chosen: str, chosen_params: list[Any], *,
              today: date, council: str | None, committee: UUID | None, rag: str | None,
              owner: str | None, seen: Visibility, limit: int, cursor: str | None) -> Page:
        """One page of actions in the tracker's order (request date, resolution, clause),
        read off an index of that order in one statement: `actions` (aliased c) are the
        rows to choose from, `chosen` the condition on them, `wording` where the clause's
        words are."""
        where, params = where_given(
            ("r.council = ?", council), ("r.committee_id = ?", committee and str(committee)),
            ("c.owner = ?", owner))
        visible, visible_params = seen.sql("r.council", "r.exempt")
        listed = (f"SELECT {ACTION}, {wording}, r.council, r.committee_id, r.meeting_id, "
                  f"r.meeting_date, r.minute, r.title, {RAG_SQL} AS rag FROM {actions} "
                  "JOIN {p}read_resolutions r ON r.id = c.resolution_id "
                  f"WHERE {chosen} AND {where} AND {visible}")
        rated, rated_params = where_given(("rag = ?", rag))
        after, key = keyset(["requested_on", "seq", "number"], cursor)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM ({listed}) AS actions WHERE {rated} AND {after} "
                "ORDER BY requested_on, seq, number LIMIT ?",
                [*rag_params(today), *chosen_params, *params, *visible_params, *rated_params,
                 *key, check_limit(limit) + 1])
        result = page(rows, limit, lambda r: [r["requested_on"], r["seq"], r["number"]])
        return Page([_action(typed(r), today) for r in result.items], result.next)


def _action(row: dict[str, Any], today: date) -> dict[str, Any]:
    """A row of the tracker as the API gives it."""
    status = row["action_status"]
    return {
        "resolution_id": row["resolution_id"], "clause": row["number"],
        **{k: row[k] for k in ("council", "committee_id", "meeting_id", "meeting_date",
                               "minute", "title", "text", "kind")},
        "status": status, "state": "open" if status in LIVE else "closed",
        **{k: row[k] for k in ("owner", "due_date", "due_meeting", "requested_on",
                               "referred_to", "closed_on", "outcome")},
        "age_days": ((row["closed_on"] or today) - row["requested_on"]).days,
        "rag": row["rag"], "seq": row["seq"],
    }
