"""Every resolution rule by the name a client is given, and nothing recorded when it is
broken. The web edge answers the error with a 409 naming the rule, or a 422 for a value
no record could hold: test_resolution_commands.py shows one of each over HTTP."""

from datetime import date, timedelta

import pytest

from domain.errors import DomainError, InvalidValue
from domain.resolutions import Resolution
from domain.values import (
    ActionRequest,
    ActionStatus,
    ClauseDraft,
    ClauseKind,
    ResolutionStatus,
)
from tests.domain.builders import CLERK, DAY, a_meeting, a_resolution, the_clauses

LATER = DAY + timedelta(days=90)

DECISIONS = {
    "amend": lambda r, on: r.amend(
        [ClauseDraft(1, "the report be noted", ClauseKind.NOTED)],
        reason="typo",
        effective_date=on,
        recorded_by=CLERK,
    ),
    "resolve": lambda r, on: r.resolve(effective_date=on, recorded_by=CLERK),
    "reject": lambda r, on: r.reject(reason="lost on a vote", effective_date=on, recorded_by=CLERK),
    "withdraw": lambda r, on: r.withdraw(
        reason="report withdrawn", effective_date=on, recorded_by=CLERK
    ),
    "defer": lambda r, on: r.defer(
        until=LATER, reason="more information", effective_date=on, recorded_by=CLERK
    ),
}
# Each step on clause 2's action (or on the clause numbered), then rescinding.
FOLLOW_UPS = {
    "refer": lambda r, on, n=2: r.refer(n, to="Cabinet", effective_date=on, recorded_by=CLERK),
    "request report back": lambda r, on, n=2: r.request_report_back(
        n, due_date=LATER, due_meeting="October", effective_date=on, recorded_by=CLERK
    ),
    "report back": lambda r, on, n=2: r.report_back(
        n, summary="SEND plans presented", effective_date=on, recorded_by=CLERK
    ),
    "assign": lambda r, on, n=2: r.assign_action(
        n, owner="Director of Children's Services", effective_date=on, recorded_by=CLERK
    ),
    "note progress": lambda r, on, n=2: r.note_progress(
        n, note="in hand", effective_date=on, recorded_by=CLERK
    ),
    "complete": lambda r, on, n=2: r.complete_action(
        n, outcome="done", effective_date=on, recorded_by=CLERK
    ),
}
AFTER_RESOLVED = {
    "rescind": lambda r, on: r.rescind(reason="superseded", effective_date=on, recorded_by=CLERK),
    **FOLLOW_UPS,
}


def refused(resolution: Resolution, change, rule: str, error=DomainError) -> DomainError:
    """The change raises the rule's error, and the resolution records nothing."""
    resolution.collect_events()
    version = resolution.version
    with pytest.raises(error) as raised:
        change()
    assert raised.value.rule == rule
    assert resolution.version == version and resolution.collect_events() == []
    return raised.value


def test_a_withdrawn_resolution_cannot_be_resolved_by_name():
    resolution = a_resolution()
    resolution.withdraw(effective_date=DAY, recorded_by=CLERK)
    error = refused(
        resolution,
        lambda: resolution.resolve(effective_date=DAY, recorded_by=CLERK),
        "already-decided",
    )
    assert "withdrawn" in str(error)
    assert resolution.status is ResolutionStatus.WITHDRAWN


@pytest.mark.parametrize("verb", DECISIONS)
def test_a_carried_resolution_is_not_decided_or_amended_again(verb):
    resolution = a_resolution(resolved=True)
    refused(resolution, lambda: DECISIONS[verb](resolution, DAY), "already-decided")


@pytest.mark.parametrize("verb", AFTER_RESOLVED)
def test_nothing_is_followed_up_or_rescinded_before_the_resolution_is_carried(verb):
    resolution = a_resolution()
    refused(resolution, lambda: AFTER_RESOLVED[verb](resolution, DAY), "not-resolved")


