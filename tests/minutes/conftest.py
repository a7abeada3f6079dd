"""The app for the drafting endpoint and command: on the embedded store (SQLite), since
drafting reads and writes nothing in it; only the tokens live there."""

import pytest

from tests.conftest import fresh_store
from web import create_app, service_of


@pytest.fixture
def app(tmp_path):
    with fresh_store("sqlite", tmp_path) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        yield app
        service_of(app).close()
