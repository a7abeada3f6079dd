"""What an API client can rely on beyond the schemas, said once for every operation.

In the OpenAPI document: a stable `operationId` for each operation (the view's name
in camelCase: `listResolutions`, `noteProgress`), a summary and a description (the
view's docstring), the token each needs (every write; reads take one to see more), the
headers each reads and sends (`If-Match`, `Idempotency-Key`, `If-None-Match`, `ETag`,
`Location`) with their rules as patterns, the rules of path parameters that their URL
converters do not say, a 401 on reads under /api/ (to a token that is not valid), a 404
on reads by id, a 503 with `Retry-After` on every operation, and `servers`.

On the wire: a read with an ETag answers 304 to an `If-None-Match` that names it;
public reads may be made from any web page (CORS: GET, HEAD and OPTIONS from any
origin, with no cookies), writes only from the origins CORS_WRITE_ORIGINS lists.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, request
from flask_smorest import Api
from flask_smorest.spec.plugins import FlaskPlugin

from domain import limits
from web.schemas.document import tidy

DESCRIPTION = """The decisions of council committees, from the resolution to the report back.

Every rule the service enforces on a request's shape is in this document's schemas. A few
rules JSON Schema cannot say are said in words where they apply: an effective date is not
after today; `min_position` is one a receipt gave out; a cursor is one the service gave
out; a tree size is one the ledger has reached. And text is Unicode characters: a JSON
string holding half of a surrogate pair is refused (422), as no character.

A write needs an API token (`Authorization: Bearer ...`); a read takes one to see the
exempt business of the token's council."""
READS = {"GET", "HEAD", "OPTIONS"}
EXPOSED = "ETag, Location, Retry-After, X-Request-ID"
WRITER = [{"token": []}]
READER = [{}, {"token": []}]  # anonymous, or with a token that shows more
STRING = {"schema": {"type": "string"}}
# The headers' own rules, as the views enforce them (web/commands.py, web/requests.py).
IDEMPOTENCY_KEY = {"type": "string", "pattern": r"^[!-~]([ -~]{0,198}[!-~])?$"}
IF_MATCH = {"type": "string", "pattern": r'^(\*|"[0-9]{1,18}"|[0-9]{1,18})$'}
# Path parameters whose converter says less than the rule: a council's slug, and a
# clause's number (no resolution has more clauses than MAX_CLAUSES).
PATH_PARAMETERS = {
    "council": {"type": "string", "pattern": limits.SLUG_PATTERN, "maxLength": limits.SLUG},
    "clause": {"type": "integer", "minimum": 1, "maximum": limits.MAX_CLAUSES},
}
NOT_FOUND = {
    "description": "No record has that id (or the token may not see it).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
BAD_TOKEN = {
    "description": "A token was sent that is unknown, malformed or revoked (send none to "
    "read as anyone may).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
NOT_FOUND_WITHOUT_AN_ID = {"latestCheckpoint"}  # 404 until the ledger signs its first
# POSTs that change no record: they need a token, but take no If-Match or Idempotency-Key
# and answer no ETag (a draft is worked out from the text sent, and stored nowhere).
CHANGES_NOTHING = {"draftMinutes"}
UNAVAILABLE = {
    "description": "The read models are behind the record or being rebuilt: retry after "
    "`Retry-After` seconds.",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer", "minimum": 0},
        }
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


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
    api.spec.options.setdefault("info", {})["description"] = DESCRIPTION
    api.spec.components.response("Unavailable", UNAVAILABLE)
    api.spec.components.schemas.pop("PaginationMetadata", None)  # no list pages by headers
    tidy(api.spec.components.schemas)
    for rule in app.url_map.iter_rules():
        operations = paths.get(FlaskPlugin.flaskpath2openapi(rule.rule))
        if operations is None:
            continue
        for parameter in operations.get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] in PATH_PARAMETERS:
                parameter["schema"] = PATH_PARAMETERS[parameter["name"]]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = operations.get(method.lower())
            if operation is None:
                continue
            operation["operationId"] = operation_id(rule.endpoint.rsplit(".", 1)[-1])
            operation["responses"]["503"] = {"$ref": "#/components/responses/Unavailable"}
            _summary_and_description(operation)
            tidy(operation.get("parameters", []))
            if method == "POST" and operation["operationId"] in CHANGES_NOTHING:
                operation["security"] = WRITER
            elif method == "POST":
                _document_write(operation, creates="201" in operation["responses"])
            else:
                view = app.view_functions[rule.endpoint]
                _document_read(operation, etag=getattr(view, "sends_etag", False))
                if rule.rule.startswith("/api/"):  # web/guards.py checks the token there
                    operation["responses"].setdefault("401", BAD_TOKEN)
                if "<" in rule.rule or operation["operationId"] in NOT_FOUND_WITHOUT_AN_ID:
                    operation["responses"].setdefault("404", NOT_FOUND)


def _summary_and_description(operation: dict[str, Any]) -> None:
    """The view's docstring in full as the description, and its first phrase (up to a
    colon, semicolon or full stop outside brackets) as the summary."""
    text = " ".join((operation.get("description") or operation.get("summary") or "").split())
    operation["description"] = text
    depth = 0
    for n, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in ":;." and text[n + 1 : n + 2] in (" ", ""):
            text = text[:n]
            break
    operation["summary"] = text


def _document_write(operation: dict[str, Any], *, creates: bool) -> None:
    operation["security"] = WRITER
    parameters = operation.setdefault("parameters", [])
    parameters.append(
        _header(
            "Idempotency-Key",
            "Send the same key to retry safely: a request seen before answers as it did "
            "the first time (1 to 200 printable ASCII characters, not starting or ending "
            "with a space). A key sent again with a different request is refused (422, "
            "`idempotency-key-reused`).",
            IDEMPOTENCY_KEY,
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
                "with 412 if the record has changed since. `*` or no header: none. A weak "
                "tag (W/...) never matches, and is refused (422).",
                IF_MATCH,
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


def _header(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "in": "header",
        "name": name,
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


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
