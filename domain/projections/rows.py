"""Rows from the read tables back into the same typed details the aggregates give."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

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
        if value is not None:
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
            action = {
                **action,
                "progress": action["progress"][-LATEST_PROGRESS:],
                "progress_count": len(action["progress"]),
            }
        clauses.append({**clause, "action": action})
    return {**resolution, "clauses": clauses}


def action_of(
    clause: dict[str, Any], progress: list[dict[str, Any]], progress_count: int
) -> dict[str, Any] | None:
    """An action from its clause's row and its latest progress notes, oldest first."""
    if clause["action_status"] is None:
        return None
    return {
        "status": clause["action_status"],
        "owner": clause["owner"],
        "due_date": clause["due_date"],
        "due_meeting": clause["due_meeting"],
        "requested_on": clause["requested_on"],
        "referred_to": clause["referred_to"],
        "report_back_requested_on": clause["report_back_requested_on"],
        "closed_on": clause["closed_on"],
        "outcome": clause["outcome"],
        "progress": [
            {"noted_on": p["noted_on"], "note": p["note"], "noted_by": p["noted_by"]}
            for p in progress
        ],
        "progress_count": progress_count,
    }


def resolution_of(
    row: dict[str, Any], clauses: list[dict[str, Any]], progress: list[dict[str, Any]]
) -> dict[str, Any]:
    row = typed(row)
    items = []
    for c in sorted(clauses, key=lambda c: c["number"]):
        c = typed(c)
        notes = sorted((p for p in progress if p["clause"] == c["number"]), key=lambda p: p["seq"])
        latest = [typed(p) for p in notes[-LATEST_PROGRESS:]]
        items.append(
            {
                "number": c["number"],
                "text": c["text"],
                "kind": c["kind"],
                "action": action_of(c, latest, len(notes)),
            }
        )
    return {
        "id": row["id"],
        "version": row["version"],
        "council": row["council"],
        "committee_id": row["committee_id"],
        "meeting_id": row["meeting_id"],
        "meeting_date": row["meeting_date"],
        "item": row["item"],
        "minute": row["minute"],
        "title": row["title"],
        "exempt": row["exempt"],
        "status": row["status"],
        "proposed_on": row["proposed_on"],
        "decided_on": row["decided_on"],
        "clauses": items,
        "open_actions": sum(
            1 for c in items if c["action"] and c["action"]["status"] in ("open", "referred")
        ),
    }
