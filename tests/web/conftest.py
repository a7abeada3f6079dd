import pytest

from web import create_app, service_of


@pytest.fixture
def app(store_url):
    """The Flask app on a fresh store of each kind (pytest-flask builds `client` from it)."""
    app = create_app({"TESTING": True, "DATABASE_URL": store_url})
    yield app
    service_of(app).close()
