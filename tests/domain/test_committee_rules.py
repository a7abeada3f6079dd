"""Every committee rule by the name a client is given, and nothing recorded when it is
broken. The web edge answers the error with a 409 naming the rule:
test_committee_commands.py shows one over HTTP."""

from datetime import timedelta

import pytest

from domain.committees import (
    Committee,
    CommitteeError,
)
from domain.errors import EffectiveDateTooEarly
from domain.values import MemberRole
from tests.domain.builders import CLERK, DAY, a_committee


def a_committee_with_a_member_and_a_topic() -> Committee:
    """Councillor Sims sits on it and SEND is on its work programme; nothing pending."""
    committee = a_committee()
    committee.appoint_member(
        "Councillor Sims", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
    )
    committee.add_work_programme_item("SEND", effective_date=DAY, recorded_by=CLERK)
    committee.collect_events()
    return committee


CHANGES = {
    "appoint": lambda c, on: c.appoint_member(
        "Councillor Long", role=MemberRole.VICE_CHAIR, effective_date=on, recorded_by=CLERK
    ),
    "stand down": lambda c, on: c.stand_down_member(
        "Councillor Sims", effective_date=on, recorded_by=CLERK
    ),
    "chair": lambda c, on: c.appoint_chair("Councillor Sims", effective_date=on, recorded_by=CLERK),
    "rename": lambda c, on: c.rename("CYPS Scrutiny", effective_date=on, recorded_by=CLERK),
    "add topic": lambda c, on: c.add_work_programme_item(
        "Dental health", source="minute 5(2)", effective_date=on, recorded_by=CLERK
    ),
    "remove topic": lambda c, on: c.remove_work_programme_item(
        "SEND", effective_date=on, recorded_by=CLERK
    ),
    "dissolve": lambda c, on: c.dissolve(
        reason="restructure", effective_date=on, recorded_by=CLERK
    ),
}


def refused(committee: Committee, change, rule: str) -> None:
    """The change raises the rule's error, and the committee records nothing."""
    version = committee.version
    with pytest.raises(CommitteeError) as raised:
        change(committee)
    assert raised.value.rule == rule
    assert committee.version == version and committee.collect_events() == []


@pytest.mark.parametrize("verb", CHANGES)
def test_every_change_to_a_dissolved_committee_is_refused_and_records_nothing(verb):
    committee = a_committee_with_a_member_and_a_topic()
    committee.dissolve(effective_date=DAY, recorded_by=CLERK)
    committee.collect_events()
    refused(committee, lambda c: CHANGES[verb](c, DAY), "committee-dissolved")


@pytest.mark.parametrize("verb", CHANGES)
def test_every_change_that_would_take_effect_before_the_committee_began_is_refused(verb):
    committee = a_committee_with_a_member_and_a_topic()
    before = committee.effective_from - timedelta(days=1)
    with pytest.raises(EffectiveDateTooEarly) as raised:
        CHANGES[verb](committee, before)
    assert raised.value.rule == "effective-date-too-early"
    assert committee.collect_events() == []


@pytest.mark.parametrize(
    "change, rule",
    [
        (
            lambda c: c.appoint_member(
                "Councillor Sims", role=MemberRole.MEMBER, effective_date=DAY, recorded_by=CLERK
            ),
            "already-a-member",
        ),
        (
            lambda c: c.stand_down_member(
                "Councillor Nobody", effective_date=DAY, recorded_by=CLERK
            ),
            "not-a-member",
        ),
        (
            lambda c: c.appoint_chair("Councillor Nobody", effective_date=DAY, recorded_by=CLERK),
            "not-a-member",
        ),
        (
            lambda c: c.rename(
                "Children and Young People Services Scrutiny Committee",
                effective_date=DAY,
                recorded_by=CLERK,
            ),
            "already-named",
        ),
        (
            lambda c: c.add_work_programme_item("  send ", effective_date=DAY, recorded_by=CLERK),
            "already-on-work-programme",
        ),
        (
            lambda c: c.remove_work_programme_item(
                "Dental health", effective_date=DAY, recorded_by=CLERK
            ),
            "not-on-work-programme",
        ),
    ],
    ids=[
        "appointed twice",
        "a stranger stands down",
        "a stranger takes the chair",
        "renamed to its own name",
        "a topic added twice",
        "a topic never added removed",
    ],
)
def test_a_change_that_breaks_a_committee_rule_is_refused_by_name_and_records_nothing(change, rule):
    refused(a_committee_with_a_member_and_a_topic(), change, rule)


def test_the_chair_cannot_be_appointed_to_the_chair_again_by_name():
    committee = a_committee_with_a_member_and_a_topic()
    committee.appoint_chair("Councillor Sims", effective_date=DAY, recorded_by=CLERK)
    committee.collect_events()
    refused(
        committee,
        lambda c: c.appoint_chair("Councillor Sims", effective_date=DAY, recorded_by=CLERK),
        "already-chairs",
    )
