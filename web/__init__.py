"""The web edge: the Flask app factory, its blueprints, schemas, error map and CLI.

`create_app()` is the only place things are wired; nothing is built at import.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from domain.service import Minutebook
from domain.stores import prepare_store


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    default_url = f"sqlite:///{Path(app.instance_path) / 'minutebook.sqlite3'}"
    app.config.from_mapping(DATABASE_URL=os.environ.get("DATABASE_URL") or default_url)
    if test_config is not None:
        app.config.update(test_config)

    prepare_store(app.config["DATABASE_URL"])
    app.extensions["minutebook"] = Minutebook.from_url(app.config["DATABASE_URL"])

    from web import cli

    cli.register(app)
    return app


def service_of(app: Flask) -> Minutebook:
    return app.extensions["minutebook"]
