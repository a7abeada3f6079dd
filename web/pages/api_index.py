"""`/api/`: where the API's docs, its OpenAPI document and each collection are."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, url_for

blp = Blueprint("api_index", __name__)

COLLECTIONS = (
    ("councils", "councils.list_councils", "The councils whose committees are recorded."),
    ("committees", "committees.list_committees", "Committees, members, work programmes."),
    ("meetings", "meetings.list_meetings", "Meetings: attendance, items, resolutions."),
    ("resolutions", "resolutions.list_resolutions", "The resolution register, searchable."),
    ("actions", "actions.list_actions", "The action tracker, rated red, amber, green."),
    ("audit", "audit.list_audit", "Every event: who recorded what, and when."),
    ("events", "events.list_events", "The ordered event feed, for following the store."),
)


@blp.route("/api/")
def index() -> Any:
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
