"""One item drafted: its numbers and title, its own paragraphs, its resolution with
each clause's kind and action, and what its standing business records (apologies,
absences, substitutes, declarations, officers attending for the item)."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from domain.minutes import standing
from domain.minutes.dates import all_dates, find_date, find_time
from domain.minutes.draft import Draft
from domain.minutes.items import Item
from domain.minutes.kinds import classify
from domain.minutes.names import Person, split_people
from domain.minutes.resolutions import Block, split_resolutions

# ModernGov prints an item's agenda wording, then "Decision:" (a summary) and "Minutes:".
MINUTES_MARK = re.compile(r"^minutes\s*:?$", re.I)
DECISION_MARK = re.compile(r"^decisions?\s*:?$", re.I)
FOR_THIS_ITEM = re.compile(r"\bin attendance for (?:this|the) item\b", re.I)
UNMARKED = re.compile(
    r"^That\s+(?:.*\b(?:be|been|is|are)\s+(?:agreed|approved|noted|adopted|endorsed|received|"
    r"accepted|confirmed)\b|the\s+\w+(?:-\w+)?\s+(?:agreed|agrees|noted|notes|approved|approves)\b)"
)
AGREED_SENTENCE = re.compile(r"\bit was (?:agreed|asked|requested) that\b", re.I)


def draft_item(draft: Draft, item: Item, index: int) -> tuple[dict, list[Person] | None]:
    """The item's entry, and who its minute says sent apologies (None: it does not say)."""
    path = f"items[{index}]"
    entry: dict[str, Any] = {}
    if item.minute is not None:
        entry["minute"] = item.minute
    if item.agenda_number is not None:
        entry["agenda_number"] = item.agenda_number
    entry["title"] = item.title
    lines = item.lines
    marks = [i for i, ln in enumerate(lines) if MINUTES_MARK.match(ln)]
    marks = marks or [i for i, ln in enumerate(lines) if DECISION_MARK.match(ln)]
    if marks:  # what comes before is the agenda's wording (and the decision's summary)
        agenda = [ln for ln in lines[: marks[0]] if ln]
        if agenda:
            entry["agenda_text"] = agenda
        lines = lines[marks[0] + 1 :]
    narrative, blocks = split_resolutions(lines)
    if not blocks:
        narrative, blocks = _unmarked_resolution(draft, narrative, path)
    if narrative:
        entry["minute_text"] = narrative
    apologies = None
    if standing.APOLOGIES_TITLE.search(item.title):
        apologies = standing.apologies_in(narrative)
        draft.attend("absent", standing.absent_in(narrative))
    if standing.SUBSTITUTES_TITLE.search(item.title):
        draft.attend("present", standing.substitutes_in(narrative))
    if standing.DECLARATIONS_TITLE.search(item.title):
        _declarations(draft, narrative, path)
    _officers_for_item(draft, narrative, item)
    for i, paragraph in enumerate(narrative):
        if AGREED_SENTENCE.search(paragraph) and not blocks:
            draft.note(
                f"{path}.minute_text[{i}]",
                "'it was agreed/requested that' outside a resolution: "
                "an action without a 'Resolved'?",
            )
    if blocks:
        entry["resolution"] = _resolution(draft, blocks, entry, path)
    return entry, apologies


def _unmarked_resolution(
    draft: Draft, narrative: list[str], path: str
) -> tuple[list[str], list[Block]]:
    """ "That ... be agreed." paragraphs with no "Resolved" before them (a web page can
    lose the word, printed apart in bold): drafted as the resolution, and flagged."""
    decided = [p for p in narrative if UNMARKED.match(p)]
    if not decided:
        return narrative, []
    draft.note(
        f"{path}.resolution",
        "no 'Resolved' is printed: the 'That ...' paragraphs that decide something are "
        "drafted as its clauses",
    )
    block = Block("resolved", clauses=[(None, p) for p in decided])
    return [p for p in narrative if not UNMARKED.match(p)], [block]


