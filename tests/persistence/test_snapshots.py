"""Long-lived records load from a snapshot and the events after it, not from the start."""

from datetime import date

from domain.service import SNAPSHOT_EVERY
from tests.conftest import replayed

DAY = date(2022, 1, 31)


def test_a_committee_with_a_long_life_loads_from_its_latest_snapshot(service):
    committee = service.establish_committee(
        council="halton",
        council_name="Halton",
        slug="board",
        name="Board",
        effective_date=DAY,
        recorded_by="t",
    ).id
    for i in range(2 * SNAPSHOT_EVERY + 30):
        service.add_work_programme_item(
            committee, f"topic {i}", effective_date=DAY, recorded_by="t"
        )
    [snapshot] = service.snapshots.get(committee, desc=True, limit=1)
    assert snapshot.originator_version == 2 * SNAPSHOT_EVERY
    # Loading reads the snapshot and only the events recorded after it ...
    after = list(service.events.get(committee, gt=snapshot.originator_version))
    assert len(after) == 31
    # ... and gives exactly the committee that replaying every event gives.
    assert service.repository.get(committee) == replayed(service, committee)
    assert service.committee(committee)["version"] == 2 * SNAPSHOT_EVERY + 31


def test_a_meeting_snapshot_survives_the_store(service, reopen):
    committee = service.establish_committee(
        council="halton",
        council_name="Halton",
        slug="board",
        name="Board",
        effective_date=DAY,
        recorded_by="t",
    ).id
    meeting = service.schedule_meeting(
        committee, meeting_date=DAY, effective_date=DAY, recorded_by="t"
    ).id
    for i in range(SNAPSHOT_EVERY + 5):
        service.add_agenda_item(
            meeting, title=f"Item {i}", minute=str(i), effective_date=DAY, recorded_by="t"
        )
    other = reopen()
    assert list(other.snapshots.get(meeting))
    assert other.repository.get(meeting) == replayed(service, meeting)


def test_an_action_stored_before_actions_kept_their_last_step_still_loads(service):
    from domain.values import Action, ActionStatus

    # As a snapshot written before Action had `last_step_on` holds it: no such field.
    stored = (
        b'{"_type_":"value:Action","_data_":{"status":{"_type_":"enum:ActionStatus",'
        b'"_data_":"open"},"owner":null,"due_date":null,"due_meeting":null,'
        b'"requested_on":{"_type_":"date_iso","_data_":"2022-07-25"},'
        b'"referred_to":null,"report_back_requested_on":null,"closed_on":null,'
        b'"outcome":null,"progress":[]}}'
    )
    assert service.mapper.transcoder.decode(stored) == Action(
        ActionStatus.OPEN, requested_on=date(2022, 7, 25), last_step_on=None
    )
