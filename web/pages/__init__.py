"""Pages for people: the record as server-rendered HTML, read as an anonymous reader.

The pages read through the same queries as the JSON API (`web/*.py`), always with the
public's visibility: exempt business never reaches a page, whoever asks. Their errors
are pages too (404, 422, 503), registered on the pages' blueprint only, so the API
keeps its JSON errors.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from web.pages import lists, records  # noqa: F401 (their routes)
from web.pages.base import blp, error_page


def register(app: Flask) -> None:
    """The pages. Call after the API's error map: an address that matches no route, or
    a page asked with the wrong method, answers an HTML page unless it is the API's (or
    another JSON route's), which keeps its JSON error. (/api/'s index, `api_index.blp`,
    is one of the API's blueprints, registered and documented with them.)"""
    app.register_blueprint(blp)
    api_error = app.error_handler_spec[None][None][HTTPException]

    def routing_error(error: HTTPException) -> Any:
        if _is_a_page(app, request.path):
            return error_page(error.code or 404, error.name, error.description or "")
        return api_error(error)

    app.register_error_handler(NotFound, routing_error)
    app.register_error_handler(MethodNotAllowed, routing_error)


def _is_a_page(app: Flask, path: str) -> bool:
    if path.startswith("/api/") or path == "/api":
        return False
    others = {r.rule for r in app.url_map.iter_rules() if not r.endpoint.startswith("pages.")}
    return path not in others
