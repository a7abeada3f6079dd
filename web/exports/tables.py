"""The CSV tables: their columns, each with its Table Schema type, and how a record
becomes a row. The CSV writer and the data package both read these, so the description
cannot drift from the files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date, datetime, object
    description: str
    value: Callable[[dict[str, Any]], Any] | None = None  # default: the record's field
    required: bool = False

    def of(self, record: dict[str, Any]) -> Any:
        return self.value(record) if self.value else record.get(self.name)


@dataclass(frozen=True)
class Table:
    name: str  # the resource's name; its file is data/<name>.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...] = field(default=())

    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def row(self, record: dict[str, Any]) -> list[str]:
        return [cell(c.of(record)) for c in self.columns]


def cell(value: Any) -> str:
    """A value as CSV text: ISO dates and times, true/false, JSON for objects, and an
    empty cell for nothing (Table Schema's default missing value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _clauses(resolution: dict[str, Any]) -> str:
    """The clauses in the minutes' words, one a line, each with its label or number."""
    return "\n".join(
        f"{c.get('label') or '(' + str(c['number']) + ')'} {c['text']}"
        for c in resolution["clauses"]
    )


def _key(name: str, description: str, kind: str = "string") -> Column:
    return Column(name, kind, description, required=True)


RESOLUTIONS = Table(
    "resolutions",
    "The resolution register",
    "One row per resolution: what a committee resolved (or was asked to) on one item.",
    (
        Column("id", "string", "The resolution's id (a UUID).", required=True),
        Column("council", "string", "The council's slug.", required=True),
        Column("committee_id", "string", "The committee's id.", required=True),
        Column("meeting_id", "string", "The meeting's id.", required=True),
        Column("meeting_date", "date", "The meeting's date.", required=True),
        Column("item", "string", "The agenda item's key.", required=True),
        Column("minute", "string", "The council's own minute number, verbatim."),
        Column("title", "string", "The item's title.", required=True),
        Column(
            "exempt",
            "boolean",
            "Taken in private (shown only to the council's own).",
            required=True,
        ),
        Column(
            "status",
            "string",
            "proposed, resolved, rejected, withdrawn, deferred or rescinded.",
            required=True,
        ),
        Column("proposed_on", "date", "When it was proposed.", required=True),
        Column("decided_on", "date", "When it was decided, if it was."),
        Column(
            "clause_count",
            "integer",
            "How many clauses it has.",
            lambda r: len(r["clauses"]),
            required=True,
        ),
        Column(
            "clauses",
            "string",
            "Its clauses in the minutes' words, one a line.",
            _clauses,
            required=True,
        ),
        Column("open_actions", "integer", "Its actions still open.", required=True),
        Column("version", "integer", "The record's version.", required=True),
    ),
    ("id",),
)

ACTIONS = Table(
    "actions",
    "The action tracker",
    "One row per clause that asks for something, once its resolution was carried, rated "
    "red (past due), amber (due within 14 days, or open over 90 days with no due date) "
    "or green, for the day the file was made (or its as_of date).",
    (
        Column("resolution_id", "string", "The resolution's id.", required=True),
        Column("clause", "integer", "The clause's number.", required=True),
        Column("label", "string", "The clause's label as the minutes print it."),
        Column("council", "string", "The council's slug.", required=True),
        Column("committee_id", "string", "The committee's id.", required=True),
        Column("meeting_id", "string", "The meeting's id.", required=True),
        Column("meeting_date", "date", "The meeting's date.", required=True),
        Column("minute", "string", "The minute number."),
        Column("title", "string", "The item's title.", required=True),
        Column("text", "string", "The clause in the minutes' words.", required=True),
        Column("kind", "string", "What the clause asks: report back, referral, ...", required=True),
        Column("status", "string", "The action's state.", required=True),
        Column("owner", "string", "Who owns it."),
        Column("due_date", "date", "When it is due."),
        Column("due_meeting", "string", "The meeting it is due at, in words."),
        Column("requested_on", "date", "When it was asked for.", required=True),
        Column("referred_to", "string", "The body it was referred to."),
        Column("closed_on", "date", "When it closed."),
        Column("outcome", "string", "How it closed."),
        Column("age_days", "integer", "Days since it was asked for.", required=True),
        Column("rag", "string", "red, amber or green; empty once closed."),
    ),
    ("resolution_id", "clause"),
    (
        {
            "fields": ["resolution_id"],
            "reference": {"resource": "resolutions", "fields": ["id"]},
        },
    ),
)

AUDIT = Table(
    "audit",
    "The audit trail",
    "One row per recorded event, in recorded order: who recorded what, when, and when "
    "it took effect.",
    (
        Column("position", "integer", "The event's position in the store.", required=True),
        Column("aggregate_id", "string", "The record it changed.", required=True),
        Column(
            "aggregate_type", "string", "Council, Committee, Meeting or Resolution.", required=True
        ),
        Column("version", "integer", "The record's version after it.", required=True),
        Column("event", "string", "What happened, in the past tense.", required=True),
        Column("recorded_at", "datetime", "When it was recorded (UTC).", required=True),
        Column("effective_date", "date", "When it took effect in the world.", required=True),
        Column("recorded_by", "string", "Who recorded it.", required=True),
        Column("council", "string", "The council's slug."),
        Column("summary", "string", "The change in words.", required=True),
        Column("data", "object", "The event's fields, as JSON.", required=True),
        Column("leaf_hash", "string", "Its leaf hash in the ledger (hex), once there."),
    ),
    ("position",),
)

ATTENDANCE = Table(
    "attendance",
    "Meetings' attendance",
    "One row per person recorded at a meeting: present, apologies, absent, or in "
    "attendance (not a member).",
    (
        Column("meeting_id", "string", "The meeting's id.", required=True),
        Column("council", "string", "The council's slug.", required=True),
        Column("committee_id", "string", "The committee's id.", required=True),
        Column("date", "date", "The meeting's date.", required=True),
        Column("name", "string", "The person, as the minutes name them.", required=True),
        Column("status", "string", "present, apologies, absent or in_attendance.", required=True),
        Column("capacity", "string", "In what capacity, where said."),
        Column("substitute_for", "string", "The member they substituted for."),
    ),
    ("meeting_id", "name"),
)

TABLES = (RESOLUTIONS, ACTIONS, AUDIT, ATTENDANCE)


def attendance_rows(meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """A meeting's attendance, flat: one record per person, in the order recorded
    within each status."""
    return [
        {
            "meeting_id": meeting["id"],
            "council": meeting["council"],
            "committee_id": meeting["committee_id"],
            "date": meeting["date"],
            "status": status,
            **person,
        }
        for status, people in meeting["attendance"].items()
        for person in people
    ]
