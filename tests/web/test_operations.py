"""The operator's view: health and readiness probes, request ids, and one JSON log
line per request (and per write) that never holds a token's secret."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from eventsourcing.persistence import OperationalError
from prometheus_client.parser import text_string_to_metric_families

from domain.values import CommitteeKind
from seeds.replay import replay
from tests.web.helpers import CLERK, SEED_EVENTS, establish, token_for
from web import create_app, service_of
from web.requests import reader

pytestmark = pytest.mark.every_store  # readiness and lag are read from each store


@pytest.fixture
def worker_app(store_url):
    """The API with the read models left to a worker (none runs here): a write is not
    applied until the test applies it."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": store_url, "PROJECTIONS": "worker", "READY_MAX_LAG": 0}
    )
    yield app
    service_of(app).close()


def record_one(app) -> None:
    service_of(app).establish_committee(
        council="st-helens",
        council_name="St Helens Borough Council",
        slug="cyps-scrutiny",
        name="A Committee",
        kind=CommitteeKind.COMMITTEE,
        effective_date=date(2024, 1, 1),
        recorded_by="test",
    )


def test_health_is_the_process_answering_with_no_token_and_no_data(client):
    answer = client.get("/healthz")
    assert (answer.status_code, answer.json) == (200, {"status": "ok"})
    assert answer.headers["Cache-Control"] == "no-store"


def test_ready_when_the_store_answers_and_the_read_models_are_up_to_date(client):
    establish(client)
    answer = client.get("/readyz")
    assert (answer.status_code, answer.json) == (200, {"status": "ready"})


def test_not_ready_while_the_read_models_are_behind_the_log(worker_app):
    client = worker_app.test_client()
    # A new store's read models are made by a rebuild, finished by the first catch-up.
    assert client.get("/readyz").json["failing"] == "rebuild"
    with worker_app.app_context():
        reader().projector.catch_up()
    assert client.get("/readyz").status_code == 200
    record_one(worker_app)
    behind = client.get("/readyz")
    assert (behind.status_code, behind.json["failing"]) == (503, "read-models-behind")
    with worker_app.app_context():
        reader().projector.catch_up()
    assert client.get("/readyz").status_code == 200


def test_not_ready_while_a_rebuild_is_under_way(client, app):
    with app.app_context():
        read_model = reader().projector.read_model
    with read_model.writing() as tx:
        tx.run("INSERT INTO {p}read_rebuild (started_at) VALUES (?)", ("2026-01-01T00:00:00",))
    answer = client.get("/readyz")
    assert (answer.status_code, answer.json["failing"]) == (503, "rebuild")


def test_not_ready_when_the_store_does_not_answer(client, app, monkeypatch):
    def down() -> int:
        raise OperationalError("connection refused")

    monkeypatch.setattr(service_of(app).recorder, "max_notification_id", down)
    answer = client.get("/readyz")
    assert answer.json == {"status": "unavailable", "failing": "store"}
    assert answer.status_code == 503


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("req-42.a:b_c", True), ("", False), ("two words", False), ("x" * 129, False)],
)
def test_every_answer_carries_a_request_id_the_clients_own_when_it_is_sensible(client, sent, kept):
    answer = client.get("/api/resolutions", headers={"X-Request-ID": sent})
    given = answer.headers["X-Request-ID"]
    assert (given == sent) is kept
    assert given and len(given) <= 128
    refused = client.get("/api/resolutions", headers={"Authorization": "Bearer nonsense"})
    assert refused.status_code == 401 and refused.headers["X-Request-ID"]


def test_each_request_and_write_is_one_json_line_without_the_tokens_secret(client, caplog):
    token = token_for(client.application, CLERK)
    with caplog.at_level(logging.INFO, logger="minutebook.requests"):
        committee_id = establish(client)["id"]
        client.get(f"/api/committees/{committee_id}", headers={"X-Request-ID": "trace-1"})
        client.get("/api/resolutions", headers={"Authorization": f"Bearer {token}"})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "minutebook.requests"]
    assert lines
    requests = [line for line in lines if line["event"] == "request"]
    writes = [line for line in lines if line["event"] == "recorded"]
    assert all(line["request_id"] and line["time"] for line in lines)
    one = next(line for line in requests if line["request_id"] == "trace-1")
    assert one["route"] == "/api/committees/<uuid:committee_id>"  # no id in the route
    assert (one["method"], one["status"], one["token_id"]) == ("GET", 200, None)
    assert one["duration_ms"] >= 0
    assert {w["verb"] for w in writes} == {"establish_committee"}
    assert committee_id in {w["record"] for w in writes}
    assert all(w["position"] > 0 and w["version"] >= 1 for w in writes)
    stored = [line for line in lines if line["event"] == "stored"]
    assert [(s["position"], s["version"]) for s in stored] == [(1, 1), (2, 1)]
    assert stored[0]["topic"].endswith("Council.Registered")
    assert stored[1]["originator"] == committee_id
    assert stored[1]["request_id"] == writes[0]["request_id"]
    # the write's line and its request's line share the request id
    assert {w["request_id"] for w in writes} <= {r["request_id"] for r in requests}
    signed = [line for line in requests if line["token_id"] is not None]
    assert signed and all(line["role"] == "admin" for line in signed)
    secret = token.rsplit("_", 1)[-1]
    assert secret not in caplog.text and token not in caplog.text


