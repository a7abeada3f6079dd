"""Each "Resolved" block of an item, split into clauses with the minutes' own labels.

    Resolved that:                         RESOLVED THAT: the minutes ... be signed.
    (1) the report be noted; and           -> one clause, no label
    (2) an update ... be brought back.     Resolved: That the plan be agreed.
    -> clauses "(1)" and "(2)"             -> one clause "That the plan be agreed."

"that" straight after "Resolved" belongs to the marker; after a colon, the clause
keeps its "That". Words before a numbered list ("That the Board:") are its lead-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

RESOLVED = re.compile(
    r"^(?:- )?(?:\d+(?:\.\d+)*\s+)?(?:(?:it\s+was|and)\s+)?(?:unanimously\s+|further\s+)?"
    r"(?P<word>resolved|RESOLVED|Resolved|AGREED|RECOMMENDATIONS?|RECOMMENDED|Recommendations?|"
    r"Recommended)(?P<rest>(?:\s*\([^)]{0,200}\))?(?:\s+(?:that|THAT|That|to)\b|\s*[:–—-]|\s*$).*)$",
    re.IGNORECASE,
)
_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv)"
CLAUSE_LABEL = re.compile(
    r"^(?:- )?(?P<label>\(\s*(?:\d{1,2}|[a-zA-Z]|" + _ROMAN + r")\s*\)"
    r"|(?:\d{1,2}|[a-zA-Z]|" + _ROMAN + r")(?:\.\)|[.)])|[A-Z]:)\s+(?P<text>\S.*)$"
)
BULLET = re.compile(r"^- (?P<text>\S.*)$")


@dataclass
class Block:
    """One "Resolved" block: its clauses as (label, text), and any lead-in words."""

    word: str
    clauses: list[tuple[str | None, str]] = field(default_factory=list)
    lead_in: str | None = None
    unlabelled_list: bool = False
    listing: bool = False  # the lines after the only clause are a list within it
    growing: list[tuple[str | None, list[str]]] = field(default_factory=list)


def split_resolutions(lines: list[str]) -> tuple[list[str], list[Block]]:
    """An item's own paragraphs (what is not part of a resolution), and its blocks."""
    narrative: list[str] = []
    blocks: list[Block] = []
    current: Block | None = None
    for line in lines:
        if not line:
            continue
        marker = RESOLVED.match(line)
        if marker is not None and not is_plain_sentence(marker):
            current = _start(marker["word"], _after_marker(marker["rest"]))
            blocks.append(current)
            continue
        if current is not None and _belongs(current, line):
            _add(current, line)
            continue
        current = None
        narrative.append(line)
    for block in blocks:
        _finish(block)
    return narrative, blocks


def is_plain_sentence(marker: re.Match[str]) -> bool:
    """ "Resolved" or "agreed" used as a plain word in a sentence of the narrative ("It
    was agreed that it was vital ...", "resolved by ..."): only "Resolved" in any case,
    or AGREED and RECOMMENDED in capitals or before a colon, start a resolution."""
    word, rest = marker["word"], marker["rest"]
    if re.match(r"\s+(?:by|at|in|on)\b", rest, re.I):
        return True
    if word.lower() == "resolved":
        return False
    return not (word.isupper() or rest.lstrip().startswith(":"))


def _after_marker(rest: str) -> str:
    rest = re.sub(r"^\s*\([^)]{0,200}\)", "", rest)  # "(unanimously)", "(on a motion from ...)"
    rest = re.sub(r"^\s+(?:that|THAT|That)\b", "", rest, count=1)
    rest = re.sub(r"^\s*[:–—-]+\s*", "", rest)
    return rest.strip()


def _start(word: str, rest: str) -> Block:
    block = Block(word)
    if rest:
        block.lead_in = rest
    return block


def _belongs(block: Block, line: str) -> bool:
    """Whether a line after the marker is still part of the resolution."""
    if CLAUSE_LABEL.match(line) or BULLET.match(line):
        return True
    if not block.growing:
        lead = block.lead_in or ""
        return not lead or _open(lead) or line[:1].islower()
    if line[:1].islower() or block.listing:
        return True
    return block.unlabelled_list and _open(block.growing[-1][1][-1])


def _open(text: str) -> bool:
    return re.search(r"(?:[:;,]|:-|\band|\bor|\bthat)$", text.strip(), re.I) is not None


def _add(block: Block, line: str) -> None:
    """Add a line as a new clause, or to the last one (as pieces, joined once at the end:
    a long list stays linear)."""
    line = line.strip()
    labelled = CLAUSE_LABEL.match(line)
    bullet = BULLET.match(line)
    clauses = block.growing
    if labelled is not None:
        clauses.append((labelled["label"].replace(" ", ""), [labelled["text"].strip()]))
    elif bullet is not None:
        clauses.append(("•", [bullet["text"].strip()]))
    elif not clauses and block.lead_in is None and re.search(r":-?$", line):
        block.lead_in = line
    elif not clauses and block.lead_in is None:
        clauses.append((None, [line]))
    elif not clauses and block.lead_in is not None and decides(block.lead_in):
        clauses.append((None, [block.lead_in, "\n" + line]))
        block.lead_in = None
        block.listing = True
    elif block.listing:
        clauses[-1][1].append("\n" + line)
    elif (
        not clauses
        or (block.unlabelled_list or clauses[-1][0] is None)
        and _open(clauses[-1][1][-1])
    ):
        block.unlabelled_list = True
        clauses.append((None, [line]))
    else:
        clauses[-1][1].append(" " + line)


def decides(lead_in: str) -> bool:
    """Whether words before a list are a decision themselves ("the Committee noted that
    the following dates had been reserved:"), not only an opening ("That the Committee:-")."""
    words = re.sub(r"^(?:that\s+)?(?:the\s+\w+(?:-\w+)?\s*)?", "", lead_in.strip(), flags=re.I)
    return (
        len(words.split()) >= 4
        and re.search(
            r"\b(?:noted|agreed|approved|resolved|notes|agrees|approves|received)\b", words, re.I
        )
        is not None
    )


def _finish(block: Block) -> None:
    """The clauses' words, and a lead-in with nothing after it as the whole resolution."""
    block.clauses = [(label, "".join(pieces)) for label, pieces in block.growing]
    if block.lead_in is not None and not block.clauses:
        block.clauses.append((None, block.lead_in))
        block.lead_in = None
