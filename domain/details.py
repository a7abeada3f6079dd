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
from domain.provenance import cited
from domain.resolutions import Resolution
from domain.shapes import (
    ACTION_FIELDS,
    CLAUSE_FIELDS,
    action_shape,
    clause_shape,
    given,
    meeting_shape,
    resolution_shape,
)
from domain.values import Clause


def _unwrapped(value: Any) -> Any:
    """An enum's value, or a value object's fields as a dict (one level down): the one
    rule for what our own types become, in details and in the audit log's JSON alike."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return value


def plain(value: Any) -> Any:
    """Enums to their values and value objects to dicts, all the way down."""
    value = _unwrapped(value)
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
        **given({"source": cited(committee, "committee")}, "source"),
        "members": [
            {**plain(m), **given({"source": cited(committee, "membership", m.name)}, "source")}
            for m in sorted(committee.members.values(), key=lambda m: m.name)
        ],
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
        "no_declarations": meeting.no_declarations,
        "source": cited(meeting, "meeting"),
    }
    return meeting_shape(
        fields,
        [
            {**plain(a), "source": cited(meeting, "attendance", a.name)}
            for a in meeting.attendance.values()
        ],
        [{**plain(i), "source": cited(meeting, "item", i.key)} for i in meeting.items.values()],
        plain(meeting.declarations),
    )


def resolution_details(resolution: Resolution) -> dict[str, Any]:
    """A resolution as its events make it: every progress note of each action."""
    fields = {
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
        "source": cited(resolution, "resolution"),
    }
    return resolution_shape(fields, [_clause_details(resolution, c) for c in resolution.clauses])


def _clause_details(resolution: Resolution, clause: Clause) -> dict[str, Any]:
    action = None
    if clause.action is not None:
        state = {k: plain(getattr(clause.action, k)) for k in ACTION_FIELDS}
        progress = plain(clause.action.progress)
        action = action_shape(state, progress, len(progress))
    fields = plain({k: getattr(clause, k) for k in (*CLAUSE_FIELDS, "label")})
    return clause_shape({**fields, "source": cited(resolution, "clause", clause.number)}, action)


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
    """Our own types as `plain` makes them (the encoder goes on into what they hold);
    anything else JSON has no form of (dates, times, ids) as its str."""
    unwrapped = _unwrapped(value)
    return str(value) if unwrapped is value else unwrapped
