"""One POST per domain verb, all built the same way: parse the body with its schema,
call the service's verb with the path's ids, who is recording and If-Match, and
answer with the receipt."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from web.blueprint import Blueprint
from web.requests import actor, expected_version, recorded, service
from web.schemas.common import ProblemSchema, ReceiptSchema

ERRORS = {
    401: "Nobody said who is recording the change.",
    404: "No record has that id.",
    409: "The change breaks a rule of the record; `rule` names it.",
    412: "If-Match names a version older than the record's.",
    422: "The body is invalid; `fields` names each problem.",
}


def command(blp: Blueprint, rule: str, schema: type[Schema], verb: str, summary: str, *,
            creates: bool = False) -> None:
    status = 201 if creates else 200

    def view(body: dict[str, Any], **path: Any) -> Any:
        kwargs = {**path, **body, "by": actor()}
        if not creates:
            kwargs["expected_version"] = expected_version()
        return recorded(getattr(service(), verb)(**kwargs), status)

    view.__name__ = verb
    view.__doc__ = summary
    decorated = blp.response(status, ReceiptSchema)(view)
    for code, description in ERRORS.items():
        decorated = blp.alt_response(code, schema=ProblemSchema, description=description)(
            decorated)
    blp.route(rule, methods=["POST"], endpoint=verb)(blp.arguments(schema)(decorated))
