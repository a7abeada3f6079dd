"""The tracker overdue first, as the agenda pack prints it: red, amber, green, then the
closed; within a rating the earliest due first (undated last), then as asked. Paged
forwards and backwards, now and as it stood on a date, it holds every action the
tracker's own order holds, once each, in that order."""

from datetime import date

import pytest

from domain.errors import InvalidValue
from domain.projections.tracker import Tracker
from domain.projections.visibility import EVERYTHING
from seeds.synthetic import Size, generate

TODAY = date(2022, 2, 1)  # a month after the generated history ends
RANK = {"red": 0, "amber": 1, "green": 2, None: 3}
LATEST = date.max
PAGE = 3


@pytest.fixture
def tracker(service, projector, read_model):
    generate(service, Size(councils=2, committees=1, members=3, meetings=6, resolutions=4), seed=8)
    projector.catch_up()
    return Tracker(read_model)


def overdue_first(actions):
    """The oracle: the tracker's own order (as asked), sorted by rating then due date."""
    return sorted(actions, key=lambda a: (RANK[a["rag"]], a["due_date"] or LATEST))


def forwards(read, **filters):
    pages, cursor = [], None
    while True:
        page = read(limit=PAGE, cursor=cursor, order="overdue", **filters)
        pages.append(page.items)
        if page.next is None:
            return pages, page
        cursor = page.next


def backwards(read, last, **filters):
    pages, page = [last.items], last
    while page.previous is not None:
        page = read(limit=PAGE, before=page.previous, order="overdue", **filters)
        pages.insert(0, page.items)
    return pages


def every_asked(read, **filters):
    items, cursor = [], None
    while True:
        page = read(limit=50, cursor=cursor, **filters)
        items += page.items
        if page.next is None:
            return items
        cursor = page.next


@pytest.mark.parametrize("filters", [{}, {"status": "open"}, {"rag": "green"}])
def test_the_tracker_overdue_first_pages_both_ways_through_every_action(tracker, filters):
    def read(**kwargs):
        return tracker.actions(today=TODAY, seen=EVERYTHING, **kwargs, **filters)

    expected = overdue_first(every_asked(read))
    assert len(expected) > 2 * PAGE, "the history is too small to need three pages"
    if not filters:
        assert {a["rag"] for a in expected} == {"red", "amber", "green", None}
    pages, last = forwards(read)
    assert [a for page in pages for a in page] == expected
    assert pages[0] and all(len(page) == PAGE for page in pages[:-1])
    # Back from the last page, page by page, to the first (which has none before it).
    assert backwards(read, last) == pages


def test_the_tracker_as_it_stood_pages_overdue_first_too(tracker):
    def read(**kwargs):
        return tracker.actions_as_of(date(2021, 11, 1), seen=EVERYTHING, status="open", **kwargs)

    expected = overdue_first(every_asked(read))
    assert len({a["rag"] for a in expected}) > 1
    pages, last = forwards(read)
    assert [a for page in pages for a in page] == expected
    assert backwards(read, last) == pages


def test_a_cursor_of_another_order_or_both_directions_at_once_is_refused(tracker):
    asked = tracker.actions(today=TODAY, limit=2)
    with pytest.raises(InvalidValue):
        tracker.actions(today=TODAY, limit=2, order="overdue", cursor=asked.next)
    first = tracker.actions(today=TODAY, limit=2, order="overdue")
    with pytest.raises(InvalidValue):
        tracker.actions(today=TODAY, limit=2, order="overdue", cursor=first.next, before="x")
    with pytest.raises(InvalidValue):
        tracker.actions(today=TODAY, limit=2, order="by whim")
