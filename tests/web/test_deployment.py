"""The deployment that outgrows one machine, end to end: the API under gunicorn with
several worker processes on PostgreSQL, and the projections in a worker of their own.
Clients write through any process and, passing their receipt's position, read their
own writes; afterwards the read models equal a clean rebuild."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from domain.projections.runner import Projector
from domain.projections.store import open_read_model
from domain.service import Minutebook
from tests.conftest import fresh_store
from web import create_app, service_of

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CLIENTS, MEETINGS_EACH = 4, 5


def call(base, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


class Deployment:
    """gunicorn (3 workers, access log naming each worker's pid) and `flask project`."""

    def __init__(self, url):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base, self.url, self.logs = f"http://127.0.0.1:{port}", url, None
        env = {**os.environ, "DATABASE_URL": url, "PROJECTIONS": "worker"}
        run = {
            "cwd": ROOT,
            "env": env,
            "stdout": subprocess.PIPE,
            "stderr": subprocess.STDOUT,
            "text": True,
        }
        self.processes = [
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "--workers",
                    "3",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--access-logfile",
                    "-",
                    "--access-logformat",
                    "%(p)s %(m)s %(U)s %(s)s",
                    "wsgi:app",
                ],
                **run,
            ),
            subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "project", "--interval", "0.01"],
                **run,
            ),
        ]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if call(self.base, "GET", "/api/councils")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)

    def running(self):
        return all(p.poll() is None for p in self.processes)

    def stop(self):
        if self.logs is None:
            for process in self.processes:
                process.send_signal(signal.SIGTERM)
            self.logs = [process.communicate(timeout=30)[0] for process in self.processes]
        return self.logs


@pytest.fixture
def deployment(tmp_path):
    with fresh_store("postgres", tmp_path) as url:
        setup = create_app({"DATABASE_URL": url})
        _, token = setup.extensions["minutebook.tokens"].create(
            holder="ops", role="admin", council=None
        )
        running = Deployment(url)
        try:
            yield running, token
        finally:
            running.stop()
            service_of(setup).close()


def test_several_processes_serve_writes_and_readers_see_their_own(deployment):
    running, token = deployment
    base = running.base
    status, committee = call(
        base,
        "POST",
        "/api/committees",
        {
            "council": "halton",
            "council_name": "Halton Borough Council",
            "slug": "board",
            "name": "Executive Board",
            "kind": "board",
            "effective_date": "2022-01-01",
        },
        token,
    )
    assert status == 201, committee
    failures, acknowledged = [], []

    def clerk(n):
        # Each client schedules meetings and reads each one back at once, wherever the
        # write and the read happen to be served.
        for m in range(MEETINGS_EACH):
            day = f"2022-{n + 2:02d}-{m + 10:02d}"
            status, receipt = call(
                base,
                "POST",
                "/api/meetings",
                {"committee_id": committee["id"], "date": day, "effective_date": day},
                token,
            )
            if status != 201:
                failures.append((status, receipt))
                continue
            acknowledged.append(receipt)
            got, meeting = call(
                base, "GET", f"/api/meetings/{receipt['id']}?min_position={receipt['position']}"
            )
            if got != 200 or meeting["date"] != day:
                failures.append((got, meeting))

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == []
    assert len(acknowledged) == CLIENTS * MEETINGS_EACH
    assert running.running()

    service, followed, clean = (
        Minutebook.from_url(running.url),
        open_read_model(running.url),
        open_read_model(running.url),
    )
    try:
        # Every acknowledged write is stored once ...
        last = service.recorder.max_notification_id()
        assert last == 2 + len(acknowledged)  # the council, its committee, the meetings
        assert followed.position() == last  # the last reader waited for it
        # ... and the worker's read models equal a clean rebuild of the events.
        worker_made = followed.dump()
        Projector(service, clean).rebuild()
        assert clean.dump() == worker_made
    finally:
        followed.datastore.close()
        clean.datastore.close()
        service.close()

    server_log, _ = running.stop()
    writers = {
        line.split()[0] for line in server_log.splitlines() if " POST /api/meetings 201" in line
    }
    assert len(writers) >= 2, server_log  # more than one process took writes
