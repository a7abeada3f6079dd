"""Clean the text of minutes into lines the other rules read.

Minutes arrive copied from a web page, extracted from a PDF, or converted to markdown:
the same words with different dressing. This keeps the words and takes off the
dressing: emphasis marks, heading marks, bullet characters (all become "- "), the
web page's furniture ("Agenda and minutes", "Additional documents:", "PDF 129 KB"), a
committee name repeated at the top of every printed page, and lines a PDF wrapped in
the middle of a sentence. A blank line ("") separates paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter

EMPHASIS = re.compile(r"\*\*|__|</?u>|</?b>|</?strong>", re.IGNORECASE)
HEADING_MARK = re.compile(r"^#{1,6}\s*")
BULLET = re.compile(r"^(?:[*•·▪◦●○■\uf0b7\uf0a7]|-(?=\s))\s*")
# ModernGov's page furniture, which is not part of any minute.
FURNITURE = re.compile(
    r"\s*(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\b"
    r"|\.?\s*View directions\.?|\s*View the reasons",
    re.IGNORECASE,
)
# Lines of a ModernGov page's own furniture, never part of the minutes.
FURNITURE_LINE = re.compile(
    r"^(?:agenda(?:,\s*decisions)?\s+and\s+minutes|meeting\s+documents|media|items|no\.?\s+item"
    r"|itemdescriptionresolution|skip\s+to\s+content|(?:additional|supporting|background)\s+"
    r"documents\s*:?|-?\s*share\s+this\s+item|attendance\s+details)$",
    re.IGNORECASE,
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not words; a PDF's form feeds split lines
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# A clause label or bullet: a line that starts one never continues the one before.
LABEL_START = re.compile(
    r"^(?:- |[A-Z]:\s|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,5})\s*(?:\.\)|[.)])\s"
    r"|\((?:\d{1,2}|[a-zA-Z]|[ivx]{1,5})\)\s)"
)
CARRIES_ON = re.compile(r"(?:,|\band|\bor|\bthe|\bof|\bto|\bfor|\bwith|\bon|\bin|\bby|-)$")


def clean_lines(raw: str) -> list[str]:
    raw = re.sub(r"\r\n?|[\f\v]", "\n", raw)
    lines = [_clean(line) for line in raw.split("\n")]
    lines = _drop_running_headers(lines)
    return _join_wrapped(lines)


def _clean(line: str) -> str:
    line = CONTROL.sub("", line.translate(INVISIBLE).replace("\u00a0", " "))
    line = EMPHASIS.sub("", line)
    line = FURNITURE.sub("", line)
    line = HEADING_MARK.sub("", line.strip())
    if FURNITURE_LINE.match(line):
        return ""
    bullet = BULLET.match(line)
    if bullet is not None and len(line) > bullet.end():
        line = "- " + HEADING_MARK.sub("", line[bullet.end() :])
    elif bullet is not None:
        line = ""
    line = line.replace("\t", " \t ") if "\t" in line else line
    return re.sub(r"[ ]{2,}", " ", line).strip()


def _drop_running_headers(lines: list[str]) -> list[str]:
    """A line in capitals printed at the top of three or more pages is a running header:
    keep its first appearance (the title) and drop the rest, also where a PDF glued it
    to the next line."""
    counts = Counter(line for line in lines if line)
    headers = {
        line
        for line, n in counts.items()
        if n >= 3 and len(line) >= 12 and not any(c.islower() for c in line)
    }
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        header = next((h for h in headers if line.startswith(h)), None)
        if header is not None and header in seen:
            line = line[len(header) :].strip()
        elif header is not None:
            seen.add(header)
        kept.append(line)
    return kept


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join a line to the one before when a sentence was wrapped across them (across a
    page break too): it starts in lower case after a line that did not end a sentence,
    or it follows a line ending mid-phrase ("and", a comma)."""
    out: list[list[str]] = []  # each line as the pieces joined into it (joined once, at the end)
    blank_before = False
    for line in lines:
        if not line:
            blank_before = True
            continue
        previous = out[-1][-1] if out else ""
        if previous and not LABEL_START.match(line) and "\t" not in line + previous:
            lower_start = line[0].islower() and not re.search(r"[.:!?]$", previous)
            mid_phrase = not blank_before and CARRIES_ON.search(previous) is not None
            if lower_start or mid_phrase:
                out[-1].append(line)
                blank_before = False
                continue
        if blank_before and out:
            out.append([""])
        out.append([line])
        blank_before = False
    return [" ".join(pieces) for pieces in out]
