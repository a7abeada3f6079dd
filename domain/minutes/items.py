"""Numbered items of business and their minute numbers.

A heading is a line that starts with a minute number and goes on with a title, as
councils print them: "36 APOLOGIES FOR ABSENCE", "12. Declarations of Interest",
"A31/17 The Ofsted inspection ... (agenda item 5)", a number alone on its line with
the title on the next (ModernGov's pages), or a title ending "(Agenda item 7)" with
no minute number at all. A numbered line inside a resolution ("1. That the plan ...")
is a clause, not a heading: a title does not end a sentence, and plain numbers
climb from one heading to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.minutes.resolutions import CLAUSE_LABEL, RESOLVED

NUMBER = r"(?:[A-Z]{1,3}\s?\d{1,4}/\d{2,4}|\d{1,3}/\d{2,4}|[A-Z]{0,3}\d{1,3}(?:\.\d{1,2})?[a-z]?)"
NUMBERED = re.compile(rf"^(?P<minute>{NUMBER})(?P<dot>[.):])?\s+(?P<title>\S.*)$")
NUMBER_ALONE = re.compile(rf"^(?:Item\s+)?(?P<minute>{NUMBER})\.?$")
AGENDA_ITEM = re.compile(r"\s*\((?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<agenda>[\w.]+)\)$", re.I)
SENTENCE_END = re.compile(r"[.;,]$|[a-z]{2,}\.\s")
# ModernGov's page of one agenda item: "Agenda item", then the item's title.
PAGE_OF_ONE_ITEM = re.compile(r"^agenda\s+item$", re.I)


@dataclass
class Item:
    title: str
    minute: str | None = None
    agenda_number: str | None = None
    lines: list[str] = field(default_factory=list)


def split_items(lines: list[str]) -> tuple[list[str], list[Item]]:
    """The lines before the first item (the heading of the minutes), and the items."""
    head: list[str] = []
    items: list[Item] = []
    last_number: int | None = None
    expect: int | None = None  # the number a resolution's next numbered clause would have
    i = 0
    while i < len(lines):
        line = lines[i]
        heading, used = _heading(lines, i)
        if heading is not None and not (expect is not None and _label_number(line) == expect):
            number = _plain_number(heading.minute)
            if number is None or last_number is None or last_number < number <= last_number + 30:
                items.append(heading)
                last_number = number if number is not None else last_number
                expect = None
                i += used
                continue
        marker = RESOLVED.match(line) if line else None
        if marker is not None:
            expect = 1 if opens_list(marker["rest"]) else None
        elif expect is not None and _label_number(line) == expect:
            expect += 1
        (items[-1].lines if items else head).append(line)
        i += 1
    return head, items


def opens_list(rest: str) -> bool:
    """Whether the words after "Resolved" leave the clauses to the lines that follow."""
    rest = rest.strip().rstrip("-–— ").strip()
    return not rest or rest.endswith(":") or rest.lower().endswith("that")


def _label_number(line: str) -> int | None:
    found = CLAUSE_LABEL.match(line) if line else None
    if found is None:
        return None
    digits = re.sub(r"\D", "", found["label"])
    return int(digits) if digits else None


def _heading(lines: list[str], i: int) -> tuple[Item | None, int]:
    line = lines[i]
    if not line or line.startswith("- ") or RESOLVED.match(line):
        return None, 1
    if PAGE_OF_ONE_ITEM.match(line):
        following = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j]), None)
        if following is not None and _title_like(lines[following]):
            title, agenda = _agenda(lines[following])
            return Item(title, None, agenda), following - i + 1
        return None, 1
    alone = NUMBER_ALONE.match(line)
    if alone is not None:
        following = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j]), None)
        if following is not None and _title_like(lines[following]):
            title, agenda = _agenda(lines[following])
            return Item(title, alone["minute"], agenda), following - i + 1
        return None, 1
    numbered = NUMBERED.match(line)
    if numbered is not None:
        title, agenda = _agenda(numbered["title"])
        shouty = title.upper() == title and any(c.isalpha() for c in title)
        marked = numbered["dot"] or "/" in numbered["minute"] or agenda is not None
        if (shouty or marked) and (_title_like(title) or marked and _short_title(title)):
            return Item(title, numbered["minute"], agenda), 1
        return None, 1
    title, agenda = _agenda(line)
    if agenda is not None and _title_like(title):
        return Item(title, None, agenda), 1
    return None, 1


def _short_title(text: str) -> bool:
    """A title printed with a full stop ("Mayor's Announcements."): short, one sentence."""
    return text.endswith(".") and len(text.split()) <= 8 and _title_like(text[:-1])


def _agenda(title: str) -> tuple[str, str | None]:
    found = AGENDA_ITEM.search(title)
    if found is None:
        return title.strip(), None
    return title[: found.start()].strip(), found["agenda"]


def _title_like(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text) <= 250
        and (text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“")
        and not SENTENCE_END.search(text)
        and not text.endswith(":")
        and not RESOLVED.match(text)
    )


def _plain_number(minute: str | None) -> int | None:
    return int(minute) if minute is not None and minute.isdigit() else None
