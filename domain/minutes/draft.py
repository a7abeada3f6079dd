"""The draft being built: the document, its review list, and the people items name.

Each rule module adds to one `Draft`; `note` is how a rule says what a clerk should
check (a path into the document and a reason), so nothing a rule is unsure of is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.minutes.names import Person


@dataclass
class Draft:
    report: bool = False  # a report to a meeting, not its minutes: recommendations only
    doc: dict[str, Any] = field(default_factory=dict)
    review: list[dict[str, str]] = field(default_factory=list)
    # People an item names (officers for the item, substitutes, those absent), kept
    # aside until the heading's attendance lists are put together.
    attending: list[tuple[str, Person]] = field(default_factory=list)

    def note(self, path: str, reason: str) -> None:
        self.review.append({"path": path, "reason": reason})

    def attend(self, status: str, people: list[Person]) -> None:
        self.attending.extend((status, person) for person in people)
