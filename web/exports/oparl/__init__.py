"""OParl 1.1 (https://oparl.org): the record as the open standard for council information
reads it, from the entry point /oparl/v1.1/system. objects.py says how each record maps to
an OParl object, and names the extension fields (`minutebook:...`).

Every object is read as this reader may see it: an exempt agenda item (`public: false`)
and its resolutions only with a token for the council.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import flask

from domain.committees import CommitteeNotFound
from domain.councils import Council
from domain.errors import NotFound
from domain.projections.pages import Page, encode_cursor
from domain.service.reading import Reader
from web.access import visibility
from web.blueprint import Blueprint
from web.exports.oparl import objects
from web.exports.oparl.lists import ListQuery, listing, modified_since
from web.exports.reading import council_named, every, recorded_span
from web.requests import fresh
from web.schemas.common import Freshness

blp = Blueprint(
    "oparl",
    __name__,
    url_prefix="/oparl/v1.1",
    description="OParl 1.1: councils (Body), committees (Organization), members (Person, "
    "Membership), meetings (Meeting) and their items (AgendaItem).",
)
OBJECT = {
    "description": "An OParl 1.1 object.",
    "content": {"application/json": {"schema": {"type": "object"}}},
}
LIST = {
    "description": "An OParl 1.1 list: data, pagination, links.",
    "content": {"application/json": {"schema": {"type": "object"}}},
}


# Not found as domain errors are (so answered in JSON, as the API's are): OParl's objects
# that are no record of their own.
class PersonNotFound(NotFound):
    """Raised when no member of the council's committees has the given person id."""


class MembershipNotFound(NotFound):
    """Raised when the person is no member of the committee."""


class AgendaItemNotFound(NotFound):
    """Raised when the meeting has no such item (that this reader may see)."""


class LocationNotFound(NotFound):
    """Raised when no venue is recorded for the meeting."""


class ObjectNotFound(NotFound):
    """Raised when an address under /oparl/v1.1/ names no object or list at all."""


def _nothing_there(rest: str) -> Any:
    raise ObjectNotFound(f"OParl has no object or list at {rest}")


# Any other address under /oparl/v1.1/ answers a 404 in JSON, as OParl's clients expect,
# rather than the HTML page the pages give to an address that matches no route. Added as
# Flask adds a rule (flask-smorest's would document it as an operation).
flask.Blueprint.add_url_rule(blp, "/<path:rest>", "nothing_there", _nothing_there)


def _answers(doc: dict[str, Any]) -> Any:
    def decorate(view: Any) -> Any:
        return blp.doc(responses={"200": doc})(blp.response(200, description="OK")(view))

    return decorate


