"""Meetings: the calendar, one sitting in full (now or as it stood), and the clerk's verbs."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.service import Minutebook
from web.access import visibility
from web.blueprint import Blueprint
from web.commands import command
from web.contract import sends_etag
from web.requests import etag_if_current, fresh
from web.schemas.common import AsOf, Recording, WithReason, page_of
from web.schemas.corrections import CorrectMeeting
from web.schemas.meetings import (
    AddItem,
    Adjourn,
    ApproveMinutes,
    DeclareInterest,
    Hold,
    MeetingQuery,
    MeetingSchema,
    RecordAttendance,
    RecordMinuteText,
    ScheduleMeeting,
)
from web.schemas.provenance import CiteMeetingSource

blp = Blueprint(
    "meetings",
    __name__,
    url_prefix="/api/meetings",
    description="Meetings: agenda, attendance, declarations, minutes approval.",
)


@blp.route("", methods=["GET"])
@blp.arguments(MeetingQuery, location="query")
@blp.response(200, page_of(MeetingSchema))
def list_meetings(args: dict[str, Any]) -> Any:
    """Meetings in date order, filtered by council, committee and dates."""
    read = fresh(args)
    return read.queries.meetings(
        council=args.get("council"),
        committee=args.get("committee"),
        date_from=args.get("from_"),
        date_to=args.get("to"),
        seen=visibility(),
        limit=args["limit"],
        cursor=args.get("cursor"),
    )


@blp.route("/<uuid:meeting_id>", methods=["GET"])
@blp.arguments(AsOf, location="query")
@blp.response(200, MeetingSchema)
@sends_etag
def get_meeting(args: dict[str, Any], meeting_id: UUID) -> Any:
    """One meeting with its attendance, items, resolutions and minutes approval, now or
    `as_of` a date (a past read carries no ETag: no write can follow from it)."""
    read = fresh(args)
    found = read.meeting(meeting_id, visibility(), as_of=args.get("as_of"))
    return found, etag_if_current(found, args)


command(
    blp,
    "",
    ScheduleMeeting,
    Minutebook.schedule_meeting,
    "Schedule a meeting of a committee.",
    creates=True,
)
command(
    blp,
    "/<uuid:meeting_id>/items",
    AddItem,
    Minutebook.add_agenda_item,
    "Add an item of business, with the council's own minute number.",
)
command(
    blp,
    "/<uuid:meeting_id>/attendance",
    RecordAttendance,
    Minutebook.record_attendance,
    "Record (or correct) one person's attendance.",
)
command(
    blp,
    "/<uuid:meeting_id>/declarations",
    DeclareInterest,
    Minutebook.declare_interest,
    "Record a member's declaration of interest.",
)
command(
    blp,
    "/<uuid:meeting_id>/declarations/none",
    Recording,
    Minutebook.record_no_declarations,
    "Record that no interests were declared at the meeting.",
)
command(
    blp,
    "/<uuid:meeting_id>/minute-text",
    RecordMinuteText,
    Minutebook.record_minute_text,
    "Record (or correct) an item's own minute: its paragraphs, whole.",
)
command(
    blp,
    "/<uuid:meeting_id>/held",
    Hold,
    Minutebook.hold_meeting,
    "Record that the meeting was held.",
)
command(
    blp,
    "/<uuid:meeting_id>/adjournments",
    Adjourn,
    Minutebook.adjourn_meeting,
    "Record that the meeting adjourned.",
)
command(
    blp,
    "/<uuid:meeting_id>/cancellation",
    WithReason,
    Minutebook.cancel_meeting,
    "Cancel the meeting.",
)
command(
    blp,
    "/<uuid:meeting_id>/minutes-approval",
    ApproveMinutes,
    Minutebook.approve_minutes,
    "Record that a later meeting approved these minutes as a correct record.",
)
command(
    blp,
    "/<uuid:meeting_id>/corrections",
    CorrectMeeting,
    Minutebook.correct_meeting,
    "Correct a fact recorded wrongly: the meeting's start time or venue, an item's "
    "title or numbers, a declaration, or which meeting approved the minutes. Both "
    "values are kept.",
)
command(
    blp,
    "/<uuid:meeting_id>/sources",
    CiteMeetingSource,
    Minutebook.cite_meeting_source,
    "Say where a fact of the meeting came from: its own, an item's, or somebody's attendance."
    " Citing again replaces the source shown; each citation stays in the history.",
)
