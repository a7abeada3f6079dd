"""Calendars of meetings (iCalendar, RFC 5545): a council's, and a committee's.

Meetings are public; their items are listed in each event's description as this reader
may see them (exempt items only with a token for the council).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from flask import Response, request

from domain.committees import CommitteeNotFound
from domain.service.reading import Reader
from web.access import visibility
from web.blueprint import Blueprint
from web.exports import ical
from web.exports.reading import council_named, every, last_recorded
from web.requests import fresh
from web.schemas.common import Freshness, RecordDate

blp = Blueprint(
    "calendars",
    __name__,
    url_prefix="/api",
    description="Calendars of meetings (iCalendar, RFC 5545), for calendar applications.",
)
CALENDAR = "text/calendar"
ANSWER = {
    "description": "An iCalendar file: a VEVENT per meeting, times in Europe/London.",
    "content": {CALENDAR: {"schema": {"type": "string"}}},
}


class CalendarQuery(Freshness):
    from_ = RecordDate(data_key="from", metadata={"description": "Meetings on or after."})
    to = RecordDate(metadata={"description": "Meetings on or before."})


def _calendar(view: Any) -> Any:
    return blp.doc(responses={"200": ANSWER})(blp.response(200, description="iCalendar")(view))


@blp.route("/councils/<slug>/meetings.ics", methods=["GET"])
@blp.arguments(CalendarQuery, location="query")
@_calendar
def council_calendar(args: dict[str, Any], slug: str) -> Any:
    """Every meeting of the council's committees, as a calendar to subscribe to."""
    read = fresh(args)
    council = council_named(read, slug)
    committees = every(read.queries.committees, council=slug)
    return _answer(read, council["name"], committees, args, council=slug)


@blp.route("/committees/<uuid:committee_id>/meetings.ics", methods=["GET"])
@blp.arguments(CalendarQuery, location="query")
@_calendar
def committee_calendar(args: dict[str, Any], committee_id: UUID) -> Any:
    """Every meeting of the committee, as a calendar to subscribe to."""
    read = fresh(args)
    committee = read.queries.committee(committee_id)
    if committee is None:
        raise CommitteeNotFound(f"no committee has id {committee_id}")
    return _answer(read, committee["name"], [committee], args, committee=committee_id)


def _answer(
    read: Reader, name: str, committees: list[dict[str, Any]], args: dict[str, Any], **where: Any
) -> Response:
    seen = visibility()
    meetings = every(
        read.queries.meetings,
        seen=seen,
        date_from=args.get("from_"),
        date_to=args.get("to"),
        **where,
    )
    names = {c["id"]: c["name"] for c in committees}
    changed = last_recorded(read, (m["id"] for m in meetings), seen)
    now = datetime.now(UTC)
    events = (
        ical.event(
            meeting,
            summary=names[meeting["committee_id"]],
            url=f"{request.host_url}meetings/{meeting['id']}",
            stamp=changed.get(str(meeting["id"]), now),
        )
        for meeting in meetings
    )
    return Response(
        ical.calendar(name, events),
        content_type=f"{CALENDAR}; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="meetings.ics"'},
    )
