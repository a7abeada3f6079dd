"""Killing the projection worker (SIGKILL) in the middle of catching up or of a rebuild,
then starting it again, leaves read models identical to a clean rebuild: each batch
and its tracking position commit together, so nothing is applied twice or skipped."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.projections.runner import Projector
from domain.projections.store import open_read_model
from domain.service import Minutebook
from seeds.synthetic import Size, generate

ROOT = Path(__file__).resolve().parents[2]
HISTORY = Size(councils=2, committees=2, members=8, meetings=6, resolutions=4)


@pytest.fixture(params=["sqlite", "postgres"])
def history(request, tmp_path):
    from tests.conftest import fresh_store

    with fresh_store(request.param, tmp_path) as url:
        service = Minutebook.from_url(url)
        generate(service, HISTORY)
        read_model = open_read_model(url)
        yield url, service, read_model
        read_model.datastore.close()
        service.close()


def kill_midway(url, read_model, *args, starts_over=False):
    """Start a CLI command, SIGKILL it once it has applied some events but not all
    (a rebuild `starts_over`: first its position drops to nothing)."""
    env = {**os.environ, "DATABASE_URL": url, "PROJECTIONS": "worker"}
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while starts_over and read_model.position() > 100 and time.monotonic() < deadline:
        time.sleep(0.002)
    while read_model.position() < 300 and time.monotonic() < deadline:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return read_model.position()


def clean_rebuild(service, read_model):
    Projector(service, read_model).rebuild()
    return read_model.dump()


def test_a_worker_killed_while_catching_up_resumes_where_it_stopped(history):
    url, service, read_model = history
    last = service.recorder.max_notification_id()
    stopped_at = kill_midway(url, read_model, "project", "--batch-size", "7")
    assert 0 < stopped_at < last  # it really was killed halfway
    Projector(service, read_model).catch_up()  # started again
    resumed = read_model.dump()
    assert read_model.position() == last
    assert resumed == clean_rebuild(service, read_model)


def test_a_rebuild_killed_halfway_is_finished_by_the_next_catch_up(history):
    url, service, read_model = history
    Projector(service, read_model).catch_up()
    last = service.recorder.max_notification_id()
    stopped_at = kill_midway(url, read_model, "rebuild", "--batch-size", "7", starts_over=True)
    assert 0 < stopped_at < last
    Projector(service, read_model).catch_up()
    assert read_model.position() == last
    assert read_model.dump() == clean_rebuild(service, read_model)
