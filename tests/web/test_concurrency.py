"""Real concurrent HTTP requests on a real (threaded) server: racing writers never both
succeed against one version, and every acknowledged write is stored, exactly once."""

import json
import threading
import urllib.error
import urllib.request
from uuid import UUID

import pytest
from werkzeug.serving import make_server

from tests.web.helpers import a_resolved_resolution, auth
from web import create_app, service_of

WRITERS = 8


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    from tests.conftest import fresh_store

    with fresh_store(request.param, tmp_path) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        httpd = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield app, f"http://127.0.0.1:{httpd.server_port}"
        finally:
            httpd.shutdown()
            thread.join(timeout=10)
            service_of(app).close()


def post(base, path, body, headers):
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def race(n, work):
    """Start n threads at once; return what each got."""
    results, gate = [None] * n, threading.Barrier(n)

    def run(i):
        gate.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def events_of(app, resolution):
    return len(service_of(app).history(UUID(resolution)))


def test_writers_racing_on_one_version_do_not_both_succeed(server):
    app, base = server
    with app.test_client() as client:
        resolution = a_resolved_resolution(client)
        headers = {**auth(client), "If-Match": '"2"'}
    results = race(
        WRITERS,
        lambda i: post(
            base,
            f"/api/resolutions/{resolution}/clauses/2/progress-notes",
            {"note": f"note {i}", "effective_date": "2022-07-26"},
            headers,
        ),
    )
    statuses = sorted(status for status, _ in results)
    assert statuses.count(200) == 1, results
    assert set(statuses) <= {200, 409, 412}, results
    assert events_of(app, resolution) == 2 + 1


def test_every_acknowledged_write_is_stored_once(server):
    app, base = server
    with app.test_client() as client:
        resolution = a_resolved_resolution(client)
        headers = auth(client)
    # Without If-Match, a writer that loses a race is retried on the new version.
    results = race(
        WRITERS,
        lambda i: [
            post(
                base,
                f"/api/resolutions/{resolution}/clauses/2/progress-notes",
                {"note": f"writer {i} note {j}", "effective_date": "2022-07-26"},
                headers,
            )
            for j in range(5)
        ],
    )
    responses = [r for batch in results for r in batch]
    acknowledged = [body for status, body in responses if status == 200]
    assert all(status in (200, 409) for status, _ in responses), responses
    assert events_of(app, resolution) == 2 + len(acknowledged)
    versions = sorted(body["version"] for body in acknowledged)
    assert versions == list(range(3, 3 + len(acknowledged)))  # no version twice
    notes = service_of(app).resolution(UUID(resolution))["clauses"][1]["action"]["progress"]
    assert len(notes) == len(acknowledged)
