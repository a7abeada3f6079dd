"""The read models answer what the events say: the register, search, the tracker's
rating rule, the audit log, and pages that neither skip nor repeat."""

from datetime import date, timedelta

import pytest

from domain.errors import InvalidValue
from domain.projections.tracker import Tracker
from domain.values import ActionRequest, ClauseDraft, ClauseKind
from seeds.replay import replay
from tests.web.helpers import SEED_EVENTS

TODAY = date(2026, 11, 22)


@pytest.fixture
def seeded(service, projector, queries):
    replay(service)
    projector.catch_up()
    return queries


def tracker(queries):
    return Tracker(queries.read_model)


def every(fetch, **kwargs):
    """Follow `next` to the end, checking no item comes twice."""
    items, cursor = [], None
    while True:
        page = fetch(cursor=cursor, **kwargs)
        items += page.items
        if page.next is None:
            return items
        cursor = page.next


def test_the_register_holds_every_resolution_of_the_four_councils(seeded):
    register = every(seeded.resolutions, limit=4)
    assert len(register) == 19 == len({r["id"] for r in register})
    councils = {r["council"] for r in register}
    assert councils == {"st-helens", "halton", "staffordshire", "croydon"}
    assert [r["status"] for r in register if r["council"] == "halton"] == ["proposed"]


@pytest.mark.parametrize(
    "q, minutes",
    [
        ("SEND", {"5"}),
        ("dental appointments", {"44"}),
        ("reports", {"40", "43", "5", "6", "7", "8", "44"}),  # stemmed: report, reports
        ("Red Amber Green", {"A31/17"}),
        ("the", set()),  # a stop word alone finds nothing rather than everything
    ],
)
def test_search_finds_titles_and_clause_wording(seeded, q, minutes):
    found = {r["minute"] for r in seeded.resolutions(q=q, limit=50).items}
    assert minutes <= found if len(minutes) > 2 else found == minutes


def test_the_register_filters_by_council_status_and_dates(seeded):
    assert len(seeded.resolutions(council="st-helens", limit=50).items) == 11
    assert len(seeded.resolutions(status="proposed", limit=50).items) == 1
    july = seeded.resolutions(date_from=date(2022, 7, 1), date_to=date(2022, 7, 31), limit=50)
    assert {r["meeting_date"] for r in july.items} == {date(2022, 7, 25)}


def test_a_cursor_that_was_not_given_out_is_refused(seeded):
    with pytest.raises(InvalidValue):
        seeded.resolutions(cursor="not-a-cursor")


def test_the_tracker_lists_the_open_actions_the_minutes_ask_for(seeded):
    open_actions = every(tracker(seeded).actions, today=TODAY, status="open", limit=5)
    assert len(open_actions) == 13  # 4 Croydon + 5 March + 4 July; Halton's is not decided
    assert {a["council"] for a in open_actions} == {"croydon", "st-helens"}
    send = [a for a in open_actions if a["minute"] == "5"]
    assert send[0]["text"].startswith("an update on the plans for SEND")
    assert tracker(seeded).actions(today=TODAY, status="closed").items == []


def test_the_tracker_rates_each_action_by_the_documented_rule(seeded):
    ratings = {
        (a["minute"], a["clause"]): a["rag"]
        for a in every(tracker(seeded).actions, today=date(2022, 7, 25), limit=50)
    }
    assert ratings[("8", 2)] == "amber"  # due 26 July 2022: within 14 days
    assert ratings[("5", 2)] == "green"  # no due date, asked for today
    assert ratings[("A31/17", 1)] == "amber"  # no due date, open for years
    late = tracker(seeded).actions(today=date(2022, 7, 27), rag="red", limit=50).items
    assert [(a["minute"], a["clause"]) for a in late] == [("8", 2)]


@pytest.mark.parametrize(
    "due_in, requested_days_ago, expected",
    [
        (-1, 10, "red"),
        (0, 10, "amber"),
        (14, 10, "amber"),
        (15, 10, "green"),
        (None, 90, "green"),
        (None, 91, "amber"),
        (None, 0, "green"),
    ],
)
def test_the_rating_rule_draws_its_lines_on_the_documented_days(
    service, projector, queries, due_in, requested_days_ago, expected
):
    from tests.application.test_service import a_meeting_with_an_item

    asked = TODAY - timedelta(days=requested_days_ago)
    _, meeting = a_meeting_with_an_item(service, effective_date=asked)
    due = None if due_in is None else TODAY + timedelta(days=due_in)
    proposed = service.propose(
        meeting.id,
        item="5",
        effective_date=asked,
        recorded_by="clerk",
        clauses=[
            ClauseDraft(1, "report back", ClauseKind.REPORT_BACK, ActionRequest(due_date=due))
        ],
    )
    service.resolve(proposed.id, effective_date=asked, recorded_by="clerk")
    projector.catch_up()
    [row] = Tracker(queries.read_model).actions(today=TODAY).items
    assert row["rag"] == expected
    # As it stood on that day, the same rule rates it the same.
    [then] = Tracker(queries.read_model).actions_as_of(TODAY).items
    assert then == row


def test_the_audit_log_says_who_what_when_recorded_and_when_effective(seeded):
    entries = every(seeded.audit, recorded_by="seed", limit=100)
    # 191 before the whole minute; then 11 items' minute text, 4 meetings with no declarations
    assert len(entries) == SEED_EVENTS
    council, committee = entries[:2]  # a council is registered with its first committee
    assert (council["position"], council["event"], council["aggregate_type"]) == (
        1,
        "Registered",
        "Council",
    )
    assert council["council"] == "st-helens"
    assert (committee["position"], committee["event"], committee["aggregate_type"]) == (
        2,
        "Established",
        "Committee",
    )
    assert committee["effective_date"] == date(2022, 1, 31)
    assert committee["summary"].startswith("Children and Young People Services Scrutiny Committee")
    assert committee["recorded_at"].date() >= date(2026, 1, 1)
    assert seeded.audit(recorded_by="somebody else").items == []


def test_limits_are_bounded(seeded):
    with pytest.raises(InvalidValue):
        seeded.resolutions(limit=201)


def test_search_follows_an_amendment_to_the_new_wording(service, projector, queries):
    from tests.application.test_service import a_meeting_with_an_item

    _, meeting = a_meeting_with_an_item(service)
    proposed = service.propose(
        meeting.id,
        item="5",
        effective_date=TODAY,
        recorded_by="clerk",
        clauses=[ClauseDraft(1, "the dental report be noted", ClauseKind.NOTED)],
    )
    service.amend(
        proposed.id,
        [ClauseDraft(1, "the orthodontic report be noted", ClauseKind.NOTED)],
        effective_date=TODAY,
        recorded_by="clerk",
    )
    projector.catch_up()
    assert [r["id"] for r in queries.resolutions(q="orthodontic").items] == [proposed.id]
    assert queries.resolutions(q="dental").items == []
