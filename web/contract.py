"""What an API client can rely on beyond the schemas, said once for every operation.

In the OpenAPI document: a stable `operationId` for each operation (the view's name
in camelCase: `listResolutions`, `noteProgress`), the token each needs (every write;
reads take one to see more), the headers each reads and sends (`If-Match`,
`Idempotency-Key`, `If-None-Match`, `ETag`, `Location`), and `servers`.

On the wire: a read with an ETag answers 304 to an `If-None-Match` that names it;
public reads may be made from any web page (CORS: GET, HEAD and OPTIONS from any
origin, with no cookies), writes only from the origins CORS_WRITE_ORIGINS lists.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, request
from flask_smorest import Api
from flask_smorest.spec.plugins import FlaskPlugin

READS = {"GET", "HEAD", "OPTIONS"}
EXPOSED = "ETag, Location, Retry-After, X-Request-ID"
WRITER = [{"token": []}]
READER = [{}, {"token": []}]  # anonymous, or with a token that shows more
STRING = {"schema": {"type": "string"}}


def sends_etag(view: Any) -> Any:
    """Mark a read whose answer carries the record's ETag (innermost decorator: the
    mark is copied outwards by each decorator's functools.wraps)."""
    view.sends_etag = True
    return view


def operation_id(view_name: str) -> str:
    first, *rest = view_name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def document(app: Flask, api: Api) -> None:
    """Add to every operation of the API's document what the views themselves do."""
    paths = api.spec._paths  # apispec keeps the operations here until it writes them
    for rule in app.url_map.iter_rules():
        operations = paths.get(FlaskPlugin.flaskpath2openapi(rule.rule))
        if operations is None:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = operations.get(method.lower())
            if operation is None:
                continue
            operation["operationId"] = operation_id(rule.endpoint.rsplit(".", 1)[-1])
            if method == "POST":
                _document_write(operation, creates="201" in operation["responses"])
            else:
                view = app.view_functions[rule.endpoint]
                _document_read(operation, etag=getattr(view, "sends_etag", False))


def _document_write(operation: dict[str, Any], *, creates: bool) -> None:
    operation["security"] = WRITER
    parameters = operation.setdefault("parameters", [])
    parameters.append(
        _header(
            "Idempotency-Key",
            "Send the same key to retry safely: a request seen before answers as it did "
            "the first time (1 to 200 printable ASCII characters).",
        )
    )
    ok = "201" if creates else "200"
    headers = {"ETag": {**STRING, "description": "The record's new version, quoted."}}
    if creates:
        headers["Location"] = {**STRING, "description": "Where the new record is read."}
    else:
        parameters.append(
            _header(
                "If-Match",
                'The version last read (the ETag, such as "3"): the change is refused '
                "with 412 if the record has changed since. `*` or no header: none.",
            )
        )
    operation["responses"][ok]["headers"] = headers


def _document_read(operation: dict[str, Any], *, etag: bool) -> None:
    operation["security"] = READER
    if etag:
        operation.setdefault("parameters", []).append(
            _header("If-None-Match", "The ETag last read: 304 if the record is unchanged.")
        )
        operation["responses"]["200"]["headers"] = {
            "ETag": {
                **STRING,
                "description": "The record's version, quoted; none for a record read as "
                "it stood (`as_of`, `recorded_as_of`).",
            }
        }
        operation["responses"]["304"] = {"description": "Unchanged since the ETag sent."}


def _header(name: str, description: str) -> dict[str, Any]:
    return {"in": "header", "name": name, "required": False, "description": description, **STRING}


def install(app: Flask) -> None:
    app.after_request(_conditional)
    app.after_request(_cors)


def _conditional(response: Response) -> Response:
    if request.method == "GET" and response.status_code == 200 and "ETag" in response.headers:
        response.make_conditional(request)  # If-None-Match: 304, ETags compared weakly
    return response


def _cors(response: Response) -> Response:
    if not request.path.startswith("/api/"):
        return response
    origin = request.headers.get("Origin")
    writes_from = current_app.config["CORS_WRITE_ORIGINS"]
    if request.method in READS and not _preflight_for_a_write():
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = (
            "Authorization, If-None-Match, X-Request-ID"
        )
    elif origin is not None and origin in writes_from:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS, POST"
        response.headers["Access-Control-Allow-Headers"] = (
            "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Request-ID"
        )
        response.headers.add("Vary", "Origin")
    else:
        return response
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":
        response.headers["Access-Control-Max-Age"] = "600"
    return response


def _preflight_for_a_write() -> bool:
    asked = request.headers.get("Access-Control-Request-Method", "")
    return request.method == "OPTIONS" and asked.upper() not in ("", "GET", "HEAD")
