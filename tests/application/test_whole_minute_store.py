"""The whole minute through a real store and back: labels, minute text, declaration
kinds, a meeting with no declarations and a substitute."""

from datetime import date

from domain.values import (
    AttendanceStatus,
    ClauseDraft,
    ClauseKind,
    DeclarationKind,
    MemberRole,
)
from tests.application.test_service import CLERK, JULY, a_meeting_with_an_item


def test_the_whole_minute_reloaded_by_another_process_equals_the_one_saved(service, reopen):
    committee, meeting = a_meeting_with_an_item(service)
    m = meeting.id
    service.record_minute_text(
        m, item="5", paragraphs=["One.", "Two."], effective_date=JULY, recorded_by=CLERK
    )
    service.appoint_member(
        committee.id,
        "Councillor Murphy",
        role=MemberRole.MEMBER,
        effective_date=JULY,
        recorded_by=CLERK,
    )
    service.record_attendance(
        m,
        "Councillor Sims",
        status=AttendanceStatus.PRESENT,
        substitute_for="Councillor Murphy",
        effective_date=JULY,
        recorded_by=CLERK,
    )
    service.declare_interest(
        m,
        "Councillor Sims",
        item="5",
        interest="a governor",
        kind=DeclarationKind.OTHER_REGISTRABLE,
        effective_date=JULY,
        recorded_by=CLERK,
    )
    clauses = [ClauseDraft(1, "the report be noted", ClauseKind.NOTED, label="(i)")]
    r = service.propose(m, item="5", clauses=clauses, effective_date=JULY, recorded_by=CLERK).id
    service.amend(r, clauses, reason="typo", effective_date=JULY, recorded_by=CLERK)
    quiet = service.schedule_meeting(
        committee.id, meeting_date=date(2022, 10, 10), effective_date=JULY, recorded_by=CLERK
    )
    service.record_no_declarations(quiet.id, effective_date=JULY, recorded_by=CLERK)

    other = reopen()
    for aggregate_id in (m, r, quiet.id):
        assert other.repository.get(aggregate_id) == service.repository.get(aggregate_id)
        assert other.history(aggregate_id) == service.history(aggregate_id)
    shown = other.meeting(m)
    assert shown["items"][0]["minute_text"] == ["One.", "Two."]
    assert shown["declarations"][0]["kind"] == "other registrable"
    assert shown["attendance"]["present"][0]["substitute_for"] == "Councillor Murphy"
    assert other.resolution(r)["clauses"][0]["label"] == "(i)"
    assert other.meeting(quiet.id)["declarations_recorded"] == "none"
