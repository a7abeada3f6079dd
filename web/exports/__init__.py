"""Open data out: the same records as CSV (with a Frictionless Data Package describing
them), iCalendar, Atom feeds and OParl 1.1, one small module per format.

Every export reads through the same queries as the JSON API, with the same filters and
the same reader's visibility: exempt business never appears without a token for its
council. `create_app` registers `blueprints()`, then calls `document(api)` (the JSON
collections that also answer CSV) and `register_commands(app)` (export-data).
"""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api, Blueprint


def blueprints() -> list[Blueprint]:
    from web.exports import calendars, data, feeds, oparl

    return [data.blp, calendars.blp, feeds.blp, oparl.blp]


def document(api: Api) -> None:
    from web.exports import data

    data.document(api)


def register_commands(app: Flask) -> None:
    from web.exports import commands

    commands.register(app)
