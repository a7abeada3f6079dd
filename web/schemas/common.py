"""Pieces every resource shares: recording fields, receipts, pages, errors."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

from domain import limits
from domain.recording import EARLIEST, LATEST, RecordedAggregate, text_problem

SLUG = [
    validate.Regexp(limits.SLUG_PATTERN, error=limits.SLUG_RULE),
    validate.Length(max=limits.SLUG),
]
BIGINT = 2**63 - 1
# Text the record keeps, as a pattern a client can check too: no control character (tab,
# line feed and carriage return allowed), and not blank. Blank is as Python's str.strip
# sees it, the characters named here (not ECMA's \s, which differs from it).
_KEPT = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_SEEN = r"[^\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
TEXT_PATTERN = f"^{_KEPT}*{_SEEN}{_KEPT}*$"
# A paragraph of a minute's text holds no blank line: each paragraph is its own string.
PARAGRAPH_PATTERN = r"^(?![\s\S]*\n[ \t\r]*\n)" + TEXT_PATTERN[1:]
# What a cursor is made of: the URL-safe base64 (unpadded) the service writes its page
# keys in. Only a cursor the service gave out decodes to a key; any other is a 422.
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"
# A time of day as the record keeps it: hours and minutes, seconds and their fraction
# if known, no time zone (the meeting's own clock).
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def keepable(value: str) -> None:
    """Text the record can keep: no control characters, valid Unicode."""
    problem = text_problem(value)
    if problem:
        raise ValidationError(f"Text {problem}.")


def text(max_length: int = 500, **kwargs) -> fields.String:
    """A non-blank string of bounded length that the record can keep."""
    metadata = {"pattern": TEXT_PATTERN, **kwargs.pop("metadata", {})}
    return fields.String(
        validate=[validate.Length(min=1, max=max_length), keepable], metadata=metadata, **kwargs
    )


class RecordId(fields.UUID):
    """The id of a record a command names besides its target (the meeting a resolution
    is proposed at, the meeting that approved minutes, the resolution that superseded
    another). Every such id is authorised before the command runs (web/commands.py),
    so a body field naming a record must be a RecordId, never a plain UUID."""

    def __init__(self, kind: type[RecordedAggregate], **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind = kind


class ClockTime(fields.Time):
    """A time of day, such as 18:30, as the minutes print it (no time zone)."""

    def __init__(self, **kwargs) -> None:
        kwargs["metadata"] = {"pattern": CLOCK_PATTERN, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(CLOCK_PATTERN, value):
            raise self.make_error("invalid", obj_type=self.OBJ_TYPE)
        return super()._deserialize(value, attr, data, **kwargs)


class RecordDate(fields.Date):
    """A date within the range council records are kept for."""

    def __init__(self, **kwargs) -> None:
        kwargs["metadata"] = {"pattern": limits.DATE_PATTERN, **kwargs.get("metadata", {})}
        super().__init__(
            validate=validate.Range(
                min=EARLIEST,
                max=LATEST,
                error=f"Must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}.",
            ),
            **kwargs,
        )


class Recording(Schema):
    """Every command says when its change took effect in the world."""

    effective_date = RecordDate(
        required=True,
        metadata={
            "description": "The date the change took effect (for minutes, the meeting's "
            "date): not after today (422, `effective-date-in-the-future`), and not before "
            "the record began (409, `effective-date-too-early`)."
        },
    )


class WithReason(Recording):
    reason = text(limits.REASON, load_default=None, allow_none=True)


class ReceiptSchema(Schema):
    id = fields.UUID(required=True)
    version = fields.Integer(required=True, metadata={"description": "Send as If-Match."})
    position = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "The global position of the change: pass as min_position to read it."
        },
    )
    item = fields.String(metadata={"description": "The key of an agenda item just added."})
    caught_up = fields.Boolean(
        required=True,
        metadata={
            "description": "Whether the read models include the change yet; if not, pass "
            "`position` as min_position to read it."
        },
    )


class Freshness(Schema):
    min_position = fields.Integer(
        validate=validate.Range(min=0, max=BIGINT),
        metadata={
            "description": "Wait until the read models include this position (a receipt's "
            "`position`): one beyond the last event recorded is refused (422)."
        },
    )


class Paging(Freshness):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = fields.String(
        validate=[
            validate.Length(max=500),
            validate.Regexp(CURSOR_PATTERN, error="Not a cursor this service gave out."),
        ],
        metadata={
            "description": "The `next` of the page before, as it was given: any other value "
            "is refused (422)."
        },
    )


class DateRange(Paging):
    from_ = RecordDate(data_key="from")
    to = RecordDate()


class AsOf(Freshness):
    as_of = RecordDate(
        metadata={
            "description": "The record as it stood in the world on this date (effective dates)."
        }
    )


class ProblemSchema(Schema):
    status = fields.Integer()
    error = fields.String()
    rule = fields.String(metadata={"description": "Which rule was broken, e.g. already-decided."})
    message = fields.String()
    fields_ = fields.Dict(
        data_key="fields",
        metadata={
            "description": "For invalid input, each field's problems by its name: a list of "
            "messages, or for a list or object, the same by index or name."
        },
    )


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """A collection: `{"items": [...], "next": <cursor or null>}`."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next": fields.String(allow_none=True),
        },
        name=f"{item_schema.__name__.removesuffix('Schema')}Page",
    )
