"""Lists of people as minutes print them, split into one entry each.

"Councillors Greaves, Maguire and Sweeney"  -> Councillor Greaves, Councillor Maguire, …
"Councillor T Long (Chair)"                 -> Councillor T Long, capacity Chair
"Elaine Jones, Diocesan co-optee"           -> Elaine Jones, capacity Diocesan co-optee
"Kath Perry, MBE"                           -> one name: an honour stays with it
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLES = (
    r"(?:County\s+Councillor|Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx|Dr\.?"
    r"|Prof(?:essor)?\.?|Sir|Dame|Rev(?:erend|d)?\.?|Lord|Lady|Alderman)"
)
PLURAL = re.compile(r"^(?:County\s+)?(?:Councillors|Cllrs\.?)\s+", re.IGNORECASE)
TITLE = re.compile(rf"^{TITLES}\s+", re.IGNORECASE)
HONOURS = re.compile(r"^(?:MBE|OBE|CBE|KBE|DBE|JP|DL|BEM|QPM|MP|MEP|FRS|PhD)$")
WORD = r"(?:[A-Z][\w'’.\-]*|[A-Z]\.?|de|van|von|der|la|le|du|da|di|al|el|bin|O'[A-Z]\w*)"
NAME = re.compile(rf"^(?:{TITLES}\s+)?{WORD}(?:\s+{WORD}){{0,4}}$")
ROLE = re.compile(
    r"\b(?:Head|Director|Officer|Manager|Member|Chair(?:man|woman)?|Lead|Leader|Executive|"
    r"Representative|co-optee|Clerk|Secretary|Advis[eo]r|Consultant|Cabinet|Mayor|Governor)\b"
)
# A capacity in brackets at the end, which may itself hold brackets.
CAPACITY = re.compile(r"^(?P<name>[^()]+?),?\s*\((?P<capacity>.+)\)$")


@dataclass
class Person:
    name: str
    capacity: str | None = None
    substitute_for: str | None = None


def split_people(text: str) -> list[Person]:
    """Every person a list names, in order. A bare surname after "Councillors" keeps the
    title ("Councillors A, B" -> "Councillor A", "Councillor B")."""
    text = text.strip().rstrip(".;")
    if not text:
        return []
    pieces = [p.strip() for p in re.split(r"\s*\t\s*", text) if p.strip()]
    people: list[Person] = []
    for piece in pieces:
        people.extend(_split_piece(piece))
    return people


def _split_piece(piece: str) -> list[Person]:
    whole = _name_with_capacity(piece)
    if whole is not None:
        return [whole]
    people: list[Person] = []
    title = None
    parts = _parts(piece)
    for part in parts:
        plural = PLURAL.match(part)
        if plural is not None:
            title = "County Councillor" if part.lower().startswith("county") else "Councillor"
            part = part[plural.end() :]
        elif TITLE.match(part):
            title = None  # a new title starts a new run
        person = _one(part)
        if person is None:
            continue
        if title is not None and not TITLE.match(person.name):
            person.name = f"{title} {person.name}"
        people.append(person)
    return people


def _parts(piece: str) -> list[str]:
    """Split on commas and "and", keeping bracketed capacities and honours whole."""
    parts: list[str] = []
    depth = 0
    current = ""
    tokens = re.split(r"(\(|\)|,|\s+and\s+|\s*&\s*)", piece)
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        is_separator = token == "," or re.fullmatch(r"\s+and\s+|\s*&\s*", token or "")
        if is_separator and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += token
    parts.append(current.strip())
    joined: list[str] = []
    for part in parts:
        if HONOURS.match(part) and joined:
            joined[-1] = f"{joined[-1]}, {part}"
        elif part.startswith("(") and joined:  # "Miss A Kirman, (Parent Governor)"
            joined[-1] = f"{joined[-1]} {part}"
        elif part:
            joined.append(part)
    return joined


def _name_with_capacity(piece: str) -> Person | None:
    """ "Name, capacity in words" (the capacity has words in lower case, or a role)."""
    name, comma, rest = piece.partition(",")
    if not comma or not NAME.match(name.strip()) or PLURAL.match(name.strip()):
        return None
    rest = rest.strip()
    if HONOURS.match(rest.split(",")[0].strip()) or not rest:
        return None
    if ROLE.search(rest) or re.search(r"\b[a-z]{3,}\b", rest):
        if all(NAME.match(p.strip()) for p in re.split(r",|\band\b", rest) if p.strip()):
            return None  # more names: "A, B and C"
        wrapped = rest.startswith("(") and rest.endswith(")")
        return Person(name.strip(), rest[1:-1].strip() if wrapped else rest)
    return None


def _one(part: str) -> Person | None:
    part = part.strip(" .;:")
    if not part:
        return None
    bracketed = CAPACITY.match(part)
    if bracketed is not None:
        return Person(bracketed["name"].strip(" ,"), bracketed["capacity"].strip())
    return Person(part)


def looks_like_names(text: str) -> bool:
    """Whether a line is a list of people (and not a sentence)."""
    text = text.strip().rstrip(".")
    if re.match(r"^(?:part|section|item|minutes?|agenda)\b", text, re.I):
        return False
    if not text or len(text) > 400 or re.search(r"[a-z]{2,}[.!?:]\s", text):
        return False
    people = split_people(text)
    if not people:
        return False
    return all(NAME.match(_bare(p.name)) for p in people) or _name_with_capacity(text) is not None


def _bare(name: str) -> str:
    return re.sub(r",\s*(?:MBE|OBE|CBE|KBE|DBE|JP|DL|BEM|QPM|MP|MEP)\b", "", name)


def surname(name: str) -> str:
    """The last word of a name, for matching "Miss A Kirman" with "Amy Kirman"."""
    words = re.findall(r"[\w'’-]+", _bare(name))
    return words[-1].lower() if words else ""
