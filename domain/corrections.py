"""Corrections: what was written down wrong, put right, with both kept.

An amendment changes what a committee decided, a member standing down changes who
sits on it: those are changes in the world. A correction says the record itself was
wrong (a typo in a clause, the wrong start time, a clause of the wrong kind, the
wrong meeting cited as approving the minutes) and puts it right. Minutes are
corrected all the time ("agreed as a correct record subject to the following
amendment"); the event keeps the value it replaces and the new one, who corrected it,
when, why, and the meeting that agreed the correction, if one did. Nothing is deleted.

Every fact that can be corrected is named here once, by its subject and field, with
how its new value is read from text. The event keeps both values as text (a date in
ISO form, a time as HH:MM, a kind by its name), so that the history, the audit trail
and the change feed say it in the same words whatever the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any
from uuid import UUID

from domain import limits
from domain.errors import DomainError, InvalidValue
from domain.recording import RecordedAggregate, check_date, check_text, optional_text
from domain.values import ClauseKind, DeclarationKind, MemberRole


class NothingToCorrect(DomainError):
    """Raised when a correction would put in the value the record already holds."""


class NotCorrectable(InvalidValue):
    """Raised when a correction names a field that cannot be corrected on that subject."""


class CorrectionAgreedEarlier(DomainError):
    """Raised when a correction would take effect before the meeting that agreed it."""


class Correction(RecordedAggregate.Event):
    """The shape every record's `Corrected` event shares: which fact (subject, field,
    and the agenda item, member or clause it belongs to), the value replaced and the new one
    as text, the reason, and the meeting that agreed the correction."""

    subject: str
    field: str
    item_key: str | None
    member: str | None
    clause: int | None
    was: str | None
    now: str | None
    reason: str
    agreed_at: UUID | None


@dataclass(frozen=True)
class Spec:
    """How a field's new value is checked when a correction is made, and how the
    value the event keeps as text is read back when the event is applied (without
    checking again, so that a limit tightened later never stops a replay)."""

    check: Callable[[str | None], Any]
    decode: Callable[[str | None], Any] = lambda value: value


def _text(what: str, limit: int) -> Callable[[str | None], str]:
    return lambda value: check_text(value, what, limit=limit)  # type: ignore[arg-type]


def _optional_text(what: str, limit: int) -> Callable[[str | None], str | None]:
    return lambda value: optional_text(value, what, limit=limit)


def _enum(kind: type[Enum], what: str, *, required: bool) -> Callable[[str | None], Any]:
    def parse(value: str | None) -> Any:
        if value is None and not required:
            return None
        try:
            return kind(value)
        except ValueError:
            names = ", ".join(repr(k.value) for k in kind)
            raise InvalidValue(f"{what} must be one of {names}") from None

    return parse


def _date(what: str) -> Callable[[str | None], date | None]:
    def parse(value: str | None) -> date | None:
        if value is None:
            return None
        try:
            return check_date(date.fromisoformat(value), what)
        except (TypeError, ValueError):
            raise InvalidValue(f"{what} must be a date, YYYY-MM-DD") from None

    return parse


def _time(what: str) -> Callable[[str | None], time | None]:
    def parse(value: str | None) -> time | None:
        if value is None:
            return None
        try:
            return time.fromisoformat(value)
        except (TypeError, ValueError):
            raise InvalidValue(f"{what} must be a time, HH:MM") from None

    return parse


def _meeting_id(value: str | None) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidValue("the approving meeting must be a meeting's id") from None


def _decode_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _decode_time(value: str | None) -> time | None:
    return None if value is None else time.fromisoformat(value)


def _decode_enum(kind: type[Enum]) -> Callable[[str | None], Any]:
    return lambda value: None if value is None else kind(value)


def _decode_id(value: str | None) -> UUID | None:
    return None if value is None else UUID(value)


# (subject, field) → its Spec. The subjects belong to records: a meeting's (meeting,
# item, declaration, approval), a resolution's (resolution, clause, action) and a
# committee's (membership).
FIELDS: dict[tuple[str, str], Spec] = {
    ("meeting", "start_time"): Spec(_time("start time"), _decode_time),
    ("meeting", "venue"): Spec(_optional_text("venue", limits.VENUE)),
    ("item", "title"): Spec(_text("item title", limits.TITLE)),
    ("item", "minute"): Spec(_optional_text("minute number", limits.NUMBER)),
    ("item", "agenda_number"): Spec(_optional_text("agenda number", limits.NUMBER)),
    ("declaration", "interest"): Spec(_text("interest", limits.REASON)),
    ("declaration", "kind"): Spec(
        _enum(DeclarationKind, "kind of interest", required=False),
        _decode_enum(DeclarationKind),
    ),
    ("approval", "approved_by"): Spec(_meeting_id, _decode_id),
    ("resolution", "title"): Spec(_text("title", limits.TITLE)),
    ("resolution", "minute"): Spec(_optional_text("minute number", limits.NUMBER)),
    ("clause", "text"): Spec(_text("clause text", limits.CLAUSE_TEXT)),
    ("clause", "label"): Spec(_optional_text("clause label", limits.CLAUSE_LABEL)),
    ("clause", "kind"): Spec(
        _enum(ClauseKind, "clause kind", required=True), _decode_enum(ClauseKind)
    ),
    ("action", "owner"): Spec(_optional_text("owner", limits.PERSON)),
    ("action", "due_date"): Spec(_date("due date"), _decode_date),
    ("action", "due_meeting"): Spec(_optional_text("due meeting", limits.BODY)),
    ("membership", "role"): Spec(
        _enum(MemberRole, "role", required=True), _decode_enum(MemberRole)
    ),
    ("membership", "representing"): Spec(_optional_text("representing", limits.PERSON)),
}
# Corrected alongside another field, never asked for on its own: the date minutes
# were approved follows the approving meeting.
DERIVED: dict[tuple[str, str], Spec] = {
    ("approval", "approved_on"): Spec(_date("approved on"), _decode_date),
}
SUBJECTS: dict[str, tuple[str, ...]] = {}
for _subject, _field in FIELDS:
    SUBJECTS[_subject] = (*SUBJECTS.get(_subject, ()), _field)


def decoded(subject: str, field: str, now: str | None) -> Any:
    """The corrected value a `Corrected` event carries, as the record holds it."""
    return {**FIELDS, **DERIVED}[subject, field].decode(now)


def as_text(value: Any) -> str | None:
    """A value as the event keeps it."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Change:
    """A correction checked against its rules of form: the new value as the record
    holds it, and both values as the event keeps them."""

    subject: str
    field: str
    value: Any
    was: str | None
    now: str | None
    reason: str


