import pytest

from domain.projections.queries import ReadQueries
from domain.projections.runner import Projector
from domain.projections.store import open_read_model


@pytest.fixture
def read_model(store_url):
    model = open_read_model(store_url)
    yield model
    model.datastore.close()


@pytest.fixture
def projector(service, read_model):
    return Projector(service, read_model)


@pytest.fixture
def queries(read_model):
    return ReadQueries(read_model)