def _resolution(draft: Draft, blocks: list[Block], item: dict, path: str) -> dict[str, Any]:
    resolution: dict[str, Any] = {}
    if draft.report:
        resolution["status"] = "proposed"
    elif blocks[0].word.lower().startswith("recommend"):
        resolution["status"] = "resolved"
        draft.note(
            f"{path}.resolution.status",
            "printed as a recommendation: check that the meeting decided it",
        )
    elif any(b.word.upper() == "AGREED" for b in blocks):
        draft.note(f"{path}.resolution", "printed as 'AGREED' rather than 'Resolved'")
    if len(blocks) > 1:
        draft.note(
            f"{path}.resolution",
            f"{len(blocks)} 'Resolved' blocks in one item are drafted as one resolution; "
            "split the item if they were separate decisions",
        )
    lead_ins = [b.lead_in for b in blocks if b.lead_in]
    if lead_ins:
        resolution["lead_in"] = " / ".join(lead_ins)
        draft.note(
            f"{path}.resolution.lead_in",
            "words before the numbered clauses: check they belong to no clause",
        )
    clauses: list[dict[str, Any]] = []
    for block in blocks:
        if block.unlabelled_list:
            draft.note(
                f"{path}.resolution.clauses[{len(clauses)}]",
                "unnumbered paragraphs after the resolution's lead-in are drafted as one "
                "clause each",
            )
        for label, text in block.clauses:
            clause_path = f"{path}.resolution.clauses[{len(clauses)}]"
            found = classify(text)
            clause: dict[str, Any] = {} if label is None else {"label": label}
            clause["kind"] = found.kind
            clause["text"] = text
            if found.action is not None:
                clause["action"] = found.action
                if not found.action:
                    draft.note(
                        f"{clause_path}.action",
                        "it asks for something, but its words name no owner, due date or "
                        "meeting: add them if the minutes say elsewhere",
                    )
            for doubt in found.doubts:
                draft.note(f"{clause_path}.kind", doubt)
            clauses.append(clause)
            _meetings_named(draft, item, resolution, clause, clause_path)
    resolution["clauses"] = clauses
    return resolution


def _meetings_named(draft: Draft, item: dict, resolution: dict, clause: dict, path: str) -> None:
    """The earlier meeting whose minutes a clause approves, and a meeting it arranges."""
    minute = item.get("minute") or item.get("agenda_number") or item["title"]
    text = clause["text"]
    if clause["kind"] == "approved" and re.search(r"\bminutes\b", text, re.I):
        dates = all_dates(text) or all_dates(item["title"])
        if not dates:
            draft.note(path, "approves minutes without saying of which meeting")
            return
        resolution.setdefault("approves_minutes_of", dates[0])
        for d in dates:
            known_from = (
                f"minute {minute}: the minutes of the meeting held on {_long(d)} are approved"
            )
            _refer(draft, d, True, None, known_from)
        if len(dates) > 1:
            draft.note(
                path,
                "approves the minutes of several meetings; approves_minutes_of names the first",
            )
    if clause["kind"] == "meeting arranged":
        d = find_date(text)
        if d is not None and d != draft.doc.get("date"):
            known_from = f"minute {minute}: a meeting is arranged for {_long(d)}"
            _refer(draft, d, False, find_time(text), known_from)


def _refer(draft: Draft, on: date, held: bool, at: time | None, known_from: str) -> None:
    meetings = draft.doc.setdefault("referenced_meetings", [])
    if any(m["date"] == on for m in meetings):
        return
    entry: dict[str, Any] = {"date": on, "held": held, "known_from": known_from}
    if at is not None:
        entry["start_time"] = at
    meetings.append(entry)


def _declarations(draft: Draft, narrative: list[str], path: str) -> None:
    none, declared = standing.declarations_in(narrative)
    if none:
        draft.doc["declarations"] = "none"
        return
    if not declared:
        if narrative:
            draft.note(path, "a declarations item whose words the rules did not understand")
        return
    declarations = draft.doc.setdefault("declarations", [])
    if not isinstance(declarations, list):
        return
    for d in declared:
        n = len(declarations)
        declarations.append(d)
        if "item" not in d:
            draft.note(
                f"declarations[{n}].item", "the declaration names no item the rules could find"
            )
        if d.get("kind") in (None, "other"):
            draft.note(
                f"declarations[{n}].kind",
                "the kind of interest is not one the code of conduct names",
            )


def check_declared_items(draft: Draft) -> None:
    """A declaration naming an item the minutes do not hold (often an agenda number)."""
    numbers = {i.get(k) for i in draft.doc["items"] for k in ("minute", "agenda_number")}
    declared = draft.doc.get("declarations")
    for n, declaration in enumerate(declared if isinstance(declared, list) else []):
        if "item" in declaration and declaration["item"] not in numbers:
            draft.note(
                f"declarations[{n}].item",
                f"item {declaration['item']} is not the number of any item these minutes hold",
            )


def _officers_for_item(draft: Draft, narrative: list[str], item: Item) -> None:
    """ "The following officers were in attendance for this item:" and their names."""
    for i, paragraph in enumerate(narrative):
        if not FOR_THIS_ITEM.search(paragraph):
            continue
        for line in narrative[i + 1 :]:
            if not line.startswith("- "):
                break
            for person in split_people(line[2:]):
                for_item = f"for minute {item.minute or item.title}"
                person.capacity = ", ".join(filter(None, [person.capacity, for_item]))
                draft.attend("in_attendance", [person])


def _long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"
