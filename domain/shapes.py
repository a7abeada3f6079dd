"""One shape for each record a read gives (a meeting, a resolution, its clauses and
their actions), whether it is built from the record's events (domain/details.py: the
record as it stood on a date) or from the read models' rows (domain/projections/rows.py):
so the two cannot drift apart. Each takes dicts of plain values and keeps the fields
its shape has."""

from __future__ import annotations

from typing import Any

from domain.values import ActionStatus, AttendanceStatus


def meeting_shape(
    fields: dict[str, Any],
    attendance: list[dict[str, Any]],
    items: list[dict[str, Any]],
    declarations: list[dict[str, Any]],
) -> dict[str, Any]:
    """One shape for a meeting, whether read from its events or from a read model."""
    grouped: dict[str, list[dict[str, Any]]] = {s.value: [] for s in AttendanceStatus}
    for attendee in attendance:
        grouped[attendee["status"]].append(
            {
                "name": attendee["name"],
                "capacity": attendee["capacity"],
                **given(attendee, "substitute_for", "source"),
            }
        )
    return {
        **{k: fields[k] for k in MEETING_FIELDS},
        **given(fields, "source"),
        "attendance": grouped,
        "items": [
            {**{k: item[k] for k in ITEM_FIELDS}, **given(item, "minute_text", "source")}
            for item in items
        ],
        "declarations": [
            {**{k: d[k] for k in ("member", "item_key", "interest")}, **given(d, "kind")}
            for d in declarations
        ],
        "declarations_recorded": declarations_recorded(
            bool(fields["no_declarations"]), declarations
        ),
    }


def declarations_recorded(none_made: bool, declarations: list[Any]) -> str | None:
    """ "none" when the minutes say no interests were declared, "some" when there are
    declarations, None when nothing is recorded either way."""
    if none_made:
        return "none"
    return "some" if declarations else None


def given(source: dict[str, Any], *names: str) -> dict[str, Any]:
    """Fields added since clients first read a shape: there only when they say something
    (a label, a minute's text, a fact's source), so a record as clients have always read
    it is unchanged."""
    return {k: source[k] for k in names if source.get(k) not in (None, [])}


MEETING_FIELDS = (
    "id",
    "version",
    "council",
    "committee_id",
    "date",
    "start_time",
    "ended_at",
    "venue",
    "status",
    "adjourned_until",
    "minutes_approved_by",
    "minutes_approved_on",
)
ITEM_FIELDS = ("key", "title", "minute", "agenda_number", "exempt")


def resolution_shape(fields: dict[str, Any], clauses: list[dict[str, Any]]) -> dict[str, Any]:
    """One shape for a resolution, whether read from its events or from a read model:
    `fields` holds its own (and may hold more), `clauses` are clause_shape's."""
    return {
        **{k: fields[k] for k in RESOLUTION_FIELDS},
        **given(fields, "source"),
        "clauses": clauses,
        "open_actions": sum(
            1 for c in clauses if c["action"] and ActionStatus(c["action"]["status"]).is_live
        ),
    }


def clause_shape(fields: dict[str, Any], action: dict[str, Any] | None) -> dict[str, Any]:
    """One shape for a clause; `action` is action_shape's, or None if it asks nothing.
    A `label` is there only where the minutes print one: a clause as clients have always
    read it stays exactly as it was."""
    return {
        **{k: fields[k] for k in CLAUSE_FIELDS},
        **given(fields, "label", "source"),
        "action": action,
    }


def action_shape(
    state: dict[str, Any], progress: list[dict[str, Any]], progress_count: int
) -> dict[str, Any]:
    """One shape for an action: its `state`, progress notes (oldest first: all of them,
    or the latest) and how many it has in all."""
    return {
        **{k: state[k] for k in ACTION_FIELDS},
        "progress": [{k: p[k] for k in PROGRESS_FIELDS} for p in progress],
        "progress_count": progress_count,
    }


RESOLUTION_FIELDS = (
    "id",
    "version",
    "council",
    "committee_id",
    "meeting_id",
    "meeting_date",
    "item",
    "minute",
    "title",
    "exempt",
    "status",
    "proposed_on",
    "decided_on",
)
CLAUSE_FIELDS = ("number", "text", "kind")
ACTION_FIELDS = (
    "status",
    "owner",
    "due_date",
    "due_meeting",
    "requested_on",
    "referred_to",
    "report_back_requested_on",
    "closed_on",
    "outcome",
)
PROGRESS_FIELDS = ("noted_on", "note", "noted_by")
