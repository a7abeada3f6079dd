"""The action tracker, the audit log and the ordered event feed."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_smorest import abort

from web.access import visibility
from web.blueprint import Blueprint
from web.exports import csv_files
from web.ledger import with_leaf_hashes
from web.requests import fresh
from web.schemas.audit import (
    ActionQuery,
    ActionRow,
    AuditEntry,
    AuditQuery,
    EventPage,
    EventQuery,
)
from web.schemas.common import page_of

actions = Blueprint(
    "actions",
    __name__,
    url_prefix="/api/actions",
    description="The action tracker: every clause that asks for something.",
)
audit = Blueprint(
    "audit",
    __name__,
    url_prefix="/api/audit",
    description="Every event: who recorded what, when, and when it took effect.",
)
events = Blueprint(
    "events",
    __name__,
    url_prefix="/api/events",
    description="The ordered event feed, for clients that follow the store.",
)


@actions.route("", methods=["GET"])
@actions.arguments(ActionQuery, location="query")
@actions.response(200, page_of(ActionRow))
def list_actions(args: dict[str, Any]) -> Any:
    """Actions of resolutions that were carried, oldest request first, each rated
    red/amber/green; `as_of` gives the tracker as it stood on a date."""
    read = fresh(args)
    if csv_files.wanted():  # Accept: text/csv
        return csv_files.actions_csv(read, args)
    as_of = args.get("as_of")
    page = read.actions(
        seen=visibility(),
        as_of=as_of,
        today=as_of or date.today(),
        limit=args["limit"],
        cursor=args.get("cursor"),
        council=args.get("council"),
        committee=args.get("committee"),
        status=args.get("status"),
        rag=args.get("rag"),
        owner=args.get("owner"),
    )
    return page


@audit.route("", methods=["GET"])
@audit.arguments(AuditQuery, location="query")
@audit.response(200, page_of(AuditEntry))
def list_audit(args: dict[str, Any]) -> Any:
    """The audit log in recorded order; `from` and `to` are dates of recording."""
    read = fresh(args)
    if csv_files.wanted():  # Accept: text/csv
        return csv_files.audit_csv(read, args)
    page = read.queries.audit(
        aggregate=args.get("aggregate"),
        recorded_by=_recorded_by(args),
        recorded_from=args.get("from_"),
        recorded_to=args.get("to"),
        seen=visibility(),
        limit=args["limit"],
        cursor=args.get("cursor"),
    )
    with_leaf_hashes(page.items)
    return page


@events.route("", methods=["GET"])
@events.arguments(EventQuery, location="query")
@events.response(200, EventPage)
def list_events(args: dict[str, Any]) -> Any:
    """Events after a position, in the order the store recorded them. Follow the store by
    passing the last position you saw as `after`; exempt business is left out unless
    your token is for its council."""
    read = fresh(args)
    items = read.queries.events(after=args["after"], limit=args["limit"], seen=visibility())
    with_leaf_hashes(items)
    full = len(items) == args["limit"]
    return {"items": items, "next": items[-1]["position"] if full else None}


def _recorded_by(args: dict[str, Any]) -> str | None:
    """The audit filter by who recorded a change: `recorded_by`, or `actor`, its older
    name, which clients written before the rename still send."""
    given = {args.get("recorded_by"), args.get("actor")} - {None}
    if len(given) > 1:
        abort(
            422,
            rule="invalid-input",
            message="recorded_by and actor are one filter under two names: give one",
            fields={"actor": ["Differs from recorded_by."]},
        )
    return given.pop() if given else None
