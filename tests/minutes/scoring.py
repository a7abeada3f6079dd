"""How close a draft comes to a hand-made document: the figures the drafter is judged by.

Items are matched by minute number (else agenda number, else title); people by
surname within each attendance status; clauses by their place in the resolution.
A clause is exact when its words (spaces aside) and its label are the document's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.minutes.names import surname

FIXTURES = Path(__file__).parent / "fixtures"
SEED_SOURCES = Path(__file__).parents[2] / "seeds" / "sources"


def seed_text(name: str) -> Path:
    """A seed document's text: in seeds/sources/, or cut from one here (fixtures/seeds/)."""
    cut = FIXTURES / "seeds" / name
    return cut if cut.exists() else SEED_SOURCES / name


HEADER = "%% "  # a fixture's own notes (its source), not part of the minutes


@dataclass
class Score:
    name: str
    items: tuple[int, int]
    attendees: tuple[int, int]
    resolutions: tuple[int, int]
    clauses_exact: tuple[int, int]
    kinds_right: tuple[int, int]
    misses: list[str]

    def line(self) -> str:
        def f(pair: tuple[int, int]) -> str:
            return f"{pair[0]:>3}/{pair[1]:<3}"

        return (
            f"{self.name:<58} items {f(self.items)} attendees {f(self.attendees)} "
            f"resolutions {f(self.resolutions)} clauses exact {f(self.clauses_exact)} "
            f"kinds right {f(self.kinds_right)}"
        )


def minutes_text(path: Path) -> str:
    """The fixture's text without its own header lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith(HEADER))


def expected(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def score(name: str, draft: dict[str, Any], want: dict[str, Any]) -> Score:
    misses: list[str] = []
    drafted = {_key(item): item for item in draft.get("items", [])}
    items_found = resolutions = res_found = exact = kinds = clauses = 0
    for item in want.get("items", []):
        got = drafted.get(_key(item))
        items_found += got is not None
        if got is None:
            misses.append(f"item {_key(item)} not found")
        if "resolution" not in item:
            continue
        resolutions += 1
        want_clauses = item["resolution"]["clauses"]
        clauses += len(want_clauses)
        got_clauses = (got or {}).get("resolution", {}).get("clauses")
        if got_clauses is None:
            misses.append(f"resolution of item {_key(item)} not found")
            continue
        res_found += 1
        for n, clause in enumerate(want_clauses):
            mine = got_clauses[n] if n < len(got_clauses) else None
            if mine is not None and _same(mine, clause):
                exact += 1
            else:
                misses.append(f"item {_key(item)} clause {n}: {mine and mine.get('text')!r}")
            if mine is not None and mine["kind"] == clause["kind"]:
                kinds += 1
            elif mine is not None:
                misses.append(f"item {_key(item)} clause {n}: {mine['kind']} not {clause['kind']}")
        if len(got_clauses) > len(want_clauses):
            misses.append(
                f"item {_key(item)}: {len(got_clauses) - len(want_clauses)} extra clauses"
            )
    people, found = _attendance(draft, want, misses)
    return Score(
        name,
        (items_found, len(want.get("items", []))),
        (found, people),
        (res_found, resolutions),
        (exact, clauses),
        (kinds, clauses),
        misses,
    )


def _key(item: dict[str, Any]) -> str:
    return item.get("minute") or item.get("agenda_number") or item["title"].lower()


def _same(mine: dict[str, Any], clause: dict[str, Any]) -> bool:
    def words(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    return words(mine["text"]) == words(clause["text"]) and mine.get("label") == clause.get("label")


def _attendance(draft: dict[str, Any], want: dict[str, Any], misses: list[str]) -> tuple[int, int]:
    people = found = 0
    for status, entries in want.get("attendance", {}).items():
        mine = {surname(_name(e)) for e in draft.get("attendance", {}).get(status, [])}
        for entry in entries:
            people += 1
            if surname(_name(entry)) in mine:
                found += 1
            else:
                misses.append(f"{status}: {_name(entry)} not found")
    return people, found


def _name(entry: str | dict[str, Any]) -> str:
    return entry if isinstance(entry, str) else entry["name"]


def totals(scores: list[Score]) -> dict[str, tuple[int, int]]:
    fields = ("items", "attendees", "resolutions", "clauses_exact", "kinds_right")
    return {
        f: (sum(getattr(s, f)[0] for s in scores), sum(getattr(s, f)[1] for s in scores))
        for f in fields
    }


def ratio(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1] if pair[1] else 1.0
