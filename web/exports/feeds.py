"""Atom feeds of a council: its decisions, its audit trail, and its actions falling due.

Each is a paged feed (RFC 5005): the first page has the newest entries (for actions,
those due soonest), and `next` leads on. Entries are as this reader may see them: exempt
business only with a token for the council.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlencode

from flask import Response, request

from domain.projections.pages import Page
from domain.projections.visibility import Visibility
from domain.service.reading import Reader
from web.access import visibility
from web.blueprint import Blueprint
from web.exports import atom, recent
from web.exports.reading import council_named, last_recorded
from web.requests import fresh
from web.schemas.common import Paging

blp = Blueprint(
    "feeds",
    __name__,
    url_prefix="/api/councils",
    description="Atom feeds (RFC 4287) of a council's decisions, audit trail and actions "
    "falling due, paged as RFC 5005 says.",
)
ATOM_TYPE = "application/atom+xml"
ANSWER = {
    "description": "An Atom feed; its `next` link leads to the following page.",
    "content": {ATOM_TYPE: {"schema": {"type": "string"}}},
}
# Where each kind of record is read as a page, and as JSON.
PAGES = {"Resolution": "resolutions", "Meeting": "meetings", "Committee": "committees"}


def _feed(view: Any) -> Any:
    return blp.doc(responses={"200": ANSWER})(blp.response(200, description="Atom")(view))


@blp.route("/<slug>/decisions.atom", methods=["GET"])
@blp.arguments(Paging, location="query")
@_feed
def decisions_feed(args: dict[str, Any], slug: str) -> Any:
    """The council's decisions, the latest first: each resolution once decided, updated
    whenever it changes (rescinded, say)."""
    return _answer(args, slug, "decisions", "Decisions", recent.decisions, _decisions)


@blp.route("/<slug>/audit.atom", methods=["GET"])
@blp.arguments(Paging, location="query")
@_feed
def audit_feed(args: dict[str, Any], slug: str) -> Any:
    """The council's audit trail, the latest first: who recorded what, and when."""
    return _answer(args, slug, "audit", "Audit trail", recent.audit, _audit)


@blp.route("/<slug>/actions.atom", methods=["GET"])
@blp.arguments(Paging, location="query")
@_feed
def actions_feed(args: dict[str, Any], slug: str) -> Any:
    """The council's open actions that have a due date, the soonest due first (overdue
    ones at the head)."""
    return _answer(args, slug, "actions", "Actions falling due", recent.falling_due, _actions)


Entries = Callable[[Reader, list[dict[str, Any]], Visibility], list[atom.Entry]]


def _answer(
    args: dict[str, Any], slug: str, name: str, title: str, query: Any, entries_of: Entries
) -> Response:
    read = fresh(args)
    council = council_named(read, slug)
    seen = visibility()
    found: Page = query(read, slug, seen, limit=args["limit"], cursor=args.get("cursor"))
    base = f"{request.host_url}api/councils/{slug}/{name}.atom"
    kept = {"limit": args["limit"]} if "limit" in request.args else {}
    body = atom.feed(
        id=atom.urn("feed", slug, name),
        title=f"{council['name']}: {title}",
        author=council["name"],
        self_url=request.url,
        first_url=_url(base, kept),
        next_url=found.next and _url(base, {**kept, "cursor": found.next}),
        alternate=f"{request.host_url}councils/{slug}",
        entries=entries_of(read, found.items, seen),
    )
    return Response(body, content_type=f"{ATOM_TYPE}; charset=utf-8")


def _url(base: str, query: dict[str, Any]) -> str:
    return f"{base}?{urlencode(query)}" if query else base


def _midnight(day: date) -> datetime:
    """A date as the instant Atom needs, when no change to the record is on the audit log."""
    return datetime.combine(day, time(), UTC)


def _decisions(read: Reader, rows: list[dict[str, Any]], seen: Visibility) -> list[atom.Entry]:
    changed = last_recorded(read, (r["id"] for r in rows), seen)
    entries = []
    for row in rows:
        found = read.queries.resolution(row["id"], seen)
        if found is None:  # changed since the page was read
            continue
        clauses = "\n".join(
            f"{c.get('label') or c['number']} {c['text']}" for c in found["clauses"]
        )
        entries.append(
            atom.Entry(
                id=atom.urn(found["id"]),
                title=f"{found['minute'] or found['item']}: {found['title']} ({found['status']})",
                updated=changed.get(str(found["id"])) or _midnight(found["decided_on"]),
                link=f"{request.host_url}resolutions/{found['id']}",
                related=f"{request.host_url}api/resolutions/{found['id']}",
                summary=f"{found['status'].capitalize()} on {found['decided_on']} at the meeting "
                f"of {found['meeting_date']}.\n{clauses}",
                categories=(found["status"],),
            )
        )
    return entries


def _audit(read: Reader, rows: list[dict[str, Any]], seen: Visibility) -> list[atom.Entry]:
    entries = []
    for row in rows:
        kind = PAGES.get(row["aggregate_type"])
        record = (
            f"{request.host_url}{kind}/{row['aggregate_id']}"
            if kind
            else f"{request.host_url}councils/{row['council']}"
        )
        entries.append(
            atom.Entry(
                id=atom.urn("event", row["aggregate_id"], row["version"]),
                title=f"{row['aggregate_type']}: {row['summary']}",
                updated=row["recorded_at"],
                link=record,
                related=kind and f"{request.host_url}api/{kind}/{row['aggregate_id']}",
                summary=f"{row['aggregate_type']} {row['event']}, recorded by "
                f"{row['recorded_by']}, effective {row['effective_date']} (position "
                f"{row['position']}).",
                categories=(row["aggregate_type"], row["event"]),
            )
        )
    return entries


def _actions(read: Reader, rows: list[dict[str, Any]], seen: Visibility) -> list[atom.Entry]:
    changed = last_recorded(read, (r["resolution_id"] for r in rows), seen)
    entries = []
    for row in rows:
        rid = row["resolution_id"]
        owner = f", owned by {row['owner']}" if row["owner"] else ""
        entries.append(
            atom.Entry(
                id=atom.urn("action", rid, row["number"]),
                title=f"Due {row['due_date']}: {row['text']}",
                updated=changed.get(str(rid)) or _midnight(row["meeting_date"]),
                link=f"{request.host_url}resolutions/{rid}",
                related=f"{request.host_url}api/resolutions/{rid}",
                summary=f"{row['title']} (minute {row['minute'] or '-'}, "
                f"{row['meeting_date']}), clause {row.get('label') or row['number']}: "
                f"{row['action_status']}{owner}.",
                categories=(row["action_status"], row["kind"]),
            )
        )
    return entries
