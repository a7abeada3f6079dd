from datetime import date

import pytest

from domain.councils import Council, CouncilAlreadyNamed, CouncilNameDiffers
from tests.domain.builders import CLERK, event_names


def st_helens() -> Council:
    return Council.register(
        slug="st-helens",
        name="St Helens Borough Council",
        effective_date=date(2022, 1, 31),
        recorded_by=CLERK,
    )


def test_a_council_is_its_own_council_and_its_id_comes_from_its_slug():
    council = st_helens()
    assert (council.council, council.id) == ("st-helens", Council.create_id("st-helens"))


def test_a_council_is_named_otherwise_only_by_renaming_it():
    council = st_helens()
    council.check_named("St Helens Borough Council")
    with pytest.raises(CouncilNameDiffers, match="rename"):
        council.check_named("0")
    council.rename("St Helens Council", effective_date=date(2023, 4, 1), recorded_by=CLERK)
    assert council.name == "St Helens Council"
    with pytest.raises(CouncilAlreadyNamed):
        council.rename("St Helens Council", effective_date=date(2023, 4, 1), recorded_by=CLERK)
    assert event_names(council) == ["Registered", "Renamed"]
