"""Checks every request passes before a view runs: a write carries a token and a JSON
body, and every id in the path is a UUID (422 naming it, rather than a bare 404)."""

from __future__ import annotations

from uuid import UUID

from flask import Flask, request
from flask_smorest import abort
from werkzeug.routing import UUIDConverter

from web.access import writer


class BadId(str):
    """A path segment where a UUID belongs that is not one."""


class LenientUUIDConverter(UUIDConverter):
    """Matches any segment, so a malformed id reaches `check_ids` and gets a 422."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> UUID | BadId:
        try:
            return UUID(value)
        except ValueError:
            return BadId(value)


def check_request() -> None:
    if not request.path.startswith("/api/"):
        return
    for name, value in (request.view_args or {}).items():
        if isinstance(value, BadId):
            abort(422, rule="invalid-input", message=f"{name} must be a UUID",
                  fields={name: ["Not a valid UUID."]})
    if request.method == "POST":
        writer()  # 401 before anything else is looked at
        if request.mimetype != "application/json":
            abort(415, rule="unsupported-media-type",
                  message="send the body as JSON, with Content-Type: application/json")


def install(app: Flask) -> None:
    app.url_map.converters["uuid"] = LenientUUIDConverter
    app.before_request(check_request)
