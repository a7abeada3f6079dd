"""A council: the local authority whose committees are recorded, known by its slug.

State machine: registered → (renamed)*. A council is registered with the first
committee established for it, under the name that establishment gives; from then on
its name changes only by `rename`, a verb that says so (establishing another
committee with another name for the council is refused, never a silent rename).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain import limits
from domain.errors import DomainError, NotFound
from domain.recording import (
    RecordedAggregate,
    check_actor,
    check_effective_date,
    check_slug,
    check_text,
)
from domain.values import natural_id


class CouncilError(DomainError):
    """Raised when a change to a council breaks a rule."""


class CouncilNotFound(CouncilError, NotFound):
    """Raised when no council has the given slug."""


class CouncilNameDiffers(CouncilError):
    """Raised when a council is named otherwise than it is, other than by renaming it."""


class CouncilAlreadyNamed(CouncilError):
    """Raised when a council is renamed to the name it already has."""


class Council(RecordedAggregate):
    @staticmethod
    def create_id(slug: str, **_: object) -> UUID:
        return natural_id("council", slug)

    @classmethod
    def register(cls, *, slug: str, name: str, effective_date: date, recorded_by: str) -> Council:
        return cls(
            slug=check_slug(slug, "council"),
            name=check_text(name, "council name", limit=limits.COUNCIL_NAME),
            effective_date=check_effective_date(effective_date),
            recorded_by=check_actor(recorded_by),
        )

    @event("Registered")
    def __init__(self, *, slug: str, name: str, effective_date: date, recorded_by: str) -> None:
        self.slug = slug
        self.council = slug  # every record says whose it is, a council its own
        self.name = name
        self._begin_record(effective_date)

    def check_named(self, name: str) -> None:
        """Refuse another name for this council anywhere but in `rename`."""
        if check_text(name, "council name", limit=limits.COUNCIL_NAME) != self.name:
            raise CouncilNameDiffers(
                f"{self.slug} is named {self.name!r}, not {name!r}; to rename the council, "
                "rename it (POST /api/councils/<slug>/renamings)"
            )

    def rename(self, name: str, *, effective_date: date, recorded_by: str) -> None:
        check_actor(recorded_by)
        self._check_takes_effect(effective_date)
        name = check_text(name, "council name", limit=limits.COUNCIL_NAME)
        if name == self.name:
            raise CouncilAlreadyNamed(f"the council is already named {name}")
        self._renamed(name, effective_date, recorded_by)

    @event("Renamed")
    def _renamed(self, name: str, effective_date: date, recorded_by: str) -> None:
        self.name = name
