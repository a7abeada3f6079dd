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

from domain.minutes.attendance import put_together
from domain.minutes.dates import find_time
from domain.minutes.draft import Draft
from domain.minutes.header import Heading, read_heading
from domain.minutes.html import html_to_text
from domain.minutes.item_drafts import check_declared_items, draft_item
from domain.minutes.items import Item, split_items
from domain.minutes.names import Person
from domain.minutes.resolutions import RESOLVED, split_resolutions
from domain.minutes.text import clean_lines

MAX_CHARS = 200_000
REPORT_TO = re.compile(r"^report\s+to\s*:", re.I)
REPORT_FIELD = re.compile(r"^[A-Z][A-Z()' /&-]{1,40}(?::|\s(?=[A-Z][a-z]))")
ENDED = re.compile(
    r"\b(?:meeting|it)\s+(?:ended|closed|finished|concluded|terminated|rose)\s+at\s+(.{0,12})",
    re.I,
)
COUNCIL_WORDS = re.compile(
    r"^(?:London |Royal )?Borough of "
    r"|\s+(?:Metropolitan Borough|Borough|County|City|District) Council$"
)


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
    draft = Draft(report=any(REPORT_TO.match(line) for line in lines[:20] if line))
    head, items = _report_items(lines) if draft.report else split_items(lines)
    heading = read_heading(head, text)
    if not items and split_resolutions(head)[1]:  # one item's minute, with no heading
        items = [Item("", None, None, head)]
        heading.unused = []  # they are the item's own lines
        draft.note("items[0].title", "no item heading was found: give the title")
    _meeting(draft, heading, text)
    apologies: list[Person] | None = None
    drafted = []
    for index, item in enumerate(items):
        entry, said = draft_item(draft, item, index)
        drafted.append(entry)
        apologies = said if said is not None else apologies
    put_together(draft, heading, apologies)
    draft.doc["items"] = drafted
    check_declared_items(draft)
    _check_numbering(draft)
    if not drafted and draft.doc.get("date") is None:
        raise DraftError(
            "not-minutes",
            "found no meeting date and no numbered item: is this the text of minutes?",
        )
    draft.doc["review"] = draft.review
    return draft.doc


def _check_size(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise DraftError("minutes-too-long", f"minutes are at most {MAX_CHARS} characters")
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


def _meeting(draft: Draft, heading: Heading, text: str) -> None:
    """The council and committee (slugs guessed from their names), date, time, venue."""
    doc = draft.doc
    if heading.council_name:
        doc["council"] = slug(COUNCIL_WORDS.sub("", heading.council_name))
        doc["council_name"] = heading.council_name
        draft.note("council", f"slug guessed from {heading.council_name!r}")
    else:
        doc["council"] = ""
        draft.note("council", "the text does not name the council: give its slug")
    name = heading.committee_name
    doc["committee"] = slug(name) if name else ""
    if name:
        doc["committee_name"] = name
        draft.note("committee", f"slug guessed from {name!r}: use the committee's own")
    else:
        draft.note("committee", "no committee name found: give the committee's slug")
    if heading.date is not None:
        doc["date"] = heading.date
    else:
        draft.note("date", "no meeting date found")
    if draft.report:
        doc["held"] = False
        draft.note(
            "held", "a report to the meeting, not its minutes: nothing says it met or decided"
        )
    for key, value in (("start_time", heading.start_time), ("venue", heading.venue)):
        if value is not None:
            doc[key] = value
    ended = ENDED.search(text)
    if ended and find_time(ended[1]):
        doc["ended_at"] = find_time(ended[1])
    for line in heading.unused:
        draft.note("heading", f"a line of the heading the rules did not use: {line[:200]!r}")


def _check_numbering(draft: Draft) -> None:
    """Minute numbers that jump far ahead: a second document in the same text, such as the
    last meeting's minutes printed in an agenda pack."""
    numbers = [(i, item.get("minute")) for i, item in enumerate(draft.doc["items"])]
    plain = [(i, int(n)) for i, n in numbers if n is not None and n.isdigit()]
    for (_, before), (i, after) in zip(plain, plain[1:], strict=False):
        if after - before > 10:
            draft.note(
                f"items[{i}].minute",
                f"the numbering jumps from {before} to {after}: is a second document (an "
                "earlier meeting's minutes in an agenda pack) in the text?",
            )


def slug(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and ").replace("'", ""))
    return "-".join(words)[:80].strip("-")


def as_json(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft as JSON: `one_type_each` with dates and times as ISO strings."""
    return _iso(one_type_each(draft))


def one_type_each(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft with one type to each field, as JSON and its schema want: each person
    an object ({name, capacity?, substitute_for?}) where the TOML may write a bare name,
    and the TOML's `declarations = "none"` as `declarations_recorded: "none"` beside a
    list (as the API's meetings say it)."""
    doc = dict(draft)
    attendance = doc["attendance"] = dict(doc.get("attendance", {}))
    for status, people in attendance.items():
        attendance[status] = [p if isinstance(p, dict) else {"name": p} for p in people]
    if doc.get("declarations") == "none":
        doc["declarations"] = []
        doc["declarations_recorded"] = "none"
    elif "declarations" in doc:
        doc["declarations_recorded"] = "some"
    return doc


def _iso(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    if isinstance(value, date | time):
        return value.isoformat()
    return value
