"""One POST per domain verb, all built the same way:

1. the token was checked before the body was parsed (401, in web/guards.py);
2. the body is parsed by the verb's schema (422 naming the fields);
3. the writer may change every record the request names, in its path and in its
   body (the target, the meeting a resolution is proposed at, the approving meeting,
   the superseding resolution...): each must belong to a council the token covers
   (403), and one the writer may not even see answers 404, as unknown would;
4. an `Idempotency-Key` seen before returns the first response unchanged;
5. the service's verb (passed in by reference, so that a rename is followed) runs
   with the path's ids, the token's holder as `recorded_by`
   and `If-Match` as the expected version; without If-Match, a write that lost a
   race with another writer is retried on the new version (a rule broken then
   still answers 409), so no accepted write is lost and none is applied twice.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import request
from flask_smorest import abort
from marshmallow import Schema
from marshmallow.fields import UUID as UUIDField

from domain.committees import Committee
from domain.errors import ConcurrentChange, StaleVersion
from domain.meetings import Meeting
from domain.recording import RecordedAggregate
from domain.resolutions import Resolution
from domain.service import Receipt
from web import metrics, request_log
from web.access import admins_only, may_change, writer
from web.blueprint import Blueprint
from web.idempotency import MAX_KEY_LENGTH, KeyInProgress, KeyReused, fingerprint
from web.requests import expected_version, idempotency, recorded, service
from web.schemas.common import ProblemSchema, ReceiptSchema, RecordId

ERRORS = {
    401: "No valid API token was sent.",
    403: "The token may not change this council's records.",
    404: "No record has that id.",
    409: "The change breaks a rule of the record; `rule` names it.",
    412: "If-Match names a version older than the record's.",
    413: "The body is too large.",
    415: "The body is not JSON.",
    422: "The body is invalid; `fields` names each problem.",
}
# A write that lost a race with another writer, sent without If-Match, is tried again
# on the new version until it lands or a rule refuses it, for up to this long.
RACE_SECONDS = 5.0
# The ids a path may hold, and the kind of record each names.
TARGETS = {"resolution_id": Resolution, "meeting_id": Meeting, "committee_id": Committee}
Named = list[tuple[type[RecordedAggregate], UUID]]
Verb = Callable[..., Receipt]


def command(
    blp: Blueprint,
    rule: str,
    schema: type[Schema],
    verb: Verb,
    summary: str,
    *,
    creates: bool = False,
    for_admins: str | None = None,
) -> None:
    status = 201 if creates else 200
    in_body = _named_in(schema, rule)

    def view(body: dict[str, Any], **path: Any) -> Any:
        who = writer()
        named = [(TARGETS[name], value) for name, value in path.items() if name in TARGETS]
        named += [(kind, body[name]) for name, kind in in_body if body.get(name) is not None]
        _authorise(for_admins, named)
        key = _idempotency_key()
        if key is not None:
            replay = _claim(who.token_id, key)
            if replay is not None:
                headers = {"ETag": f'"{replay.body["version"]}"'}
                if creates:
                    headers["Location"] = f"{blp.url_prefix}/{replay.body['id']}"
                return replay.body, replay.status, headers
        try:
            receipt = _run(verb, {**path, **body, "recorded_by": who.holder}, creates)
        except Exception:
            if key is not None:
                idempotency().release(who.token_id, key)
            raise
        request_log.recorded(verb.__name__, receipt)
        metrics.wrote(verb.__name__)
        response = recorded(receipt, status)
        if creates:  # where the new record is read
            response[2]["Location"] = f"{blp.url_prefix}/{receipt.id}"
        if key is not None:
            idempotency().complete(who.token_id, key, status, response[0])
        return response

    view.__name__ = verb.__name__
    view.__doc__ = summary
    decorated = blp.response(status, ReceiptSchema)(view)
    for code, description in ERRORS.items():
        decorated = blp.alt_response(code, schema=ProblemSchema, description=description)(decorated)
    blp.route(rule, methods=["POST"], endpoint=verb.__name__)(blp.arguments(schema)(decorated))


def _named_in(schema: type[Schema], rule: str) -> list[tuple[str, type[RecordedAggregate]]]:
    """The body fields of a verb that name records. A verb whose path or body could name
    a record without saying which kind (a plain UUID) is refused when it is defined, so
    that no id of a future verb can slip past `_authorise`."""
    for name in re.findall(r"<uuid:(\w+)>", rule):
        if name not in TARGETS:
            raise TypeError(f"{rule}: path id {name} names no kind of record in TARGETS")
    fields = schema().fields
    for name, field in fields.items():
        if isinstance(field, UUIDField) and not isinstance(field, RecordId):
            raise TypeError(
                f"{schema.__name__}.{name}: an id in a command's body is a "
                "RecordId, so that it is authorised"
            )
    return [(name, field.kind) for name, field in fields.items() if isinstance(field, RecordId)]


def _authorise(for_admins: str | None, named: Named) -> None:
    """Every record the request names must be one the writer may change: all of them,
    path and body alike, before the service runs (one unchecked id would let a clerk
    write into another council's record through it)."""
    if for_admins is not None:  # a verb on no one council's records
        admins_only(for_admins)
        return
    for kind, record_id in named:
        council, exempt = service().owner_of(kind, record_id)
        if exempt and not writer().covers(council):
            raise service().missing(kind, record_id)  # hidden: answer as for an unknown id
        may_change(council)


def _run(verb: Verb, kwargs: dict[str, Any], creates: bool) -> Receipt:
    if creates:
        return verb(service(), **kwargs)
    expected = expected_version()
    deadline = time.monotonic() + RACE_SECONDS
    attempt = 0
    while True:
        try:
            return verb(service(), **kwargs, expected_version=expected)
        except ConcurrentChange as lost:
            if expected is not None:  # the client asked for that version: it is gone
                raise StaleVersion(
                    f"another change was saved first: the record is no longer at version {expected}"
                ) from lost
            if time.monotonic() > deadline:
                raise
        attempt += 1
        time.sleep(random.uniform(0, min(0.005 * 2**attempt, 0.2)))  # let the winner finish


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable() or not key.isascii():
        abort(
            422,
            rule="invalid-input",
            message="Idempotency-Key is 1 to 200 printable ASCII characters",
            fields={"Idempotency-Key": ["Not a valid key."]},
        )
    return key


def _claim(token_id: str, key: str) -> Any:
    try:
        return idempotency().claim(
            token_id, key, fingerprint(request.method, request.path, request.get_json())
        )
    except KeyReused:
        abort(
            422,
            rule="idempotency-key-reused",
            message="this Idempotency-Key was used for a different request",
        )
    except KeyInProgress:
        abort(
            409,
            rule="idempotency-key-in-progress",
            message="the first request with this Idempotency-Key has not finished; "
            "read the record before retrying with a new key",
        )
