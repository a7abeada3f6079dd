"""Probes for a load balancer, an orchestrator or a watchdog: cheap, no token, and
nothing of the record in the answer.

- `GET /healthz`: the process answers.
- `GET /readyz`: the store answers, no rebuild of the read models is under way, and
  they are within READY_MAX_LAG positions of the log (in worker mode, a stopped
  worker shows here first). 503 names the check that failed.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, current_app

from web.requests import reader, service

LOG = logging.getLogger(__name__)
NOT_CACHED = {"Cache-Control": "no-store"}

probes = Blueprint("operations", __name__)


@probes.get("/healthz")
def healthz() -> Any:
    return {"status": "ok"}, 200, NOT_CACHED


@probes.get("/readyz")
def readyz() -> Any:
    read_model = reader().projector.read_model
    try:
        written = service().recorder.max_notification_id() or 0
        applied = read_model.position()
        rebuilding = read_model.rebuild_under_way()
    except Exception:  # whatever the store's failure, the probe's answer is the same
        LOG.exception("readiness: the store did not answer")
        return _not_ready("store")
    if rebuilding:
        return _not_ready("rebuild")
    if written - applied > current_app.config["READY_MAX_LAG"]:
        return _not_ready("read-models-behind")
    return {"status": "ready"}, 200, NOT_CACHED


def _not_ready(failing: str) -> Any:
    return {"status": "unavailable", "failing": failing}, 503, NOT_CACHED
