"""The bodies of corrections: which fact, its new value, why, and who agreed it."""

from __future__ import annotations

from marshmallow import fields, validate

from domain import limits
from domain.corrections import SUBJECTS
from domain.meetings import Meeting
from domain.values import ClauseKind, DeclarationKind, MemberRole
from web.schemas.common import RecordId, Recording, text

MEETING_SUBJECTS = ("meeting", "item", "declaration", "approval")
RESOLUTION_SUBJECTS = ("resolution", "clause", "action")
COMMITTEE_SUBJECTS = ("membership",)


def _fields_of(subjects: tuple[str, ...]) -> list[str]:
    return sorted({f for s in subjects for f in SUBJECTS[s]})


def _describe(subjects: tuple[str, ...]) -> str:
    return "; ".join(f"{s}: {', '.join(SUBJECTS[s])}" for s in subjects)


# The form of a corrected value, by field: said in words, as it depends on `field` (each
# broken form is a 422, `invalid-value`). Any other field's value is text of at most
# its own length.
FORMS = {
    "start_time": "a time, HH:MM",
    "due_date": "a date, YYYY-MM-DD, from 1800-01-01 to 2199-12-31",
    "kind": "the kind's name: for a declaration one of "
    + ", ".join(k.value for k in DeclarationKind)
    + "; for a clause one of "
    + ", ".join(k.value for k in ClauseKind),
    "role": "one of " + ", ".join(r.value for r in MemberRole),
    "approved_by": "the id of the meeting that approved the minutes",
}
LENGTHS = {
    "title": limits.TITLE,
    "minute": limits.NUMBER,
    "agenda_number": limits.NUMBER,
    "venue": limits.VENUE,
    "interest": limits.REASON,
    "text": limits.CLAUSE_TEXT,
    "label": limits.CLAUSE_LABEL,
    "owner": limits.PERSON,
    "due_meeting": limits.BODY,
    "representing": limits.PERSON,
}
REQUIRED = ("title", "interest", "text", "kind of a clause", "role", "approved_by")
VALUE = (
    "The corrected value, as text, in the form its field takes: "
    + "; ".join(f"{name}: {form}" for name, form in FORMS.items())
    + "; any other field, text of at most "
    + ", ".join(f"{n} ({name})" for name, n in LENGTHS.items())
    + " characters. Null clears a field that may be empty (not "
    + ", ".join(REQUIRED)
    + ")."
)


class Correction(Recording):
    """What every correction says: the new value (as text: a date YYYY-MM-DD, a time
    HH:MM, a kind by its name; null clears a field that may be empty), the reason,
    and the meeting that agreed the correction, if one did."""

    value = text(
        limits.CLAUSE_TEXT,
        required=True,
        allow_none=True,
        metadata={"description": VALUE},
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
        metadata={
            "description": f"Which field of the subject: {_describe(subjects)} (another is "
            "refused: 422, `not-correctable`)."
        },
    )


class CorrectMeeting(Correction):
    subject = _subject(MEETING_SUBJECTS)
    field = _field(MEETING_SUBJECTS)
    item = text(
        limits.ITEM_KEY,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "The agenda item's key: needed for the subject item, and for a "
            "declaration made on one."
        },
    )
    member = text(
        limits.PERSON,
        load_default=None,
        allow_none=True,
        metadata={"description": "Who made the declaration (the subject declaration)."},
    )


class CorrectResolution(Correction):
    subject = _subject(RESOLUTION_SUBJECTS)
    field = _field(RESOLUTION_SUBJECTS)
    clause = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1, max=limits.MAX_CLAUSES),
        metadata={"description": "The clause's number: needed for the subjects clause and action."},
    )


class CorrectCommittee(Correction):
    subject = _subject(COMMITTEE_SUBJECTS)
    field = _field(COMMITTEE_SUBJECTS)
    member = text(limits.PERSON, required=True)
