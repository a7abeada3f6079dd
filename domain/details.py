"""Plain details of the aggregates and their events, for queries and the seed summary.

Queries never hand out an aggregate: they return these dicts, which hold only
str, int, bool, None, date, time, datetime, UUID, lists and dicts.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.values import AttendanceStatus


def plain(value: Any) -> Any:
    """Enums to their values and value objects to dicts, all the way down."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def committee_details(committee: Committee) -> dict[str, Any]:
    return {
        "id": committee.id,
        "version": committee.version,
        "council": committee.council,
        "council_name": committee.council_name,
        "slug": committee.slug,
        "name": committee.name,
        "kind": committee.kind.value,
        "established_on": committee.effective_from,
        "dissolved_on": committee.dissolved_on,
        "chair": committee.chair,
        "members": plain(sorted(committee.members.values(), key=lambda m: m.name)),
        "work_programme": plain(list(committee.work_programme.values())),
    }


def meeting_details(meeting: Meeting) -> dict[str, Any]:
    fields = {
        "id": meeting.id,
        "version": meeting.version,
        "council": meeting.council,
        "committee_id": meeting.committee_id,
        "date": meeting.meeting_date,
        "start_time": meeting.start_time,
        "ended_at": meeting.ended_at,
        "venue": meeting.venue,
        "status": meeting.status.value,
        "adjourned_until": meeting.adjourned_until,
        "minutes_approved_by": meeting.minutes_approved_by,
        "minutes_approved_on": meeting.minutes_approved_on,
    }
    return meeting_shape(
        fields,
        plain(list(meeting.attendance.values())),
        plain(list(meeting.items.values())),
        plain(meeting.declarations),
    )


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
            {"name": attendee["name"], "capacity": attendee["capacity"]}
        )
    return {
        **{k: fields[k] for k in MEETING_FIELDS},
        "attendance": grouped,
        "items": [{k: item[k] for k in ITEM_FIELDS} for item in items],
        "declarations": [
            {k: d[k] for k in ("member", "item_key", "interest")} for d in declarations
        ],
    }


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


def resolution_details(resolution: Resolution) -> dict[str, Any]:
    return {
        "id": resolution.id,
        "version": resolution.version,
        "council": resolution.council,
        "committee_id": resolution.committee_id,
        "meeting_id": resolution.meeting_id,
        "meeting_date": resolution.meeting_date,
        "item": resolution.item,
        "minute": resolution.minute,
        "title": resolution.title,
        "exempt": resolution.exempt,
        "status": resolution.status.value,
        "proposed_on": resolution.effective_from,
        "decided_on": resolution.decided_on,
        "clauses": plain(resolution.clauses),
        "open_actions": resolution.open_actions,
    }


# What every event carries besides its own data: the library's fields and ours.
BASE_FIELDS = {
    "originator_id",
    "originator_version",
    "timestamp",
    "originator_topic",
    "effective_date",
    "recorded_by",
}


def event_data(domain_event: Any) -> dict[str, Any]:
    """What an event says, without the who and when every event carries."""
    return {k: plain(v) for k, v in _own_fields(domain_event).items()}


def _own_fields(domain_event: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(domain_event).items() if k not in BASE_FIELDS}


def event_details(domain_event: Any) -> dict[str, Any]:
    """One event as the audit trail shows it: who, when recorded, when effective, what."""
    return {
        "aggregate_id": domain_event.originator_id,
        "aggregate_type": type(domain_event).__qualname__.split(".")[0],
        "version": domain_event.originator_version,
        "event": type(domain_event).__name__,
        "recorded_at": domain_event.timestamp,
        "effective_date": domain_event.effective_date,
        "recorded_by": domain_event.recorded_by,
        "data": event_data(domain_event),
    }


def event_json(domain_event: Any) -> str:
    """`event_data(e)` as JSON text (dates, times and ids as their ISO/str forms), in
    one pass: the encoder asks `_json_default` only for what JSON has no form of."""
    return json.dumps(_own_fields(domain_event), default=_json_default, sort_keys=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return str(value)
