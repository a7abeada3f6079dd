"""The lists: the action tracker (overdue first, for an agenda pack), the resolution
register (search and paging) and the audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request, url_for

from web import resolutions
from web.pages.base import SEEN, blp, query, read
from web.pages.records import ALL, every
from web.schemas.audit import ActionQuery, AuditQuery
from web.schemas.resolutions import ResolutionQuery

# The tracker page lists every action the filters pick, at most this many.
TRACKER_MOST = 1000


class TrackerQuery(ActionQuery):
    """The API's filters; not its paging, since the page lists every action at once."""

    class Meta:
        exclude = ("limit", "cursor")


RAG_ORDER = {"red": 0, "amber": 1, "green": 2, None: 3}


def _json_url(endpoint: str) -> str:
    given = {k: v for k, v in request.args.items() if v.strip() and k != "limit"}
    return url_for(endpoint, **given)


def _options(reading: Any) -> dict[str, list[tuple[str, str]]]:
    """The choices of council and committee the filter forms offer."""
    return {
        "council_options": [(c["slug"], c["name"]) for c in every(reading.queries.councils)],
        "committee_options": [
            (str(c["id"]), f"{c['name']} ({c['council']})")
            for c in every(reading.queries.committees)
        ],
    }


@blp.route("/actions")
def actions() -> Any:
    args = query(TrackerQuery())
    as_of = args.get("as_of")
    reading = read()
    rows: list[dict[str, Any]] = []
    cursor = None
    while len(rows) < TRACKER_MOST:
        found = reading.actions(
            seen=SEEN,
            as_of=as_of,
            today=as_of or date.today(),
            limit=ALL,
            cursor=cursor,
            **{k: args.get(k) for k in ("council", "committee", "status", "rag", "owner")},
        )
        rows.extend(found.items)
        cursor = found.next
        if cursor is None:
            break
    rows.sort(key=lambda r: RAG_ORDER.get(r["rag"], 3))  # stable: the tracker's order within
    return render_template(
        "pages/actions.html",
        rows=rows[:TRACKER_MOST],
        more=cursor is not None,
        args=args,
        **_options(reading),
        json_url=_json_url("actions.list_actions"),
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
        given=request.args,
        next_url=found.next and url_for("pages.audit", **kept, cursor=found.next),
        json_url=_json_url("audit.list_audit"),
    )
