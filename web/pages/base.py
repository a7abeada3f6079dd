"""The pages' blueprint, what every view reads through, and the error pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from flask import Blueprint, render_template, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException

from domain.errors import DomainError, InvalidValue, NotFound
from domain.projections.store import ReadModelRebuilding
from domain.projections.visibility import PUBLIC, Visibility
from domain.service.reading import Reader, ReadModelBehind
from web.requests import reader

blp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/pages/static",
)

# Pages are for the public: they never read a token, so never show exempt business.
SEEN: Visibility = PUBLIC


class PageNotFound(NotFound):
    """Raised when a page names a record the public has no record of."""


class BadQuery(Exception):
    """Raised when a page's query string has values it cannot use."""

    def __init__(self, fields: dict[str, Any]) -> None:
        super().__init__("the query has values this page cannot use")
        self.fields = fields


def read() -> Reader:
    """The read side, caught up (the pages never wait for a position)."""
    found = reader()
    found.before_read(None)
    return found


def query(schema: Schema) -> dict[str, Any]:
    """The query string loaded by the API's own schema; empty fields (a form's blanks)
    count as not given."""
    given = {k: v for k, v in request.args.items() if v.strip() != ""}
    try:
        return schema.load(given)
    except ValidationError as error:
        raise BadQuery(error.normalized_messages()) from None


def must_be_uuid(value: Any) -> None:
    """A malformed id in a page's path names no record (the uuid converter lets it in)."""
    if not isinstance(value, UUID):
        raise PageNotFound(f"no record has id {value}")


@blp.app_template_filter("day")
def day(value: Any) -> str:
    """25 July 2022 (a date), 25 July 2022 06:54 UTC (an instant)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = (datetime if "T" in value else date).fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return f"{value.day} {value:%B %Y %H:%M} {value.tzname() or ''}".strip()
    return f"{value.day} {value:%B %Y}"


def error_page(status: int, title: str, message: str, fields: Any = None) -> Any:
    body = render_template(
        "pages/error.html", status=status, title=title, message=message, fields=fields
    )
    return body, status


@blp.errorhandler(DomainError)
def _domain_error(error: DomainError) -> Any:
    if isinstance(error, NotFound):
        return error_page(404, "Not found", "There is no public record here.")
    if isinstance(error, InvalidValue):
        return error_page(422, "This page cannot use that query", str(error))
    return error_page(409, "Conflict", str(error))


@blp.errorhandler(BadQuery)
def _bad_query(error: BadQuery) -> Any:
    return error_page(422, "This page cannot use that query", str(error), error.fields)


@blp.errorhandler(ReadModelBehind)
@blp.errorhandler(ReadModelRebuilding)
def _behind(error: Exception) -> Any:
    body, status = error_page(503, "Try again shortly", "The record is being brought up to date.")
    return body, status, {"Retry-After": "5"}


@blp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Any:
    return error_page(error.code or 500, error.name, error.description or "")
