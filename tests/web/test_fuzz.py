"""Property-based requests generated from the API's own OpenAPI document.

Every operation is called with schemathesis's generated data, valid and not: no
request may produce a server error, and every response must match the schema the
document gives for its status code (and carry a documented status and type).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import fresh_store
from tests.web.helpers import auth
from web import create_app, service_of

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def fuzzed_app(request, tmp_path_factory):
    """The seeded app on a real store; PostgreSQL too, as it is stricter about text."""
    with fresh_store(request.param, tmp_path_factory.mktemp("fuzz")) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
        yield app
        service_of(app).close()


@pytest.fixture(scope="module")
def api_schema(fuzzed_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", fuzzed_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_breaks_the_server_or_the_schema(case, fuzzed_app):
    with fuzzed_app.test_client() as client:
        headers = auth(client, "fuzz@minutebook")
    case.call_and_validate(headers=headers, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_with_a_clerks_token_breaks_the_server_or_the_schema(case, fuzzed_app):
    """The same, as one council's clerk: every write goes through the authorisation of
    each record it names (most generated ids name nothing; the seeds' do not reach the
    generator), and no answer may be a 500 or off its schema."""
    with fuzzed_app.test_client() as client:
        headers = auth(client, "fuzz clerk", role="clerk", council="st-helens")
    case.call_and_validate(headers=headers, checks=CHECKS)
