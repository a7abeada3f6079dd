"""`flask --app wsgi project`, the projection worker, as a process of its own."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.projections.store import open_read_model
from domain.service import Minutebook
from seeds.replay import replay

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgres"])
def durable_url(request, tmp_path):
    from tests.conftest import fresh_store

    with fresh_store(request.param, tmp_path) as url:
        yield url


def test_the_worker_follows_new_events_until_it_is_stopped(durable_url):
    service = Minutebook.from_url(durable_url)
    read_model = open_read_model(durable_url)
    env = {**os.environ, "DATABASE_URL": durable_url, "PROJECTIONS": "worker"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "project", "--interval", "0.02"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # The clerk records the minutes while the worker is running.
        replay(service)
        last = service.recorder.max_notification_id()
        deadline = time.monotonic() + 30
        while read_model.position() < last and time.monotonic() < deadline:
            time.sleep(0.05)
        assert read_model.position() == last
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
        service.close()
        read_model.datastore.close()
    assert worker.returncode == 0, output
    assert output.splitlines()[0] == "Projecting from position 0."
    assert output.splitlines()[-1] == "Stopped."
