from datetime import date, timedelta

import pytest

from domain.committees import (
    AlreadyAMember,
    AlreadyNamed,
    AlreadyOnWorkProgramme,
    Committee,
    CommitteeDissolved,
    NotAMember,
    NotOnWorkProgramme,
)
from domain.errors import EffectiveDateTooEarly, InvalidValue
from domain.meetings import Meeting
from domain.values import CommitteeKind, MemberRole
from tests.domain.builders import CLERK, DAY, a_committee, event_names


def test_a_committee_is_established_with_its_council_and_the_date_it_took_effect():
    committee = a_committee(on=date(2022, 1, 31))
    [established] = committee.collect_events()
    assert type(established).__name__ == "Established"
    assert established.effective_date == date(2022, 1, 31)
    assert established.recorded_by == CLERK
    assert established.timestamp.tzinfo is not None
    assert committee.council == "st-helens"
    assert committee.id == Committee.create_id("st-helens", "cyps-scrutiny")


def test_the_same_natural_key_gives_the_same_id_and_another_gives_another():
    assert a_committee().id == a_committee().id
    assert a_committee().id != a_committee(slug="adult-social-care").id


def test_a_committee_needs_a_name():
    with pytest.raises(InvalidValue, match="committee name must not be blank"):
        Committee.establish(
            council="halton",
            council_name="Halton",
            slug="eb",
            name="  ",
            kind=CommitteeKind.BOARD,
            effective_date=DAY,
            recorded_by=CLERK,
        )


def test_a_committee_kind_must_be_known():
    with pytest.raises(InvalidValue, match="unknown committee kind"):
        Committee.establish(
            council="halton",
            council_name="Halton",
            slug="eb",
            name="EB",
            kind="cabal",
            effective_date=DAY,
            recorded_by=CLERK,
        )


def test_members_are_appointed_once():
    committee = a_committee()
    committee.appoint_member(
        "Councillor Greaves", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
    )
    assert committee.members["Councillor Greaves"].appointed_on == DAY
    with pytest.raises(AlreadyAMember):
        committee.appoint_member(
            "Councillor Greaves", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
        )


def test_appointing_a_chair_records_the_appointment_and_the_chair():
    committee = a_committee()
    committee.collect_events()
    committee.appoint_member(
        "Councillor T Long", role=MemberRole.CHAIR, effective_date=DAY, recorded_by=CLERK
    )
    assert event_names(committee) == ["MemberAppointed", "ChairAppointed"]
    assert committee.chair == "Councillor T Long"


def test_a_new_chair_returns_the_old_chair_to_the_floor():
    committee = a_committee()
    committee.appoint_member(
        "Councillor T Long", role=MemberRole.CHAIR, effective_date=DAY, recorded_by=CLERK
    )
    committee.appoint_member(
        "Councillor Sims", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
    )
    committee.appoint_chair("Councillor Sims", effective_date=DAY, recorded_by=CLERK)
    assert committee.chair == "Councillor Sims"
    assert committee.members["Councillor T Long"].role is MemberRole.MEMBER


def test_only_a_member_can_take_the_chair_and_only_once():
    committee = a_committee()
    with pytest.raises(NotAMember):
        committee.appoint_chair("Councillor Nobody", effective_date=DAY, recorded_by=CLERK)
    committee.appoint_member(
        "Councillor T Long", role=MemberRole.CHAIR, effective_date=DAY, recorded_by=CLERK
    )
    with pytest.raises(AlreadyAMember, match="already chairs"):
        committee.appoint_chair("Councillor T Long", effective_date=DAY, recorded_by=CLERK)


def test_a_member_stands_down_and_a_stranger_cannot():
    committee = a_committee()
    committee.appoint_member(
        "Councillor Preston", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
    )
    committee.stand_down_member("Councillor Preston", effective_date=DAY, recorded_by=CLERK)
    assert "Councillor Preston" not in committee.members
    with pytest.raises(NotAMember):
        committee.stand_down_member("Councillor Preston", effective_date=DAY, recorded_by=CLERK)