def check_subject(subjects: tuple[str, ...], subject: str, field: str) -> None:
    """Refuse a subject the record has not, and a field its subject has not."""
    if subject not in subjects or (subject, field) not in FIELDS:
        fields = ", ".join(SUBJECTS.get(subject, ())) if subject in subjects else ""
        raise NotCorrectable(
            f"{field!r} of {subject!r} cannot be corrected here"
            + (f"; these can: {fields}" if fields else f"; subjects here: {', '.join(subjects)}")
        )


def check_change(
    subjects: tuple[str, ...], subject: str, field: str, value: str | None, was: Any, reason: str
) -> Change:
    """Read a correction's new value, refusing a field the subject has not, and one
    that changes nothing."""
    check_subject(subjects, subject, field)
    if value is not None and not isinstance(value, str):
        raise InvalidValue("a corrected value is given as text (or null to clear it)")
    parsed = FIELDS[subject, field].check(value)
    reason = check_text(reason, "reason", limit=limits.REASON)
    if as_text(parsed) == as_text(was):
        raise NothingToCorrect(f"the {subject}'s {field} is already {as_text(was)!r}")
    return Change(subject, field, parsed, as_text(was), as_text(parsed), reason)


def says(e: Any) -> str:
    """The audit trail's line for a correction."""
    where = {
        "item": f"item {e.item_key}",
        "declaration": f"{e.member}'s declaration"
        + (f" on item {e.item_key}" if e.item_key else ""),
        "approval": "the minutes approval",
        "clause": f"clause {e.clause}",
        "action": f"the action of clause {e.clause}",
        "membership": f"{e.member}'s membership",
    }.get(e.subject, f"the {e.subject}")
    field = e.field.replace("_", " ")
    return f"corrected {where}: {field} {e.was!r} → {e.now!r} ({e.reason})"


def check_agreed(agreed_at: RecordedAggregate | None, record: RecordedAggregate, on: date) -> None:
    """The meeting that agreed a correction is of the record's council, and the
    correction takes effect no earlier than that meeting sat."""
    if agreed_at is None:
        return
    record.check_same_council(agreed_at, f"meeting {agreed_at.id}")
    sat = agreed_at.meeting_date  # type: ignore[attr-defined]
    if on < sat:
        raise CorrectionAgreedEarlier(
            f"a correction agreed at the meeting of {sat.isoformat()} takes effect on or "
            f"after that day, not {on.isoformat()}"
        )


def stored(value: Any) -> Any:
    """A corrected value as the read models' columns keep it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value
