"""`flask rebuild` while the API serves (worker mode): a reader polling through it gets
either the answer it got before or a 503 with Retry-After, never the rebuild's partial
tables as a 200 (wrong counts, a 404 for a record that exists)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seeds.synthetic import Size, generate
from web import create_app, service_of

ROOT = Path(__file__).resolve().parents[2]
HISTORY = Size(councils=2, committees=2, members=6, meetings=4, resolutions=3)


@pytest.fixture(params=["sqlite", "postgres"])
def serving(request, tmp_path):
    """The API in worker mode on a generated history whose read models are complete."""
    from tests.conftest import fresh_store

    with fresh_store(request.param, tmp_path) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url, "PROJECTIONS": "worker"})
        generate(service_of(app), HISTORY)
        app.extensions["minutebook.reader"].projector.catch_up()  # as the worker would
        yield url, app
        service_of(app).close()


def reads(client):
    """Paths that a partial rebuild would answer wrongly: lists and counts, and records
    that a rebuild has not reached yet."""
    resolutions = client.get("/api/resolutions?limit=200").get_json()["items"]
    meetings = client.get("/api/meetings?limit=200").get_json()["items"]
    return [
        "/api/councils",
        "/api/committees",
        "/api/meetings?limit=200",
        "/api/resolutions?limit=200",
        "/api/actions?limit=200",
        "/api/audit?limit=200",
        f"/api/resolutions/{resolutions[-1]['id']}",
        f"/api/meetings/{meetings[-1]['id']}",
    ]


def test_a_reader_polling_through_a_rebuild_sees_no_wrong_answer(serving):
    url, app = serving
    client = app.test_client()
    paths = reads(client)
    before = {path: client.get(path).get_json() for path in paths}
    env = {**os.environ, "DATABASE_URL": url, "PROJECTIONS": "worker"}
    rebuild = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "rebuild", "--batch-size", "3"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    answers = {200: 0, 503: 0}
    while rebuild.poll() is None:
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 503), (path, response.get_json())
            answers[response.status_code] += 1
            if response.status_code == 200:
                assert response.get_json() == before[path], path
            else:
                assert response.get_json()["rule"] == "read-model-rebuilding"
                assert response.headers["Retry-After"]
    output, _ = rebuild.communicate(timeout=60)
    assert rebuild.returncode == 0, output
    assert answers[503] > 0, answers  # the polls did meet the rebuild
    assert {path: client.get(path).get_json() for path in paths} == before
