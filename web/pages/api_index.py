"""`/api/`: where the API's docs, its OpenAPI document and each collection are,
documented in that document like any other read (registered with the API's
blueprints, so it has an operationId and a response schema)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from marshmallow import Schema, fields

from web.blueprint import Blueprint

blp = Blueprint(
    "index",
    __name__,
    description="The API's front door: its docs, its OpenAPI document and its collections.",
)

COLLECTIONS = (
    ("councils", "councils.list_councils", "The councils whose committees are recorded."),
    ("committees", "committees.list_committees", "Committees, members, work programmes."),
    ("meetings", "meetings.list_meetings", "Meetings: attendance, items, resolutions."),
    ("resolutions", "resolutions.list_resolutions", "The resolution register, searchable."),
    ("actions", "actions.list_actions", "The action tracker, rated red, amber, green."),
    ("audit", "audit.list_audit", "Every event: who recorded what, and when."),
    ("events", "events.list_events", "The ordered event feed, for following the store."),
)


class NoQuery(Schema):
    """The index takes no query: an unknown parameter is a 422, as on every read."""


class CollectionLink(Schema):
    name = fields.String(metadata={"description": "The collection's name, e.g. resolutions."})
    href = fields.String(metadata={"description": "Where it is read, e.g. /api/resolutions."})
    description = fields.String()


class ApiIndex(Schema):
    title = fields.String()
    docs = fields.String(metadata={"description": "The browsable docs."})
    openapi = fields.String(metadata={"description": "This OpenAPI document."})
    pages = fields.String(metadata={"description": "The same record as pages for people."})
    collections = fields.List(fields.Nested(CollectionLink))


@blp.route("/api/", methods=["GET"])
@blp.arguments(NoQuery, location="query")
@blp.response(200, ApiIndex)
def get_api_index(args: dict[str, Any]) -> Any:
    """The API's front door: its docs, its OpenAPI document and its collections."""
    return {
        "title": "Minutebook",
        "docs": url_for("api-docs.openapi_swagger_ui"),
        "openapi": url_for("api-docs.openapi_json"),
        "pages": url_for("pages.home"),
        "collections": [
            {"name": name, "href": url_for(endpoint), "description": description}
            for name, endpoint, description in COLLECTIONS
        ],
    }
