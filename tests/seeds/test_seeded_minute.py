"""What the seed minutes print beyond their resolutions: labels, minute text,
declarations, substitutes. Each expectation is read from the documents by hand."""

from datetime import date

import pytest

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from seeds.replay import replay


def meeting_id(council, committee, on):
    return Meeting.create_id(Committee.create_id(council, committee), on)


@pytest.fixture
def service_seeded(service):
    replay(service)
    return service


@pytest.mark.parametrize(
    "council, committee, on, item, labels",
    [
        ("st-helens", "cyps-scrutiny", date(2022, 7, 25), "6", ["(1)", "(2)", "(3)"]),
        ("croydon", "cyp-scrutiny-sub-committee", date(2017, 9, 19), "A31/17", ["1.", "2.", "3."]),
        (
            "halton",
            "executive-board",
            date(2022, 11, 17),
            "children services improvement update",
            ["1)", "2)"],
        ),
        ("st-helens", "cyps-scrutiny", date(2022, 7, 25), "2", [None]),
    ],
)
def test_clauses_carry_the_labels_the_minutes_print(
    service_seeded, council, committee, on, item, labels
):
    resolution_id = Resolution.create_id(meeting_id(council, committee, on), item)
    clauses = service_seeded.resolution(resolution_id)["clauses"]
    assert [c.get("label") for c in clauses] == labels


def test_items_carry_the_minutes_own_words(service_seeded):
    july = service_seeded.meeting(meeting_id("st-helens", "cyps-scrutiny", date(2022, 7, 25)))
    texts = {i["key"]: i.get("minute_text") for i in july["items"]}
    assert texts["1"] == [
        "Apologies for absence were received from Councillor McCormack and Amy Kirman."
    ]
    assert texts["3"] == ["No Declarations of interest from Members were made."]
    assert texts["5"] is None  # its narrative is not transcribed (yet)


@pytest.mark.parametrize(
    "council, committee, on, recorded",
    [
        ("st-helens", "cyps-scrutiny", date(2022, 3, 21), "none"),
        ("st-helens", "cyps-scrutiny", date(2022, 7, 25), "none"),
        ("staffordshire", "safeguarding-osc", date(2023, 9, 14), "none"),
        ("croydon", "cyp-scrutiny-sub-committee", date(2017, 9, 19), "none"),
        ("halton", "executive-board", date(2022, 11, 17), None),  # a report: it cannot say
    ],
)
def test_meetings_whose_minutes_say_no_interests_were_declared_record_none(
    service_seeded, council, committee, on, recorded
):
    meeting = service_seeded.meeting(meeting_id(council, committee, on))
    assert (meeting["declarations_recorded"], meeting["declarations"]) == (recorded, [])


def test_the_seed_minutes_name_no_substitutes(service_seeded):
    """None of the five documents says anybody attended in place of a member."""
    on = date(2022, 7, 25)
    attendance = service_seeded.meeting(meeting_id("st-helens", "cyps-scrutiny", on))["attendance"]
    assert not any("substitute_for" in a for group in attendance.values() for a in group)
