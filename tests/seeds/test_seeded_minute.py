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
