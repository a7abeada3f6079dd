"""The whole draft: the heading, the items and their resolutions, and the review list.

The draft is a dict in the seed files' shape (see seeds/documents.py), with dates and
times as `datetime` values (`as_json` gives the JSON form), plus:
- `committee_name` and `council_name`: the names as printed, beside the guessed slugs;
- `declarations`: "none", or a list of {member, item, kind, interest};
- per item `agenda_text` (ModernGov's agenda wording before "Minutes:") and per
  resolution `lead_in` (words before its numbered clauses), where there are some;
- `review`: every guess to check, as {path, reason}.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from domain.minutes import standing
from domain.minutes.dates import all_dates, find_date, find_time
from domain.minutes.header import STATUSES, Heading, read_heading
from domain.minutes.html import html_to_text
from domain.minutes.items import Item, split_items
from domain.minutes.kinds import classify
from domain.minutes.names import Person, split_people, surname
from domain.minutes.resolutions import RESOLVED, Block, split_resolutions
from domain.minutes.text import clean_lines

MAX_CHARS = 200_000
# ModernGov prints an item's agenda wording, then "Decision:" (a summary) and "Minutes:".
MINUTES_MARK = re.compile(r"^minutes\s*:?$", re.I)
DECISION_MARK = re.compile(r"^decisions?\s*:?$", re.I)
REPORT_TO = re.compile(r"^report\s+to\s*:", re.I)
REPORT_FIELD = re.compile(r"^[A-Z][A-Z()' /&-]{1,40}(?::|\s(?=[A-Z][a-z]))")
FOR_THIS_ITEM = re.compile(r"\bin attendance for (?:this|the) item\b", re.I)
AGREED_SENTENCE = re.compile(r"\bit was (?:agreed|asked|requested) that\b", re.I)


class DraftError(ValueError):
    """Raised when the text cannot be drafted; `rule` names why."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


def draft_from_html(html: str) -> dict[str, Any]:
    _check_size(html)
    return draft_from_text(html_to_text(html))


def draft_from_text(text: str) -> dict[str, Any]:
    _check_size(text)
    if not text.strip():
        raise DraftError("empty-minutes", "the text is empty")
    lines = clean_lines(text)
    report = any(REPORT_TO.match(line) for line in lines[:20] if line)
    head, items = _report_items(lines) if report else split_items(lines)
    heading = read_heading(head, text)
    review: list[dict[str, str]] = []
    if not items and split_resolutions(head)[1]:  # one item's minute, with no heading
        items = [Item("", None, None, head)]
        heading.unused = []  # they are the item's own lines
        review.append(_note("items[0].title", "no item heading was found: give the title"))
    draft: dict[str, Any] = _meeting(heading, report, text, review)
    apologies: list[Person] | None = None
    drafted = []
    for index, item in enumerate(items):
        entry, said = _item(item, index, draft, report, review)
        drafted.append(entry)
        apologies = said if said is not None else apologies
    _attendance(draft, heading, apologies, review)
    draft["items"] = drafted
    _check_declared_items(draft, review)
    if not drafted and draft.get("date") is None:
        raise DraftError(
            "not-minutes",
            "found no meeting date and no numbered item: is this the text of minutes?",
        )
    draft["review"] = review
    return draft


