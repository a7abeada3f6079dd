"""The heading of the minutes: committee, date, time, venue, and who attended.

Attendance is printed in blocks that start with a label ("Present:", "(Not Present)",
"Apologies:", "Also in attendance:", "Substitutes:") and run on over the lines of
names that follow. A "Not Present" member named in the apologies item sent apologies;
one not named there was absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from domain.minutes.dates import DATE, find_date, find_time
from domain.minutes.names import Person, looks_like_names, split_people

STATUSES = ("present", "apologies", "absent", "in_attendance")
BLOCKS: list[tuple[str, re.Pattern[str]]] = [
    ("not_present", re.compile(r"^\(?\s*not\s+present\s*\)?\s*:?\s*", re.I)),
    ("absent", re.compile(r"^absent\s*:?\s*(?=$|[A-Z(])", re.I)),
    (
        "present",
        re.compile(
            r"^\(?\s*(?:(?:members|councillors|committee\s+members)\s+)?present\s*\)?\s*:?\s*(?=$|[A-Z(])",
            re.I,
        ),
    ),
    ("present", re.compile(r"^attendance\s*:?\s*$", re.I)),
    (
        "apologies",
        re.compile(
            r"^apologies(?:\s+for\s+absence)?\s*(?::|were\s+received\s+from|received\s+from)\s*|^apologies\s*$",
            re.I,
        ),
    ),
    (
        "in_attendance",
        re.compile(
            r"^(?:also\s+(?:in\s+attendance|present|attending)|in\s+attendance|officers(?:\s+(?:present|in\s+attendance))?)\s*:?\s*",
            re.I,
        ),
    ),
    ("substitutes", re.compile(r"^substitutes?(?:\s+present)?\s*:?\s*", re.I)),
]
# "Minutes of the X Meeting held on ...", "At a meeting of this Committee held on ..."
HELD_ON = re.compile(
    r"^(?:minutes\s+of\s+(?:the\s+)?(?:(?:meeting|proceedings)\s+of\s+(?:the\s+)?)?(?P<name>.*?)"
    r"\s*(?:meeting\s+)?held\s+on|at\s+a\s+meeting\s+of\s+(?:the\s+)?(?P<name2>.*?)\s+held\s+on)",
    re.I,
)
# ModernGov's title: "Cabinet - Tuesday, 5th March, 2024 6.00 pm"
TITLED = re.compile(r"^(?P<name>.+?)\s+[-–]\s+(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day)", re.I)
LABELLED = re.compile(
    r"^(?P<label>date|time|venue|place|location|report\s+to|meeting)\s*:\s*(?P<value>.*)$", re.I
)
THIS_COMMITTEE = re.compile(r"(?:this|the)\s+\w+", re.I)
COMMITTEE_WORDS = (
    r"(?:Committee|Sub-Committee|Board|Cabinet|Council|Panel|Forum|Group|Commission|Executive)"
)
COUNCIL = re.compile(
    r"\b(?P<name>London Borough of (?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?"
    r"|Royal Borough of [A-Z][\w'-]+(?: and [A-Z][\w'-]+)?"
    r"|(?:[A-Z][\w'.-]+\s+){1,3}(?:Metropolitan\s+Borough|Borough|County|City|District)\s+Council)\b"
)
SUBSTITUTE = re.compile(
    r"^(?P<who>.+?)\s+(?:\(|attended\s+|was\s+present\s+)?(?:as\s+(?:a\s+)?)?"
    r"(?:substitut(?:e|ing)|deputising|in\s+place\s+of)\s+(?:for\s+)?(?P<for>[^)]+?)\)?\.?$",
    re.I,
)


@dataclass
class Heading:
    committee_name: str | None = None
    council_name: str | None = None
    date: date | None = None
    start_time: time | None = None
    venue: str | None = None
    attendance: dict[str, list[Person]] = field(default_factory=dict)
    not_present: list[Person] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def read_heading(lines: list[str], whole_text: str) -> Heading:
    heading = Heading()
    content = [line for line in lines if line]
    _meeting(heading, content)
    council = COUNCIL.search(whole_text[:3000])
    heading.council_name = council["name"] if council else None
    _attendance(heading, content)
    return heading


def _meeting(heading: Heading, content: list[str]) -> None:
    for i, line in enumerate(content):
        following = content[i + 1] if i + 1 < len(content) else ""
        held, titled, labelled = HELD_ON.search(line), TITLED.match(line), LABELLED.match(line)
        label = re.sub(r"\s+", " ", labelled["label"].lower()) if labelled else ""
        if heading.date is None and (held or titled or label == "date"):
            heading.date = find_date(line) or find_date(following)
            heading.start_time = heading.start_time or _time_after_date(line)
        name = (
            (held and (held["name"] or held["name2"]))
            or (titled and titled["name"])
            or (label in ("report to", "meeting") and labelled["value"])
        )
        if name and heading.committee_name is None and not THIS_COMMITTEE.fullmatch(name):
            heading.committee_name = name.strip(" ,")
        if label == "time" and heading.start_time is None:
            heading.start_time = find_time(line)
        if label in ("venue", "place", "location") and heading.venue is None:
            heading.venue = labelled["value"].strip(" .") or following or None
    if heading.date is None:
        heading.date = next((d for d in map(find_date, content[:12]) if d), None)
    if heading.committee_name is None:
        heading.committee_name = _committee_line(content)


def _time_after_date(line: str) -> time | None:
    """ "held on Tuesday 19 September 2017 at 6.30pm": the time after the date."""
    found = DATE.search(line)
    return find_time(line[found.end() :]) if found else None


def _committee_line(content: list[str]) -> str | None:
    """The first line in capitals naming a committee, board or panel; a council's own
    name ("BOROUGH COUNCIL" on a letterhead) only when there is none."""
    lines = sorted(content[:8], key=lambda ln: re.search(r"council$", ln, re.I) is not None)
    for line in lines:
        if (
            re.search(COMMITTEE_WORDS + r"\b", line, re.I)
            and len(line) < 150
            and (line.isupper() or re.search(COMMITTEE_WORDS + r"$", line))
            and not re.match(r"^(?:meeting\s+of\s+the|minutes)$", line, re.I)
        ):
            return line
    return None


def _attendance(heading: Heading, content: list[str]) -> None:
    block: str | None = None
    for line in content:
        label = next(((status, p.match(line)) for status, p in BLOCKS if p.match(line)), None)
        if label is not None:
            block, found = label
            rest = line[found.end() :].strip()
            if rest and not _add(heading, block, rest):
                heading.unused.append(line)
            continue
        if block is not None and looks_like_names(line):
            _add(heading, block, line)
            continue
        if block is not None and SUBSTITUTE.match(line):
            _add(heading, "substitutes", line)
            continue
        block = None
        if not _is_meeting_line(heading, line):
            heading.unused.append(line)


def _add(heading: Heading, block: str, text: str) -> bool:
    if block == "substitutes":
        people = [_substitute(part) for part in re.split(r";|\t", text) if part.strip()]
        heading.attendance.setdefault("present", []).extend(p for p in people if p)
        return all(people)
    people = split_people(text)
    if not people or not (looks_like_names(text) or len(people) == 1):
        return False
    target = (
        heading.not_present if block == "not_present" else heading.attendance.setdefault(block, [])
    )
    target.extend(people)
    return True


def _substitute(text: str) -> Person | None:
    found = SUBSTITUTE.match(text.strip())
    if found is None:
        people = split_people(text)
        return people[0] if len(people) == 1 else None
    who = split_people(found["who"].strip(" (,"))
    if len(who) != 1:
        return None
    return Person(who[0].name, who[0].capacity, found["for"].strip(" ."))


def _is_meeting_line(heading: Heading, line: str) -> bool:
    """Lines the meeting's own details came from (nothing is left unaccounted for)."""
    return bool(
        line == heading.committee_name
        or (heading.committee_name and heading.committee_name in line)
        or re.match(r"^(?:date|time|venue|place|contact|meeting of the)\b", line, re.I)
        or line == heading.venue
        or DATE.search(line)
    )
