"""The action tracker: every clause that asks for something, once its resolution was
carried, rated red, amber or green; now, or as it stood on a date.

The rating rule: red when past its due date; amber when due within 14 days, or
open more than 90 days with no due date; green for any other open or referred
action. Closed actions (reported back, completed, dropped) are not rated.

The tracker as it stood on a date D is the same query, rated for D, over the actions
asked for by D, each in the state it had on D: its current one, or the one its
history (read_action_states) says held that day. Never a replay.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.projections.as_of import held_on
from domain.projections.filters import where_given
from domain.projections.pages import check_limit
from domain.projections.rows import typed
from domain.projections.statuses import LIVE_ACTIONS, in_list
from domain.projections.store import ReadModel
from domain.projections.tables import NEVER
from domain.projections.tracker_order import TrackerPage, order_named
from domain.projections.visibility import PUBLIC, Visibility
from domain.values import CLOSED, LIVE, ActionStatus

AMBER_WITHIN_DAYS = 14
AMBER_UNDATED_AFTER_DAYS = 90
# The rating rule, the one place it is written: a live action takes the rating of the
# first line it meets, or else green. Each line compares a column with the day rated
# for, moved by so many days; rated in SQL, so a page can be filtered by rating.
RAG_LINES = (
    ("red", "due_date IS NOT NULL AND due_date < ?", 0),
    ("amber", "due_date IS NOT NULL AND due_date <= ?", AMBER_WITHIN_DAYS),
    ("amber", "due_date IS NULL AND requested_on < ?", -AMBER_UNDATED_AFTER_DAYS),
)
RAG_SQL = (
    f"CASE WHEN action_status NOT IN ({LIVE_ACTIONS}) THEN NULL "
    + "".join(f"WHEN {test} THEN '{rating}' " for rating, test, _ in RAG_LINES)
    + "ELSE 'green' END"
)
# What changes as an action is followed up: its state (the rest of the row does not).
STATE = ("action_status", "owner", "due_date", "due_meeting", "referred_to", "closed_on", "outcome")
# The day it closed, or NEVER: as in the index of the tracker's order (tables.py).
CLOSED_BY = f"COALESCE(c.closed_on, '{NEVER}')"


def rag_params(today: date) -> list[str]:
    """The dates RAG_SQL compares with, rating for `today`."""
    return [(today + timedelta(days)).isoformat() for _, _, days in RAG_LINES]


class Tracker:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    def actions(
        self,
        *,
        council: str | None = None,
        committee: UUID | None = None,
        status: str | None = None,
        rag: str | None = None,
        owner: str | None = None,
        today: date,
        seen: Visibility = PUBLIC,
        limit: int = 50,
        cursor: str | None = None,
        before: str | None = None,
        order: str = "asked",
    ) -> TrackerPage:
        """The live tracker, from the read models, in the order named (see tracker_order):
        the page after `cursor`, or the one before `before`."""
        statuses = {"open": LIVE, "closed": CLOSED, None: LIVE | CLOSED}[status]
        # Written out, not bound: so the planner may use the index of live actions.
        marks = in_list(statuses)
        return self._page(
            ", ".join(f"c.{column}" for column in STATE),
            "{p}read_clauses c",
            [],
            f"c.requested_on IS NOT NULL AND c.action_status IN ({marks})",
            [],
            today=today,
            council=council,
            committee=committee,
            rag=rag,
            owner=owner,
            seen=seen,
            limit=limit,
            cursor=cursor,
            before=before,
            order=order,
        )

    def actions_as_of(
        self,
        as_of: date,
        *,
        council: str | None = None,
        committee: UUID | None = None,
        status: str | None = None,
        rag: str | None = None,
        owner: str | None = None,
        seen: Visibility = PUBLIC,
        limit: int = 50,
        cursor: str | None = None,
        before: str | None = None,
        order: str = "asked",
    ) -> TrackerPage:
        """The tracker as it stood on `as_of`: each action asked for by then, in the
        state it had that day, rated for that day (so `age_days` counts to it)."""
        day = as_of.isoformat()
        chosen, chosen_params = "c.requested_on <= ?", [day]
        if status is not None:
            # Closing is an action's last step, so it was open that day if it closed
            # after it: a test the index answers entry by entry, without the rows.
            chosen += f" AND {CLOSED_BY} {'>' if status == 'open' else '<='} ?"
            chosen_params.append(day)
        then = ", ".join(
            f"CASE WHEN h.position IS NULL THEN c.{column} ELSE h.{column} END AS {column}"
            for column in STATE
        )
        # The past state that held that day, if it has changed since, is found by its
        # key, row by row as the page is read (joined on the dates instead, SQLite may
        # choose to read the whole history first, to build a Bloom filter of it).
        held, held_params = held_on("p", as_of)
        return self._page(
            then,
            "{p}read_clauses c LEFT JOIN {p}read_action_states h "
            "ON h.resolution_id = c.resolution_id AND h.number = c.number AND h.position = "
            "(SELECT p.position FROM {p}read_action_states p WHERE p.resolution_id = "
            f"c.resolution_id AND p.number = c.number AND {held})",
            held_params,
            chosen,
            chosen_params,
            today=as_of,
            council=council,
            committee=committee,
            rag=rag,
            owner=owner,
            seen=seen,
            limit=limit,
            cursor=cursor,
            before=before,
            order=order,
        )

    def _page(
        self,
        state: str,
        actions: str,
        actions_params: list[Any],
        chosen: str,
        chosen_params: list[Any],
        *,
        today: date,
        council: str | None,
        committee: UUID | None,
        rag: str | None,
        owner: str | None,
        seen: Visibility,
        limit: int,
        cursor: str | None,
        before: str | None,
        order: str,
    ) -> TrackerPage:
        """One page of actions in the order named, in one statement: clauses `c` (joined
        as `actions` says) that `chosen` picks, each with the columns `state` gives."""
        where, params = where_given(
            ("r.council = ?", council), ("r.committee_id = ?", committee and str(committee))
        )
        visible, visible_params = seen.sql("r.council", "r.exempt")
        listed = (
            f"SELECT c.resolution_id, c.number, c.label, c.requested_on, c.seq, {state}, c.text, "
            "c.kind, r.council, r.committee_id, r.meeting_id, r.meeting_date, r.minute, "
            f"r.title FROM {actions} JOIN {{p}}read_resolutions r "
            f"ON r.id = c.resolution_id WHERE {chosen} AND {where} AND {visible}"
        )
        rated = f"SELECT listed.*, {RAG_SQL} AS rag FROM ({listed}) AS listed"
        wanted, wanted_params = where_given(("owner = ?", owner), ("rag = ?", rag))
        sort = order_named(order)
        window, key, order_by = sort.window(cursor, before)
        with self.read_model.reading() as tx:
            rows = tx.rows(
                f"SELECT * FROM ({sort.rows(rated)}) AS actions WHERE {wanted} AND {window} "
                f"ORDER BY {order_by} LIMIT ?",
                [
                    *rag_params(today),
                    *actions_params,
                    *chosen_params,
                    *params,
                    *visible_params,
                    *wanted_params,
                    *key,
                    check_limit(limit) + 1,
                ],
            )
        rows, following, previous = sort.page(rows, limit, cursor, before)
        return TrackerPage([_action(typed(r), today) for r in rows], following, previous)


def _action(row: dict[str, Any], today: date) -> dict[str, Any]:
    """A row of the tracker as the API gives it."""
    status = row["action_status"]
    label = {"label": row["label"]} if row["label"] is not None else {}
    return {
        "resolution_id": row["resolution_id"],
        "clause": row["number"],
        **label,
        **{
            k: row[k]
            for k in (
                "council",
                "committee_id",
                "meeting_id",
                "meeting_date",
                "minute",
                "title",
                "text",
                "kind",
            )
        },
        "status": status,
        "state": "open" if ActionStatus(status).is_live else "closed",
        **{
            k: row[k]
            for k in (
                "owner",
                "due_date",
                "due_meeting",
                "requested_on",
                "referred_to",
                "closed_on",
                "outcome",
            )
        },
        "age_days": ((row["closed_on"] or today) - row["requested_on"]).days,
        "rag": row["rag"],
        "seq": row["seq"],
    }
