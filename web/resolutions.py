"""The resolution register, one resolution (now or as it stood), its history, and
the clerk's verbs from proposal to report back."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import abort

from domain.projections.pages import Page
from domain.projections.visibility import Visibility
from domain.resolutions import ResolutionNotFound
from domain.service import Minutebook
from domain.service.reading import Reader
from web.access import visibility
from web.blueprint import Blueprint
from web.commands import command
from web.contract import sends_etag
from web.exports import csv_files
from web.ledger import with_leaf_hashes
from web.requests import etag_if_current, fresh
from web.schemas.audit import HistoryPage
from web.schemas.common import Paging, Recording, WithReason, page_of
from web.schemas.corrections import CorrectResolution
from web.schemas.provenance import CiteResolutionSource
from web.schemas.resolutions import (
    Amend,
    Assign,
    Complete,
    Defer,
    NoteProgress,
    ProgressSchema,
    Propose,
    Refer,
    ReportBack,
    RequestReportBack,
    Rescind,
    ResolutionAsOf,
    ResolutionQuery,
    ResolutionSchema,
)

blp = Blueprint(
    "resolutions",
    __name__,
    url_prefix="/api/resolutions",
    description="The resolution register and the actions its clauses start.",
)


@blp.route("", methods=["GET"])
@blp.arguments(ResolutionQuery, location="query")
@blp.response(200, page_of(ResolutionSchema))
def list_resolutions(args: dict[str, Any]) -> Any:
    """The register: filter by council, committee, meeting, status, dates; `q` searches
    titles and the wording of every clause."""
    read = fresh(args)
    if csv_files.wanted():  # Accept: text/csv
        return csv_files.register_csv(read, args)
    page = register(read, args, visibility())
    return page


def register(read: Reader, args: dict[str, Any], seen: Visibility) -> Page:
    """The register as ResolutionQuery's arguments ask for it: the API's list and the
    register page read it alike."""
    status = args.get("status")
    return read.queries.resolutions(
        council=args.get("council"),
        committee=args.get("committee"),
        meeting=args.get("meeting"),
        status=status and status.value,
        q=args.get("q"),
        date_from=args.get("from_"),
        date_to=args.get("to"),
        seen=seen,
        limit=args["limit"],
        cursor=args.get("cursor"),
    )


@blp.route("/<uuid:resolution_id>", methods=["GET"])
@blp.arguments(ResolutionAsOf, location="query")
@blp.response(200, ResolutionSchema)
@sends_etag
def get_resolution(args: dict[str, Any], resolution_id: UUID) -> Any:
    """One resolution with its clauses and their actions, now, `as_of` a date in the
    world, or `recorded_as_of` an instant in this system's own history (a past read
    carries no ETag: no write can follow from it)."""
    read = fresh(args)
    found = read.resolution(
        resolution_id,
        visibility(),
        as_of=args.get("as_of"),
        recorded_as_of=args.get("recorded_as_of"),
    )
    return found, etag_if_current(found, args)


@blp.route("/<uuid:resolution_id>/history", methods=["GET"])
@blp.arguments(Paging, location="query")
@blp.response(200, HistoryPage)
def resolution_history(args: dict[str, Any], resolution_id: UUID) -> Any:
    """Its audit trail, oldest first: who recorded what, when, and when it took effect."""
    read = fresh(args)
    _must_see(read, resolution_id)
    page = read.queries.history(
        resolution_id, visibility(), limit=args["limit"], cursor=args.get("cursor")
    )
    with_leaf_hashes(page.items)
    return page


@blp.route("/<uuid:resolution_id>/clauses/<int:clause>/progress-notes", methods=["GET"])
@blp.arguments(Paging, location="query")
@blp.response(200, page_of(ProgressSchema))
def list_progress_notes(args: dict[str, Any], resolution_id: UUID, clause: int) -> Any:
    """The progress noted on a clause's action, oldest first. The resolution itself
    carries only each action's latest notes, and `progress_count`, the number in all."""
    read = fresh(args)
    _must_see(read, resolution_id)
    notes = read.queries.progress_notes(
        resolution_id, clause, visibility(), limit=args["limit"], cursor=args.get("cursor")
    )
    if notes is None:
        abort(404, rule="unknown-clause", message=f"the resolution has no clause {clause}")
    return notes


def _must_see(read: Reader, resolution_id: UUID) -> None:
    """An unknown resolution and one hidden from this reader answer alike: 404."""
    found = read.queries.council_of(resolution_id)
    if found is None or not visibility().shows(*found):
        raise ResolutionNotFound(f"no resolution has id {resolution_id}")


command(
    blp, "", Propose, Minutebook.propose, "Propose a resolution on an agenda item.", creates=True
)
command(
    blp,
    "/<uuid:resolution_id>/amendments",
    Amend,
    Minutebook.amend,
    "Amend the clauses before the decision.",
)
command(
    blp,
    "/<uuid:resolution_id>/resolve",
    Recording,
    Minutebook.resolve,
    "Record that the committee resolved it (carried).",
)
command(
    blp,
    "/<uuid:resolution_id>/reject",
    WithReason,
    Minutebook.reject,
    "Record that it was rejected.",
)
command(
    blp,
    "/<uuid:resolution_id>/withdraw",
    WithReason,
    Minutebook.withdraw,
    "Record that it was withdrawn.",
)
command(blp, "/<uuid:resolution_id>/defer", Defer, Minutebook.defer, "Defer the decision.")
command(
    blp,
    "/<uuid:resolution_id>/rescind",
    Rescind,
    Minutebook.rescind,
    "Rescind (or supersede) a resolution that was carried.",
)
clause = "/<uuid:resolution_id>/clauses/<int:clause>"
command(
    blp, f"{clause}/referrals", Refer, Minutebook.refer, "Refer a clause's action to another body."
)
command(
    blp,
    f"{clause}/report-back-requests",
    RequestReportBack,
    Minutebook.request_report_back,
    "Ask for a report back, with a due date or meeting.",
)
command(
    blp,
    f"{clause}/reports-back",
    ReportBack,
    Minutebook.report_back,
    "Record the report back that closes the action.",
)
command(
    blp, f"{clause}/assignments", Assign, Minutebook.assign_action, "Assign the action an owner."
)
command(
    blp,
    f"{clause}/progress-notes",
    NoteProgress,
    Minutebook.note_progress,
    "Note progress on the action.",
)
command(
    blp,
    f"{clause}/completion",
    Complete,
    Minutebook.complete_action,
    "Record that the action was completed.",
)
command(
    blp,
    "/<uuid:resolution_id>/corrections",
    CorrectResolution,
    Minutebook.correct_resolution,
    "Correct what was recorded wrongly: the title or minute, a clause's words, label or "
    "kind, or its action's owner or due date. Both values are kept; to change what was "
    "decided, amend (before the vote) or rescind.",
)
command(
    blp,
    "/<uuid:resolution_id>/sources",
    CiteResolutionSource,
    Minutebook.cite_resolution_source,
    "Say where a fact of the resolution came from: its own, or a clause's."
    " Citing again replaces the source shown; each citation stays in the history.",
)
