"""Open data out: the same records as CSV (with a Frictionless Data Package describing
them), iCalendar, Atom feeds and OParl 1.1, one small module per format.

Every export reads through the same queries as the JSON API, with the same filters and
the same reader's visibility: exempt business never appears without a token for its
council. `blueprints()` lists what `create_app` registers.
"""

from __future__ import annotations

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    from web.exports import calendars, data, feeds, oparl

    return [data.blp, calendars.blp, feeds.blp, oparl.blp]


def document(api) -> None:  # noqa: ANN001
    from web.exports import data

    data.document(api)


def register_commands(app) -> None:  # noqa: ANN001
    from web.exports import commands

    commands.register(app)
