"""Figure 9: the server time of each kind of page, beside its JSON twin.

Each page a person reads (the councils, a council, a committee, a meeting, a
resolution, the tracker, the register, the audit trail) is asked for through the
Flask test client on each history size, 30 times after 3 warm-up runs, and timed
from request to rendered body: the server's time, without a network. The baseline
is the API's JSON for the same thing, asked in the same rounds: what rendering the
page costs beyond reading its data. Target: p95 at most 50 ms at 50k events.
"""

from __future__ import annotations

import time
from typing import Any

from tests.bench.stats import percentile
from web import create_app, service_of

RUNS = 30
WARM_UP = 3


def measure(urls: dict[str, str]) -> dict[str, dict[str, dict[str, float]]]:
    """p95 in ms of each page and its JSON twin, by size label."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for size, url in urls.items():
        app = create_app({"DATABASE_URL": url})
        try:
            client = app.test_client()
            out[size] = {
                kind: {"page_p95_ms": _p95(client, page), "json_p95_ms": _p95(client, twin)}
                for kind, (page, twin) in _pages(client).items()
            }
        finally:
            service_of(app).close()
    return out


def _pages(client: Any) -> dict[str, tuple[str, str]]:
    council = client.get("/api/councils").get_json()["items"][0]["slug"]
    committee = client.get(f"/api/committees?council={council}").get_json()["items"][0]["id"]
    meeting = client.get(f"/api/meetings?committee={committee}").get_json()["items"][0]["id"]
    resolution = client.get("/api/resolutions?limit=1").get_json()["items"][0]["id"]
    return {
        "councils": ("/", "/api/councils"),
        "council": (f"/councils/{council}", f"/api/committees?council={council}"),
        "committee": (f"/committees/{committee}", f"/api/committees/{committee}"),
        "meeting": (f"/meetings/{meeting}", f"/api/meetings/{meeting}"),
        "resolution": (f"/resolutions/{resolution}", f"/api/resolutions/{resolution}"),
        "tracker": ("/actions?status=open", "/api/actions?status=open&limit=200"),
        "register": ("/resolutions?q=report", "/api/resolutions?q=report"),
        "audit": ("/audit", "/api/audit"),
    }


def _p95(client: Any, path: str) -> float:
    for _ in range(WARM_UP):
        _get(client, path)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        _get(client, path)
        times.append(time.perf_counter() - started)
    return percentile(times, 95) * 1000


def _get(client: Any, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise AssertionError(f"{path} answered {response.status_code}")
    response.get_data()