def scraped(client, **headers) -> dict[tuple[str, tuple], float]:
    """Every sample /metrics gives, parsed by the library's own parser."""
    answer = client.get("/metrics", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    assert answer.content_type.startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.get_data(as_text=True))
        for sample in family.samples
    }


def requests_to(samples, route: str, status: str) -> float:
    key = (
        "minutebook_http_requests_total",
        (("method", "GET"), ("route", route), ("status", status)),
    )
    return samples.get(key, 0.0)


def test_metrics_count_requests_by_route_and_status_and_writes_by_verb(client):
    before = scraped(client)
    establish(client)
    client.get("/api/resolutions")
    client.get("/api/resolutions?limit=0")
    client.get("/api/resolutions", headers={"Authorization": "Bearer mbk_nothing_here"})
    after = scraped(client)
    assert (
        requests_to(after, "/api/resolutions", "200")
        - requests_to(before, "/api/resolutions", "200")
        == 1
    )
    assert (
        requests_to(after, "/api/resolutions", "422")
        - requests_to(before, "/api/resolutions", "422")
        == 1
    )
    writes = ("minutebook_writes_total", (("verb", "establish_committee"),))
    assert after[writes] - before.get(writes, 0.0) == 1
    refused = ("minutebook_refused_tokens_total", ())
    assert after[refused] - before.get(refused, 0.0) == 1
    latency = (
        "minutebook_http_request_duration_seconds_count",
        (("method", "GET"), ("route", "/api/resolutions")),
    )
    assert after[latency] - before.get(latency, 0.0) == 3


def test_the_projection_lag_rises_while_events_wait_and_falls_once_applied(worker_app):
    client = worker_app.test_client()
    with worker_app.app_context():
        reader().projector.catch_up()
    assert scraped(client)[("minutebook_projection_lag_positions", ())] == 0
    record_one(worker_app)
    behind = scraped(client)
    assert behind[("minutebook_projection_lag_positions", ())] == 2  # council, committee
    assert behind[("minutebook_projection_lag_seconds", ())] >= 0
    assert behind[("minutebook_log_position", ())] == 2
    with worker_app.app_context():
        reader().projector.catch_up()
    caught_up = scraped(client)
    assert caught_up[("minutebook_projection_lag_positions", ())] == 0
    assert caught_up[("minutebook_projection_lag_seconds", ())] == 0
    assert caught_up[("minutebook_read_model_position", ())] == 2


def test_a_setting_makes_metrics_answer_only_to_an_admins_token(store_url):
    app = create_app({"TESTING": True, "DATABASE_URL": store_url, "METRICS_TOKEN": "admin"})
    try:
        client = app.test_client()
        assert client.get("/metrics").status_code == 401
        clerk = token_for(app, "A Clerk", role="clerk", council="st-helens")
        assert (
            client.get("/metrics", headers={"Authorization": f"Bearer {clerk}"}).status_code == 401
        )
        admin = token_for(app, "An Admin")
        scraped(client, Authorization=f"Bearer {admin}")
    finally:
        service_of(app).close()
    with pytest.raises(ValueError, match="METRICS_TOKEN"):
        create_app({"TESTING": True, "DATABASE_URL": store_url, "METRICS_TOKEN": "yes"})


def test_rebuild_and_import_progress_show_in_the_metrics(app, client, tmp_path):
    replay(service_of(app))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["rebuild"]).exit_code == 0
    assert scraped(client)[("minutebook_rebuild_applied", ())] == SEED_EVENTS
    export = tmp_path / "events.jsonl"
    assert runner.invoke(args=["export-events", str(export)]).exit_code == 0
    other = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite3'}"})
    try:
        with other.app_context():  # pytest-flask holds the first app's context open
            imported = other.test_cli_runner().invoke(args=["import-events", str(export)])
        assert imported.exit_code == 0, imported.output
        assert scraped(other.test_client())[("minutebook_import_written", ())] == SEED_EVENTS
    finally:
        service_of(other).close()
