"""Minutes drafts: the text or page sent in, and the draft document sent back.

The draft has the seed files' shape (see the README's "Drafting minutes"), with one
type to each field: every person an object, and `declarations` a list beside
`declarations_recorded` ("none" where the minutes say no interests were declared).
"""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

from domain.minutes.drafting import MAX_CHARS

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
