"""Connection pools sized by DATABASE_POOL_SIZE and DATABASE_MAX_OVERFLOW, so that a
deployment of several processes fits in PostgreSQL's default 100 connections."""

import threading
import uuid

import psycopg
import pytest

from domain.projections.store import open_read_model
from domain.service import Minutebook
from domain.stores import StoreSettingError, store_env
from tests.conftest import POSTGRES_URL

URL = "postgresql://clerk@db.example/records"


def test_each_pool_is_small_unless_the_settings_say_otherwise():
    env = store_env(URL, {})
    assert (env["POSTGRES_POOL_SIZE"], env["POSTGRES_MAX_OVERFLOW"]) == ("2", "2")
    env = store_env(URL, {"DATABASE_POOL_SIZE": "6", "DATABASE_MAX_OVERFLOW": "0"})
    assert (env["POSTGRES_POOL_SIZE"], env["POSTGRES_MAX_OVERFLOW"]) == ("6", "0")


def test_the_pool_sizes_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_POOL_SIZE", "3")
    monkeypatch.setenv("DATABASE_MAX_OVERFLOW", "1")
    env = store_env(URL)
    assert (env["POSTGRES_POOL_SIZE"], env["POSTGRES_MAX_OVERFLOW"]) == ("3", "1")


@pytest.mark.parametrize(
    "settings",
    [
        {"DATABASE_POOL_SIZE": "0"},
        {"DATABASE_POOL_SIZE": "two"},
        {"DATABASE_MAX_OVERFLOW": "-1"},
        {"DATABASE_MAX_OVERFLOW": "²"},
    ],
)
def test_a_pool_size_that_is_not_a_whole_number_is_refused_naming_the_setting(settings):
    with pytest.raises(StoreSettingError, match=next(iter(settings))):
        store_env(URL, settings)


def test_the_pool_settings_do_not_touch_other_stores():
    assert "POSTGRES_POOL_SIZE" not in store_env("sqlite:///mb.sqlite3", {})
    assert store_env("memory:", {}) == {"PERSISTENCE_MODULE": "eventsourcing.popo"}


def test_a_busy_service_and_read_model_stay_within_the_configured_connections(
    postgres_url, monkeypatch
):
    # Every connection this test opens carries a name of its own, to be counted.
    name = f"pool-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("PGAPPNAME", name)
    monkeypatch.setenv("DATABASE_POOL_SIZE", "1")
    monkeypatch.setenv("DATABASE_MAX_OVERFLOW", "1")
    service, read_model = Minutebook.from_url(postgres_url), open_read_model(postgres_url)
    monkeypatch.delenv("PGAPPNAME")
    counts: list[int] = []
    try:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as watcher:
            # Sixteen threads hold connections of both pools as long as they can get them.
            busy = [
                threading.Thread(target=hold_connections, args=(service, read_model))
                for _ in range(16)
            ]
            for thread in busy:
                thread.start()
            while any(thread.is_alive() for thread in busy):
                counts.append(
                    watcher.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (name,)
                    ).fetchone()[0]
                )
            for thread in busy:
                thread.join()
    finally:
        service.close()
        read_model.datastore.close()
    assert counts and max(counts) > 0
    assert max(counts) <= 2 * (1 + 1)  # two pools, each of one plus one in overflow


def hold_connections(service, read_model) -> None:
    for _ in range(5):
        with service.recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT pg_sleep(0.02)")
        with read_model.reading(of_read_models=False) as tx:
            tx.run("SELECT pg_sleep(0.02)")
