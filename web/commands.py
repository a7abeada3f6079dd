"""One POST per domain verb, all built the same way:

1. the token was checked before the body was parsed (401, in web/guards.py);
2. the body is parsed by the verb's schema (422 naming the fields);
3. the writer may change this council's record (403, or 404 if it is hidden);
4. an `Idempotency-Key` seen before returns the first response unchanged;
5. the service's verb runs with the path's ids, the token's holder as the actor
   and `If-Match` as the expected version; without If-Match, a write that lost a
   race with another writer is retried on the new version (a rule broken then
   still answers 409), so no accepted write is lost and none is applied twice.
"""

from __future__ import annotations

import random
import time
from typing import Any
from uuid import UUID

from flask import request
from flask_smorest import abort
from marshmallow import Schema

from domain.committees import Committee
from domain.errors import ConcurrentChange
from domain.meetings import Meeting
from domain.resolutions import Resolution
from web.access import admins_only, may_change, writer
from web.blueprint import Blueprint
from web.idempotency import MAX_KEY_LENGTH, KeyInProgress, KeyReused, fingerprint
from web.requests import expected_version, idempotency, recorded, service
from web.schemas.common import ProblemSchema, ReceiptSchema

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
RACE_RETRIES = 5
TARGETS = {"resolution_id": Resolution, "meeting_id": Meeting, "committee_id": Committee}


def command(blp: Blueprint, rule: str, schema: type[Schema], verb: str, summary: str, *,
            creates: bool = False) -> None:
    status = 201 if creates else 200

    def view(body: dict[str, Any], **path: Any) -> Any:
        who = writer()
        _authorise(verb, {**body, **path})
        key = _idempotency_key()
        if key is not None:
            replay = _claim(who.token_id, key)
            if replay is not None:
                return replay.body, replay.status, {"ETag": f'"{replay.body["version"]}"'}
        try:
            receipt = _run(verb, {**path, **body, "by": who.holder}, creates)
        except Exception:
            if key is not None:
                idempotency().release(who.token_id, key)
            raise
        response = recorded(receipt, status)
        if key is not None:
            idempotency().complete(who.token_id, key, status, response[0])
        return response

    view.__name__ = verb
    view.__doc__ = summary
    decorated = blp.response(status, ReceiptSchema)(view)
    for code, description in ERRORS.items():
        decorated = blp.alt_response(code, schema=ProblemSchema, description=description)(
            decorated)
    blp.route(rule, methods=["POST"], endpoint=verb)(blp.arguments(schema)(decorated))


def _authorise(verb: str, ids: dict[str, Any]) -> None:
    if verb == "establish_committee":
        admins_only("establish a committee")
        return
    name = next(name for name in TARGETS if isinstance(ids.get(name), UUID))
    kind, target = TARGETS[name], ids[name]
    council, exempt = service().owner_of(kind, target)
    if exempt and not writer().covers(council):
        raise service().missing(kind, target)  # hidden: answer as for an unknown id
    may_change(council)


def _run(verb: str, kwargs: dict[str, Any], creates: bool) -> Any:
    command = getattr(service(), verb)
    if creates:
        return command(**kwargs)
    expected = expected_version()
    for attempt in range(RACE_RETRIES + 1):
        try:
            return command(**kwargs, expected_version=expected)
        except ConcurrentChange:
            if expected is not None or attempt == RACE_RETRIES:
                raise
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))  # let the winner finish
    raise AssertionError("unreachable")


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isprintable() or not key.isascii():
        abort(422, rule="invalid-input", message="Idempotency-Key is 1 to 200 printable "
              "ASCII characters", fields={"Idempotency-Key": ["Not a valid key."]})
    return key


def _claim(token_id: str, key: str) -> Any:
    try:
        return idempotency().claim(
            token_id, key, fingerprint(request.method, request.path, request.get_json()))
    except KeyReused:
        abort(422, rule="idempotency-key-reused",
              message="this Idempotency-Key was used for a different request")
    except KeyInProgress:
        abort(409, rule="idempotency-key-in-progress",
              message="the first request with this Idempotency-Key has not finished; "
                      "read the record before retrying with a new key")
