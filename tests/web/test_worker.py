"""`flask --app wsgi project`, the projection worker, as a process of its own."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

from domain.projections.runner import BackOff
from domain.projections.store import open_read_model
from domain.service import Minutebook
from seeds.replay import replay
from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 120  # importing the app on a loaded machine


@pytest.fixture(params=["sqlite", "postgres"])
def durable_url(request, tmp_path):
    from tests.conftest import fresh_store

    with fresh_store(request.param, tmp_path) as url:
        yield url


@contextmanager
def worker_on(
    url: str, *, interval: str, name: str = "minutebook-worker", options: tuple[str, ...] = ()
) -> Iterator[list[str]]:
    """`flask --app wsgi project` running on `url`; stopped with SIGTERM on leaving,
    when it must exit 0. Yields a list that holds its output lines as they come. Its
    PostgreSQL connections carry `name` as their application_name.

    It is yielded only once it has said where it projects from, so that a slow start
    (a loaded machine) is not charged to the waits of the test that uses it."""
    env = {**os.environ, "DATABASE_URL": url, "PROJECTIONS": "worker", "PGAPPNAME": name}
    env["PYTHONUNBUFFERED"] = "1"  # each line as it is said
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "project",
            "--interval",
            interval,
            *options,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(worker.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not any(line.startswith("Projecting from") for line in lines):
            if worker.poll() is not None or time.monotonic() > deadline:
                reader.join(timeout=5)
                pytest.fail(f"the worker did not start; it said: {''.join(lines)!r}")
            time.sleep(0.02)
        yield lines
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        reader.join(timeout=30)
        worker.stdout.close()
        lines[:] = [line.rstrip("\n") for line in lines]
    assert worker.returncode == 0, lines


def wait_until_applied(read_model, position: int, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while read_model.position() < position and time.monotonic() < deadline:
        time.sleep(0.02)
    assert read_model.position() == position


def test_the_worker_follows_new_events_until_it_is_stopped(durable_url):
    service = Minutebook.from_url(durable_url)
    read_model = open_read_model(durable_url)
    try:
        with worker_on(durable_url, interval="0.02") as output:
            # The clerk records the minutes while the worker is running.
            replay(service)
            wait_until_applied(read_model, service.recorder.max_notification_id(), seconds=30)
    finally:
        service.close()
        read_model.datastore.close()
    assert output[0] == "Projecting from position 0."
    assert output[-1] == "Stopped."


def test_the_worker_serves_its_own_metrics_when_asked(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    service = Minutebook.from_url(url)
    read_model = open_read_model(url)
    try:
        with worker_on(url, interval="0.02", options=("--metrics-port", "0")) as output:
            address = next(line for line in output if line.startswith("Metrics on "))
            replay(service)
            last = service.recorder.max_notification_id()
            wait_until_applied(read_model, last, seconds=30)
            with urllib.request.urlopen(address.split()[-1].strip(), timeout=10) as answer:
                text = answer.read().decode()
    finally:
        service.close()
        read_model.datastore.close()
    samples = {
        sample.name: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    assert samples["minutebook_worker_events_applied_total"] == last
    assert samples["minutebook_worker_position"] == last
    assert samples["minutebook_worker_errors_total"] == 0


def test_on_postgresql_the_worker_wakes_when_an_event_is_recorded(postgres_url):
    """It LISTENs for the store's NOTIFY: with an hour between looks, a new event still
    reaches the read models at once."""
    service = Minutebook.from_url(postgres_url)
    read_model = open_read_model(postgres_url)
    try:
        with worker_on(postgres_url, interval="3600"):
            deadline = time.monotonic() + 30
            while read_model.position() == 0:
                # Until the worker listens, a write may come before it does: write
                # until one is applied, then once more while it is surely waiting.
                record_one_more(service)
                time.sleep(0.5)
                assert time.monotonic() < deadline, "the worker never applied an event"
            time.sleep(0.5)
            wait_until_applied(read_model, record_one_more(service), seconds=20)
    finally:
        service.close()
        read_model.datastore.close()


def test_on_postgresql_the_worker_carries_on_when_its_connections_are_dropped(postgres_url):
    """A restart or failover of the database drops every connection, perhaps in the
    middle of a batch: the worker says so, connects again and goes on applying,
    instead of exiting and leaving every reader waiting."""
    service = Minutebook.from_url(postgres_url)
    read_model = open_read_model(postgres_url)
    name = f"minutebook-worker-{uuid4().hex[:8]}"
    try:
        with worker_on(postgres_url, interval="0.02", name=name) as output:
            wait_until_applied(read_model, record_one_more(service), seconds=30)
            with psycopg.connect(POSTGRES_URL) as blocker:
                # Hold back the read models' writes (reads go on), so that the worker
                # is in the middle of applying a batch when its connections drop.
                blocker.execute(f"LOCK TABLE {read_model.tracking_table()} IN EXCLUSIVE MODE")
                position = record_one_more(service)
                wait_until_waiting_on_a_lock(name)
                assert terminate_connections(name) > 0
                blocker.rollback()
            wait_until_applied(read_model, position, seconds=30)
            wait_until_applied(read_model, record_one_more(service), seconds=30)
    finally:
        service.close()
        read_model.datastore.close()
    errors = [line for line in output if line.startswith("Could not reach the database")]
    assert errors and errors[0].endswith("; trying again."), output
    assert output[-1] == "Stopped."


def test_while_the_database_is_away_the_worker_waits_longer_each_time_up_to_five_seconds():
    pause = BackOff()
    assert [pause.next() for _ in range(8)] == [0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0]
    pause.reset()  # the database is back
    assert pause.next() == 0.1


def wait_until_waiting_on_a_lock(application_name: str) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        deadline = time.monotonic() + 30
        while not conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name "
            "= %s AND wait_event_type = 'Lock'",
            (application_name,),
        ).fetchone()[0]:
            assert time.monotonic() < deadline, "the worker never tried to apply the event"
            time.sleep(0.02)


def terminate_connections(application_name: str) -> int:
    """End every backend of the test database whose connection has this name."""
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s",
            (application_name,),
        ).fetchone()[0]


def record_one_more(service) -> int:
    """Record one more event (a committee established); its global position."""
    slug = f"committee-{uuid4().hex[:8]}"
    return service.establish_committee(
        council="halton",
        council_name="Halton",
        slug=slug,
        name=slug,
        effective_date=date(2024, 1, 1),
        recorded_by="test",
    ).position
