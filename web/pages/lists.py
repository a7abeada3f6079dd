"""The lists: the action tracker (overdue first, for an agenda pack), the resolution
register (search and paging) and the audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request, url_for
from marshmallow import fields, validate

from web import ledger, resolutions
from web.pages.base import SEEN, blp, query, read
from web.pages.records import outlines
from web.schemas.audit import ActionQuery, AuditQuery
from web.schemas.common import keepable
from web.schemas.resolutions import ResolutionQuery

# The tracker page shows this many actions at a time, with links to the pages either side.
TRACKER_PAGE = 100


class TrackerQuery(ActionQuery):
    """The API's filters and cursor, and `before` for the page before; not its `limit`:
    a page is always TRACKER_PAGE actions long."""

    before = fields.String(validate=[validate.Length(max=500), keepable])

    class Meta:
        exclude = ("limit",)


def _json_url(endpoint: str, *, drop: tuple[str, ...] = ("limit",)) -> str:
    given = {k: v for k, v in request.args.items() if v.strip() and k not in drop}
    return url_for(endpoint, **given)


def _options(reading: Any) -> dict[str, list[tuple[str, str]]]:
    """The choices of council and committee the filter forms offer."""
    outline = outlines(reading)
    return {
        "council_options": [(c["slug"], c["name"]) for c in outline.councils()],
        "committee_options": [
            (str(c["id"]), f"{c['name']} ({c['council']})") for c in outline.committees()
        ],
    }


@blp.route("/actions")
def actions() -> Any:
    """The tracker overdue first (the order sorted in SQL), a page at a time."""
    args = query(TrackerQuery())
    as_of = args.get("as_of")
    reading = read()
    found = reading.actions(
        seen=SEEN,
        as_of=as_of,
        today=as_of or date.today(),
        limit=TRACKER_PAGE,
        cursor=args.get("cursor"),
        before=args.get("before"),
        order="overdue",
        **{k: args.get(k) for k in ("council", "committee", "status", "rag", "owner")},
    )
    kept = {k: v for k, v in request.args.items() if v.strip() and k not in ("cursor", "before")}
    return render_template(
        "pages/actions.html",
        rows=found.items,
        next_url=found.next and url_for("pages.actions", **kept, cursor=found.next),
        previous_url=found.previous and url_for("pages.actions", **kept, before=found.previous),
        page_size=TRACKER_PAGE,
        args=args,
        **_options(reading),
        # The API's tracker with the same filters, in its own order (so not its cursors).
        json_url=_json_url("actions.list_actions", drop=("cursor", "before")),
    )


@blp.route("/resolutions")
def register() -> Any:
    args = query(ResolutionQuery())
    reading = read()
    found = resolutions.register(reading, args, SEEN)
    kept = {k: v for k, v in request.args.items() if v.strip() and k != "cursor"}
    return render_template(
        "pages/register.html",
        page=found,
        args=args,
        given=request.args,
        next_url=found.next and url_for("pages.register", **kept, cursor=found.next),
        **_options(reading),
        json_url=_json_url("resolutions.list_resolutions"),
    )


@blp.route("/audit")
def audit() -> Any:
    args = query(AuditQuery())
    reading = read()
    found = reading.queries.audit(
        aggregate=args.get("aggregate"),
        recorded_by=args.get("recorded_by") or args.get("actor"),
        recorded_from=args.get("from_"),
        recorded_to=args.get("to"),
        seen=SEEN,
        limit=args["limit"],
        cursor=args.get("cursor"),
    )
    kept = {k: v for k, v in request.args.items() if v.strip() and k != "cursor"}
    return render_template(
        "pages/audit.html",
        page=found,
        checkpoint=ledger.caught_up().latest_checkpoint(),
        given=request.args,
        next_url=found.next and url_for("pages.audit", **kept, cursor=found.next),
        json_url=_json_url("audit.list_audit"),
    )
