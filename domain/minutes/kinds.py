"""Each clause's kind, and the action it asks for, from its words.

The rules are tried in order and the first that matches gives the kind; a clause
that asks for something later (a report back, a meeting) is classed by that rather
than by what it notes first, and one that only notes ("the status of the work
programme be noted") is `noted` whatever it notes. A clause no rule matches is
`other`, and goes on the review list; so does one that two rules of different kinds
match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain.minutes.dates import find_date

# (kind, phrases): the first kind one of whose phrases is in a clause is its kind.
RULES: list[tuple[str, list[str]]] = [
    (
        "meeting arranged",
        [
            r"\b(?:extra|additional|special|further)\s+meeting\b",
            r"\bmeeting\s+(?:be|is|to\s+be)\s+(?:scheduled|arranged|held|convened|organised)",
        ],
    ),
    (
        "report back",
        [
            r"\b(?:report(?:ed)?|brought|come|presented|submitted|returns?)\s+(?:back\s+)?"
            r"(?:to|at|before)\s+(?:a|the|this|its)\s+(?:future|next|subsequent|later|\w+\s+\d{4})\b",
            r"\breport(?:s|ed)?\s+back\b",
            r"\bupdate\s+(?:report\s+)?(?:be\s+)?(?:brought|provided|given|presented|submitted)\b",
        ],
    ),
    (
        "referral",
        [
            r"\breferred\s+to\b",
            r"\brefer\s+(?:the|this|it)\b.*\bto\b",
            r"\brecommends?\s+to\s+(?:the\s+)?(?:cabinet|council|executive|board)\b",
            r"\b(?:recommendations?|comments|views)\b.*\b(?:be|are)\s+"
            r"(?:sent|forwarded|submitted|passed)\s+to\b",
        ],
    ),
    (
        "approved",
        [
            r"\bminutes\b.*\b(?:approved|confirmed|agreed|signed|accepted)\b",
            r"\bcorrect\s+record\b",
        ],
    ),
    (
        "noted",
        [
            r"^(?:that\s+|to\s+)?(?:the\s+committee\s+|the\s+board\s+|members\s+)?"
            r"(?:notes?|noted|receives?|received)\b",
            r"\bbe\s+(?:noted|received)\b",
            r"\b(?:is|was|were|are)\s+noted\b",
        ],
    ),
    (
        "work programme",
        [
            r"\bwork\s*programme\b",
            r"\binclude\s+an\s+item\b",
            r"\bpotential\s+item\b",
            r"\bat\s+every\s+meeting\b",
            r"\bforward\s+plan\b",
        ],
    ),
    (
        "approved",
        [
            r"\bbe\s+(?:approved|agreed|adopted|endorsed|ratified|accepted)\b",
            r"^(?:that\s+|to\s+)?(?:the\s+\w+\s+)?(?:approves?|agrees?|adopts?|endorses?)\b",
        ],
    ),
    (
        "instruction",
        [
            r"\bwrite\s+to\b",
            r"\bbe\s+(?:asked|requested|invited|instructed|authorised)\s+to\b",
            r"\brequests?\s+that\b",
            r"\b(?:should|shall|will|to)\s+be\s+(?:organised|arranged|circulated|undertaken|done|sent|"
            r"provided|shared|given|made|carried\s+out|established)\b",
            r"\bbe\s+(?:circulated|sent|provided|shared|organised|undertaken|established|set\s+up)\b",
            r"\bconsideration\s+(?:should\s+)?be\s+given\b",
            r"\bshould\s+include\b",
            r"\bto\s+be\s+done\b",
            r"\b(?:ask|request)s?\b.*\bto\b",
        ],
    ),
    (
        "other",
        [r"\b(?:welcomed?|congratulated?|thanked?|supported?|commended?|applauded?|recognised?)\b"],
    ),
]
COMPILED = [(kind, re.compile("|".join(phrases), re.IGNORECASE)) for kind, phrases in RULES]
ASKS_FOR_ACTION = {"report back", "referral", "instruction", "meeting arranged"}
# A work-programme clause asks for something when it adds to or keeps an item on the
# programme; agreeing or noting the programme asks for nothing.
ADDS_TO_PROGRAMME = re.compile(
    r"\b(?:consider|include|included|remain|put\s+forward|added?|potential\s+item|at\s+every)\b",
    re.I,
)
DUE_MEETING = re.compile(
    r"\b(?:to|at|before)\s+(?P<meeting>(?:a|the)\s+(?:future|next|subsequent|later)\s+"
    r"(?:meeting(?:\s+of\s+the\s+[^;,.]+?)?|[A-Z][\w ]*?(?:Board|Committee|Cabinet|Council|Panel))"
    r"|every\s+meeting\s+of\s+this\s+municipal\s+year)(?=\s+(?:once|in|on|to|for|with|about|regarding)\b|[;,.]|\s+and\s*$|$)"
)
OWNER = re.compile(
    r"^(?:that\s+)?(?:(?:the\s+\w+\s+)?requests?\s+(?:that\s+)?)?"
    r"(?P<owner>the\s+(?:[A-Z][\w'’-]*|of|and|for|the|in)(?:\s+(?:[A-Z][\w'’-]*|of|and|for|the|in))*?)"
    r"\s+(?:be\s+(?:asked|requested|invited|instructed)\s+to|to\s+\w+|write|writes|report|provide|"
    r"circulate|arrange)\b"
)


@dataclass
class Kind:
    kind: str
    action: dict[str, object] | None
    doubts: list[str] = field(default_factory=list)


def classify(text: str) -> Kind:
    matched = [kind for kind, pattern in COMPILED if pattern.search(text)]
    doubts: list[str] = []
    if not matched:
        kind = "other"
        doubts.append("no rule recognised what this clause does; it is drafted as 'other'")
    else:
        kind = matched[0]
        others = sorted({k for k in matched[1:] if k != kind and k != "other"})
        if others and kind not in ("report back", "meeting arranged"):
            doubts.append(f"its words also fit {', '.join(others)}; drafted as {kind!r}")
    action = _action(kind, text)
    return Kind(kind, action, doubts)


def _action(kind: str, text: str) -> dict[str, object] | None:
    if kind not in ASKS_FOR_ACTION and not (
        kind == "work programme" and ADDS_TO_PROGRAMME.search(text)
    ):
        return None
    action: dict[str, object] = {}
    owner = OWNER.search(text)
    if owner is not None:
        action["owner"] = owner["owner"]
    due = _due_date(kind, text)
    if due is not None:
        action["due_date"] = due
    meeting = DUE_MEETING.search(text)
    if meeting is not None and "due_date" not in action:
        action["due_meeting"] = meeting["meeting"]
    return action


def _due_date(kind: str, text: str) -> date | None:
    if kind == "meeting arranged":
        return find_date(text)
    found = re.search(r"\b(?:by|before|no later than)\s+(.{0,40})", text, re.I)
    return None if found is None else find_date(found[1])
