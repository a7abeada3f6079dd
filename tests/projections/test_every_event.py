"""Every kind of event any record can take has its place in the read models and its
line in the audit log: a new event class without them fails here, not in a rebuild."""

import pytest

from domain.committees import Committee
from domain.councils import Council
from domain.meetings import Meeting
from domain.projections.handlers import ROUTES
from domain.resolutions import Resolution

AGGREGATES = (Council, Committee, Meeting, Resolution)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def events_of(aggregate: type) -> set[type]:
    """The event classes the aggregate records: those it names. The library's default
    `Created` is left out, as each of ours names its own (Registered, Established,
    Scheduled, Proposed); the library redefines each declared class on the aggregate,
    so only the one the aggregate names is ever recorded."""
    return {
        cls
        for cls in _subclasses(aggregate.Event)
        if getattr(aggregate, cls.__name__, None) is cls and cls is not aggregate.Created
    }


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda a: a.__name__)
def test_every_event_of_a_record_has_a_read_model_handler(aggregate):
    events = events_of(aggregate)
    assert events
    assert sorted(e.__qualname__ for e in events - ROUTES.keys()) == []


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda a: a.__name__)
def test_every_event_of_a_record_says_in_words_what_it_did(aggregate):
    for event_class in events_of(aggregate) & ROUTES.keys():
        assert callable(ROUTES[event_class].says), event_class.__qualname__


def test_nothing_is_handled_or_summarised_that_no_record_records():
    recorded = set().union(*(events_of(a) for a in AGGREGATES))
    assert set(ROUTES) <= recorded


def test_the_audit_log_names_each_event_as_it_always_has():
    route = ROUTES[Resolution.Resolved]
    assert (route.aggregate_type, route.event_name) == ("Resolution", "Resolved")
    assert ROUTES[Council.Registered].aggregate is Council
