"""Minutes: a whole meeting recorded from one document, and drafts of that document.

`POST /api/minutes` records a reviewed document in one transaction, or nothing: a 422
lists every problem with its path in the document, a 409 what a document sent again
changes that no verb changes (domain/minutes/recording.py). Every record it names is of
the document's council, which the token must cover; a new committee is for admins.

Drafting records nothing, but it still needs a token (any clerk's or admin's), so
that the parser is not free computing for anonymous callers; the token is checked
before the body is read (web/guards.py), as for every POST.
"""

from __future__ import annotations

import json
from typing import Any

from flask import request
from flask_smorest import abort
from marshmallow import ValidationError

from domain.minutes import DraftError, draft_from_html, draft_from_text
from domain.minutes.drafting import one_type_each
from domain.minutes.recording import (
    CommitteeToEstablish,
    MinutesConflict,
    MinutesError,
    MinutesReceipt,
    Problem,
    record_minutes,
)
from domain.service import Receipt
from web import metrics, request_log
from web.access import admins_only, may_change, writer
from web.blueprint import Blueprint
from web.commands import _claim as claim
from web.commands import _idempotency_key as idempotency_key
from web.errors import error_response
from web.requests import idempotency, reader, service
from web.schemas.common import ProblemSchema
from web.schemas.minutes import (
    DraftRequest,
    DraftSchema,
    MinutesDocument,
    MinutesProblemSchema,
    MinutesReceiptSchema,
    flatten,
)

blp = Blueprint(
    "minutes",
    __name__,
    url_prefix="/api/minutes",
    description="Minutes: a whole meeting recorded from one document, and drafting that "
    "document from published minutes.",
)


@blp.route("", methods=["POST"])
@blp.doc(
    requestBody={
        "required": True,
        "content": {"application/json": {"schema": MinutesDocument}},
    }
)
@blp.response(200, MinutesReceiptSchema, description="Already recorded, or changed.")
@blp.alt_response(201, schema=MinutesReceiptSchema, description="The meeting is new.")
@blp.alt_response(401, schema=ProblemSchema, description="No valid API token was sent.")
@blp.alt_response(
    403,
    schema=ProblemSchema,
    description="The token is for another council, or a clerk's document names a new "
    "committee (admins establish committees).",
)
@blp.alt_response(
    409,
    schema=MinutesProblemSchema,
    description="Sent again, the document changes what cannot be changed so: `problems`.",
)
@blp.alt_response(413, schema=ProblemSchema, description="The body is too large.")
@blp.alt_response(415, schema=ProblemSchema, description="The body is not JSON.")
@blp.alt_response(
    422,
    schema=MinutesProblemSchema,
    description="Nothing recorded: `problems` lists each, with its path in the document.",
)
def record_minutes_document() -> Any:
    """Record a whole meeting from its minutes document (the draft's shape, reviewed):
    every event of every record in one transaction, or nothing. Sending the same
    document again records nothing (200, `new_events` 0). Sending it changed records
    the difference as the domain's own verbs (corrections, attendance recorded again,
    an item's minute text replaced, a proposal amended or resolved), or, for what no
    verb changes, records nothing and answers 409 with `problems`. A 422 lists every
    problem, each with its path in the document: first those of its shape
    (`invalid-input`), then, once it fits the schema, every rule of the record it
    breaks (`minutes-invalid`)."""
    who = writer()
    try:
        doc = MinutesDocument().load(request.get_json())
    except ValidationError as e:
        found = [Problem(path, "invalid-input", text) for path, text in flatten(e.messages)]
        message = "the document has invalid or unknown fields: " + ", ".join(p.path for p in found)
        return refused(422, "invalid-input", message, found, e.messages)
    may_change(doc["council"])
    key = idempotency_key()
    if key is not None:
        seen = claim(who.token_id, key)
        if seen is not None:
            return seen.body, seen.status, answer_headers(seen.body, seen.status)
    try:
        body, status = record(doc, who)
    except Exception:
        if key is not None:
            idempotency().release(who.token_id, key)
        raise
    if key is not None:
        if status < 300:
            idempotency().complete(who.token_id, key, status, body)
        else:
            idempotency().release(who.token_id, key)
    if status >= 300:
        return body
    return body, status, answer_headers(body, status)


def record(doc: dict[str, Any], who: Any) -> tuple[Any, int]:
    """The receipt and its status (201 for a new meeting), or the refusal."""
    try:
        receipt = record_minutes(
            service(), doc, recorded_by=who.holder, may_establish=who.role == "admin"
        )
    except CommitteeToEstablish:
        admins_only("establish a committee")
        raise
    except MinutesError as e:
        status = 409 if isinstance(e, MinutesConflict) else 422
        return refused(status, e.rule, str(e), e.problems), status
    meeting = next(r for r in receipt.records if r.id == receipt.meeting_id)
    metrics.wrote("record_minutes")
    request_log.recorded("record_minutes", Receipt(meeting.id, meeting.version, receipt.position))
    is_new = meeting.version == meeting.new_events
    return receipt_body(receipt), 201 if is_new else 200


def answer_headers(body: dict[str, Any], status: int) -> dict[str, str]:
    """The meeting's version as the ETag; where it is read, when it is new."""
    meeting = next(r for r in body["records"] if str(r["id"]) == str(body["meeting_id"]))
    headers = {"ETag": f'"{meeting["version"]}"'}
    if status == 201:
        headers["Location"] = f"/api/meetings/{body['meeting_id']}"
    return headers


def refused(
    status: int, rule: str, message: str, problems: list[Problem], fields: Any = None
) -> Any:
    """Nothing recorded: the one error shape, with every problem and its path."""
    if fields is None:
        fields = {}
        for p in problems:
            fields.setdefault(p.path, []).append(p.message)
    response = error_response(status, rule, message, fields)
    body = response.get_json()
    body["problems"] = [{"path": p.path, "rule": p.rule, "message": p.message} for p in problems]
    response.set_data(json.dumps(body))
    return response


def receipt_body(receipt: MinutesReceipt) -> dict[str, Any]:
    return {
        "meeting_id": receipt.meeting_id,
        "new_events": receipt.new_events,
        "position": receipt.position,
        "caught_up": reader().after_write(receipt.position),
        "records": [r.__dict__ for r in receipt.records],
    }


@blp.route("/drafts", methods=["POST"])
@blp.arguments(DraftRequest)
@blp.response(200, DraftSchema)
@blp.alt_response(401, schema=ProblemSchema, description="No valid API token was sent.")
@blp.alt_response(413, schema=ProblemSchema, description="The body is too large.")
@blp.alt_response(415, schema=ProblemSchema, description="The body is not JSON.")
@blp.alt_response(
    422, schema=ProblemSchema, description="Not minutes, or invalid: `rule` says which."
)
def draft_minutes(body: dict[str, Any]) -> Any:
    """Draft a minutes document from the text (or a ModernGov page's HTML) of published
    minutes: a draft to review (its `review` list says what to check), nothing recorded.

    Two rules a schema cannot say: send `text` or `html`, one of the two (422
    `text-or-html`); and the text must be minutes, in which the drafter finds a meeting's
    date or a numbered item (422 `not-minutes`)."""
    writer()
    if ("text" in body) == ("html" in body):
        abort(
            422,
            rule="text-or-html",
            message="send the minutes as `text` or as `html`: one of the two",
            fields={"body": ["Send text or html, not both or neither."]},
        )
    try:
        if "html" in body:
            return one_type_each(draft_from_html(body["html"]))
        return one_type_each(draft_from_text(body["text"]))
    except DraftError as e:
        abort(422, rule=e.rule, message=str(e))
