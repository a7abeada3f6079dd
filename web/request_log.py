"""One JSON line per request, and a request id that joins it to a complaint and to
what the request recorded.

`X-Request-ID` is honoured when a client or a proxy sends a sensible one (1 to 128
letters, digits and `-_.:`), made up otherwise, and returned on every answer. A
request's line holds: the time, the request id, the method, the route (the rule, so
that ids stay out of it), the status, the duration in milliseconds, and the token's
id, role and council when one was accepted. Never the token's secret, the query
string or the body. A write adds a line of what it recorded: the verb, the record,
its new version and the global position of its last event; and each event it
stored adds a line (`event: "stored"`: position, topic, originator, version).

Lines go to the `minutebook.requests` logger, as JSON, on standard error (gunicorn's
error log) unless the deployment configures that logger otherwise. Events stored
outside a request (the seed replay, an import) are not logged line by line.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request

from web.access import CACHE_KEY

LOG = logging.getLogger("minutebook.requests")
STORED = logging.getLogger("minutebook.events")  # the service's: one record per event
HEADER = "X-Request-ID"
GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def install(app: Flask) -> None:
    if not LOG.handlers:  # once per process, however many apps it makes
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
        STORED.addFilter(_while_serving)
        STORED.addHandler(_StoredEvents())
        STORED.setLevel(logging.INFO)
    app.before_request(_start)
    app.after_request(_finish)


def request_id() -> str:
    if "request_id" not in g:
        _start()
    return g.request_id


def recorded(verb: str, receipt: Any) -> None:
    """The line of what a write recorded."""
    _line(
        event="recorded",
        verb=verb,
        record=str(receipt.id),
        version=receipt.version,
        position=receipt.position,
    )


def _start() -> None:  # a before_request hook: returning a value would be the answer
    sent = request.headers.get(HEADER, "")
    g.request_id = sent if GOOD_ID.fullmatch(sent) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    response.headers[HEADER] = request_id()
    started = g.get("request_started", time.perf_counter())
    who = request.environ.get(CACHE_KEY)  # the token accepted, if one was: never re-checked
    _line(
        event="request",
        method=request.method,
        route=request.url_rule.rule if request.url_rule else None,
        status=response.status_code,
        duration_ms=round((time.perf_counter() - started) * 1000, 2),
        token_id=who and who.token_id,
        role=who and who.role,
        council=who and who.council,
    )
    return response


def _line(**fields: Any) -> None:
    LOG.info(
        json.dumps(
            {
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "request_id": request_id(),
                **fields,
            }
        )
    )


def _while_serving(record: logging.LogRecord) -> bool:
    return has_request_context()


class _StoredEvents(logging.Handler):
    """Each event the service stored during a request, as a line of the request log."""

    def emit(self, record: logging.LogRecord) -> None:
        _line(
            event="stored",
            position=record.position,
            topic=record.topic,
            originator=record.originator,
            version=record.version,
        )
