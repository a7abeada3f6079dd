from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain import limits
from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.values import AttendanceStatus, DeclarationKind
from web.schemas.common import (
    PARAGRAPH_PATTERN,
    SLUG,
    ClockTime,
    DateRange,
    RecordDate,
    RecordId,
    Recording,
    WithReason,
    text,
)
from web.schemas.provenance import source_field


class ScheduleMeeting(Recording):
    committee_id = RecordId(Committee, required=True)
    meeting_date = RecordDate(required=True, data_key="date")
    start_time = ClockTime(load_default=None, allow_none=True)
    venue = text(limits.VENUE, load_default=None, allow_none=True)
    sitting = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=limits.SITTINGS_PER_DAY),
        metadata={
            "description": "Which of the committee's meetings that day this is, from 1 "
            "(the default): a special or reconvened meeting after an ordinary one is 2. "
            "Schedule them in order."
        },
    )


class AddItem(Recording):
    title = text(limits.TITLE, required=True)
    minute = text(limits.NUMBER, load_default=None, allow_none=True)
    agenda_number = text(limits.NUMBER, load_default=None, allow_none=True)
    exempt = fields.Boolean(load_default=False)


class RecordAttendance(Recording):
    name = text(limits.PERSON, required=True)
    status = fields.Enum(AttendanceStatus, by_value=True, required=True)
    capacity = text(limits.CAPACITY, load_default=None, allow_none=True)
    substitute_for = text(
        limits.PERSON,
        load_default=None,
        allow_none=True,
        metadata={"description": "The member this person attended in place of (if present)."},
    )


class DeclareInterest(Recording):
    member = text(limits.PERSON, required=True)
    item = text(limits.ITEM_KEY, load_default=None, allow_none=True)
    interest = text(limits.REASON, required=True)
    kind = fields.Enum(
        DeclarationKind,
        by_value=True,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "The kind of interest, where the minutes say; `interest` "
            "keeps their words."
        },
    )


class RecordMinuteText(Recording):
    item = text(limits.ITEM_KEY, required=True, metadata={"description": "The agenda item's key."})
    paragraphs = fields.List(
        text(limits.MINUTE_TEXT, metadata={"pattern": PARAGRAPH_PATTERN}),
        required=True,
        validate=validate.Length(min=1, max=limits.PARAGRAPHS),
        metadata={
            "description": "The item's minute, one string a paragraph (with no blank line "
            f"inside), at most {limits.MINUTE_TEXT} characters in all, counting two "
            "between paragraphs: more is refused (422, `minute-text-too-long`). It "
            "replaces any text recorded before."
        },
    )


class Hold(Recording):
    ended_at = ClockTime(load_default=None, allow_none=True)


class Adjourn(WithReason):
    until = RecordDate(load_default=None, allow_none=True)


class ApproveMinutes(Schema):
    """Takes effect on the approving meeting's date, so it has no effective_date."""

    at_meeting_id = RecordId(Meeting, required=True)
    resolution_id = RecordId(
        Resolution,
        load_default=None,
        allow_none=True,
        metadata={"description": "The approving meeting's resolution that approved the minutes."},
    )


class MeetingQuery(DateRange):
    council = fields.String(validate=SLUG)
    committee = fields.UUID()


class Attendee(Schema):
    name = fields.String()
    capacity = fields.String(allow_none=True)
    substitute_for = fields.String(
        metadata={"description": "The member they attended in place of; absent if none."}
    )
    source = source_field()


class AttendanceSchema(Schema):
    present = fields.List(fields.Nested(Attendee))
    apologies = fields.List(fields.Nested(Attendee))
    absent = fields.List(fields.Nested(Attendee))
    in_attendance = fields.List(fields.Nested(Attendee))


class ItemSchema(Schema):
    key = fields.String()
    title = fields.String()
    minute = fields.String(allow_none=True)
    agenda_number = fields.String(allow_none=True)
    exempt = fields.Boolean()
    minute_text = fields.List(
        fields.String(),
        metadata={"description": "The item's own minute, a string a paragraph; absent if none."},
    )
    source = source_field()


class DeclarationSchema(Schema):
    member = fields.String()
    item_key = fields.String(allow_none=True)
    interest = fields.String()
    kind = fields.String(
        validate=validate.OneOf([k.value for k in DeclarationKind]),
        metadata={"description": "The kind of interest; absent if the minutes do not say."},
    )


class ResolutionLine(Schema):
    id = fields.UUID()
    item = fields.String()
    minute = fields.String(allow_none=True)
    title = fields.String()
    status = fields.String()


class MeetingSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    council = fields.String()
    committee_id = fields.UUID()
    date = fields.Date()
    start_time = fields.Time(allow_none=True)
    ended_at = fields.Time(allow_none=True)
    venue = fields.String(allow_none=True)
    status = fields.String()
    adjourned_until = fields.Date(allow_none=True)
    source = source_field()
    attendance = fields.Nested(AttendanceSchema)
    items = fields.List(fields.Nested(ItemSchema))
    declarations = fields.List(fields.Nested(DeclarationSchema))
    declarations_recorded = fields.String(
        allow_none=True,
        validate=validate.OneOf(["none", "some"]),
        metadata={
            "description": '"none": the minutes say no interests were declared; "some": '
            "there are declarations; null: nothing is recorded either way."
        },
    )
    resolutions = fields.List(fields.Nested(ResolutionLine))
    minutes_approved_by = fields.UUID(allow_none=True)
    minutes_approved_on = fields.Date(allow_none=True)
