"""Figure 7: an ordinary read while slow clients hold connections.

gunicorn runs the app with the deployment's settings (gunicorn.conf.py: 4 worker
processes of 8 threads, each reading a request's head before it takes a thread;
inline projections). A client GETs /api/resolutions?limit=5 READS times in a row,
each time on a new connection (as a new visitor would, landing on whichever worker
accepts it), while 100 other connections each send the start of a request and then
one more header byte a second, never finishing. Baseline: the same reads with no
slow clients. Beside them: gunicorn's plain gthread worker under the same slow
clients, and how many of GTHREAD_READS new connections it answers within
GTHREAD_WAIT seconds (a worker whose threads the slow clients hold answers none).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.bench.procs import child_env, free_port, started, wait_for_http
from tests.bench.stats import summary
from tests.bench.stores import Stores, log

SLOW_CLIENTS = 100
READS = 200
PATH = "/api/resolutions?limit=5"
GTHREAD_READS = 20
GTHREAD_WAIT = 2.0


@contextmanager
def _gunicorn(url: str, folder: Path, *extra: str) -> Iterator[int]:
    port = free_port()
    log_path = folder / "gunicorn.log"
    # The head timeout outlasts the measurement, so the slow clients stay for all of it.
    env = child_env(url, GUNICORN_HEADER_TIMEOUT="600")
    with started(
        [
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            *extra,
            "wsgi:app",
        ],
        env=env,
        log_path=log_path,
    ) as proc:
        wait_for_http(proc, log_path, port)
        yield port


@contextmanager
def _slow_clients(port: int, count: int) -> Iterator[None]:
    """`count` connections trickling a request head a byte a second, until closed."""
    sockets = []
    stopping = threading.Event()

    def trickle() -> None:
        while not stopping.wait(1):
            for s in sockets:
                with contextlib.suppress(OSError):
                    s.send(b"a")

    try:
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(f"GET {PATH} HTTP/1.1\r\nHost: bench\r\nX-Slow: ".encode())
            sockets.append(s)
        thread = threading.Thread(target=trickle)
        thread.start()
        time.sleep(2)  # every slow client accepted and trickling
        try:
            yield
        finally:
            stopping.set()
            thread.join()
    finally:
        for s in sockets:
            s.close()


def _reads(port: int, count: int, timeout: float) -> tuple[list[float], int]:
    """Latencies of the reads answered 200, and how many were not answered in time."""
    latencies, missed = [], 0
    for _ in range(count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        started_at = time.perf_counter()
        try:
            conn.request("GET", PATH)
            response = conn.getresponse()
            response.read()
        except OSError:  # not answered in time: counted
            missed += 1
            continue
        finally:
            conn.close()
        if response.status != 200:
            raise RuntimeError(f"GET {PATH} answered {response.status}")
        latencies.append(time.perf_counter() - started_at)
    return latencies, missed


def measure(stores: Stores, url: str, folder: Path) -> dict:
    log(f"  slow clients: {READS} reads with none, then with {SLOW_CLIENTS} trickling")
    with _gunicorn(url, folder) as port:
        _reads(port, 20, timeout=30)  # warm every worker's caches
        idle, idle_missed = _reads(port, READS, timeout=30)
        with _slow_clients(port, SLOW_CLIENTS):
            slow, slow_missed = _reads(port, READS, timeout=30)
    log(f"  slow clients: plain gthread, {GTHREAD_READS} reads of at most {GTHREAD_WAIT} s each")
    with (
        _gunicorn(url, folder, "--worker-class", "gthread") as port,
        _slow_clients(port, SLOW_CLIENTS),
    ):
        answered, gthread_missed = _reads(port, GTHREAD_READS, timeout=GTHREAD_WAIT)
    idle_stats, slow_stats = summary(idle), summary(slow)
    ratio = slow_stats["p50_ms"] / idle_stats["p50_ms"] if slow and idle else None
    return {
        "slow_clients": SLOW_CLIENTS,
        "reads": READS,
        "idle": idle_stats,
        "slow": slow_stats,
        "missed": idle_missed + slow_missed,
        "p50_ratio": ratio,
        "gthread": {
            "tried": GTHREAD_READS,
            "answered": len(answered),
            "missed": gthread_missed,
            "wait_s": GTHREAD_WAIT,
        },
    }
