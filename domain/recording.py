"""The base of every aggregate: each event says who recorded it and when it took effect.

Three times matter to a council record, and they are kept apart:
- `effective_date`: when the change took effect in the world (the meeting's date);
- `timestamp`: when this system recorded it (set by the library, UTC);
- `recorded_by`: who recorded it (the authenticated actor, or `seed`).
"""

from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate

from domain.errors import EffectiveDateTooEarly, InvalidValue


class RecordedAggregate(Aggregate):
    class Event(Aggregate.Event):
        effective_date: date
        recorded_by: str

    class Created(Event, Aggregate.Created):
        pass

    def _begin_record(self, effective_date: date) -> None:
        self.effective_from = effective_date

    def _check_takes_effect(self, effective_date: date) -> None:
        """Guard for every command: nothing takes effect before the record began."""
        if not isinstance(effective_date, date):
            raise InvalidValue(f"effective date must be a date, not {effective_date!r}")
        if effective_date < self.effective_from:
            raise EffectiveDateTooEarly(
                f"{effective_date.isoformat()} is before this record began on "
                f"{self.effective_from.isoformat()}"
            )


def check_text(value: str, what: str, *, limit: int = 10_000) -> str:
    """A required piece of text: not blank, not absurdly long; returned stripped."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"{what} must not be blank")
    if len(value) > limit:
        raise InvalidValue(f"{what} must be at most {limit} characters")
    return value.strip()


def optional_text(value: str | None, what: str, *, limit: int = 2000) -> str | None:
    """Text that may be left out, but if given is not blank."""
    return None if value is None else check_text(value, what, limit=limit)
