"""The deployment that outgrows one machine, end to end: the API under gunicorn with
several worker processes on PostgreSQL, and the projections in a worker of their own.
Clients write through any process and, passing their receipt's position, read their
own writes; afterwards the read models equal a clean rebuild."""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from domain.projections.runner import Projector
from domain.projections.store import open_read_model
from domain.service import Minutebook
from tests.conftest import fresh_store
from web import create_app, service_of

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CLIENTS, MEETINGS_EACH = 4, 5
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+) ")


def call(base, method, path, body=None, token=None, timeout=30):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def call_text(base, path, timeout=30):
    with urllib.request.urlopen(base + path, timeout=timeout) as response:
        return response.status, response.read().decode()


class Deployment:
    """gunicorn (3 workers, access log naming each worker's pid) and `flask project`.

    gunicorn binds port 0 itself and its log says which port it got, so no other
    process can take the port between choosing it and binding it. Startup is waited
    for by what the processes say and answer, until a deadline, never by a fixed sleep:
    the projector's first line, then answers from every worker (a loaded machine may
    take many seconds to start four Python processes)."""

    WORKERS = 3
    STARTUP_SECONDS = 180

    def __init__(self, url, metrics_dir):
        self.url, self.logs = url, None
        env = {**os.environ, "DATABASE_URL": url, "PROJECTIONS": "worker"}
        env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)  # the workers' metrics, added up
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
                    str(self.WORKERS),
                    "--bind",
                    "127.0.0.1:0",
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
        # Each process's output is read as it comes: a pipe nobody reads fills up and
        # blocks the process writing its log.
        self.output = [[] for _ in self.processes]
        self.readers = [
            threading.Thread(target=self._read, args=(process, lines), daemon=True)
            for process, lines in zip(self.processes, self.output, strict=True)
        ]
        for reader in self.readers:
            reader.start()
        try:
            self._wait_until_started(time.monotonic() + self.STARTUP_SECONDS)
        except BaseException:
            self.stop()
            raise

    @staticmethod
    def _read(process, lines):
        for line in process.stdout:
            lines.append(line)

    def _wait_for(self, what, deadline, found):
        while (result := found()) is None:
            if not self.running():
                pytest.fail(f"a process exited while waiting for {what}:\n{self._log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {self.STARTUP_SECONDS}s:\n{self._log()}")
            time.sleep(0.05)
        return result

    def _wait_until_started(self, deadline):
        server, projector = self.output
        port = self._wait_for(
            "port from gunicorn",
            deadline,
            lambda: next(
                (m[1] for line in list(server) if (m := LISTENING.search(line))),
                None,
            ),
        )
        self.base = f"http://127.0.0.1:{port}"
        self._wait_for(
            "start from the projector",
            deadline,
            lambda: any(line.startswith("Projecting from") for line in list(projector)) or None,
        )

        def every_worker_answers():
            with contextlib.suppress(OSError):  # refused, or not answered yet: starting
                call(self.base, "GET", "/api/councils", timeout=5)
            served = {line.split()[0] for line in list(server) if " GET /api/councils 200" in line}
            return served if len(served) >= self.WORKERS else None  # a restarted one counts too

        self._wait_for("answer from every worker", deadline, every_worker_answers)

    def _log(self):
        return "\n".join("".join(lines) for lines in self.output)

    def running(self):
        return all(p.poll() is None for p in self.processes)

    def stop(self):
        if self.logs is None:
            for process in self.processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process, reader in zip(self.processes, self.readers, strict=True):
                process.wait(timeout=30)
                reader.join(timeout=30)
                process.stdout.close()
            self.logs = ["".join(lines) for lines in self.output]
        return self.logs


@pytest.fixture
def deployment(tmp_path):
    with fresh_store("postgres", tmp_path) as url:
        setup = create_app({"DATABASE_URL": url})
        try:
            _, token = setup.extensions["minutebook.tokens"].create(
                holder="ops", role="admin", council=None
            )
            metrics_dir = tmp_path / "metrics"
            metrics_dir.mkdir()
            running = Deployment(url, metrics_dir)
            try:
                yield running, token
            finally:
                running.stop()
        finally:
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
    # Whichever worker answers /metrics counts every worker's writes.
    _, text = call_text(base, "/metrics")
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    assert samples[("minutebook_writes_total", (("verb", "schedule_meeting"),))] == len(
        acknowledged
    )

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