@pytest.mark.parametrize("verb", FOLLOW_UPS)
def test_a_completed_action_takes_no_more_follow_up(verb):
    resolution = a_resolution(resolved=True)
    resolution.complete_action(2, outcome="done", effective_date=DAY, recorded_by=CLERK)
    refused(resolution, lambda: FOLLOW_UPS[verb](resolution, DAY), "action-closed")


@pytest.mark.parametrize("verb", FOLLOW_UPS)
@pytest.mark.parametrize("clause, rule", [(1, "not-an-action"), (9, "unknown-clause")])
def test_only_a_clause_that_asks_for_something_is_followed_up_by_name(verb, clause, rule):
    resolution = a_resolution(resolved=True)
    refused(resolution, lambda: FOLLOW_UPS[verb](resolution, DAY, clause), rule)


@pytest.mark.parametrize("verb", ["report back", "complete"])
def test_an_action_is_not_closed_before_its_report_back_was_requested(verb):
    resolution = a_resolution(resolved=True)
    october = DAY + timedelta(days=77)
    FOLLOW_UPS["request report back"](resolution, october)
    # The request is the action's last step: nothing on it may be dated before that.
    error = refused(
        resolution, lambda: FOLLOW_UPS[verb](resolution, date(2022, 8, 1)), "out-of-order"
    )
    assert "2022-08-01" in str(error) and october.isoformat() in str(error)
    assert resolution.clauses[1].action.status is ActionStatus.OPEN


def test_a_deferred_resolution_is_decided_later_but_not_before_it_was_deferred():
    resolution = a_resolution()
    resolution.defer(effective_date=date(2022, 9, 1), recorded_by=CLERK)
    refused(
        resolution,
        lambda: resolution.resolve(effective_date=date(2022, 8, 1), recorded_by=CLERK),
        "out-of-order",
    )
    refused(
        resolution,
        lambda: resolution.resolve(effective_date=date(2022, 7, 1), recorded_by=CLERK),
        "effective-date-too-early",
    )
    resolution.resolve(effective_date=LATER, recorded_by=CLERK)
    assert resolution.decided_on == LATER


@pytest.mark.parametrize(
    "change, rule",
    [
        ({"item": "99"}, "unknown-agenda-item"),
        ({"clauses": [ClauseDraft(2, "noted", ClauseKind.NOTED)]}, "clauses-out-of-order"),
        (
            {"clauses": [ClauseDraft(1, "noted", ClauseKind.NOTED, ActionRequest(owner="D"))]},
            "nothing-asked",
        ),
        ({}, "meeting-cancelled"),
    ],
)
def test_a_proposal_that_breaks_a_rule_is_refused_by_name(change, rule):
    meeting = a_meeting()
    if rule == "meeting-cancelled":
        meeting.cancel(effective_date=DAY, recorded_by=CLERK)
    proposal = {"item": "5", "clauses": the_clauses(), **change}
    with pytest.raises(DomainError) as raised:
        Resolution.propose(meeting, **proposal, effective_date=DAY, recorded_by=CLERK)
    assert raised.value.rule == rule


@pytest.mark.parametrize(
    "state, change",
    [
        ("proposed", lambda r: r.defer(until=DAY, effective_date=DAY, recorded_by=CLERK)),
        (
            "resolved",
            lambda r: r.request_report_back(
                2, due_date=date(2022, 7, 1), effective_date=DAY, recorded_by=CLERK
            ),
        ),
        (
            "resolved",
            lambda r: r.rescind(superseded_by=r.id, effective_date=DAY, recorded_by=CLERK),
        ),
    ],
    ids=["taken up the day it was deferred", "due before it was asked for", "rescinded by itself"],
)
def test_a_value_no_record_could_hold_is_an_invalid_value_and_records_nothing(state, change):
    resolution = a_resolution(resolved=state == "resolved")
    refused(resolution, lambda: change(resolution), "invalid-value", InvalidValue)
