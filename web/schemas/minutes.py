"""Minutes drafts: the text or page sent in, and the draft document sent back.

The draft has the seed files' shape (see the README's "Drafting minutes"), with one
type to each field: every person an object, and `declarations` a list beside
`declarations_recorded` ("none" where the minutes say no interests were declared).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from domain import limits
from domain.minutes.drafting import MAX_CHARS
from domain.values import ClauseKind, CommitteeKind, DeclarationKind, MemberRole
from web.schemas.common import PARAGRAPH_PATTERN, SLUG, ClockTime, ProblemSchema, RecordDate, text

# Not blank: a character other than ASCII white space (the same class in JSON Schema's
# regular expressions and Python's, which disagree on what \s holds).
VISIBLE = r"[^ \t\n\r\f\v]"


def _minutes_text(value: str) -> None:
    if not re.search(VISIBLE, value):
        raise ValidationError("Text must not be blank.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Text must be valid Unicode text.") from None


def _minutes(description: str) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=MAX_CHARS), _minutes_text],
        metadata={"description": description, "pattern": VISIBLE},
    )


class DraftRequest(Schema):
    """`text` or `html`, one of the two (said in words: a schema's properties cannot
    exclude each other here)."""

    text = _minutes("The minutes as plain text (copied from a page or a PDF).")
    html = _minutes("The HTML of a ModernGov meeting page, instead of `text`.")


class PersonDraft(Schema):
    name = fields.String(required=True)
    capacity = fields.String()
    substitute_for = fields.String(metadata={"description": "The member they stood in for."})


class AttendanceDraft(Schema):
    present = fields.List(fields.Nested(PersonDraft))
    apologies = fields.List(fields.Nested(PersonDraft))
    absent = fields.List(fields.Nested(PersonDraft))
    in_attendance = fields.List(fields.Nested(PersonDraft))


class ActionDraft(Schema):
    owner = fields.String()
    due_date = fields.Date()
    due_meeting = fields.String()


class ClauseDraft(Schema):
    label = fields.String(metadata={"description": "As printed: (1), 1., (a), A:, • …"})
    kind = fields.String(required=True)
    text = fields.String(required=True)
    action = fields.Nested(ActionDraft)


class ResolutionDraft(Schema):
    status = fields.String(metadata={"description": "proposed: a report's recommendations"})
    approves_minutes_of = fields.Date()
    lead_in = fields.String(metadata={"description": "Words before the numbered clauses."})
    clauses = fields.List(fields.Nested(ClauseDraft), required=True)


class ItemDraft(Schema):
    minute = fields.String()
    agenda_number = fields.String()
    title = fields.String(required=True)
    agenda_text = fields.List(fields.String())
    minute_text = fields.List(fields.String())
    resolution = fields.Nested(ResolutionDraft)


class ReferencedMeetingDraft(Schema):
    date = fields.Date(required=True)
    held = fields.Boolean(required=True)
    start_time = fields.Time()
    known_from = fields.String(required=True)


class DeclarationDraft(Schema):
    member = fields.String(required=True)
    item = fields.String(metadata={"description": "The minute (or agenda) number it names."})
    kind = fields.String()
    interest = fields.String(required=True)


class ReviewNote(Schema):
    path = fields.String(
        required=True, metadata={"description": "Where in the draft: items[2].resolution"}
    )
    reason = fields.String(required=True)


class DraftSchema(Schema):
    council = fields.String(
        required=True, metadata={"description": "Guessed slug, or empty: check it."}
    )
    council_name = fields.String()
    committee = fields.String(required=True, metadata={"description": "Guessed slug: check it."})
    committee_name = fields.String()
    date = fields.Date()
    held = fields.Boolean()
    start_time = fields.Time()
    ended_at = fields.Time()
    venue = fields.String()
    declarations = fields.List(fields.Nested(DeclarationDraft))
    declarations_recorded = fields.String(
        validate=validate.OneOf(["none", "some"]),
        metadata={"description": '"none" where the minutes say no interests were declared.'},
    )
    attendance = fields.Nested(AttendanceDraft)
    referenced_meetings = fields.List(fields.Nested(ReferencedMeetingDraft))
    items = fields.List(fields.Nested(ItemDraft), required=True)
    review = fields.List(
        fields.Nested(ReviewNote),
        required=True,
        metadata={"description": "Every guess to check before the document is recorded."},
    )


# Recording a reviewed document -----------------------------------------------------
# The same shape as the draft, each field checked as the record will keep it. The
# draft's notes for the clerk (`review`, an item's `agenda_text`, a resolution's
# `lead_in`) are accepted, so that a reviewed draft is sent as it is, and not recorded.
MAX_ITEMS = 200  # items of business at one meeting


def _one_of(kind: type[Enum]) -> validate.OneOf:
    return validate.OneOf([k.value for k in kind])


def flatten(messages: Any, path: str = "") -> list[tuple[str, str]]:
    """Marshmallow's nested messages as (path, message): `items[2].resolution.title`."""
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [(path or "body", m) for m in messages]
    found = []
    items = messages.items() if isinstance(messages, dict) else enumerate(messages)
    for key, inner in items:
        where = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)
        found += flatten(inner, where)
    return found


