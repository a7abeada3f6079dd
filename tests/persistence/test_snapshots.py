"""Long-lived records load from a snapshot and the events after it, not from the start."""

from datetime import date

from domain.service import SNAPSHOT_EVERY
from tests.conftest import replayed

DAY = date(2022, 1, 31)


def test_a_committee_with_a_long_life_loads_from_its_latest_snapshot(service):
    committee = service.establish_committee(council="halton", council_name="Halton",
                                            slug="board", name="Board", on=DAY, by="t").id
    for i in range(2 * SNAPSHOT_EVERY + 30):
        service.add_work_programme_item(committee, f"topic {i}", on=DAY, by="t")
    [snapshot] = service.snapshots.get(committee, desc=True, limit=1)
    assert snapshot.originator_version == 2 * SNAPSHOT_EVERY
    # Loading reads the snapshot and only the events recorded after it ...
    after = list(service.events.get(committee, gt=snapshot.originator_version))
    assert len(after) == 31
    # ... and gives exactly the committee that replaying every event gives.
    assert service.repository.get(committee) == replayed(service, committee)
    assert service.committee(committee)["version"] == 2 * SNAPSHOT_EVERY + 31


def test_a_meeting_snapshot_survives_the_store(service, reopen):
    committee = service.establish_committee(council="halton", council_name="Halton",
                                            slug="board", name="Board", on=DAY, by="t").id
    meeting = service.schedule_meeting(committee, meeting_date=DAY, on=DAY, by="t").id
    for i in range(SNAPSHOT_EVERY + 5):
        service.add_agenda_item(meeting, title=f"Item {i}", minute=str(i), on=DAY, by="t")
    other = reopen()
    assert list(other.snapshots.get(meeting))
    assert other.repository.get(meeting) == replayed(service, meeting)
