"""The base of every aggregate: each event says who recorded it and when it took effect.

Three times matter to a council record, and they are kept apart:
- `effective_date`: when the change took effect in the world (the meeting's date);
- `timestamp`: when this system recorded it (set by the library, UTC);
- `recorded_by`: who recorded it (the authenticated actor, or `seed`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Self
from zoneinfo import ZoneInfo

from eventsourcing.domain import Aggregate

from domain import limits
from domain.errors import (
    AcrossCouncils,
    EffectiveDateInTheFuture,
    EffectiveDateTooEarly,
    InvalidValue,
)

# Every council recorded so far is in England; "today" is the date on their clocks.
COUNCIL_TIME_ZONE = ZoneInfo("Europe/London")


class RecordedAggregate(Aggregate):
    class Event(Aggregate.Event):
        effective_date: date
        recorded_by: str

    class Created(Event, Aggregate.Created):
        pass

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        """A deep copy, made cheaply. The service keeps recent aggregates in a cache
        and hands each command a deep copy, so a command that fails leaves the cached
        one untouched. Every attribute of an aggregate is an immutable value (str,
        date, UUID, enum, frozen dataclass) or a dict or list of them that events
        change only by setting, deleting or appending entries; copying those
        containers is therefore as deep a copy as `copy.deepcopy` would make, at a
        fraction of its cost."""
        twin = object.__new__(type(self))
        for key, value in self.__dict__.items():
            twin.__dict__[key] = value.copy() if type(value) in (dict, list) else value
        return twin

    def _begin_record(self, effective_date: date) -> None:
        self.effective_from = effective_date

    def _check_takes_effect(self, effective_date: date) -> None:
        """Guard for every command: nothing takes effect before the record began, nor
        after today."""
        check_effective_date(effective_date)
        if effective_date < self.effective_from:
            raise EffectiveDateTooEarly(
                f"{effective_date.isoformat()} is before this record began on "
                f"{self.effective_from.isoformat()}"
            )

    def check_same_council(self, other: RecordedAggregate, what: str) -> None:
        """Refuse a link from this record to another council's, whoever asks."""
        mine, theirs = getattr(self, "council", None), getattr(other, "council", None)
        if theirs != mine:
            raise AcrossCouncils(f"{what} belongs to {theirs}, not {mine}")


def today() -> date:
    """Today in the councils' own time zone (midnight in London is not midnight UTC)."""
    return datetime.now(COUNCIL_TIME_ZONE).date()


def check_effective_date(value: date) -> date:
    """An effective date: a real date in range, and not after today."""
    check_date(value, "effective date")
    if value > today():
        raise EffectiveDateInTheFuture(
            f"the effective date {value.isoformat()} is after today ({today().isoformat()}): "
            "record what has happened, on the day it happened"
        )
    return value


# Council records are dated within these; a date outside is a typing slip, and keeping
# to them means date arithmetic (due in 14 days, open 90 days) can never overflow.
EARLIEST = date(1800, 1, 1)
LATEST = date(2199, 12, 31)
# Control characters other than tab and newlines have no place in a minute, and
# PostgreSQL cannot store NUL in text at all.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_date(value: date | None, what: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValue(f"{what} must be a date, not {value!r}")
    if not EARLIEST <= value <= LATEST:
        raise InvalidValue(
            f"{what} must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}"
        )
    return value


def text_problem(value: str) -> str | None:
    """Why a string cannot be kept in the record, if it cannot."""
    if CONTROL.search(value):
        return "must not contain control characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "must be valid Unicode text"
    return None


def check_text(value: str, what: str, *, limit: int = limits.CLAUSE_TEXT) -> str:
    """A required piece of text: not blank, not absurdly long; returned stripped."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"{what} must not be blank")
    if len(value) > limit:
        raise InvalidValue(f"{what} must be at most {limit} characters")
    problem = text_problem(value)
    if problem:
        raise InvalidValue(f"{what} {problem}")
    return value.strip()


def optional_text(value: str | None, what: str, *, limit: int = limits.REASON) -> str | None:
    """Text that may be left out, but if given is not blank."""
    return None if value is None else check_text(value, what, limit=limit)


def check_slug(value: str, what: str) -> str:
    """A council's or committee's slug: it names the record in URLs and in its id."""
    value = check_text(value, what, limit=limits.SLUG)
    if not limits.is_slug(value):
        raise InvalidValue(f"{what} must be {limits.SLUG_RULE}")
    return value


def check_actor(recorded_by: str) -> str:
    """Who recorded a change: every event names them."""
    return check_text(recorded_by, "actor", limit=limits.PERSON)