@blp.route("/system", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_system(args: dict[str, Any]) -> Any:
    """The entry point: this system, and where its bodies are listed."""
    fresh(args)
    return objects.system()


@blp.route("/bodies", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(LIST)
def oparl_bodies(args: dict[str, Any]) -> Any:
    """Every council, as an OParl Body."""
    read = fresh(args)
    found = read.queries.councils(limit=args["limit"], cursor=args.get("cursor"))
    spans = recorded_span(read, (Council.create_id(c["slug"]) for c in found.items), visibility())
    bodies = [objects.body(c, spans.get(str(Council.create_id(c["slug"])))) for c in found.items]
    return listing(modified_since(bodies, args), args, found.next)


@blp.route("/bodies/<slug>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_body(args: dict[str, Any], slug: str) -> Any:
    """A council."""
    read = fresh(args)
    council = council_named(read, slug)
    cid = str(Council.create_id(slug))
    return objects.body(council, recorded_span(read, [cid], visibility()).get(cid))


@blp.route("/bodies/<slug>/organizations", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(LIST)
def oparl_organizations(args: dict[str, Any], slug: str) -> Any:
    """A council's committees."""
    read = fresh(args)
    council_named(read, slug)
    found = read.queries.committees(council=slug, limit=args["limit"], cursor=args.get("cursor"))
    spans = recorded_span(read, (c["id"] for c in found.items), visibility())
    made = [objects.organization(c, spans.get(str(c["id"]))) for c in found.items]
    return listing(modified_since(made, args), args, found.next)


@blp.route("/bodies/<slug>/people", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(LIST)
def oparl_people(args: dict[str, Any], slug: str) -> Any:
    """The members of a council's committees, by name, each once."""
    read = fresh(args)
    people = _people(read, slug)
    after = args.get("cursor")
    names = sorted(n for n in people if after is None or n > _name_after(after))
    page, more = names[: args["limit"]], len(names) > args["limit"]
    made = [people[n] for n in page]
    return listing(modified_since(made, args), args, more and encode_cursor([page[-1]]) or None)


@blp.route("/bodies/<slug>/people/<uuid:person_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_person(args: dict[str, Any], slug: str, person_id: UUID) -> Any:
    """A member of the council's committees, with each place on one."""
    for person in _people(fresh(args), slug).values():
        if person["id"].endswith(f"/people/{person_id}"):
            return person
    raise PersonNotFound(f"no person has id {person_id} in {slug}")


@blp.route("/bodies/<slug>/meetings", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(LIST)
def oparl_body_meetings(args: dict[str, Any], slug: str) -> Any:
    """A council's meetings, in date order."""
    read = fresh(args)
    council_named(read, slug)
    return _meetings(read, args, council=slug)


@blp.route("/bodies/<slug>/papers", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(LIST)
def oparl_papers(args: dict[str, Any], slug: str) -> Any:
    """Papers: none, as Minutebook keeps no documents (the list OParl requires a Body to
    name)."""
    council_named(fresh(args), slug)
    return listing([], args, None)


@blp.route("/organizations/<uuid:committee_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_organization(args: dict[str, Any], committee_id: UUID) -> Any:
    """A committee."""
    read = fresh(args)
    committee = _committee(read, committee_id)
    spans = recorded_span(read, [committee_id], visibility())
    return objects.organization(committee, spans.get(str(committee_id)))


@blp.route("/organizations/<uuid:committee_id>/meetings", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(LIST)
def oparl_organization_meetings(args: dict[str, Any], committee_id: UUID) -> Any:
    """A committee's meetings, in date order."""
    read = fresh(args)
    _committee(read, committee_id)
    return _meetings(read, args, committee=committee_id)


@blp.route("/organizations/<uuid:committee_id>/memberships/<uuid:person_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_membership(args: dict[str, Any], committee_id: UUID, person_id: UUID) -> Any:
    """A member's place on a committee."""
    read = fresh(args)
    committee = _committee(read, committee_id)
    for member in committee["members"]:
        if objects.person_id(committee["council"], member["name"]) == person_id:
            spans = recorded_span(read, [committee_id], visibility())
            return objects.membership(committee, member, spans.get(str(committee_id)))
    raise MembershipNotFound(f"{person_id} is no member of the committee")


@blp.route("/meetings/<uuid:meeting_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_meeting(args: dict[str, Any], meeting_id: UUID) -> Any:
    """A meeting, with its agenda items embedded."""
    return _meeting(fresh(args), meeting_id)


@blp.route("/meetings/<uuid:meeting_id>/agenda-items/<path:key>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_agenda_item(args: dict[str, Any], meeting_id: UUID, key: str) -> Any:
    """An item of a meeting's business."""
    meeting = _meeting(fresh(args), meeting_id)
    for item in meeting["agendaItem"]:
        if item["id"].endswith(f"/agenda-items/{key}"):
            return item
    raise AgendaItemNotFound(f"the meeting has no item {key}")


@blp.route("/meetings/<uuid:meeting_id>/location", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(OBJECT)
def oparl_location(args: dict[str, Any], meeting_id: UUID) -> Any:
    """Where a meeting was held, as the minutes name the venue."""
    meeting = _meeting(fresh(args), meeting_id)
    if "location" not in meeting:
        raise LocationNotFound("no venue is recorded for the meeting")
    return meeting["location"]


# Reading --------------------------------------------------------------------------------


def _committee(read: Reader, committee_id: UUID) -> dict[str, Any]:
    found = read.queries.committee(committee_id)
    if found is None:
        raise CommitteeNotFound(f"no committee has id {committee_id}")
    return found


def _people(read: Reader, slug: str) -> dict[str, dict[str, Any]]:
    council_named(read, slug)
    committees = every(read.queries.committees, council=slug)
    spans = recorded_span(read, (c["id"] for c in committees), visibility())
    places: dict[str, list] = {}
    for committee in committees:
        for member in committee["members"]:
            places.setdefault(member["name"], []).append((committee, member))
    people = {}
    for name, held in places.items():
        person = objects.person(slug, name, held, spans)
        changes = [spans[str(c["id"])] for c, _ in held if str(c["id"]) in spans]
        if changes:  # a person changes when any of their places does
            person["created"] = min(s[0] for s in changes).isoformat()
            person["modified"] = max(s[1] for s in changes).isoformat()
        people[name] = person
    return people


def _name_after(cursor: str) -> str:
    from domain.projections.pages import decode_cursor

    return decode_cursor(cursor, 1)[0]  # type: ignore[index]


def _meeting(read: Reader, meeting_id: UUID) -> dict[str, Any]:
    return _meeting_objects(read, [read.meeting(meeting_id, visibility())])[0]


def _meetings(read: Reader, args: dict[str, Any], **where: Any) -> dict[str, Any]:
    found: Page = read.queries.meetings(
        seen=visibility(), limit=args["limit"], cursor=args.get("cursor"), **where
    )
    return listing(modified_since(_meeting_objects(read, found.items), args), args, found.next)


def _meeting_objects(read: Reader, meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
