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
from marshmallow import Schema

from domain.councils import Council
from domain.errors import NotFound
from domain.projections.pages import encode_cursor
from web.access import visibility
from web.blueprint import Blueprint
from web.exports.oparl import objects, reading
from web.exports.oparl.lists import ListQuery, listing, modified_since
from web.exports.reading import council_named, recorded_span
from web.requests import fresh
from web.schemas import oparl as schemas
from web.schemas.common import Freshness

blp = Blueprint(
    "oparl",
    __name__,
    url_prefix="/oparl/v1.1",
    description="OParl 1.1: councils (Body), committees (Organization), members (Person, "
    "Membership), meetings (Meeting) and their items (AgendaItem).",
)


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


def _answers(shape: type[Schema]) -> Any:
    """Document the answer as its named schema (web/schemas/oparl.py); the view's own
    dict is sent as it is."""
    what = "list: data, pagination, links" if issubclass(shape, schemas.OParlList) else "object"
    doc = {
        "description": f"An OParl 1.1 {what}.",
        "content": {"application/json": {"schema": shape}},
    }

    def decorate(view: Any) -> Any:
        return blp.doc(responses={"200": doc})(blp.response(200, description="OK")(view))

    return decorate


@blp.route("/system", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlSystem)
def oparl_system(args: dict[str, Any]) -> Any:
    """The entry point: this system, and where its bodies are listed."""
    fresh(args)
    return objects.system()


@blp.route("/bodies", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(schemas.OParlBodyList)
def oparl_bodies(args: dict[str, Any]) -> Any:
    """Every council, as an OParl Body."""
    read = fresh(args)
    found = read.queries.councils(limit=args["limit"], cursor=args.get("cursor"))
    spans = recorded_span(read, (Council.create_id(c["slug"]) for c in found.items), visibility())
    bodies = [objects.body(c, spans.get(str(Council.create_id(c["slug"])))) for c in found.items]
    return listing(modified_since(bodies, args), args, found.next)


@blp.route("/bodies/<slug>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlBody)
def oparl_body(args: dict[str, Any], slug: str) -> Any:
    """A council."""
    read = fresh(args)
    council = council_named(read, slug)
    cid = str(Council.create_id(slug))
    return objects.body(council, recorded_span(read, [cid], visibility()).get(cid))


@blp.route("/bodies/<slug>/organizations", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(schemas.OParlOrganizationList)
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
@_answers(schemas.OParlPersonList)
def oparl_people(args: dict[str, Any], slug: str) -> Any:
    """The members of a council's committees, by name, each once."""
    read = fresh(args)
    people = reading.people(read, slug)
    after = args.get("cursor")
    names = sorted(n for n in people if after is None or n > reading.name_after(after))
    page, more = names[: args["limit"]], len(names) > args["limit"]
    made = [people[n] for n in page]
    return listing(modified_since(made, args), args, more and encode_cursor([page[-1]]) or None)


@blp.route("/bodies/<slug>/people/<uuid:person_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlPerson)
def oparl_person(args: dict[str, Any], slug: str, person_id: UUID) -> Any:
    """A member of the council's committees, with each place on one."""
    for person in reading.people(fresh(args), slug).values():
        if person["id"].endswith(f"/people/{person_id}"):
            return person
    raise PersonNotFound(f"no person has id {person_id} in {slug}")


@blp.route("/bodies/<slug>/meetings", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(schemas.OParlMeetingList)
def oparl_body_meetings(args: dict[str, Any], slug: str) -> Any:
    """A council's meetings, in date order."""
    read = fresh(args)
    council_named(read, slug)
    return reading.meetings(read, args, council=slug)


@blp.route("/bodies/<slug>/papers", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(schemas.OParlPaperList)
def oparl_papers(args: dict[str, Any], slug: str) -> Any:
    """Papers: none, as Minutebook keeps no documents (the list OParl requires a Body to
    name)."""
    council_named(fresh(args), slug)
    return listing([], args, None)


@blp.route("/organizations/<uuid:committee_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlOrganization)
def oparl_organization(args: dict[str, Any], committee_id: UUID) -> Any:
    """A committee."""
    read = fresh(args)
    committee = reading.committee(read, committee_id)
    spans = recorded_span(read, [committee_id], visibility())
    return objects.organization(committee, spans.get(str(committee_id)))


@blp.route("/organizations/<uuid:committee_id>/meetings", methods=["GET"])
@blp.arguments(ListQuery, location="query")
@_answers(schemas.OParlMeetingList)
def oparl_organization_meetings(args: dict[str, Any], committee_id: UUID) -> Any:
    """A committee's meetings, in date order."""
    read = fresh(args)
    reading.committee(read, committee_id)
    return reading.meetings(read, args, committee=committee_id)


@blp.route("/organizations/<uuid:committee_id>/memberships/<uuid:person_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlMembership)
def oparl_membership(args: dict[str, Any], committee_id: UUID, person_id: UUID) -> Any:
    """A member's place on a committee."""
    read = fresh(args)
    committee = reading.committee(read, committee_id)
    for member in committee["members"]:
        if objects.person_id(committee["council"], member["name"]) == person_id:
            spans = recorded_span(read, [committee_id], visibility())
            return objects.membership(committee, member, spans.get(str(committee_id)))
    raise MembershipNotFound(f"{person_id} is no member of the committee")


@blp.route("/meetings/<uuid:meeting_id>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlMeeting)
def oparl_meeting(args: dict[str, Any], meeting_id: UUID) -> Any:
    """A meeting, with its agenda items embedded."""
    return reading.meeting(fresh(args), meeting_id)


@blp.route("/meetings/<uuid:meeting_id>/agenda-items/<path:key>", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlAgendaItem)
def oparl_agenda_item(args: dict[str, Any], meeting_id: UUID, key: str) -> Any:
    """An item of a meeting's business."""
    meeting = reading.meeting(fresh(args), meeting_id)
    for item in meeting["agendaItem"]:
        if item["id"].endswith(f"/agenda-items/{key}"):
            return item
    raise AgendaItemNotFound(f"the meeting has no item {key}")


@blp.route("/meetings/<uuid:meeting_id>/location", methods=["GET"])
@blp.arguments(Freshness, location="query")
@_answers(schemas.OParlLocation)
def oparl_location(args: dict[str, Any], meeting_id: UUID) -> Any:
    """Where a meeting was held, as the minutes name the venue."""
    meeting = reading.meeting(fresh(args), meeting_id)
    if "location" not in meeting:
        raise LocationNotFound("no venue is recorded for the meeting")
    return meeting["location"]
