"""The root of every domain error, so the web edge can map them in one place."""

import re


class DomainError(Exception):
    """Raised when a command breaks a rule a clerk would expect."""

    @property
    def rule(self) -> str:
        """The rule's name, as clients see it: `AlreadyDecided` → `already-decided`."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", type(self).__name__).lower()


class NotFound(DomainError):
    """Raised when no record has the given id."""


class StaleVersion(DomainError):
    """Raised when a client changes a record it last saw at an older version."""


class EffectiveDateTooEarly(DomainError):
    """Raised when a change would take effect before the record it changes began."""


class InvalidValue(DomainError):
    """Raised when a command is given a value no record could hold."""


class AlreadyRecorded(DomainError):
    """Raised when a record with the same natural key (and so the same id) exists."""


class ConcurrentChange(DomainError):
    """Raised when another writer saved a change to the same record first."""


class EffectiveDateInTheFuture(InvalidValue):
    """Raised when a change would take effect after today: the record says what
    happened, and a date to come is a slip (a meeting's date and an action's due date
    are the only dates about the future, and they are not effective dates)."""


class AcrossCouncils(DomainError):
    """Raised when a record would be linked to a record of another council."""
