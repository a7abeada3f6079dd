from __future__ import annotations

from marshmallow import Schema, fields

from domain import limits
from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.values import AttendanceStatus
from web.schemas.common import SLUG, DateRange, RecordDate, RecordId, Recording, WithReason, text


class ScheduleMeeting(Recording):
    committee_id = RecordId(Committee, required=True)
    meeting_date = RecordDate(required=True, data_key="date")
    start_time = fields.Time(load_default=None, allow_none=True)
    venue = text(limits.VENUE, load_default=None, allow_none=True)


class AddItem(Recording):
    title = text(limits.TITLE, required=True)
    minute = text(limits.NUMBER, load_default=None, allow_none=True)
    agenda_number = text(limits.NUMBER, load_default=None, allow_none=True)
    exempt = fields.Boolean(load_default=False)


class RecordAttendance(Recording):
    name = text(limits.PERSON, required=True)
    status = fields.Enum(AttendanceStatus, by_value=True, required=True)
    capacity = text(limits.CAPACITY, load_default=None, allow_none=True)


class DeclareInterest(Recording):
    member = text(limits.PERSON, required=True)
    item = text(limits.ITEM_KEY, load_default=None, allow_none=True)
    interest = text(limits.REASON, required=True)


class Hold(Recording):
    ended_at = fields.Time(load_default=None, allow_none=True)


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


class DeclarationSchema(Schema):
    member = fields.String()
    item_key = fields.String(allow_none=True)
    interest = fields.String()


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
    attendance = fields.Nested(AttendanceSchema)
    items = fields.List(fields.Nested(ItemSchema))
    declarations = fields.List(fields.Nested(DeclarationSchema))
    resolutions = fields.List(fields.Nested(ResolutionLine))
    minutes_approved_by = fields.UUID(allow_none=True)
    minutes_approved_on = fields.Date(allow_none=True)
