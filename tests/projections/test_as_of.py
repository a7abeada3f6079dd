"""The record as it stood on a date, read from the read models (each action's and
resolution's current state and its past), is exactly what replaying every record
from the events that had taken effect by then gives: the tracker (every page, every
filter, every reader) and a meeting's resolutions, for every date that matters in
the seeds and in a generated history."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from domain.projections.as_of import resolutions_of_meeting
from domain.projections.runner import Projector
from domain.projections.store import open_read_model
from domain.projections.tracker import Tracker
from domain.projections.visibility import EVERYTHING, PUBLIC, Visibility
from domain.resolutions import ResolutionNotFound
from domain.service import Minutebook
from seeds.replay import replay
from seeds.synthetic import Size, generate
from tests.conftest import fresh_store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    with fresh_store(request.param, tmp_path) as url:
        service = Minutebook.from_url(url)
        read_model = open_read_model(url)
        yield service, read_model
        read_model.datastore.close()
        service.close()


def test_the_seeds_as_they_stood_on_every_date_equal_a_replay_of_every_resolution(store):
    service, read_model = store
    replay(service)
    Projector(service, read_model).catch_up()
    assert_as_of_equals_replay(service, read_model)


def test_a_generated_history_as_it_stood_on_every_date_equals_a_replay(store):
    service, read_model = store
    generate(service, Size(councils=2, committees=1, members=3, meetings=6, resolutions=4), seed=8)
    Projector(service, read_model).catch_up(batch_size=50)
    # The history has every kind of step the tracker shows, and business in private.
    events = [e for _, e in _every_event(service)]
    assert {
        "ActionAssigned",
        "Referred",
        "ReportBackRequested",
        "ReportedBack",
        "ActionCompleted",
        "Rescinded",
        "Withdrawn",
    } <= {type(e).__name__ for e in events}
    tracker = Tracker(read_model)
    assert len(tracker.actions(today=date.today(), seen=EVERYTHING, limit=200).items) > len(
        tracker.actions(today=date.today(), seen=PUBLIC, limit=200).items
    )
    assert_as_of_equals_replay(service, read_model)


def test_the_tracker_as_of_a_day_before_anything_took_effect_is_empty(store):
    service, read_model = store
    replay(service)
    Projector(service, read_model).catch_up()
    page = Tracker(read_model).actions_as_of(date(2017, 9, 18), seen=EVERYTHING)
    assert (page.items, page.next) == ([], None)


# The check ----------------------------------------------------------------------------


def assert_as_of_equals_replay(service: Minutebook, read_model) -> None:
    tracker = Tracker(read_model)
    proposals = _proposals(service)
    for day in dates_that_matter(service):
        past = _replayed(service, proposals, day)
        expected = tracker_as_replayed(past, proposals, day)
        for seen, filters in _questions(past):
            wanted = [
                row
                for row in expected
                if _shows(seen, row, past)
                and all(_matches(row, name, value) for name, value in filters.items())
            ]
            got = _every_page(tracker, day, seen, filters)
            assert got == wanted, (day, seen, filters)
        for meeting_id in {p["meeting_id"] for p in proposals.values()}:
            for seen in (PUBLIC, EVERYTHING):
                assert resolutions_of_meeting(read_model, meeting_id, day, seen) == [
                    _listed(r)
                    for r in past.values()
                    if r["meeting_id"] == meeting_id and seen.shows(r["council"], r["exempt"])
                ], (day, meeting_id, seen)


def dates_that_matter(service: Minutebook) -> list[date]:
    """Every effective date in the store, the day before each, a day between each two,
    and a day long after the last (when undated actions have aged into amber)."""
    days = sorted({e.effective_date for _, e in _every_event(service)})
    between = [a + timedelta(days=(b - a).days // 2) for a, b in pairwise(days) if (b - a).days > 1]
    return sorted(
        {*days, *(d - timedelta(days=1) for d in days), *between, days[-1] + timedelta(days=200)}
    )


def tracker_as_replayed(past: dict, proposals: dict, day: date) -> list[dict]:
    """The oracle: the tracker as `day` saw it, built from every resolution replayed
    as of `day` (the slow way the index replaces), rated by the rule written out."""
    rows = []
    for rid, r in past.items():
        for clause in r["clauses"]:
            action = clause["action"]
            if action is None or action["requested_on"] is None:
                continue
            live = action["status"] in ("open", "referred")
            rows.append(
                {
                    "resolution_id": rid,
                    "clause": clause["number"],
                    **({"label": clause["label"]} if clause.get("label") else {}),
                    **{
                        k: r[k]
                        for k in (
                            "council",
                            "committee_id",
                            "meeting_id",
                            "meeting_date",
                            "minute",
                            "title",
                        )
                    },
                    "text": clause["text"],
                    "kind": clause["kind"],
                    "status": action["status"],
                    "state": "open" if live else "closed",
                    **{
                        k: action[k]
                        for k in (
                            "owner",
                            "due_date",
                            "due_meeting",
                            "requested_on",
                            "referred_to",
                            "closed_on",
                            "outcome",
                        )
                    },
                    "age_days": ((action["closed_on"] or day) - action["requested_on"]).days,
                    "rag": _rag(action, day) if live else None,
                    "seq": proposals[rid]["seq"],
                }
            )
    return sorted(rows, key=lambda row: (row["requested_on"], row["seq"], row["clause"]))


def _rag(action: dict, day: date) -> str:
    due = action["due_date"]
    if due is not None:
        return "red" if due < day else "amber" if due <= day + timedelta(days=14) else "green"
    return "amber" if action["requested_on"] < day - timedelta(days=90) else "green"


def _questions(past: dict):
    """Every reader, and for the one who sees everything each filter on its own."""
    councils = sorted({r["council"] for r in past.values()})
    for seen in (PUBLIC, EVERYTHING, *(Visibility(frozenset({c})) for c in councils[:1])):
        yield seen, {}
        yield seen, {"status": "open"}
    committees = sorted({r["committee_id"] for r in past.values()}, key=str)
    owners = sorted(
        {
            c["action"]["owner"]
            for r in past.values()
            for c in r["clauses"]
            if c["action"] and c["action"]["owner"]
        }
    )
    for name, values in (
        ("council", councils),
        ("committee", committees[:2]),
        ("status", ["closed"]),
        ("rag", ["red", "amber", "green"]),
        ("owner", owners[:3]),
    ):
        for value in values:
            yield EVERYTHING, {name: value}


def _every_page(tracker: Tracker, day: date, seen: Visibility, filters: dict) -> list[dict]:
    items, cursor = [], None
    while True:
        page = tracker.actions_as_of(day, seen=seen, limit=7, cursor=cursor, **filters)
        assert len(page.items) <= 7
        items += page.items
        if page.next is None:
            return items
        cursor = page.next


def _matches(row: dict, name: str, value) -> bool:
    return {
        "council": row["council"],
        "committee": row["committee_id"],
        "status": row["state"],
        "rag": row["rag"],
        "owner": row["owner"],
    }[name] == value


def _shows(seen: Visibility, row: dict, past: dict) -> bool:
    resolution = past[row["resolution_id"]]
    return seen.shows(resolution["council"], resolution["exempt"])


def _listed(resolution: dict) -> dict:
    return {k: resolution[k] for k in ("id", "item", "minute", "title", "status", "proposed_on")}


def _replayed(service: Minutebook, proposals: dict, day: date) -> dict:
    """Every resolution that had taken effect by `day`, as it stood then, in seq order."""
    past = {}
    for rid in sorted(proposals, key=lambda rid: proposals[rid]["seq"]):
        try:
            past[rid] = service.resolution(rid, as_of=day)
        except ResolutionNotFound:
            continue
    return past


def _proposals(service: Minutebook) -> dict:
    """Each resolution's id, meeting and seq (the position of its proposal)."""
    return {
        e.originator_id: {"seq": position, "meeting_id": e.meeting_id}
        for position, e in _every_event(service)
        if type(e).__qualname__ == "Resolution.Proposed"
    }


def _every_event(service: Minutebook):
    """(position, event) for every event in the store, in order."""
    for notification in service.recorder.select_notifications(start=1, limit=1_000_000):
        yield notification.id, service.mapper.to_domain_event(notification)
