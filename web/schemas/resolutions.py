from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from domain import limits
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.values import ActionRequest, ClauseDraft, ClauseKind, ResolutionStatus
from web.schemas.common import (
    SLUG,
    AsOf,
    DateRange,
    RecordDate,
    RecordId,
    Recording,
    WithReason,
    text,
)
from web.schemas.provenance import source_field


class ActionRequestSchema(Schema):
    owner = text(limits.PERSON, load_default=None, allow_none=True)
    due_date = RecordDate(load_default=None, allow_none=True)
    due_meeting = text(limits.BODY, load_default=None, allow_none=True)

    @post_load
    def make(self, data, **_):
        return ActionRequest(**data)


class ClauseInput(Schema):
    number = fields.Integer(
        required=True, strict=True, validate=validate.Range(min=1, max=limits.MAX_CLAUSES)
    )
    label = text(
        limits.CLAUSE_LABEL,
        load_default=None,
        allow_none=True,
        metadata={"description": 'The label the minutes print beside it, verbatim: "(iv)", "B".'},
    )
    text = text(limits.CLAUSE_TEXT, required=True)
    kind = fields.Enum(ClauseKind, by_value=True, required=True)
    action = fields.Nested(ActionRequestSchema, load_default=None, allow_none=True)

    @post_load
    def make(self, data, **_):
        return ClauseDraft(**data)


CLAUSES = fields.List(
    fields.Nested(ClauseInput),
    required=True,
    validate=validate.Length(min=1, max=limits.MAX_CLAUSES),
)


class Propose(Recording):
    meeting_id = RecordId(Meeting, required=True)
    item = text(limits.ITEM_KEY, required=True, metadata={"description": "The agenda item's key."})
    title = text(limits.TITLE, load_default=None, allow_none=True)
    exempt = fields.Boolean(load_default=None, allow_none=True)
    sequence = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=limits.RESOLUTIONS_PER_ITEM),
        metadata={
            "description": "Which resolution on the item this is, from 1 (the default): "
            "an amendment carried, then the substantive motion, are two. Propose them in "
            "order."
        },
    )
    clauses = CLAUSES


class Amend(WithReason):
    clauses = CLAUSES


class Defer(WithReason):
    until = RecordDate(load_default=None, allow_none=True)


class Rescind(WithReason):
    superseded_by = RecordId(Resolution, load_default=None, allow_none=True)


class Refer(Recording):
    to = text(limits.BODY, required=True)


class RequestReportBack(Recording):
    due_date = RecordDate(load_default=None, allow_none=True)
    due_meeting = text(limits.BODY, load_default=None, allow_none=True)


class ReportBack(Recording):
    summary = text(limits.REPORT, required=True)
    at_meeting_id = RecordId(Meeting, load_default=None, allow_none=True)


class Assign(Recording):
    owner = text(limits.PERSON, required=True)


class NoteProgress(Recording):
    note = text(limits.REPORT, required=True)


class Complete(Recording):
    outcome = text(limits.REPORT, required=True)


class ResolutionQuery(DateRange):
    council = fields.String(validate=SLUG)
    committee = fields.UUID()
    meeting = fields.UUID()
    status = fields.Enum(ResolutionStatus, by_value=True)
    q = text(200)


class ResolutionAsOf(AsOf):
    recorded_as_of = fields.AwareDateTime(
        metadata={
            "description": "What this system said at this instant (recorded times), ISO 8601. "
            "Not together with as_of: they ask two different questions."
        }
    )

    @validates_schema
    def one_question_of_the_past(self, data, **_):
        if data.get("as_of") is not None and data.get("recorded_as_of") is not None:
            raise ValidationError(
                "Send as_of (the world on a date) or recorded_as_of (this "
                "system at an instant), not both.",
                "recorded_as_of",
            )


class ProgressSchema(Schema):
    noted_on = fields.Date()
    note = fields.String()
    noted_by = fields.String()


class ActionSchema(Schema):
    status = fields.String()
    owner = fields.String(allow_none=True)
    due_date = fields.Date(allow_none=True)
    due_meeting = fields.String(allow_none=True)
    requested_on = fields.Date(allow_none=True)
    referred_to = fields.String(allow_none=True)
    report_back_requested_on = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    progress = fields.List(fields.Nested(ProgressSchema))
    progress_count = fields.Integer(
        metadata={
            "description": "How many progress notes the action has; `progress` holds the latest "
            "20. Page through them all at .../clauses/<number>/progress-notes."
        }
    )


class ClauseSchema(Schema):
    number = fields.Integer()
    label = fields.String(
        metadata={"description": "The label the minutes print beside it; absent if none."}
    )
    text = fields.String()
    kind = fields.String()
    source = source_field()
    action = fields.Nested(ActionSchema, allow_none=True)


class ResolutionSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    council = fields.String()
    committee_id = fields.UUID()
    meeting_id = fields.UUID()
    meeting_date = fields.Date()
    item = fields.String()
    minute = fields.String(allow_none=True)
    title = fields.String()
    exempt = fields.Boolean()
    status = fields.String()
    proposed_on = fields.Date()
    decided_on = fields.Date(allow_none=True)
    source = source_field()
    clauses = fields.List(fields.Nested(ClauseSchema))
    open_actions = fields.Integer()
