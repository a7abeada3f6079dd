"""OParl's paged lists: `{data, pagination, links}`, with `first` and `next` links, and
the `modified_since` filter (objects whose last change was recorded at or after it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from flask import request
from marshmallow import fields

from web.schemas.common import Paging


class ListQuery(Paging):
    modified_since = fields.AwareDateTime(
        format="iso",
        metadata={
            "description": "Only objects last changed at or after this instant (ISO 8601, "
            "with its offset)."
        },
    )


def modified_since(objects: list[dict[str, Any]], args: dict[str, Any]) -> list[dict[str, Any]]:
    since = args.get("modified_since")
    if since is None:
        return objects
    return [
        o for o in objects if "modified" in o and datetime.fromisoformat(o["modified"]) >= since
    ]


def listing(objects: list[dict[str, Any]], args: dict[str, Any], next_cursor: str | None) -> dict:
    """A page of a list. A page filtered by `modified_since` may hold fewer objects than
    asked for (even none) and still have a `next`: follow it to the end."""
    kept = {k: v for k, v in request.args.items() if k != "cursor"}
    links = {"first": _url(kept)}
    if next_cursor is not None:
        links["next"] = _url({**kept, "cursor": next_cursor})
    return {
        "data": objects,
        "pagination": {"elementsPerPage": args["limit"]},
        "links": links,
    }


def _url(query: dict[str, Any]) -> str:
    return f"{request.base_url}?{urlencode(query)}" if query else request.base_url
