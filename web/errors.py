"""One JSON shape for every error, registered once.

    {"status": 409, "error": "Conflict", "rule": "already-decided",
     "message": "the resolution is already withdrawn", "fields": {...}}

Domain "not found" → 404, a rule broken → 409 (the rule named), a stale
If-Match → 412, invalid input → 422 (with the fields named).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.http import HTTP_STATUS_CODES

from domain.errors import DomainError, InvalidValue, NotFound, StaleVersion
from web.schemas.common import ProblemSchema


def error_response(
    status: int,
    rule: str,
    message: str,
    fields: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    body: dict[str, Any] = {
        "status": status,
        "error": HTTP_STATUS_CODES.get(status, "Error"),
        "rule": rule,
        "message": message,
    }
    if fields:
        body["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


class MinutebookApi(Api):
    """flask-smorest's Api, answering HTTP errors in the project's own shape (and
    documenting them so)."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException) -> Any:
        data = getattr(error, "data", None) or {}
        messages = data.get("messages")
        if messages is not None:  # webargs found invalid input
            fields: dict[str, Any] = {}
            for location, problems in messages.items():
                if isinstance(problems, dict):
                    fields.update(problems)
                else:  # the body as a whole, e.g. "Invalid JSON body."
                    fields["body" if location == "json" else location] = problems
            return error_response(
                422,
                "invalid-input",
                "the request has invalid or unknown fields: " + ", ".join(sorted(fields)),
                fields,
            )
        code = error.code or 500
        rule = data.get("rule") or (
            HTTP_STATUS_CODES.get(code, "error").lower().replace(" ", "-").replace("'", "")
        )
        message = data.get("message") or error.description or ""
        headers = dict(data.get("headers") or {})
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return error_response(code, rule, message, data.get("fields"), headers)


def domain_error(error: DomainError) -> Any:
    if isinstance(error, NotFound):
        return error_response(404, error.rule, str(error))
    if isinstance(error, StaleVersion):
        return error_response(412, error.rule, str(error))
    if isinstance(error, InvalidValue):
        return error_response(422, error.rule, str(error))
    return error_response(409, error.rule, str(error))


def read_model_behind(error: Exception) -> Any:
    return error_response(503, "read-model-behind", str(error), headers={"Retry-After": "1"})


def read_model_rebuilding(error: Exception) -> Any:
    return error_response(503, "read-model-rebuilding", str(error), headers={"Retry-After": "5"})


def register(app: Flask) -> None:
    from domain.projections.store import ReadModelRebuilding
    from domain.service.reading import ReadModelBehind

    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(ReadModelBehind, read_model_behind)
    app.register_error_handler(ReadModelRebuilding, read_model_rebuilding)
