"""Rows from the read tables back into the same typed details the aggregates give."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from domain.shapes import action_shape, clause_shape, resolution_shape

DATES = {
    "date",
    "meeting_date",
    "proposed_on",
    "decided_on",
    "established_on",
    "dissolved_on",
    "appointed_on",
    "added_on",
    "adjourned_until",
    "minutes_approved_on",
    "due_date",
    "requested_on",
    "report_back_requested_on",
    "closed_on",
    "noted_on",
    "effective_date",
    "scheduled_on",
}
TIMES = {"start_time", "ended_at"}
UUIDS = {"id", "committee_id", "meeting_id", "resolution_id", "minutes_approved_by", "aggregate_id"}
FLAGS = {"exempt"}


def typed(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in row.items():
        if key == "cited_source":  # a fact's source, kept as JSON (a work programme
            key = "source"  # topic's own `source` is a line of text)
            value = None if value is None else json.loads(value)
        elif value is not None:
            if key in DATES:
                value = date.fromisoformat(value)
            elif key in TIMES:
                value = time.fromisoformat(value)
            elif key in UUIDS:
                value = UUID(value)
            elif key in FLAGS:
                value = bool(value)
            elif key == "recorded_at":
                value = datetime.fromisoformat(value)
        out[key] = value
    return out


# Progress notes embedded in an action: the latest ones. `progress_count` says how many
# there are in all; the rest are paged at .../clauses/<n>/progress-notes.
LATEST_PROGRESS = 20


def with_latest_progress(resolution: dict[str, Any]) -> dict[str, Any]:
    """A resolution's details as rebuilt from its events (the service's, for a past
    read), embedding each action's latest notes only, as the read models' do."""
    clauses = []
    for clause in resolution["clauses"]:
        action = clause["action"]
        if action is not None:
            action = {**action, "progress": action["progress"][-LATEST_PROGRESS:]}
        clauses.append({**clause, "action": action})
    return {**resolution, "clauses": clauses}


def action_of(
    clause: dict[str, Any], progress: list[dict[str, Any]], progress_count: int
) -> dict[str, Any] | None:
    """An action from its clause's row and its latest progress notes, oldest first."""
    if clause["action_status"] is None:
        return None
    return action_shape({**clause, "status": clause["action_status"]}, progress, progress_count)


def resolution_of(
    row: dict[str, Any], clauses: list[dict[str, Any]], progress: list[dict[str, Any]]
) -> dict[str, Any]:
    notes_of: dict[int, list[dict[str, Any]]] = {}
    for p in progress:
        notes_of.setdefault(p["clause"], []).append(p)
    items = []
    for c in sorted(clauses, key=lambda c: c["number"]):
        c = typed(c)
        notes = sorted(notes_of.get(c["number"], []), key=lambda p: p["seq"])
        latest = [typed(p) for p in notes[-LATEST_PROGRESS:]]
        items.append(clause_shape(c, action_of(c, latest, len(notes))))
    return resolution_shape(typed(row), items)
