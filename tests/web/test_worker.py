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


def test_on_postgresql_the_worker_wakes_when_an_event_is_recorded(postgres_url):
    """It LISTENs for the store's NOTIFY: with an hour between looks, a new event still
    reaches the read models at once."""
    service = Minutebook.from_url(postgres_url)
    read_model = open_read_model(postgres_url)
    env = {**os.environ, "DATABASE_URL": postgres_url, "PROJECTIONS": "worker"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "project", "--interval", "3600"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while read_model.position() == 0 and worker.poll() is None:
            # Until the worker listens, a write may come before it does: write until
            # one is applied, then once more while it is surely waiting.
            replay_one_more(service)
            time.sleep(0.5)
            assert time.monotonic() < deadline, "the worker never applied an event"
        time.sleep(0.5)
        position = replay_one_more(service)
        deadline = time.monotonic() + 20
        while read_model.position() < position and time.monotonic() < deadline:
            time.sleep(0.02)
        assert read_model.position() == position
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
        service.close()
        read_model.datastore.close()
    assert worker.returncode == 0, output


def replay_one_more(service) -> int:
    """Record one more event (a committee established); its global position."""
    from datetime import date
    from uuid import uuid4

    slug = f"committee-{uuid4().hex[:8]}"
    return service.establish_committee(council="halton", council_name="Halton", slug=slug,
                                       name=slug, on=date(2024, 1, 1), by="test").position