def _check_size(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise DraftError("minutes-too-long", f"minutes are at most {MAX_CHARS} characters")
    if "\x00" in text:
        raise DraftError("not-text", "the text holds NUL characters: it is not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DraftError("not-text", "the text is not valid Unicode") from None


def _report_items(lines: list[str]) -> tuple[list[str], list[Item]]:
    """A report to a meeting is one item: its subject, with its recommendations. Its
    heading is the labelled lines at the top ("REPORT TO:", "DATE:", "SUBJECT:")."""
    subject = next((ln for ln in lines if re.match(r"^subject\s*:", ln, re.I)), None)
    title = re.sub(r"^subject\s*:\s*", "", subject, flags=re.I) if subject else "Report"
    fields = (i for i, ln in enumerate(lines) if ln and not REPORT_FIELD.match(ln))
    recommendation = (i for i, ln in enumerate(lines) if ln and RESOLVED.match(ln))
    start = min(next(fields, len(lines)), next(recommendation, len(lines)))
    return lines[:start], [Item(title, None, None, lines[start:])]


def _meeting(heading: Heading, report: bool, text: str, review: list) -> dict[str, Any]:
    draft: dict[str, Any] = {}
    if heading.council_name:
        draft["council"] = slug(
            re.sub(
                r"^(?:London |Royal )?Borough of "
                r"|\s+(?:Metropolitan Borough|Borough|County|City|District) Council$",
                "",
                heading.council_name,
            )
        )
        draft["council_name"] = heading.council_name
        review.append(_note("council", f"slug guessed from {heading.council_name!r}"))
    else:
        draft["council"] = ""
        review.append(_note("council", "the text does not name the council: give its slug"))
    name = heading.committee_name
    draft["committee"] = slug(name) if name else ""
    if name:
        draft["committee_name"] = name
    review.append(
        _note(
            "committee",
            f"slug guessed from {name!r}: use the committee's own"
            if name
            else "no committee name found: give the committee's slug",
        )
    )
    if heading.date is not None:
        draft["date"] = heading.date
    else:
        review.append(_note("date", "no meeting date found"))
    if report:
        draft["held"] = False
        review.append(
            _note(
                "held", "a report to the meeting, not its minutes: nothing says it met or decided"
            )
        )
    for key, value in (("start_time", heading.start_time), ("venue", heading.venue)):
        if value is not None:
            draft[key] = value
    ended = re.search(
        r"\b(?:meeting|it)\s+(?:ended|closed|finished|concluded|terminated|rose)\s+at\s+(.{0,12})",
        text,
        re.I,
    )
    if ended and find_time(ended[1]):
        draft["ended_at"] = find_time(ended[1])
    for line in heading.unused:
        review.append(
            _note("heading", f"a line of the heading the rules did not use: {line[:200]!r}")
        )
    return draft


def _item(
    item: Item, index: int, draft: dict, report: bool, review: list
) -> tuple[dict, list[Person] | None]:
    path = f"items[{index}]"
    lines = item.lines
    entry: dict[str, Any] = {}
    if item.minute is not None:
        entry["minute"] = item.minute
    if item.agenda_number is not None:
        entry["agenda_number"] = item.agenda_number
    entry["title"] = item.title
    marks = [i for i, ln in enumerate(lines) if MINUTES_MARK.match(ln)]
    marks = marks or [i for i, ln in enumerate(lines) if DECISION_MARK.match(ln)]
    if marks:  # what comes before is the agenda's wording (and the decision's summary)
        agenda = [ln for ln in lines[: marks[0]] if ln]
        if agenda:
            entry["agenda_text"] = agenda
        lines = lines[marks[0] + 1 :]
    narrative, blocks = split_resolutions(lines)
    if narrative:
        entry["minute_text"] = narrative
    apologies = (
        standing.apologies_in(narrative) if standing.APOLOGIES_TITLE.search(item.title) else None
    )
    if standing.DECLARATIONS_TITLE.search(item.title):
        _declarations(draft, narrative, path, review)
    _officers_for_item(draft, narrative, item)
    if standing.APOLOGIES_TITLE.search(item.title):
        _attending(draft, "absent", standing.absent_in(narrative))
    if standing.SUBSTITUTES_TITLE.search(item.title):
        _attending(draft, "present", standing.substitutes_in(narrative))
    for i, paragraph in enumerate(narrative):
        if AGREED_SENTENCE.search(paragraph) and not blocks:
            review.append(
                _note(
                    f"{path}.minute_text[{i}]",
                    "'it was agreed/requested that' outside a resolution: "
                    "an action without a 'Resolved'?",
                )
            )
    if blocks:
        entry["resolution"] = _resolution(blocks, entry, path, draft, report, review)
    return entry, apologies


def _resolution(
    blocks: list[Block], item: dict, path: str, draft: dict, report: bool, review: list
) -> dict[str, Any]:
    resolution: dict[str, Any] = {}
    if report or blocks[0].word.lower().startswith("recommend"):
        resolution["status"] = "proposed" if report else "resolved"
        if not report:
            review.append(
                _note(
                    f"{path}.resolution.status",
                    "printed as a recommendation: check that the meeting decided it",
                )
            )
    elif any(b.word.upper() == "AGREED" for b in blocks):
        review.append(_note(f"{path}.resolution", "printed as 'AGREED' rather than 'Resolved'"))
    if len(blocks) > 1:
        review.append(
            _note(
                f"{path}.resolution",
                f"{len(blocks)} 'Resolved' blocks in one item are drafted as one resolution; "
                "split the item if they were separate decisions",
            )
        )
    lead_ins = [b.lead_in for b in blocks if b.lead_in]
    if lead_ins:
        resolution["lead_in"] = " / ".join(lead_ins)
        review.append(
            _note(
                f"{path}.resolution.lead_in",
                "words before the numbered clauses: check they belong to no clause",
            )
        )
    clauses = []
    for block in blocks:
        if block.unlabelled_list:
            review.append(
                _note(
                    f"{path}.resolution.clauses[{len(clauses)}]",
                    "unnumbered paragraphs after the resolution's lead-in are drafted as one "
                    "clause each",
                )
            )
        for label, text in block.clauses:
            n = len(clauses)
            found = classify(text, proposed=report)
            clause: dict[str, Any] = {}
            if label is not None:
                clause["label"] = label
            clause["kind"] = found.kind
            clause["text"] = text
            if found.action is not None:
                clause["action"] = found.action
            for doubt in found.doubts:
                review.append(_note(f"{path}.resolution.clauses[{n}].kind", doubt))
            clauses.append(clause)
            _references(
                draft, item, resolution, clause, text, f"{path}.resolution.clauses[{n}]", review
            )
    resolution["clauses"] = clauses
    return resolution


def _references(
    draft: dict, item: dict, resolution: dict, clause: dict, text: str, path: str, review: list
) -> None:
    """The earlier meeting whose minutes a clause approves, and a meeting it arranges."""
    minute = item.get("minute") or item.get("agenda_number") or item["title"]
    if clause["kind"] == "approved" and re.search(r"\bminutes\b", text, re.I):
        dates = all_dates(text) or all_dates(item["title"])
        if dates:
            resolution.setdefault("approves_minutes_of", dates[0])
            for d in dates:
                _refer(
                    draft,
                    d,
                    True,
                    None,
                    f"minute {minute}: the minutes of the meeting held on {_long(d)} are approved",
                )
            if len(dates) > 1:
                review.append(
                    _note(
                        f"{path}",
                        "approves the minutes of several meetings; approves_minutes_of "
                        "names the first",
                    )
                )
        else:
            review.append(_note(f"{path}", "approves minutes without saying of which meeting"))
    if clause["kind"] == "meeting arranged":
        d = find_date(text)
        if d is not None and d != draft.get("date"):
            _refer(
                draft,
                d,
                False,
                find_time(text),
                f"minute {minute}: a meeting is arranged for {_long(d)}",
            )


def _refer(draft: dict, on: date, held: bool, at: time | None, known_from: str) -> None:
    meetings = draft.setdefault("referenced_meetings", [])
    if any(m["date"] == on for m in meetings):
        return
    entry: dict[str, Any] = {"date": on, "held": held, "known_from": known_from}
    if at is not None:
        entry["start_time"] = at
    meetings.append(entry)


def _declarations(draft: dict, narrative: list[str], path: str, review: list) -> None:
    none, declared = standing.declarations_in(narrative)
    if none:
        draft["declarations"] = "none"
        return
    if declared:
        draft.setdefault("declarations", [])
        if isinstance(draft["declarations"], list):
            for d in declared:
                n = len(draft["declarations"])
                draft["declarations"].append(d)
                if "item" not in d:
                    review.append(
                        _note(
                            f"declarations[{n}].item",
                            "the declaration names no item the rules could find",
                        )
                    )
                if d.get("kind") in (None, "other"):
                    review.append(
                        _note(
                            f"declarations[{n}].kind",
                            "the kind of interest is not one the code of conduct names",
                        )
                    )
    elif narrative:
        review.append(_note(path, "a declarations item whose words the rules did not understand"))


def _check_declared_items(draft: dict, review: list) -> None:
    numbers = {i.get(k) for i in draft["items"] for k in ("minute", "agenda_number")} - {None}
    declared = draft.get("declarations")
    for n, declaration in enumerate(declared if isinstance(declared, list) else []):
        if "item" in declaration and declaration["item"] not in numbers:
            review.append(
                _note(
                    f"declarations[{n}].item",
                    f"item {declaration['item']} is not the number of any item these minutes hold",
                )
            )


def _officers_for_item(draft: dict, narrative: list[str], item: Item) -> None:
    """ "The following officers were in attendance for this item:" and their names."""
    for i, paragraph in enumerate(narrative):
        if not FOR_THIS_ITEM.search(paragraph):
            continue
        for line in narrative[i + 1 :]:
            if not line.startswith("- "):
                break
            for person in split_people(line[2:]):
                person.capacity = ", ".join(
                    filter(None, [person.capacity, f"for minute {item.minute or item.title}"])
                )
                _attending(draft, "in_attendance", [person])


def _attending(draft: dict, status: str, people: list[Person]) -> None:
    """People an item names (officers for the item, substitutes, those absent), kept
    aside until the heading's attendance lists are put together."""
    draft.setdefault("_attending", []).extend((status, person) for person in people)


def _attendance(
    draft: dict, heading: Heading, apologies: list[Person] | None, review: list
) -> None:
    found = {status: list(heading.attendance.get(status, [])) for status in STATUSES}
    for status, person in draft.pop("_attending", []):
        if all(surname(p.name) != surname(person.name) for p in found[status]):
            found[status].append(person)
    said_apologies = apologies is not None or "apologies" in heading.attendance
    for person in apologies or []:
        match = next(
            (p for p in heading.not_present if surname(p.name) == surname(person.name)), None
        )
        if match is not None:
            heading.not_present.remove(match)
            person = match
        if all(surname(p.name) != surname(person.name) for p in found["apologies"]):
            found["apologies"].append(person)
    for n, person in enumerate(heading.not_present):
        found["absent"].append(person)
        review.append(
            _note(
                f"attendance.absent[{len(found['absent']) - 1}]",
                f"{person.name} was not present and is not named among the apologies",
            )
        )
        del n
    attendance: dict[str, list] = {}
    for status in STATUSES:
        if found[status] or (status == "apologies" and said_apologies):
            attendance[status] = [_person(p) for p in found[status]]
    if not found["present"]:
        review.append(_note("attendance.present", "no list of those present was found"))
    draft["attendance"] = attendance


def _person(person: Person) -> str | dict[str, str]:
    if person.capacity is None and person.substitute_for is None:
        return person.name
    entry = {"name": person.name}
    if person.capacity is not None:
        entry["capacity"] = person.capacity
    if person.substitute_for is not None:
        entry["substitute_for"] = person.substitute_for
    return entry


def slug(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and ").replace("'", ""))
    return "-".join(words)[:80].strip("-")


def _long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _note(path: str, reason: str) -> dict[str, str]:
    return {"path": path, "reason": reason}


def as_json(value: Any) -> Any:
    """The draft with dates and times as ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date | time):
        return value.isoformat()
    return value
