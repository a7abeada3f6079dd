"""Pages for people: the record as server-rendered HTML, read as an anonymous reader.

The pages read through the same queries as the JSON API (`web/*.py`), always with the
public's visibility: exempt business never reaches a page, whoever asks. Their errors
are pages too (404, 422, 503), registered on the pages' blueprint only, so the API
keeps its JSON errors.
"""

from __future__ import annotations

from flask import Flask

from web.pages import api_index, lists, records  # noqa: F401 (their routes)
from web.pages.base import blp


def register(app: Flask) -> None:
    app.register_blueprint(blp)
    app.register_blueprint(api_index.blp)