def test_a_committee_is_renamed_but_not_to_its_own_name():
    committee = a_committee()
    committee.rename("CYPS Scrutiny", effective_date=DAY, recorded_by=CLERK)
    assert committee.name == "CYPS Scrutiny"
    with pytest.raises(AlreadyNamed):
        committee.rename("CYPS Scrutiny", effective_date=DAY, recorded_by=CLERK)


def test_the_work_programme_takes_each_topic_once_and_gives_up_only_what_it_has():
    committee = a_committee()
    committee.add_work_programme_item(
        "Teenage pregnancy rates", source="minute 44(3)", effective_date=DAY, recorded_by=CLERK
    )
    with pytest.raises(AlreadyOnWorkProgramme):
        committee.add_work_programme_item(
            "teenage  PREGNANCY rates", effective_date=DAY, recorded_by=CLERK
        )
    committee.remove_work_programme_item(
        "Teenage pregnancy rates", reason="done", effective_date=DAY, recorded_by=CLERK
    )
    assert committee.work_programme == {}
    with pytest.raises(NotOnWorkProgramme):
        committee.remove_work_programme_item(
            "Teenage pregnancy rates", effective_date=DAY, recorded_by=CLERK
        )


def test_a_dissolved_committee_takes_no_further_change_and_schedules_no_meetings():
    committee = a_committee()
    committee.dissolve(reason="merged", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(CommitteeDissolved):
        committee.rename("Anything", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(CommitteeDissolved):
        Meeting.schedule(committee, meeting_date=DAY, effective_date=DAY, recorded_by=CLERK)


def test_nothing_takes_effect_before_the_committee_was_established():
    committee = a_committee(on=DAY)
    with pytest.raises(EffectiveDateTooEarly, match="before this record began"):
        committee.rename("Earlier", effective_date=DAY - timedelta(days=1), recorded_by=CLERK)


def test_every_change_says_who_recorded_it():
    committee = a_committee()
    with pytest.raises(InvalidValue, match="actor must not be blank"):
        committee.rename("Anonymous", effective_date=DAY, recorded_by="")


def test_every_committee_event_carries_its_effective_date_and_recorder():
    committee = a_committee()
    committee.appoint_member("A", role=MemberRole.CHAIR, effective_date=DAY, recorded_by="x")
    committee.appoint_member("B", role=MemberRole.VICE_CHAIR, effective_date=DAY, recorded_by="x")
    committee.stand_down_member("B", effective_date=DAY, recorded_by="x")
    committee.rename("New", effective_date=DAY, recorded_by="x")
    committee.add_work_programme_item("T", effective_date=DAY, recorded_by="x")
    committee.remove_work_programme_item("T", effective_date=DAY, recorded_by="x")
    committee.dissolve(effective_date=DAY, recorded_by="x")
    events = committee.collect_events()
    assert {type(e).__name__ for e in events} == {
        "Established",
        "MemberAppointed",
        "ChairAppointed",
        "MemberStoodDown",
        "Renamed",
        "WorkProgrammeItemAdded",
        "WorkProgrammeItemRemoved",
        "Dissolved",
    }
    assert all(e.recorded_by for e in events)
    assert all(isinstance(e.effective_date, date) for e in events)


def test_a_member_cannot_stand_down_or_take_the_chair_before_being_appointed():
    committee = a_committee()
    committee.appoint_member(
        "Councillor Begum", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
    )
    with pytest.raises(NotAMember, match="was appointed on"):
        committee.stand_down_member(
            "Councillor Begum", effective_date=DAY - timedelta(days=1), recorded_by=CLERK
        )
    with pytest.raises(NotAMember, match="was appointed on"):
        committee.appoint_chair(
            "Councillor Begum", effective_date=DAY - timedelta(days=1), recorded_by=CLERK
        )


def test_a_topic_cannot_leave_the_work_programme_before_it_joined():
    committee = a_committee()
    committee.add_work_programme_item("SEND", effective_date=DAY, recorded_by=CLERK)
    with pytest.raises(NotOnWorkProgramme, match="was added on"):
        committee.remove_work_programme_item(
            "SEND", effective_date=DAY - timedelta(days=1), recorded_by=CLERK
        )
