"""Councils and committees: reading them, and the clerk's verbs for committees."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.service import Minutebook
from web.blueprint import Blueprint
from web.commands import command
from web.contract import sends_etag
from web.requests import etag_if_current, fresh
from web.schemas.committees import (
    AddTopic,
    AppointMember,
    CommitteeQuery,
    CommitteeSchema,
    CouncilSchema,
    EstablishCommittee,
    NamedMember,
    RemoveTopic,
    Rename,
)
from web.schemas.common import AsOf, Paging, WithReason, page_of
from web.schemas.corrections import CorrectCommittee
from web.schemas.provenance import CiteCommitteeSource

councils = Blueprint(
    "councils",
    __name__,
    url_prefix="/api/councils",
    description="The councils whose committees are recorded.",
)
blp = Blueprint(
    "committees",
    __name__,
    url_prefix="/api/committees",
    description="Committees, their members and work programmes.",
)


@councils.route("")
@councils.arguments(Paging, location="query")
@councils.response(200, page_of(CouncilSchema))
def list_councils(args: dict[str, Any]) -> Any:
    """Every council, with how many committees it has."""
    read = fresh(args)
    page = read.queries.councils(limit=args["limit"], cursor=args.get("cursor"))
    return page


@blp.route("", methods=["GET"])
@blp.arguments(CommitteeQuery, location="query")
@blp.response(200, page_of(CommitteeSchema))
def list_committees(args: dict[str, Any]) -> Any:
    """Committees, optionally of one council."""
    read = fresh(args)
    page = read.queries.committees(
        council=args.get("council"), limit=args["limit"], cursor=args.get("cursor")
    )
    return page


@blp.route("/<uuid:committee_id>", methods=["GET"])
@blp.arguments(AsOf, location="query")
@blp.response(200, CommitteeSchema)
@sends_etag
def get_committee(args: dict[str, Any], committee_id: UUID) -> Any:
    """One committee with its members, their roles, its chair and work programme, now
    or `as_of` a date (who sat on it on the day of a meeting; no ETag for a past read)."""
    read = fresh(args)
    found = read.committee(committee_id, as_of=args.get("as_of"))
    return found, etag_if_current(found, args)


command(
    councils,
    "/<council>/renamings",
    Rename,
    Minutebook.rename_council,
    "Rename a council (admins only): the one way its name changes.",
    for_admins="rename a council",
)
command(
    blp,
    "",
    EstablishCommittee,
    Minutebook.establish_committee,
    "Establish a committee of a council.",
    creates=True,
    for_admins="establish a committee",
)
command(
    blp,
    "/<uuid:committee_id>/members",
    AppointMember,
    Minutebook.appoint_member,
    "Appoint a member (as chair, vice-chair, member or co-opted).",
)
command(
    blp,
    "/<uuid:committee_id>/stand-downs",
    NamedMember,
    Minutebook.stand_down_member,
    "Record that a member stood down.",
)
command(
    blp,
    "/<uuid:committee_id>/chair",
    NamedMember,
    Minutebook.appoint_chair,
    "Appoint a member to the chair.",
)
command(
    blp,
    "/<uuid:committee_id>/renamings",
    Rename,
    Minutebook.rename_committee,
    "Rename the committee.",
)
command(
    blp,
    "/<uuid:committee_id>/work-programme",
    AddTopic,
    Minutebook.add_work_programme_item,
    "Add a topic to the work programme.",
)
command(
    blp,
    "/<uuid:committee_id>/work-programme/removals",
    RemoveTopic,
    Minutebook.remove_work_programme_item,
    "Remove a topic from the work programme.",
)
command(
    blp,
    "/<uuid:committee_id>/dissolution",
    WithReason,
    Minutebook.dissolve_committee,
    "Dissolve the committee.",
)
command(
    blp,
    "/<uuid:committee_id>/corrections",
    CorrectCommittee,
    Minutebook.correct_committee,
    "Correct how a membership was recorded: the member's role (not to or from chair) "
    "or whom they represent. Both values are kept.",
)
command(
    blp,
    "/<uuid:committee_id>/sources",
    CiteCommitteeSource,
    Minutebook.cite_committee_source,
    "Say where a fact of the committee came from: its own, or a membership's."
    " Citing again replaces the source shown; each citation stays in the history.",
)
