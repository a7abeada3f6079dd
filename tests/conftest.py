"""Fixtures shared by every test: a fresh store of each kind, and the service on it.

PostgreSQL tests use TEST_POSTGRES_URL (default: the local server, database
`test`), each in a schema of its own that is dropped afterwards. Without a
server they skip, saying how to enable them; with CI=true they fail instead.

tests/web gives `store_url` its own meaning: SQLite, or the three stores for a test
marked `every_store` (see tests/web/conftest.py).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import psycopg
import pytest

from domain.service import Minutebook

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
STORES = ["memory", "sqlite", "postgres"]


def _postgres_or_skip() -> None:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        reason = (
            f"PostgreSQL is not reachable ({e.__class__.__name__}); start it on "
            "127.0.0.1:5432 or set TEST_POSTGRES_URL to run these tests"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def fresh_store(kind: str, folder: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty store of the given kind, removed afterwards."""
    if kind == "memory":
        yield "memory:"
    elif kind == "sqlite":
        yield f"sqlite:///{folder / 'minutebook.sqlite3'}"
    else:
        _postgres_or_skip()
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{POSTGRES_URL}?schema={schema}"
        finally:
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def postgres_url(tmp_path) -> Iterator[str]:
    """A PostgreSQL DATABASE_URL pointing at a fresh schema."""
    with fresh_store("postgres", tmp_path) as url:
        yield url


@pytest.fixture(params=STORES)
def store_url(request, tmp_path) -> Iterator[str]:
    """The same test, once per store: in memory, a SQLite file, PostgreSQL."""
    with fresh_store(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def service(store_url) -> Iterator[Minutebook]:
    app = Minutebook.from_url(store_url)
    yield app
    app.close()


@pytest.fixture
def reopen(store_url):
    """Open a second service on the same store, as a restarted process would."""
    opened: list[Minutebook] = []

    def _reopen() -> Minutebook:
        if store_url == "memory:":
            pytest.skip("an in-memory store does not outlive its process")
        opened.append(Minutebook.from_url(store_url))
        return opened[-1]

    yield _reopen
    for app in opened:
        app.close()


def replayed(service, aggregate_id):
    """An aggregate rebuilt from every one of its events: no snapshot, no cache."""
    aggregate = None
    for event in service.events.get(aggregate_id):
        aggregate = event.mutate(aggregate)
    return aggregate


CLERK = "clerk@st-helens"
MEETING_DAY = date(2022, 7, 25)