class PersonRecord(Schema):
    name = text(limits.PERSON, required=True)
    capacity = text(limits.CAPACITY)
    substitute_for = text(
        limits.PERSON, metadata={"description": "The member they stood in for (present)."}
    )


class AttendanceRecord(Schema):
    present = fields.List(fields.Nested(PersonRecord))
    apologies = fields.List(fields.Nested(PersonRecord))
    absent = fields.List(fields.Nested(PersonRecord))
    in_attendance = fields.List(fields.Nested(PersonRecord))


class ActionRecord(Schema):
    owner = text(limits.PERSON)
    due_date = RecordDate()
    due_meeting = text(limits.BODY)


class ReportBackRecord(Schema):
    due_date = RecordDate()
    due_meeting = text(limits.BODY)


class ClauseRecord(Schema):
    label = text(limits.CLAUSE_LABEL, metadata={"description": "As printed: (1), 1., (a)…"})
    kind = fields.String(required=True, validate=_one_of(ClauseKind))
    action = fields.Nested(
        ActionRecord,
        metadata={"description": "What the clause asks for; `{}` where the words name no one."},
    )
    referred_to = text(
        limits.BODY,
        metadata={"description": "The body its action was referred to at the meeting."},
    )
    report_back = fields.Nested(
        ReportBackRecord,
        metadata={"description": "A report back on its action requested at the meeting."},
    )
    # Last: from here on in the class, `text` is this field, not the helper.
    text = text(limits.CLAUSE_TEXT, required=True)


class ResolutionRecord(Schema):
    status = fields.String(
        validate=validate.OneOf(["resolved", "proposed"]),
        metadata={"description": "resolved (the default), or proposed: a report's recommendations"},
    )
    approves_minutes_of = RecordDate(
        metadata={"description": "The date of the earlier meeting whose minutes it approves."}
    )
    lead_in = fields.String(metadata={"description": "The draft's; not recorded."})
    clauses = fields.List(
        fields.Nested(ClauseRecord),
        required=True,
        validate=validate.Length(min=1, max=limits.MAX_CLAUSES),
    )
    work_programme = fields.List(
        text(limits.TITLE), metadata={"description": "Topics added to the work programme."}
    )


