from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain import limits
from web.schemas.common import (
    BIGINT,
    SLUG,
    AsOf,
    DateRange,
    Freshness,
    Paging,
    page_of,
    text,
)


class ActionQuery(AsOf, Paging):
    council = fields.String(validate=SLUG)
    committee = fields.UUID()
    status = fields.String(validate=validate.OneOf(["open", "closed"]))
    rag = fields.String(validate=validate.OneOf(["red", "amber", "green"]))
    owner = text(limits.PERSON)


class ActionRow(Schema):
    resolution_id = fields.UUID()
    clause = fields.Integer()
    label = fields.String(
        metadata={"description": "The clause's label as the minutes print it; absent if none."}
    )
    council = fields.String()
    committee_id = fields.UUID()
    meeting_id = fields.UUID()
    meeting_date = fields.Date()
    minute = fields.String(allow_none=True)
    title = fields.String()
    text = fields.String()
    kind = fields.String()
    status = fields.String()
    owner = fields.String(allow_none=True)
    due_date = fields.Date(allow_none=True)
    due_meeting = fields.String(allow_none=True)
    requested_on = fields.Date()
    referred_to = fields.String(allow_none=True)
    closed_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    age_days = fields.Integer()
    rag = fields.String(
        allow_none=True,
        metadata={
            "description": "red: past due; amber: due within 14 days, or open over 90 days "
            "with no due date; green: otherwise; null once closed."
        },
    )


class AuditQuery(DateRange):
    aggregate = fields.UUID()
    recorded_by = text(limits.PERSON, metadata={"description": "Who recorded the change."})
    actor = text(
        limits.PERSON,
        metadata={
            "description": "The same as `recorded_by` (its older name): send one, or both "
            "alike (422 if they differ).",
            "deprecated": True,
        },
    )


class EventEntry(Schema):
    position = fields.Integer()
    aggregate_id = fields.UUID()
    aggregate_type = fields.String()
    version = fields.Integer()
    event = fields.String()
    recorded_at = fields.AwareDateTime()
    effective_date = fields.Date()
    recorded_by = fields.String(metadata={"description": "Who recorded the change."})
    data = fields.Dict(
        metadata={
            "description": "What the event recorded, as the event's own fields (each kind "
            "of event has its own, and an event's fields never change once recorded)."
        }
    )
    leaf_hash = fields.String(
        metadata={
            "description": "The event's leaf hash in the ledger (hex), once the ledger has it: "
            "check it against a signed checkpoint with /api/ledger/proofs/inclusion."
        }
    )


class AuditEntry(EventEntry):
    """An event as the audit log tells it: with its council and a line in words."""

    council = fields.String(allow_none=True)
    summary = fields.String()
    actor = fields.Function(
        lambda entry: entry["recorded_by"],
        metadata={
            "type": "string",
            "description": "The same as `recorded_by` (its older name).",
            "deprecated": True,
        },
    )


class HistoryPage(page_of(AuditEntry)):
    """One record's audit trail, a page at a time: the audit log's page under a name of its
    own (page_of makes a new schema class each call, and the OpenAPI document needs
    distinct names)."""


class EventQuery(Freshness):
    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=BIGINT))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class EventPage(Schema):
    items = fields.List(fields.Nested(EventEntry))
    next = fields.Integer(allow_none=True, metadata={"description": "Pass as after."})
