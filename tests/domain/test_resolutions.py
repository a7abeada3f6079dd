from datetime import date, timedelta

import pytest

from domain.clauses import ClausesOutOfOrder, NothingAsked, ReportBackBeforeRequest
from domain.errors import EffectiveDateTooEarly, InvalidValue
from domain.meetings import MeetingCancelled, UnknownAgendaItem
from domain.resolutions import (
    ActionClosed,
    AlreadyDecided,
    NotAnAction,
    NotResolved,
    OutOfOrder,
    Resolution,
    UnknownClause,
)
from domain.values import (
    ActionRequest,
    ActionStatus,
    ClauseDraft,
    ClauseKind,
    ResolutionStatus,
)
from tests.domain.builders import CLERK, DAY, a_meeting, a_resolution, event_names, the_clauses

LATER = DAY + timedelta(days=90)


def test_a_proposal_keeps_the_minute_number_and_its_actions_wait_for_the_decision():
    resolution = a_resolution()
    assert resolution.status is ResolutionStatus.PROPOSED
    assert (resolution.item, resolution.minute, resolution.title) == ("5", "5", "DIRECTORS REPORT")
    assert resolution.clauses[0].action is None
    assert resolution.clauses[1].action.status is ActionStatus.PENDING
    assert resolution.open_actions == 0
    assert resolution.id == Resolution.create_id(resolution.meeting_id, "5")


def test_the_proposed_event_is_versioned_for_later_upcasting():
    [proposed] = a_resolution().collect_events()
    assert type(proposed).__name__ == "Proposed"
    # Version 2 added clause labels; version 1 events upcast (test_clause_labels.py).
    # Version 3 added the resolution's place among those on its item
    # (test_whole_minute_rules.py).
    assert proposed.class_version == 3


