"""CSV (RFC 4180, UTF-8, a header row, ISO dates) of the register, the action tracker,
the audit trail and meetings' attendance, streamed.

A file is every row the filters pick, read a page at a time through the same keyset
queries as the JSON (so memory stays flat however many rows), with the same reader's
visibility. The first page is read before the answer starts, so that a broken rule is
still a clean 4xx; paging parameters are refused rather than ignored: a file is whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import IO, Any

from flask import Response, request, stream_with_context
from flask_smorest import abort

from domain.projections.pages import MAX_LIMIT, Page
from domain.projections.visibility import Visibility
from domain.service.reading import Reader
from web.access import visibility
from web.exports.tables import ACTIONS, ATTENDANCE, AUDIT, RESOLUTIONS, Table, attendance_rows
from web.ledger import with_leaf_hashes

CSV = "text/csv"
Fetch = Callable[[str | None], Page]
Each = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]


def wanted() -> bool:
    """Whether the client asked for CSV rather than JSON (JSON wins a tie, as with */*)."""
    return request.accept_mimetypes.best_match(["application/json", CSV]) == CSV


def writer(out: IO[str]) -> Any:
    return csv.writer(out, lineterminator="\r\n")  # RFC 4180: CRLF ends each record


def pages(fetch: Fetch, each: Each | None = None, first: Page | None = None) -> Iterator[list]:
    """The records of every page `fetch` gives, a page at a time, each page's records
    made into rows' records by `each`."""
    found = first or fetch(None)
    while True:
        yield each(found.items) if each else found.items
        if found.next is None:
            return
        found = fetch(found.next)


def stream(table: Table, fetch: Fetch, each: Each | None = None) -> Response:
    """The table as CSV, `fetch` called with each next cursor until the last page."""
    if {"limit", "cursor"} & set(request.args):
        abort(
            422,
            rule="csv-is-not-paged",
            message="a CSV file holds every row the filters pick: leave out limit and cursor",
        )
    first = fetch(None)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        rows = writer(buffer)
        rows.writerow(table.header())
        for records in pages(fetch, each, first):
            rows.writerows(table.row(record) for record in records)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return Response(
        stream_with_context(lines()),
        content_type=f"{CSV}; charset=utf-8; header=present",
        headers={"Content-Disposition": f'attachment; filename="{table.name}.csv"'},
    )


# What each file reads: the query behind its JSON, with the same arguments -------------


def register_rows(read: Reader, args: dict[str, Any], seen: Visibility) -> Fetch:
    from web.resolutions import register

    return lambda cursor: register(read, {**args, "limit": MAX_LIMIT, "cursor": cursor}, seen)


def action_rows(read: Reader, args: dict[str, Any], seen: Visibility) -> Fetch:
    as_of = args.get("as_of")
    filters = {k: args.get(k) for k in ("council", "committee", "status", "rag", "owner")}
    return lambda cursor: read.actions(
        seen=seen,
        as_of=as_of,
        today=as_of or date.today(),
        limit=MAX_LIMIT,
        cursor=cursor,
        **filters,
    )


def audit_rows(read: Reader, args: dict[str, Any], seen: Visibility) -> Fetch:
    from web.audit import _recorded_by

    recorded_by = _recorded_by(args)
    return lambda cursor: read.queries.audit(
        aggregate=args.get("aggregate"),
        recorded_by=recorded_by,
        recorded_from=args.get("from_"),
        recorded_to=args.get("to"),
        seen=seen,
        limit=MAX_LIMIT,
        cursor=cursor,
    )


def meeting_rows(read: Reader, args: dict[str, Any], seen: Visibility) -> Fetch:
    return lambda cursor: read.queries.meetings(
        council=args.get("council"),
        committee=args.get("committee"),
        date_from=args.get("from_"),
        date_to=args.get("to"),
        seen=seen,
        limit=MAX_LIMIT,
        cursor=cursor,
    )


def flat_attendance(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for meeting in meetings for row in attendance_rows(meeting)]


# The files, with what to add to or make of each page ---------------------------------

SOURCES: dict[str, tuple[Table, Callable[..., Fetch], Each | None]] = {
    "resolutions": (RESOLUTIONS, register_rows, None),
    "actions": (ACTIONS, action_rows, None),
    "audit": (AUDIT, audit_rows, with_leaf_hashes),
    "attendance": (ATTENDANCE, meeting_rows, flat_attendance),
}


def answer(name: str, read: Reader, args: dict[str, Any]) -> Response:
    """One file, as this reader may see it."""
    table, rows, each = SOURCES[name]
    return stream(table, rows(read, args, visibility()), each)


def one_meeting(meeting: dict[str, Any]) -> Response:
    """The attendance of one meeting, read already."""
    return stream(ATTENDANCE, lambda _: Page([meeting], None), flat_attendance)


def register_csv(read: Reader, args: dict[str, Any]) -> Response:
    return answer("resolutions", read, args)


def actions_csv(read: Reader, args: dict[str, Any]) -> Response:
    return answer("actions", read, args)


def audit_csv(read: Reader, args: dict[str, Any]) -> Response:
    return answer("audit", read, args)
