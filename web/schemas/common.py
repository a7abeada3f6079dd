"""Pieces every resource shares: recording fields, receipts, pages, errors."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from domain import limits
from domain.recording import EARLIEST, LATEST, RecordedAggregate, text_problem

SLUG = [
    validate.Regexp(limits.SLUG_PATTERN, error=limits.SLUG_RULE),
    validate.Length(max=limits.SLUG),
]
BIGINT = 2**63 - 1


def keepable(value: str) -> None:
    """Text the record can keep: no control characters, valid Unicode."""
    problem = text_problem(value)
    if problem:
        raise ValidationError(f"Text {problem}.")


def text(max_length: int = 500, **kwargs) -> fields.String:
    """A non-blank string of bounded length that the record can keep."""
    metadata = {"pattern": limits.TEXT_PATTERN, **kwargs.pop("metadata", {})}
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
            "description": "The date the change took effect (for minutes, the meeting's date)."
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
            "description": "Wait until the read models include this position (from a receipt)."
        },
    )


class Paging(Freshness):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = fields.String(validate=[validate.Length(max=500), keepable])


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
    fields_ = fields.Dict(data_key="fields")


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """A collection: `{"items": [...], "next": <cursor or null>}`."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next": fields.String(allow_none=True),
        },
        name=f"{item_schema.__name__.removesuffix('Schema')}Page",
    )
