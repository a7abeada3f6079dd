"""Figure 9: the server time of each kind of page, beside its JSON twin.

Each page a person reads (the councils, a council, a committee, a meeting, a
resolution, the tracker now and as it stood mid-history, the register, the audit
trail) is asked for through the Flask test client on each history size, 30 times
after 3 warm-up runs, and timed from request to rendered body: the server's time,
without a network. The baseline
is the API's JSON for the same thing, asked in the same rounds: what rendering the
page costs beyond reading its data. Target: p95 at most 50 ms at 50k events.

`make bench` measures it with the other figures; on its own, on fresh histories:

    .venv/bin/python -m tests.bench.pages [--sizes 10000,50000] [--stores sqlite]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.report import page_rows, render
from tests.bench.stats import percentile
from tests.bench.stores import Histories, Stores, label, log
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
    meetings = client.get(f"/api/meetings?committee={committee}&limit=200").get_json()["items"]
    meeting = meetings[0]["id"]
    middle = meetings[len(meetings) // 2]["date"]  # the tracker as it stood mid-history
    resolution = client.get("/api/resolutions?limit=1").get_json()["items"][0]["id"]
    return {
        "councils": ("/", "/api/councils"),
        "council": (f"/councils/{council}", f"/api/committees?council={council}"),
        "committee": (f"/committees/{committee}", f"/api/committees/{committee}"),
        "meeting": (f"/meetings/{meeting}", f"/api/meetings/{meeting}"),
        "resolution": (f"/resolutions/{resolution}", f"/api/resolutions/{resolution}"),
        # A page of the tracker is 100 actions, overdue first; its JSON, the same 100.
        "tracker": ("/actions?status=open", "/api/actions?status=open&limit=100"),
        "tracker as of": (f"/actions?as_of={middle}", f"/api/actions?as_of={middle}&limit=100"),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.pages", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--sizes", default="10000,50000", help="history sizes in events")
    parser.add_argument("--stores", default="sqlite", help="sqlite and/or postgres")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    folder = Path(tempfile.mkdtemp(prefix="minutebook-bench-pages-"))
    histories = Histories()
    table = []
    try:
        for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
            stores = Stores(kind, folder)
            try:
                urls = {label(events): histories.load(stores, events) for events in sizes}
                log(f"[{kind}] 9. each kind of page beside its JSON, on every history")
                for n, row in enumerate(page_rows(measure(urls))):
                    table.append(("9" if n == 0 else "", f"{kind}: {row[0]}", *row[1:]))
            finally:
                stores.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(render(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
