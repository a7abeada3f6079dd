"""Sources: where a fact came from, as clients send and read it."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_load, validate

from domain import limits
from domain.values import Source
from web.schemas.common import Recording, text

DESCRIPTION = (
    "Where the fact came from: the document's title, its address (a web address or file "
    "name), where in it (a page, a minute, a paragraph), and, for a fact no document "
    "states, why it was inferred."
)


class SourceSchema(Schema):
    document = text(limits.SOURCE, required=True)
    address = text(limits.ADDRESS, load_default=None, allow_none=True)
    locator = text(limits.LOCATOR, load_default=None, allow_none=True)
    inferred = text(
        limits.REASON,
        load_default=None,
        allow_none=True,
        metadata={"description": "Why the fact was inferred; null if a document states it."},
    )

    @post_load
    def make(self, data: dict[str, Any], **_: Any) -> Source:
        return Source(**data)


def source_field(**kwargs: Any) -> fields.Nested:
    return fields.Nested(SourceSchema, metadata={"description": DESCRIPTION}, **kwargs)


def _subject(*subjects: str) -> fields.String:
    return fields.String(required=True, validate=validate.OneOf(subjects))


class CiteMeetingSource(Recording):
    subject = _subject("meeting", "item", "attendance")
    item = text(
        limits.ITEM_KEY,
        load_default=None,
        allow_none=True,
        metadata={"description": "The agenda item's key: needed for the subject item."},
    )
    member = text(
        limits.PERSON,
        load_default=None,
        allow_none=True,
        metadata={"description": "Whose attendance: needed for the subject attendance."},
    )
    source = source_field(required=True)


class CiteResolutionSource(Recording):
    subject = _subject("resolution", "clause")
    clause = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=limits.MAX_CLAUSES),
        metadata={"description": "The clause's number: needed for the subject clause."},
    )
    source = source_field(required=True)


class CiteCommitteeSource(Recording):
    subject = _subject("committee", "membership")
    member = text(
        limits.PERSON,
        load_default=None,
        allow_none=True,
        metadata={"description": "The member: needed for the subject membership."},
    )
    source = source_field(required=True)
