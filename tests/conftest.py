"""Fixtures shared by every test: a fresh store of each kind, and the service on it.

PostgreSQL tests use TEST_POSTGRES_URL (default: the local server, database
`test`), each in a schema of its own that is dropped afterwards. Without a
server they skip, saying how to enable them; with CI=true they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date

import psycopg
import pytest

from domain.service import Minutebook

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
STORES = ["memory", "sqlite", "postgres"]


def _postgres_or_skip() -> None:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        reason = (f"PostgreSQL is not reachable ({e.__class__.__name__}); start it on "
                  "127.0.0.1:5432 or set TEST_POSTGRES_URL to run these tests")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL DATABASE_URL pointing at a fresh schema."""
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
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'minutebook.sqlite3'}"


@pytest.fixture(params=STORES)
def store_url(request) -> str:
    """The same test, once per store: in memory, a SQLite file, PostgreSQL."""
    if request.param == "memory":
        return "memory:"
    return request.getfixturevalue(f"{request.param}_url")


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


CLERK = "clerk@st-helens"
MEETING_DAY = date(2022, 7, 25)