def test_a_resolution_is_proposed_on_an_item_of_a_meeting_that_was_not_cancelled():
    meeting = a_meeting()
    with pytest.raises(UnknownAgendaItem):
        Resolution.propose(
            meeting, item="99", clauses=the_clauses(), effective_date=DAY, recorded_by=CLERK
        )
    meeting.cancel(effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(MeetingCancelled):
        Resolution.propose(
            meeting, item="5", clauses=the_clauses(), effective_date=DAY, recorded_by=CLERK
        )


def test_clauses_are_numbered_from_one_without_gaps():
    meeting = a_meeting()
    with pytest.raises(ClausesOutOfOrder):
        Resolution.propose(
            meeting,
            item="5",
            clauses=[ClauseDraft(2, "x", ClauseKind.NOTED)],
            effective_date=DAY,
            recorded_by=CLERK,
        )
    with pytest.raises(InvalidValue, match="at least one clause"):
        Resolution.propose(meeting, item="5", clauses=[], effective_date=DAY, recorded_by=CLERK)


def test_a_clause_that_only_notes_asks_nobody_to_do_anything():
    with pytest.raises(NothingAsked):
        Resolution.propose(
            a_meeting(),
            item="5",
            effective_date=DAY,
            recorded_by=CLERK,
            clauses=[ClauseDraft(1, "noted", ClauseKind.NOTED, ActionRequest())],
        )


def test_a_proposal_is_amended_until_it_is_decided():
    resolution = a_resolution()
    resolution.amend(
        [ClauseDraft(1, "the report be noted", ClauseKind.NOTED)],
        reason="clause 2 dropped",
        effective_date=DAY,
        recorded_by=CLERK,
    )
    assert len(resolution.clauses) == 1
    resolution.resolve(effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(AlreadyDecided):
        resolution.amend(the_clauses(), effective_date=DAY, recorded_by=CLERK)


def test_resolving_opens_every_action_on_the_date_of_the_decision():
    resolution = a_resolution(resolved=True)
    assert resolution.status is ResolutionStatus.RESOLVED
    assert resolution.decided_on == DAY
    action = resolution.clauses[1].action
    assert (action.status, action.requested_on) == (ActionStatus.OPEN, DAY)
    assert resolution.open_actions == 1


def test_a_withdrawn_resolution_cannot_be_resolved():
    resolution = a_resolution()
    resolution.withdraw(reason="report not ready", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(AlreadyDecided, match="already withdrawn"):
        resolution.resolve(effective_date=DAY, recorded_by=CLERK)
    assert resolution.clauses[1].action.status is ActionStatus.DROPPED


def test_a_rejected_resolution_cannot_be_resolved_and_drops_its_actions():
    resolution = a_resolution()
    resolution.reject(reason="lost on the vote", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(AlreadyDecided, match="already rejected"):
        resolution.resolve(effective_date=DAY, recorded_by=CLERK)
    assert resolution.clauses[1].action.status is ActionStatus.DROPPED


def test_a_deferred_resolution_is_resolved_at_a_later_meeting():
    resolution = a_resolution()
    with pytest.raises(InvalidValue):
        resolution.defer(until=DAY, effective_date=DAY, recorded_by=CLERK)
    resolution.defer(
        until=LATER, reason="awaiting the report", effective_date=DAY, recorded_by=CLERK
    )
    assert resolution.status is ResolutionStatus.DEFERRED
    resolution.resolve(effective_date=LATER, recorded_by=CLERK)
    assert resolution.clauses[1].action.requested_on == LATER


def test_a_decision_cannot_predate_its_proposal():
    with pytest.raises(EffectiveDateTooEarly):
        a_resolution().resolve(effective_date=DAY - timedelta(days=1), recorded_by=CLERK)


def test_an_action_is_referred_to_another_body():
    resolution = a_resolution(resolved=True)
    resolution.refer(
        2,
        to="Adult Social Care and Health Scrutiny Committee",
        effective_date=DAY,
        recorded_by=CLERK,
    )
    action = resolution.clauses[1].action
    assert action.status is ActionStatus.REFERRED
    assert action.referred_to == "Adult Social Care and Health Scrutiny Committee"
    assert resolution.open_actions == 1


def test_only_the_actions_of_a_resolved_resolution_are_followed_up():
    with pytest.raises(NotResolved):
        a_resolution().refer(2, to="Cabinet", effective_date=DAY, recorded_by=CLERK)


def test_a_clause_that_is_not_an_action_cannot_be_reported_back():
    resolution = a_resolution(resolved=True)
    with pytest.raises(NotAnAction):
        resolution.report_back(1, summary="noted", effective_date=LATER, recorded_by=CLERK)


def test_an_unknown_clause_is_named():
    resolution = a_resolution(resolved=True)
    with pytest.raises(UnknownClause, match="no clause 7"):
        resolution.assign_action(7, owner="Director", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(InvalidValue):
        resolution.assign_action("2", owner="Director", effective_date=DAY, recorded_by=CLERK)


def test_a_report_back_is_requested_with_a_due_date_and_answered_later():
    resolution = a_resolution(resolved=True)
    resolution.request_report_back(
        2,
        due_date=LATER,
        due_meeting="October 2022 meeting",
        effective_date=DAY + timedelta(days=1),
        recorded_by=CLERK,
    )
    with pytest.raises(OutOfOrder, match="before the last step on the action of clause 2"):
        resolution.report_back(2, summary="SEND plans", effective_date=DAY, recorded_by=CLERK)
    resolution.report_back(
        2, summary="SEND plans presented", effective_date=LATER, recorded_by=CLERK
    )
    action = resolution.clauses[1].action
    assert (action.status, action.closed_on, action.due_date) == (
        ActionStatus.REPORTED_BACK,
        LATER,
        LATER,
    )
    assert resolution.open_actions == 0
    with pytest.raises(ActionClosed):
        resolution.report_back(2, summary="again", effective_date=LATER, recorded_by=CLERK)


def test_a_report_back_cannot_be_due_before_it_was_asked_for():
    with pytest.raises(InvalidValue):
        a_resolution(resolved=True).request_report_back(
            2, due_date=DAY - timedelta(days=1), effective_date=DAY, recorded_by=CLERK
        )


def test_an_action_is_assigned_progressed_and_completed():
    resolution = a_resolution(resolved=True)
    resolution.assign_action(
        2, owner="Director of Children's Services", effective_date=DAY, recorded_by=CLERK
    )
    resolution.note_progress(
        2, note="draft plan circulated", effective_date=LATER, recorded_by="officer"
    )
    resolution.complete_action(
        2, outcome="plan adopted", effective_date=LATER, recorded_by="officer"
    )
    action = resolution.clauses[1].action
    assert action.owner == "Director of Children's Services"
    assert [(p.note, p.noted_by) for p in action.progress] == [("draft plan circulated", "officer")]
    assert action.status is ActionStatus.COMPLETED
    with pytest.raises(ActionClosed):
        resolution.note_progress(2, note="late", effective_date=LATER, recorded_by=CLERK)


def test_rescinding_drops_the_live_actions_and_only_a_resolved_resolution_is_rescinded():
    with pytest.raises(NotResolved):
        a_resolution().rescind(effective_date=DAY, recorded_by=CLERK)
    resolution = a_resolution(resolved=True)
    with pytest.raises(InvalidValue):
        resolution.rescind(superseded_by=resolution.id, effective_date=LATER, recorded_by=CLERK)
    resolution.rescind(reason="superseded", effective_date=LATER, recorded_by=CLERK)
    assert resolution.status is ResolutionStatus.RESCINDED
    assert resolution.clauses[1].action.status is ActionStatus.DROPPED


def test_every_resolution_event_carries_its_effective_date_and_recorder():
    first = a_resolution()
    first.amend(the_clauses(), effective_date=DAY, recorded_by="x")
    first.defer(effective_date=DAY, recorded_by="x")
    first.resolve(effective_date=DAY, recorded_by="x")
    for verb, kwargs in [
        ("refer", {"to": "Cabinet"}),
        ("request_report_back", {}),
        ("assign_action", {"owner": "Director"}),
        ("note_progress", {"note": "n"}),
        ("report_back", {"summary": "s"}),
    ]:
        getattr(first, verb)(2, effective_date=DAY, recorded_by="x", **kwargs)
    first.rescind(effective_date=DAY, recorded_by="x")
    second, third = a_resolution(resolved=True), a_resolution()
    second.complete_action(2, outcome="done", effective_date=DAY, recorded_by="x")
    third.reject(effective_date=DAY, recorded_by="x")
    fourth = a_resolution()
    fourth.withdraw(effective_date=DAY, recorded_by="x")
    events = [e for r in (first, second, third, fourth) for e in r.collect_events()]
    assert {type(e).__name__ for e in events} == {
        "Proposed",
        "Amended",
        "Resolved",
        "Rejected",
        "Withdrawn",
        "Deferred",
        "Referred",
        "ReportBackRequested",
        "ReportedBack",
        "ActionAssigned",
        "ActionProgressNoted",
        "ActionCompleted",
        "Rescinded",
    }
    assert all(e.recorded_by and isinstance(e.effective_date, date) for e in events)
    assert event_names(first) == []  # collected above


def test_a_decision_cannot_predate_the_wording_it_decides():
    resolution = a_resolution()
    resolution.amend(the_clauses(), effective_date=DAY + timedelta(days=5), recorded_by=CLERK)
    with pytest.raises(OutOfOrder, match="before its last wording"):
        resolution.resolve(effective_date=DAY + timedelta(days=1), recorded_by=CLERK)


def test_an_action_cannot_be_followed_up_before_the_resolution_was_carried():
    resolution = a_resolution()
    resolution.defer(effective_date=DAY, recorded_by=CLERK)
    resolution.resolve(effective_date=LATER, recorded_by=CLERK)
    with pytest.raises(OutOfOrder, match="before the resolution was carried"):
        resolution.assign_action(
            2, owner="Director", effective_date=LATER - timedelta(days=1), recorded_by=CLERK
        )
    with pytest.raises(OutOfOrder):
        resolution.rescind(effective_date=LATER - timedelta(days=1), recorded_by=CLERK)


@pytest.mark.parametrize(
    "verb, kwargs",
    [
        ("refer", {"to": "Cabinet"}),
        ("request_report_back", {}),
        ("assign_action", {"owner": "Director"}),
        ("note_progress", {"note": "in hand"}),
        ("report_back", {"summary": "s"}),
        ("complete_action", {"outcome": "done"}),
    ],
)
def test_each_step_on_an_action_takes_effect_on_or_after_its_last_step(verb, kwargs):
    resolution = a_resolution(resolved=True)
    # The director is named in September; nothing on the action may be dated before that.
    september = DAY + timedelta(days=40)
    resolution.assign_action(2, owner="Director", effective_date=september, recorded_by=CLERK)
    with pytest.raises(
        OutOfOrder,
        match=f"{(september - timedelta(days=1)).isoformat()} is "
        f"before the last step on the action of clause 2 "
        f"\\({september.isoformat()}\\)",
    ):
        getattr(resolution, verb)(
            2, effective_date=september - timedelta(days=1), recorded_by=CLERK, **kwargs
        )
    getattr(resolution, verb)(2, effective_date=september, recorded_by=CLERK, **kwargs)
    assert resolution.clauses[1].action.last_step_on == september


def test_every_step_on_an_action_records_the_date_it_took_effect():
    resolution = a_resolution()
    assert resolution.clauses[1].action.last_step_on is None  # pending: nothing done yet
    resolution.resolve(effective_date=DAY, recorded_by=CLERK)
    assert resolution.clauses[1].action.last_step_on == DAY
    steps = [
        ("refer", {"to": "Cabinet"}),
        ("request_report_back", {"due_date": LATER}),
        ("note_progress", {"note": "in hand"}),
        ("assign_action", {"owner": "Director"}),
        ("report_back", {"summary": "done"}),
    ]
    for days, (verb, kwargs) in enumerate(steps, start=1):
        getattr(resolution, verb)(
            2, effective_date=DAY + timedelta(days=days), recorded_by=CLERK, **kwargs
        )
        assert resolution.clauses[1].action.last_step_on == DAY + timedelta(days=days)


def test_rescinding_dates_the_drop_of_each_live_action():
    resolution = a_resolution(resolved=True)
    resolution.rescind(effective_date=LATER, recorded_by=CLERK)
    action = resolution.clauses[1].action
    assert (action.status, action.closed_on, action.last_step_on) == (
        ActionStatus.DROPPED,
        LATER,
        LATER,
    )


def test_a_resolution_is_not_rescinded_before_the_last_step_on_any_of_its_actions():
    resolution = a_resolution(resolved=True)
    resolution.note_progress(2, note="in hand", effective_date=LATER, recorded_by=CLERK)
    with pytest.raises(OutOfOrder, match="before the last step on the action of clause 2"):
        resolution.rescind(effective_date=LATER - timedelta(days=1), recorded_by=CLERK)
    # A closed action counts too: the record as it stood between a rescission and a
    # later-dated report back would otherwise show the rescission dropping an action
    # that was in fact reported back.
    closed = a_resolution(resolved=True)
    closed.report_back(2, summary="presented", effective_date=LATER, recorded_by=CLERK)
    with pytest.raises(OutOfOrder, match=f"\\({LATER.isoformat()}\\)"):
        closed.rescind(effective_date=LATER - timedelta(days=1), recorded_by=CLERK)
    closed.rescind(effective_date=LATER, recorded_by=CLERK)
    assert closed.clauses[1].action.status is ActionStatus.REPORTED_BACK


def test_an_action_from_a_snapshot_older_than_the_rule_keeps_the_older_rules():
    resolution = a_resolution(resolved=True)
    resolution.request_report_back(2, effective_date=DAY + timedelta(days=1), recorded_by=CLERK)
    # As restored from a snapshot taken before actions recorded their last step.
    resolution._set_action(2, last_step_on=None)
    with pytest.raises(ReportBackBeforeRequest):
        resolution.report_back(2, summary="early", effective_date=DAY, recorded_by=CLERK)
    resolution.refer(2, to="Cabinet", effective_date=DAY, recorded_by=CLERK)
    assert resolution.clauses[1].action.last_step_on == DAY