class ItemRecord(Schema):
    minute = text(limits.NUMBER)
    agenda_number = text(limits.NUMBER)
    title = text(limits.TITLE, required=True)
    agenda_text = fields.List(
        fields.String(), metadata={"description": "The draft's; not recorded."}
    )
    minute_text = fields.List(
        text(limits.MINUTE_TEXT, metadata={"pattern": PARAGRAPH_PATTERN}),
        validate=validate.Length(max=limits.PARAGRAPHS),
    )
    resolution = fields.Nested(ResolutionRecord)
    resolutions = fields.List(
        fields.Nested(ResolutionRecord),
        validate=validate.Length(min=1, max=limits.RESOLUTIONS_PER_ITEM),
        metadata={
            "description": "Several resolutions on the item, in order (an amendment carried, "
            "then the substantive motion); send this or `resolution`, not both."
        },
    )

    @validates_schema
    def one_or_several(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("resolution") is not None and data.get("resolutions"):
            raise ValidationError("send resolution or resolutions, not both", "resolutions")


class ReferencedMeetingRecord(Schema):
    date = RecordDate(required=True)
    held = fields.Boolean(required=True)
    start_time = ClockTime()
    known_from = text(limits.LOCATOR, required=True)


class DeclarationRecord(Schema):
    member = text(limits.PERSON, required=True)
    item = text(limits.NUMBER, metadata={"description": "The minute (or agenda) number."})
    kind = fields.String(validate=_one_of(DeclarationKind))
    interest = text(limits.REASON, required=True)


class MemberRecord(Schema):
    name = text(limits.PERSON, required=True)
    role = fields.String(validate=_one_of(MemberRole))
    representing = text(limits.PERSON)
    appointed_on = RecordDate(metadata={"description": "The meeting's date if left out."})


class MinutesDocument(Schema):
    """A meeting's minutes, whole: the draft's shape, reviewed."""

    council = fields.String(required=True, validate=SLUG)
    council_name = text(limits.COUNCIL_NAME)
    committee = fields.String(required=True, validate=SLUG)
    committee_name = text(
        limits.COMMITTEE_NAME,
        metadata={
            "description": "With council_name, an admin's document establishes a new committee."
        },
    )
    committee_kind = fields.String(validate=_one_of(CommitteeKind))
    established_on = RecordDate(
        metadata={"description": "A new committee's; the meeting's date if left out."}
    )
    members = fields.List(
        fields.Nested(MemberRecord),
        metadata={"description": "Members appointed by this document if not yet on the committee."},
    )
    date = RecordDate(required=True)
    held = fields.Boolean(
        metadata={"description": "false: a report to the meeting, not its minutes."}
    )
    start_time = ClockTime()
    ended_at = ClockTime()
    sitting = fields.Integer(
        validate=validate.Range(min=1, max=limits.SITTINGS_PER_DAY),
        metadata={
            "description": "Which of the committee's meetings that day this is, from 1 (the "
            "default): a special or reconvened meeting after the ordinary one is 2."
        },
    )
    venue = text(limits.VENUE)
    document = text(
        limits.SOURCE, metadata={"description": "The title of the minutes: cited for each fact."}
    )
    source = text(limits.ADDRESS, metadata={"description": "Their web address or file name."})
    inferred = text(limits.REASON, metadata={"description": "Why the meeting is inferred."})
    reason = text(
        limits.REASON, metadata={"description": "Why a changed document corrects the record."}
    )
    declarations = fields.List(fields.Nested(DeclarationRecord))
    declarations_recorded = fields.String(
        validate=validate.OneOf(["none", "some"]),
        metadata={"description": '"none" where the minutes say no interests were declared.'},
    )
    attendance = fields.Nested(AttendanceRecord)
    referenced_meetings = fields.List(fields.Nested(ReferencedMeetingRecord))
    items = fields.List(
        fields.Nested(ItemRecord), required=True, validate=validate.Length(max=MAX_ITEMS)
    )
    review = fields.List(
        fields.Nested(ReviewNote), metadata={"description": "The draft's; not recorded."}
    )


class RecordedSchema(Schema):
    kind = fields.String(
        required=True, metadata={"description": "committee, council, meeting or resolution"}
    )
    id = fields.UUID(required=True)
    version = fields.Integer(required=True)
    position = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Of its last event recorded now; null if nothing was."},
    )
    new_events = fields.Integer(required=True)


class MinutesReceiptSchema(Schema):
    meeting_id = fields.UUID(required=True)
    new_events = fields.Integer(required=True, metadata={"description": "0: already recorded."})
    position = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "The last event's position: pass as min_position to read it."},
    )
    caught_up = fields.Boolean(required=True)
    records = fields.List(fields.Nested(RecordedSchema), required=True)


class ProblemAt(Schema):
    path = fields.String(
        required=True, metadata={"description": "items[2].resolution.clauses[0].kind"}
    )
    rule = fields.String(required=True)
    message = fields.String(required=True)


class MinutesProblemSchema(ProblemSchema):
    problems = fields.List(
        fields.Nested(ProblemAt), metadata={"description": "Every problem, with its path."}
    )
