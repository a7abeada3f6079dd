"""Who may see exempt business (taken in private): nobody but the council's own.

Unknown and hidden look the same to a reader: a hidden record is simply not there,
in lists, counts, search, the audit log and the event feed alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Visibility:
    councils: frozenset[str] | None = frozenset()  # None: every council's

    def shows(self, council: str | None, exempt: bool) -> bool:
        return not exempt or self.councils is None or council in self.councils

    def sql(self, council: str = "council", exempt: str = "exempt") -> tuple[str, list[Any]]:
        """A WHERE fragment keeping the rows this reader may see."""
        if self.councils is None:
            return "1 = 1", []
        if not self.councils:
            return f"{exempt} = 0", []
        marks = ", ".join("?" for _ in self.councils)
        return f"({exempt} = 0 OR {council} IN ({marks}))", sorted(self.councils)


PUBLIC = Visibility()
EVERYTHING = Visibility(None)
