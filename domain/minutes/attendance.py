"""The attendance lists put together: the heading's blocks, then what the items add.

A "Not Present" member named in the apologies item sent apologies (the heading's
entry, which has the fuller name, is kept); one not named there was absent, and goes
on the review list.
"""

from __future__ import annotations

from domain.minutes.draft import Draft
from domain.minutes.header import STATUSES, Heading
from domain.minutes.names import Person, surname


def put_together(draft: Draft, heading: Heading, apologies: list[Person] | None) -> None:
    found = {status: list(heading.attendance.get(status, [])) for status in STATUSES}
    for status, person in draft.attending:
        _add_once(found[status], person)
    for person in apologies or []:
        match = next(
            (p for p in heading.not_present if surname(p.name) == surname(person.name)), None
        )
        if match is not None:
            heading.not_present.remove(match)
        _add_once(found["apologies"], match or person)
    for person in heading.not_present:
        found["absent"].append(person)
        draft.note(
            f"attendance.absent[{len(found['absent']) - 1}]",
            f"{person.name} was not present and is not named among the apologies",
        )
    said_apologies = apologies is not None or "apologies" in heading.attendance
    draft.doc["attendance"] = {
        status: [_entry(p) for p in found[status]]
        for status in STATUSES
        if found[status] or (status == "apologies" and said_apologies)
    }
    if not found["present"]:
        draft.note("attendance.present", "no list of those present was found")


def _add_once(people: list[Person], person: Person) -> None:
    if all(surname(p.name) != surname(person.name) for p in people):
        people.append(person)


def _entry(person: Person) -> str | dict[str, str]:
    """A name alone, as the seed files write one, or a table with what else is known."""
    if person.capacity is None and person.substitute_for is None:
        return person.name
    entry = {"name": person.name}
    if person.capacity is not None:
        entry["capacity"] = person.capacity
    if person.substitute_for is not None:
        entry["substitute_for"] = person.substitute_for
    return entry
