"""The standing items every agenda carries, read for what they record: who sent
apologies, who declared an interest in what, and that none did."""

from __future__ import annotations

import re

from domain.minutes.names import Person, split_people

APOLOGIES_TITLE = re.compile(r"\bapolog", re.I)
DECLARATIONS_TITLE = re.compile(r"\b(?:declarations?|disclosures?)\b.*\binterests?\b", re.I)
APOLOGIES_FROM = re.compile(
    r"apologies(?:\s+for\s+(?:absence|lateness))?\s+(?:were|was|had\s+been)\s+(?:received|submitted|given|tendered|noted)\s+(?:from|on\s+behalf\s+of|by)\s+(?P<names>[^.]+(?:\.[A-Z]\.?[^.]*)*)",
    re.I,
)
NO_APOLOGIES = re.compile(r"^(?:there\s+were\s+)?no\s+apologies|^none\b|^nil\b", re.I)
NONE_DECLARED = re.compile(
    r"^(?:there\s+were\s+(?:none|no\b)|none\b|nil\b|no\s+(?:declarations?|disclosures?|interests?)\b"
    r"|no\s+member\b|no\s+councillor\b)",
    re.I,
)
DECLARED = re.compile(
    r"(?P<member>(?:(?:County\s+)?Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr)\s+[A-Z][\w.'’ -]*?)"
    r"\s+(?:both\s+|each\s+|all\s+)?(?:declared|disclosed|made\s+a\s+declaration\s+of)\s+"
    r"(?:an?\s+)?(?P<kind>[\w -]*?)\s*interests?\b(?P<rest>[^.]*(?:\.(?=\d)[^.]*)*)",
    re.I,
)
NUMBER = r"[A-Z]{0,3}\d+[a-z]?(?:/\d{2,4})?"
# "minute 294", "minutes 290 and 292"; else "item 10", "Items 15 and 17".
MINUTES_NAMED = re.compile(rf"\bminutes?\s+(?P<ns>{NUMBER}(?:\s*(?:,|and|&)\s*{NUMBER})*)", re.I)
ITEMS_NAMED = re.compile(
    rf"\b(?:agenda\s+)?items?(?:\s+(?:no\.?|number))?\s+(?P<ns>{NUMBER}(?:\s*(?:,|and|&)\s*{NUMBER})*)",
    re.I,
)


def apologies_in(paragraphs: list[str]) -> list[Person] | None:
    """Who sent apologies, or [] where the minutes say there were none, or None where
    they say neither."""
    people: list[Person] = []
    said = False
    for paragraph in paragraphs:
        if NO_APOLOGIES.search(paragraph.strip()):
            said = True
        for found in APOLOGIES_FROM.finditer(paragraph):
            said = True
            people.extend(split_people(found["names"]))
    return people if said else None


def declarations_in(paragraphs: list[str]) -> tuple[str | None, list[dict[str, str]]]:
    """("none", []) where the minutes say no interests were declared; otherwise one
    declaration for each member and item named (the minute number where the minutes
    give one, else the agenda item's), with its kind where said, and the words."""
    declarations = []
    for paragraph in paragraphs:
        for found in DECLARED.finditer(paragraph):
            words = re.sub(r"^(?:\(?\w{1,4}[.)]|-)\s+", "", paragraph.strip())
            named = MINUTES_NAMED.search(found["rest"]) or ITEMS_NAMED.search(found["rest"])
            items = re.findall(NUMBER, named["ns"]) if named else [None]
            kind = declaration_kind(found["kind"])
            for person in split_people(found["member"]):
                for item in items:
                    entry = {"member": person.name, "interest": words}
                    if item is not None:
                        entry["item"] = item
                    if kind is not None:
                        entry["kind"] = kind
                    declarations.append(entry)
    if not declarations and any(NONE_DECLARED.search(p.strip()) for p in paragraphs):
        return "none", []
    return None, declarations


def declaration_kind(words: str) -> str | None:
    words = words.lower()
    if "pecuniary" in words and "non" not in words:
        return "disclosable pecuniary"
    if "registrable" in words and "non" in words:
        return "non-registrable"
    if "registrable" in words:
        return "other registrable"
    if words.strip():
        return "other"
    return None


ABSENT = re.compile(r"^(?P<names>.+?)\s+(?:was|were)\s+(?:also\s+)?absent\b", re.I)
SUBSTITUTES_TITLE = re.compile(r"\bsubstitut", re.I)
# "(i) Cllr D Stocker for Cllr I Hadley; and", "Councillor A substituted for Councillor B"
SUBSTITUTION = re.compile(
    r"^(?:\(?[ivx\d]{1,4}[.)]\s*)?(?P<who>[A-Z][\w.'’ -]+?)\s+(?:substituted\s+|substituting\s+|"
    r"attended\s+as\s+(?:a\s+)?substitute\s+|was\s+present\s+as\s+(?:a\s+)?substitute\s+)?for\s+"
    r"(?P<for>[A-Z][\w.'’ -]+?)[;,.]?(?:\s+and)?$"
)


def absent_in(paragraphs: list[str]) -> list[Person]:
    """Those the apologies item says were absent ("Councillors A and B were absent.")."""
    people: list[Person] = []
    for paragraph in paragraphs:
        found = ABSENT.match(paragraph.strip())
        if found is not None:
            people.extend(split_people(found["names"]))
    return people


def substitutes_in(paragraphs: list[str]) -> list[Person]:
    """Members present in place of others, one to a line."""
    people = []
    for paragraph in paragraphs:
        found = SUBSTITUTION.match(paragraph.strip())
        if found is not None:
            people.append(Person(found["who"].strip(), None, found["for"].strip()))
    return people
