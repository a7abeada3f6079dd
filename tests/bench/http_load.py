"""Figure 2: recording through HTTP, with concurrent clients, on a real server.

A werkzeug threaded server runs the app in a subprocess (inline projections, as
deployed by default). Eight client threads, each on its own keep-alive connection,
POST progress notes on open actions of the generated history (each thread its own
share of the actions, so they mostly do not collide), then GET resolutions.
Baselines: the same note_progress commands, and the same resolution reads, run
in-process on one thread.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from datetime import date
from pathlib import Path
from uuid import UUID

from domain.projections.queries import ReadQueries
from tests.bench.procs import child_env, free_port, started, wait_for_http
from tests.bench.stats import summary
from tests.bench.stores import Stores, log
from web import create_app

CLIENTS = 8
PER_CLIENT = 100  # requests per client thread, in each phase


def admin_token(url: str) -> str:
    app = create_app({"DATABASE_URL": url})
    try:
        _, token = app.extensions["minutebook.tokens"].create(
            holder="bench", role="admin", council=None
        )
        return token
    finally:
        app.extensions["minutebook"].close()
        app.extensions["minutebook.reader"].projector.read_model.datastore.close()


def _client(
    port: int,
    requests: list[tuple[str, str, bytes | None]],
    headers: dict,
    latencies: list[float],
    errors: list[str],
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for method, path, body in requests:
            started_at = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            latencies.append(time.perf_counter() - started_at)
            if response.status != 200:
                errors.append(f"{response.status} {payload[:200]!r}")
    except Exception as e:  # counted and reported, never hidden
        errors.append(repr(e))
    finally:
        conn.close()


def _phase(port: int, token: str, plans: list[list[tuple[str, str, bytes | None]]]) -> dict:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies: list[list[float]] = [[] for _ in plans]
    errors: list[str] = []
    threads = [
        threading.Thread(target=_client, args=(port, plan, headers, lat, errors))
        for plan, lat in zip(plans, latencies, strict=True)
    ]
    started_at = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started_at
    flat = [x for lat in latencies for x in lat]
    return {
        "requests": len(flat),
        "seconds": seconds,
        "per_s": len(flat) / seconds,
        **summary(flat),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def _open_actions(port: int) -> list[tuple[str, int]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", "/api/actions?status=open&limit=200")
        items = json.loads(conn.getresponse().read())["items"]
    finally:
        conn.close()
    return [(a["resolution_id"], a["clause"]) for a in items]


def measure(stores: Stores, url: str, folder: Path) -> dict:
    token = admin_token(url)
    port = free_port()
    today = date.today().isoformat()
    log_path = folder / "server.log"
    with started(
        ["-m", "tests.bench.server", str(port)], env=child_env(url), log_path=log_path
    ) as proc:
        wait_for_http(proc, log_path, port)
        actions = _open_actions(port)
        if not actions:
            raise RuntimeError("the generated history has no open action to note progress on")
        shares = [actions[i::CLIENTS] or actions for i in range(CLIENTS)]
        plans = [[share[n % len(share)] for n in range(PER_CLIENT)] for share in shares]
        log(f"  HTTP: {CLIENTS} clients x {PER_CLIENT} POSTs on {len(actions)} open actions")
        post = _phase(
            port,
            token,
            [
                [
                    (
                        "POST",
                        f"/api/resolutions/{rid}/clauses/{clause}/progress-notes",
                        json.dumps(
                            {"note": f"bench note {c}.{n}", "effective_date": today}
                        ).encode(),
                    )
                    for n, (rid, clause) in enumerate(plan)
                ]
                for c, plan in enumerate(plans)
            ],
        )
        get = _phase(
            port,
            token,
            [[("GET", f"/api/resolutions/{rid}", None) for rid, _ in plan] for plan in plans],
        )

    # Baselines: the same work in-process, single-threaded.
    service, read_model = stores.service(url), stores.read_model(url)
    queries = ReadQueries(read_model)
    commands = [(UUID(rid), clause) for plan in plans for rid, clause in plan]
    started_at = time.perf_counter()
    for n, (rid, clause) in enumerate(commands):
        service.note_progress(
            rid, clause, note=f"baseline note {n}", effective_date=date.today(), recorded_by="bench"
        )
    command_rate = len(commands) / (time.perf_counter() - started_at)
    started_at = time.perf_counter()
    for rid, _ in commands:
        queries.resolution(rid)
    read_rate = len(commands) / (time.perf_counter() - started_at)
    return {
        "clients": CLIENTS,
        "open_actions": len(actions),
        "post": post,
        "get": get,
        "baseline_commands_per_s": command_rate,
        "baseline_reads_per_s": read_rate,
        "post_ratio": post["per_s"] / command_rate,
        "get_ratio": get["per_s"] / read_rate,
    }
