"""What the OParl views read: committees, the people on them, and meetings made into
OParl objects, each as this reader may see it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.committees import CommitteeNotFound
from domain.projections.pages import Page, decode_cursor
from domain.service.reading import Reader
from web.access import visibility
from web.exports.oparl import objects
from web.exports.oparl.lists import listing, modified_since
from web.exports.reading import council_named, every, recorded_span


def committee(read: Reader, committee_id: UUID) -> dict[str, Any]:
    found = read.queries.committee(committee_id)
    if found is None:
        raise CommitteeNotFound(f"no committee has id {committee_id}")
    return found


def people(read: Reader, slug: str) -> dict[str, dict[str, Any]]:
    """The members of a council's committees as OParl Persons, by name."""
    council_named(read, slug)
    committees = every(read.queries.committees, council=slug)
    spans = recorded_span(read, (c["id"] for c in committees), visibility())
    places: dict[str, list] = {}
    for sitting in committees:
        for member in sitting["members"]:
            places.setdefault(member["name"], []).append((sitting, member))
    everyone = {}
    for name, held in places.items():
        person = objects.person(slug, name, held, spans)
        changes = [spans[str(c["id"])] for c, _ in held if str(c["id"]) in spans]
        if changes:  # a person changes when any of their places does
            person["created"] = min(s[0] for s in changes).isoformat()
            person["modified"] = max(s[1] for s in changes).isoformat()
        everyone[name] = person
    return everyone


def name_after(cursor: str) -> str:
    return decode_cursor(cursor, 1)[0]  # type: ignore[index]


def meeting(read: Reader, meeting_id: UUID) -> dict[str, Any]:
    return meeting_objects(read, [read.meeting(meeting_id, visibility())])[0]


def meetings(read: Reader, args: dict[str, Any], **where: Any) -> dict[str, Any]:
    found: Page = read.queries.meetings(
        seen=visibility(), limit=args["limit"], cursor=args.get("cursor"), **where
    )
    return listing(modified_since(meeting_objects(read, found.items), args), args, found.next)


def meeting_objects(read: Reader, meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = visibility()
    if not meetings:
        return []
    councils = {m["council"] for m in meetings}
    committees = [c for slug in councils for c in every(read.queries.committees, council=slug)]
    names = {c["id"]: c["name"] for c in committees}
    members = {m["name"] for c in committees for m in c["members"]}
    spans = recorded_span(read, (m["id"] for m in meetings), seen)
    made = []
    for meeting in meetings:
        resolutions = [
            found
            for line in meeting["resolutions"]
            if (found := read.queries.resolution(line["id"], seen)) is not None
        ]
        made.append(
            objects.meeting(
                meeting,
                names[meeting["committee_id"]],
                resolutions,
                spans.get(str(meeting["id"])),
                members,
            )
        )
    return made
