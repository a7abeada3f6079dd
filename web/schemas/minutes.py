"""Minutes drafts: the text or page sent in, and the draft document sent back.

The draft has the seed files' shape (see the README's "Drafting minutes"); people in
attendance lists are a name, or {name, capacity, substitute_for}; `declarations` is
"none" or a list.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from domain.minutes.drafting import MAX_CHARS


class DraftRequest(Schema):
    text = fields.String(
        validate=validate.Length(min=1, max=MAX_CHARS),
        metadata={"description": "The minutes as plain text (copied from a page or a PDF)."},
    )
    html = fields.String(
        validate=validate.Length(min=1, max=MAX_CHARS),
        metadata={"description": "The HTML of a ModernGov meeting page (instead of `text`)."},
    )


PERSON = fields.Raw(
    metadata={
        "description": "A name, or {name, capacity, substitute_for}.",
        "oneOf": [{"type": "string"}, {"type": "object"}],
    }
)


class AttendanceDraft(Schema):
    present = fields.List(PERSON)
    apologies = fields.List(PERSON)
    absent = fields.List(PERSON)
    in_attendance = fields.List(PERSON)


class ActionDraft(Schema):
    owner = fields.String()
    due_date = fields.Date()
    due_meeting = fields.String()


class ClauseDraft(Schema):
    label = fields.String(metadata={"description": "As printed: (1), 1., (a), • …"})
    kind = fields.String()
    text = fields.String()
    action = fields.Nested(ActionDraft)


class ResolutionDraft(Schema):
    status = fields.String(metadata={"description": "proposed for a report's recommendations"})
    approves_minutes_of = fields.Date()
    lead_in = fields.String(metadata={"description": "Words before the numbered clauses."})
    clauses = fields.List(fields.Nested(ClauseDraft))


class ItemDraft(Schema):
    minute = fields.String()
    agenda_number = fields.String()
    title = fields.String()
    agenda_text = fields.List(fields.String())
    minute_text = fields.List(fields.String())
    resolution = fields.Nested(ResolutionDraft)


class ReferencedMeeting(Schema):
    date = fields.Date()
    held = fields.Boolean()
    start_time = fields.Time()
    known_from = fields.String()


class Declaration(Schema):
    member = fields.String()
    item = fields.String()
    kind = fields.String()
    interest = fields.String()


class ReviewNote(Schema):
    path = fields.String(metadata={"description": "Where in the draft, e.g. items[2].resolution"})
    reason = fields.String()


class DraftSchema(Schema):
    council = fields.String(metadata={"description": "Guessed slug, or empty: check it."})
    council_name = fields.String()
    committee = fields.String(metadata={"description": "Guessed slug: check it."})
    committee_name = fields.String()
    date = fields.Date()
    held = fields.Boolean()
    start_time = fields.Time()
    ended_at = fields.Time()
    venue = fields.String()
    declarations = fields.Raw(
        metadata={
            "description": '"none", or a list of {member, item, kind, interest}.',
            "oneOf": [
                {"type": "string", "enum": ["none"]},
                {"type": "array", "items": {"type": "object"}},
            ],
        }
    )
    attendance = fields.Nested(AttendanceDraft)
    referenced_meetings = fields.List(fields.Nested(ReferencedMeeting))
    items = fields.List(fields.Nested(ItemDraft))
    review = fields.List(
        fields.Nested(ReviewNote),
        metadata={"description": "Every guess to check before the document is recorded."},
    )
