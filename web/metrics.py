"""Metrics for Prometheus at `GET /metrics`, with the `prometheus_client` library.

Counted as they happen, in every web process: requests by route, method and status,
their latency, writes by verb, and refused tokens. Read when scraped, from the store
(two cheap lookups and one event decoded): the log's position, the read models'
position, and how far they are behind, in positions and in seconds since the oldest
event not yet applied was recorded.

Under gunicorn each worker is a process of its own: with PROMETHEUS_MULTIPROC_DIR set
(an empty folder, emptied before the server starts) the library's multiprocess mode
adds them up, and gunicorn.conf.py tells it when a worker exits. METRICS_TOKEN=admin
makes `/metrics` answer only to an admin's API token.
"""

from __future__ import annotations

import os
import time
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, request
from flask_smorest import abort
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from web.access import REFUSED_KEY, principal
from web.requests import reader, service

REQUESTS = Counter(
    "minutebook_http_requests",
    "HTTP requests answered, by route (the rule, not the path), method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "minutebook_http_request_duration_seconds",
    "Time from a request's start to its answer, by route and method.",
    ["route", "method"],
)
WRITES = Counter("minutebook_writes", "Commands that recorded events, by verb.", ["verb"])
REFUSED_TOKENS = Counter(
    "minutebook_refused_tokens", "Requests refused for a token unknown, malformed or revoked."
)
# Set when scraped, by the process scraped: the most recent value is the true one.
LOG_POSITION = Gauge(
    "minutebook_log_position",
    "The global position of the last event recorded.",
    multiprocess_mode="mostrecent",
)
READ_POSITION = Gauge(
    "minutebook_read_model_position",
    "The global position of the last event the read models applied.",
    multiprocess_mode="mostrecent",
)
LAG_POSITIONS = Gauge(
    "minutebook_projection_lag_positions",
    "Events recorded that the read models have not applied yet.",
    multiprocess_mode="mostrecent",
)
LAG_SECONDS = Gauge(
    "minutebook_projection_lag_seconds",
    "Seconds since the oldest event the read models have not applied was recorded "
    "(0 when they are up to date).",
    multiprocess_mode="mostrecent",
)

# Set by the long commands as they go; with PROMETHEUS_MULTIPROC_DIR shared with the
# server, its /metrics shows them while they run.
REBUILT = Gauge(
    "minutebook_rebuild_applied",
    "Events a running (or the last) rebuild of the read models has applied.",
    multiprocess_mode="mostrecent",
)
IMPORTED = Gauge(
    "minutebook_import_written",
    "Events a running (or the last) import has written.",
    multiprocess_mode="mostrecent",
)

metrics = Blueprint("metrics", __name__)


def install(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_count)


def wrote(verb: str) -> None:
    WRITES.labels(verb).inc()


@metrics.get("/metrics")
def scrape() -> Any:
    if current_app.config["METRICS_TOKEN"] == "admin":
        who = principal()
        if who is None or who.role != "admin":
            abort(401, rule="token-required", message="/metrics answers to an admin's token")
    _measure_lag()
    return Response(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST)


def _registry() -> Any:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        from prometheus_client import REGISTRY

        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=folder)
    return registry


def _measure_lag() -> None:
    app = service()
    written = app.recorder.max_notification_id() or 0
    applied = reader().projector.read_model.position()
    LOG_POSITION.set(written)
    READ_POSITION.set(applied)
    LAG_POSITIONS.set(max(0, written - applied))
    oldest = app.recorder.select_notifications(applied + 1, 1) if written > applied else []
    if oldest:
        recorded_at = app.mapper.to_domain_event(oldest[0]).timestamp
        LAG_SECONDS.set(max(0.0, time.time() - recorded_at.timestamp()))
    else:
        LAG_SECONDS.set(0)


def _start() -> None:
    g.metrics_started = time.perf_counter()


def _count(response: Response) -> Response:
    route = request.url_rule.rule if request.url_rule else "(unmatched)"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    if request.environ.get(REFUSED_KEY):
        REFUSED_TOKENS.inc()
    started = g.get("metrics_started")
    if started is not None:
        LATENCY.labels(route, request.method).observe(time.perf_counter() - started)
    return response


class WorkerMetrics:
    """The projection worker's own metrics, served by the worker on a port of its own
    (`flask project --metrics-port`), in a registry of their own: events applied,
    errors met (each retried), and the position its read models have reached."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.applied = Counter(
            "minutebook_worker_events_applied",
            "Events the worker applied to the read models.",
            registry=self.registry,
        )
        self.errors = Counter(
            "minutebook_worker_errors",
            "Failures to reach the database or apply a batch (each is retried).",
            registry=self.registry,
        )
        self.position = Gauge(
            "minutebook_worker_position",
            "The global position of the last event the worker applied.",
            registry=self.registry,
        )

    def serve(self, port: int, address: str = "127.0.0.1") -> int:
        """Serve them at http://address:port/metrics (port 0: any free one); the port."""
        from prometheus_client import start_http_server

        server, _ = start_http_server(port, addr=address, registry=self.registry)
        return server.server_port
