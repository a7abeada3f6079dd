"""The web edge's fixtures: the Flask app on a fresh store (pytest-flask builds `client`).

What the edge does with a request (status codes, validation, tokens, headers) does not
depend on the store, so a web test runs on the embedded default, SQLite. A test whose
subject lives in the store (idempotency keys, tokens, read-model SQL, rebuilds, the
worker) is marked `every_store` and runs on the in-memory, SQLite and PostgreSQL stores.
"""

import pytest

from tests.conftest import STORES, fresh_store
from web import create_app, service_of


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "every_store"
    ):
        metafunc.parametrize("store_url", STORES, indirect=True)


@pytest.fixture
def store_url(request, tmp_path):
    """A fresh SQLite store, or each of the three stores for an `every_store` test."""
    with fresh_store(getattr(request, "param", "sqlite"), tmp_path) as url:
        yield url


@pytest.fixture
def app(store_url):
    """The Flask app on that store."""
    app = create_app({"TESTING": True, "DATABASE_URL": store_url})
    yield app
    service_of(app).close()
