"""The record from the top down: councils, a council's committees, a committee, a
meeting in full, and one resolution with its timeline (now or as it stood)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template, url_for

from domain.projections.outlines import Outlines
from domain.projections.pages import Page
from domain.service.reading import Reader
from web.pages.base import SEEN, PageNotFound, blp, must_be_uuid, query, read
from web.schemas.common import AsOf

ALL = 200  # the largest page the queries give: more than any council has of these


def every(fetch: Any, **filters: Any) -> list[dict[str, Any]]:
    """Every row a paged query gives, page after page."""
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        found: Page = fetch(limit=ALL, cursor=cursor, **filters)
        rows.extend(found.items)
        if found.next is None:
            return rows
        cursor = found.next


def outlines(reading: Reader) -> Outlines:
    """The few columns a list or a link shows, from the same read models."""
    return Outlines(reading.queries.read_model)


def council_named(slug: str) -> dict[str, Any]:
    for council in every(read().queries.councils):
        if council["slug"] == slug:
            return council
    raise PageNotFound(f"no council is {slug}")


@blp.route("/")
def home() -> Any:
    return render_template(
        "pages/home.html",
        councils=every(read().queries.councils),
        json_url=url_for("councils.list_councils"),
    )


@blp.route("/councils/<slug>")
def council(slug: str) -> Any:
    found = council_named(slug)
    committees = every(read().queries.committees, council=slug)
    return render_template(
        "pages/council.html",
        council=found,
        committees=committees,
        json_url=url_for("committees.list_committees", council=slug),
    )


@blp.route("/committees/<uuid:committee_id>")
def committee(committee_id: UUID) -> Any:
    must_be_uuid(committee_id)
    reading = read()
    found = reading.queries.committee(committee_id)
    if found is None:
        raise PageNotFound(f"no committee has id {committee_id}")
    return render_template(
        "pages/committee.html",
        committee=found,
        meetings=outlines(reading).meetings(committee_id, SEEN),
        json_url=url_for("committees.get_committee", committee_id=committee_id),
    )


@blp.route("/meetings/<uuid:meeting_id>")
def meeting(meeting_id: UUID) -> Any:
    must_be_uuid(meeting_id)
    reading = read()
    found = reading.meeting(meeting_id, SEEN)
    outline = outlines(reading)
    approver, approved = outline.minutes_approvals(
        found["committee_id"], meeting_id, found["minutes_approved_by"]
    )
    return render_template(
        "pages/meeting.html",
        meeting=found,
        committee=outline.committee(found["committee_id"]),
        resolutions=every(reading.queries.resolutions, meeting=meeting_id, seen=SEEN),
        approver=approver,
        approved=approved,
        json_url=url_for("meetings.get_meeting", meeting_id=meeting_id),
    )


@blp.route("/resolutions/<uuid:resolution_id>")
def resolution(resolution_id: UUID) -> Any:
    must_be_uuid(resolution_id)
    args = query(AsOf())
    as_of = args.get("as_of")
    reading = read()
    found = reading.resolution(resolution_id, SEEN, as_of=as_of)
    committee = outlines(reading).committee(found["committee_id"])
    timeline = every(reading.queries.history, aggregate_id=resolution_id, seen=SEEN)
    json_args = {"as_of": as_of.isoformat()} if as_of else {}
    return render_template(
        "pages/resolution.html",
        resolution=found,
        committee=committee,
        timeline=timeline,
        as_of=as_of,
        json_url=url_for("resolutions.get_resolution", resolution_id=resolution_id, **json_args),
    )


@blp.route("/favicon.ico")
def favicon() -> Any:
    """Browsers ask for it on every page, the API's JSON included."""
    return blp.send_static_file("favicon.svg")
