"""The web edge: the Flask app factory, its blueprints, schemas, error map and CLI.

`create_app()` is the only place things are wired; nothing is built at import.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from domain.projections.store import open_read_model
from domain.service import Minutebook
from domain.stores import prepare_store, startup_lock


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    default_url = f"sqlite:///{Path(app.instance_path) / 'minutebook.sqlite3'}"
    app.config.from_mapping(
        DATABASE_URL=os.environ.get("DATABASE_URL") or default_url,
        # inline: this process applies new events (the embedded default);
        # worker: `flask --app wsgi project` does, in a process of its own.
        PROJECTIONS=os.environ.get("PROJECTIONS", "inline"),
        READ_WAIT_SECONDS=float(os.environ.get("READ_WAIT_SECONDS", "5")),
        # An Idempotency-Key claimed this long ago by a request that never finished was
        # abandoned by a process that died: the next request with it takes it over.
        IDEMPOTENCY_CLAIM_SECONDS=float(os.environ.get("IDEMPOTENCY_CLAIM_SECONDS", "60")),
        # /readyz answers 503 while the read models are more positions behind the log.
        READY_MAX_LAG=int(os.environ.get("READY_MAX_LAG", "1000")),
        # "admin": /metrics answers only to an admin's API token; empty: to anyone.
        METRICS_TOKEN=os.environ.get("METRICS_TOKEN", ""),
        # Origins (comma-separated) whose pages may write through the API; any may read.
        CORS_WRITE_ORIGINS=[
            o.strip() for o in os.environ.get("CORS_WRITE_ORIGINS", "").split(",") if o.strip()
        ],
        API_SPEC_OPTIONS={"servers": [{"url": "/", "description": "This server."}]},
        # The ledger's signing key: a PEM file every process of a deployment shares;
        # unset, a key made in the instance folder on first run.
        LEDGER_KEY_FILE=os.environ.get("LEDGER_KEY_FILE") or None,
        # At most one signed checkpoint this often while events keep coming.
        LEDGER_CHECKPOINT_SECONDS=float(os.environ.get("LEDGER_CHECKPOINT_SECONDS", "5")),
        MAX_CONTENT_LENGTH=256 * 1024,
        API_TITLE="Minutebook",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
    )
    if test_config is not None:
        app.config.update(test_config)
    if app.config["PROJECTIONS"] not in ("inline", "worker"):
        raise ValueError("PROJECTIONS must be inline or worker")
    if app.config["METRICS_TOKEN"] not in ("", "admin"):
        raise ValueError("METRICS_TOKEN must be admin or empty")

    from domain.service.reading import Reader
    from web import cli, contract, docs, errors, guards, ledger, metrics, operations, request_log
    from web.idempotency import IdempotencyStore
    from web.tokens import TokenStore

    url = app.config["DATABASE_URL"]
    prepare_store(url)
    with startup_lock(url):  # one process at a time creates the tables
        service = Minutebook.from_url(url)
        read_model = open_read_model(url)
        tokens = TokenStore(read_model)
        idempotency = IdempotencyStore(
            read_model, claim_seconds=app.config["IDEMPOTENCY_CLAIM_SECONDS"]
        )
        # The web edge's own tables, beside the read models (which know nothing of them).
        tokens.create_table()
        idempotency.create_table()
        app.extensions["minutebook.ledger"] = ledger.open_ledger(app, service, read_model)
    app.extensions["minutebook"] = service
    app.extensions["minutebook.reader"] = Reader(
        service,
        read_model,
        inline=app.config["PROJECTIONS"] == "inline",
        wait_seconds=app.config["READ_WAIT_SECONDS"],
    )
    app.extensions["minutebook.tokens"] = tokens
    app.extensions["minutebook.idempotency"] = idempotency

    request_log.install(app)  # first, so that every answer carries its request id
    metrics.install(app)
    contract.install(app)
    guards.install(app)  # before any route is added: it replaces the uuid converter
    app.config["OPENAPI_SWAGGER_UI_URL"] = docs.ASSETS_URL
    api = errors.MinutebookApi(app)
    api.register_converter(
        guards.LenientUUIDConverter, lambda _: {"type": "string", "format": "uuid"}
    )
    api.spec.components.security_scheme(
        "token", {"type": "http", "scheme": "bearer", "description": "An API token."}
    )
    from web import audit, committees, exports, meetings, minutes, resolutions
    from web.pages import api_index

    for blueprint in (
        api_index.blp,
        committees.councils,
        committees.blp,
        meetings.blp,
        resolutions.blp,
        audit.actions,
        audit.audit,
        audit.events,
        ledger.blp,
        minutes.blp,
        *exports.blueprints(),
    ):
        api.register_blueprint(blueprint)
    exports.document(api)  # the JSON collections that also answer CSV
    contract.document(app, api)
    app.register_blueprint(docs.assets)
    app.register_blueprint(operations.probes)
    app.register_blueprint(metrics.metrics)
    from web import pages

    pages.register(app)  # the pages for people, and /api/'s index
    errors.register(app)
    ledger.install(app)
    cli.register(app)
    exports.register_commands(app)  # export-data
    return app


def service_of(app: Flask) -> Minutebook:
    return app.extensions["minutebook"]
