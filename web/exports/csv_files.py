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
from typing import Any

from flask import Response, request, stream_with_context
from flask_smorest import abort

from domain.projections.pages import MAX_LIMIT, Page
from domain.service.reading import Reader
from web.access import visibility
from web.exports.tables import ACTIONS, ATTENDANCE, AUDIT, RESOLUTIONS, Table
from web.ledger import with_leaf_hashes

CSV = "text/csv"
Fetch = Callable[[str | None], Page]


def wanted() -> bool:
    """Whether the client asked for CSV rather than JSON (JSON wins a tie, as with */*)."""
    return request.accept_mimetypes.best_match(["application/json", CSV]) == CSV


def stream(table: Table, fetch: Fetch, each: Callable[[list], list] | None = None) -> Response:
    """The table as CSV, `fetch` called with each next cursor until the last page."""
    if {"limit", "cursor"} & set(request.args):
        abort(
            422,
            rule="csv-is-not-paged",
            message="a CSV file holds every row the filters pick: leave out limit and cursor",
        )
    first = fetch(None)

    def pages() -> Iterator[list[dict[str, Any]]]:
        found = first
        while True:
            yield each(found.items) if each else found.items
            if found.next is None:
                return
            found = fetch(found.next)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: CRLF
        writer.writerow(table.header())
        for items in pages():
            writer.writerows(table.row(item) for item in items)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return Response(
        stream_with_context(lines()),
        content_type=f"{CSV}; charset=utf-8; header=present",
        headers={"Content-Disposition": f'attachment; filename="{table.name}.csv"'},
    )


def register_csv(read: Reader, args: dict[str, Any]) -> Response:
    from web.resolutions import register

    seen = visibility()
    return stream(
        RESOLUTIONS,
        lambda cursor: register(read, {**args, "limit": MAX_LIMIT, "cursor": cursor}, seen),
    )


def actions_csv(read: Reader, args: dict[str, Any]) -> Response:
    seen = visibility()
    as_of = args.get("as_of")
    filters = {k: args.get(k) for k in ("council", "committee", "status", "rag", "owner")}
    return stream(
        ACTIONS,
        lambda cursor: read.actions(
            seen=seen,
            as_of=as_of,
            today=as_of or date.today(),
            limit=MAX_LIMIT,
            cursor=cursor,
            **filters,
        ),
    )


def audit_csv(read: Reader, args: dict[str, Any]) -> Response:
    from web.audit import _recorded_by

    seen = visibility()
    recorded_by = _recorded_by(args)
    return stream(
        AUDIT,
        lambda cursor: read.queries.audit(
            aggregate=args.get("aggregate"),
            recorded_by=recorded_by,
            recorded_from=args.get("from_"),
            recorded_to=args.get("to"),
            seen=seen,
            limit=MAX_LIMIT,
            cursor=cursor,
        ),
        with_leaf_hashes,
    )


def attendance_csv(meetings: list[dict[str, Any]] | Fetch) -> Response:
    """The attendance of one meeting (given whole), or of every meeting a fetch pages
    through."""
    from web.exports.tables import attendance_rows

    fetch = meetings if callable(meetings) else lambda _: Page(meetings, None)
    return stream(
        ATTENDANCE,
        fetch,
        lambda found: [row for meeting in found for row in attendance_rows(meeting)],
    )
