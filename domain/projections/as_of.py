"""The record as it stood on a date, read from the read models' histories of state
(read_action_states, read_resolution_states): a page of it costs its rows, however
long the history, and no record is replayed to answer it. The tracker's own is
`Tracker.actions_as_of`."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.projections.rows import typed
from domain.projections.store import ReadModel
from domain.projections.visibility import PUBLIC, Visibility


def held_on(alias: str, day: date) -> tuple[str, list[str]]:
    """The condition that a row of a history (read_action_states,
    read_resolution_states) held on `day`."""
    return f"{alias}.valid_from <= ? AND {alias}.valid_to > ?", [day.isoformat()] * 2


def resolutions_of_meeting(
    read_model: ReadModel, meeting_id: UUID, as_of: date, seen: Visibility = PUBLIC
) -> list[dict[str, Any]]:
    """The resolutions of a meeting proposed by `as_of`, each with its status that day:
    the one its history says held then, or else its current one."""
    visible, params = seen.sql("r.council", "r.exempt")
    held, held_params = held_on("s", as_of)
    with read_model.reading() as tx:
        return [
            typed(r)
            for r in tx.rows(
                "SELECT r.id, r.item, r.minute, r.title, CASE WHEN s.id IS NULL THEN r.status "
                "ELSE s.status END AS status, r.proposed_on FROM {p}read_resolutions r "
                f"LEFT JOIN {{p}}read_resolution_states s ON s.id = r.id AND {held} "
                f"WHERE r.meeting_id = ? AND r.proposed_on <= ? AND {visible} ORDER BY r.seq",
                (*held_params, str(meeting_id), as_of.isoformat(), *params),
            )
        ]
