"""The bodies of corrections: which fact, its new value, why, and who agreed it."""

from __future__ import annotations

from marshmallow import fields, validate

from domain import limits
from domain.corrections import SUBJECTS
from domain.meetings import Meeting
from web.schemas.common import RecordId, Recording, text

MEETING_SUBJECTS = ("meeting", "item", "declaration", "approval")
RESOLUTION_SUBJECTS = ("resolution", "clause", "action")
COMMITTEE_SUBJECTS = ("membership",)


def _fields_of(subjects: tuple[str, ...]) -> list[str]:
    return sorted({f for s in subjects for f in SUBJECTS[s]})


def _describe(subjects: tuple[str, ...]) -> str:
    return "; ".join(f"{s}: {', '.join(SUBJECTS[s])}" for s in subjects)


class Correction(Recording):
    """What every correction says: the new value (as text: a date YYYY-MM-DD, a time
    HH:MM, a kind by its name; null clears a field that may be empty), the reason,
    and the meeting that agreed the correction, if one did."""

    value = text(
        limits.CLAUSE_TEXT,
        required=True,
        allow_none=True,
        metadata={"description": "The corrected value, as text; null clears it."},
    )
    reason = text(limits.REASON, required=True)
    agreed_at = RecordId(
        Meeting,
        load_default=None,
        allow_none=True,
        metadata={"description": "The meeting that agreed the correction, if one did."},
    )


def _subject(subjects: tuple[str, ...]) -> fields.String:
    return fields.String(required=True, validate=validate.OneOf(subjects))


def _field(subjects: tuple[str, ...]) -> fields.String:
    return fields.String(
        required=True,
        validate=validate.OneOf(_fields_of(subjects)),
        metadata={"description": f"Which field of the subject: {_describe(subjects)}."},
    )


class CorrectMeeting(Correction):
    subject = _subject(MEETING_SUBJECTS)
    field = _field(MEETING_SUBJECTS)
    item = text(
        limits.ITEM_KEY,
        load_default=None,
        allow_none=True,
        metadata={"description": "The agenda item's key (an item, or a declaration on one)."},
    )
    member = text(
        limits.PERSON,
        load_default=None,
        allow_none=True,
        metadata={"description": "Who made the declaration."},
    )


class CorrectResolution(Correction):
    subject = _subject(RESOLUTION_SUBJECTS)
    field = _field(RESOLUTION_SUBJECTS)
    clause = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=limits.MAX_CLAUSES),
        metadata={"description": "The clause's number (a clause, or its action)."},
    )


class CorrectCommittee(Correction):
    subject = _subject(COMMITTEE_SUBJECTS)
    field = _field(COMMITTEE_SUBJECTS)
    member = text(limits.PERSON, required=True)
