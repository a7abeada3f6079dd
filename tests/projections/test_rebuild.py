"""A rebuild from the whole event store gives exactly the read models that were
maintained as the events arrived, on every store."""

import json
import threading
from types import SimpleNamespace

import pytest

from domain.details import event_data, event_json
from domain.projections.runner import Projector
from domain.projections.store import open_read_model
from seeds.replay import replay
from seeds.synthetic import Size, generate


def test_the_seeds_projected_one_event_at_a_time_equal_a_rebuild(service, projector, read_model):
    replay(service)
    projector.catch_up(batch_size=1)
    incremental = read_model.dump()
    assert len(incremental["read_audit"]) == service.recorder.max_notification_id()
    projector.rebuild()
    assert read_model.dump() == incremental


def test_a_generated_history_caught_up_while_it_is_written_equals_a_rebuild(
    service, projector, read_model
):
    # The read models follow the writes as they happen, a command at a time.
    generate(
        service,
        Size(councils=2, committees=1, members=5, meetings=3, resolutions=3),
        after_each=projector.catch_up,
    )
    incremental = read_model.dump()
    assert read_model.position() == service.recorder.max_notification_id()
    assert incremental["read_resolutions"] and incremental["read_action_progress"]
    projector.rebuild(batch_size=37)
    assert read_model.dump() == incremental


def test_a_projector_that_remembers_almost_nothing_gives_the_same_read_models(
    service, projector, read_model
):
    """Facts (a record's council, an exempt flag) are remembered between batches, and
    forgotten when too many are held: then they are read back from the tables."""
    replay(service)
    generate(service, Size(councils=1, committees=1, members=3, meetings=2, resolutions=2))
    projector.rebuild()
    remembered = read_model.dump()
    read_model.facts.limit = 2
    projector.rebuild(batch_size=7)
    assert len(read_model.facts._known) <= 2
    assert read_model.dump() == remembered


def test_rebuild_drops_rows_the_events_do_not_support(service, projector, read_model):
    replay(service)
    projector.catch_up()
    before = read_model.dump()
    with read_model.writing() as tx:  # damage a read model behind the projector's back
        tx.run("DELETE FROM {p}read_clauses")
        tx.run("INSERT INTO {p}read_councils (slug, name) VALUES ('bogus', 'Bogus')")
    assert read_model.dump() != before
    projector.rebuild()
    assert read_model.dump() == before


def test_each_event_is_applied_once_when_two_projectors_race(service, store_url, read_model):
    if store_url == "memory:":
        return  # an in-memory read store is private to its projector
    replay(service)
    other_model = open_read_model(store_url)
    try:
        racers = [Projector(service, read_model), Projector(service, other_model)]
        # Two projectors on the same read store catch up at once, in small batches:
        # tracking refuses a position already recorded, so each batch lands once.
        applied: list[int] = []
        threads = [
            threading.Thread(target=lambda p=p, n=n: applied.append(p.catch_up(batch_size=n)))
            for p, n in zip(racers, (3, 5), strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        positions = sorted(row["position"] for row in read_model.dump()["read_audit"])
        last = service.recorder.max_notification_id()
        assert positions == list(range(1, last + 1))
        assert sum(applied) == last  # between them, every event exactly once
        assert other_model.position() == read_model.position() == last
    finally:
        other_model.datastore.close()


def test_an_already_applied_batch_is_refused_and_changes_nothing(service, projector, read_model):
    import pytest
    from eventsourcing.persistence import IntegrityError, Tracking

    replay(service)
    projector.catch_up()
    before = read_model.dump()
    [notification] = service.recorder.select_notifications(start=5, limit=1)
    event = service.mapper.to_domain_event(notification)
    with pytest.raises(IntegrityError):
        read_model.apply([(event, Tracking("minutebook", notification.id))])
    assert read_model.dump() == before


@pytest.mark.parametrize("made_by", ["an older version", "a version before shapes"])
def test_read_models_of_another_shape_are_rebuilt_when_the_store_is_opened(
    service, store_url, projector, read_model, made_by
):
    if store_url == "memory:":
        pytest.skip("an in-memory read store is private to the process that made it")
    replay(service)
    projector.catch_up()
    expected = read_model.dump()
    with read_model.writing() as tx:  # as an older Minutebook left them
        for index in ("read_clauses_requested", "read_clauses_live"):
            tx.run(f"DROP INDEX {{p}}{index}" if read_model.postgres else f"DROP INDEX {index}")
        tx.run("ALTER TABLE {p}read_clauses DROP COLUMN seq")
        if made_by == "an older version":
            tx.run("UPDATE {p}read_shape SET shape = 'older'")
        else:
            tx.run("DROP TABLE {p}read_shape")
    reopened = open_read_model(store_url)
    try:
        assert reopened.position() == 0  # dropped, to be rebuilt by the next catch-up
        Projector(service, reopened).catch_up()
        assert reopened.dump() == expected
        again = open_read_model(store_url)  # the same shape now: kept as it is
        assert again.position() == reopened.position()
        again.datastore.close()
    finally:
        reopened.datastore.close()


def test_a_rebuild_keeps_the_tables_made_beside_the_read_models(
    service, store_url, projector, read_model
):
    # Another layer keeps a table of its own in the read store (as the web edge keeps
    # its tokens): it is no read model, so neither a rebuild nor a change of shape
    # may drop it.
    beside = "CREATE TABLE IF NOT EXISTS {p}kept_beside (note TEXT NOT NULL)"
    read_model.ensure_tables(beside)
    read_model.ensure_tables(beside)  # made once: a second start changes nothing
    with read_model.writing() as tx:
        tx.run("INSERT INTO {p}kept_beside (note) VALUES (?)", ("kept",))
    replay(service)
    projector.catch_up()
    projector.rebuild()
    read_model.drop()
    with read_model.writing() as tx:
        tx.run("UPDATE {p}read_shape SET shape = 'older'")
    read_model.ensure_shape()
    assert read_model.position() == 0  # the read models were dropped, to be rebuilt
    with read_model.reading(of_read_models=False) as tx:
        assert tx.rows("SELECT note FROM {p}kept_beside") == [{"note": "kept"}]


def test_a_projector_needs_of_the_application_only_its_recorder_and_mapper(
    service, projector, read_model
):
    replay(service)
    event_log = SimpleNamespace(recorder=service.recorder, mapper=service.mapper)
    applied = Projector(event_log, read_model).catch_up()
    assert applied == service.recorder.max_notification_id()
    from_the_log = read_model.dump()
    projector.rebuild()
    assert read_model.dump() == from_the_log


def test_the_audit_log_holds_each_event_s_data_as_its_history_shows_it(service):
    """The audit log's JSON is encoded in one pass (`event_json`); it must say what
    `event_data` (the service's history) says, for every kind of event in the seeds."""
    replay(service)
    for event in _every_event(service):
        assert json.loads(event_json(event)) == json.loads(
            json.dumps(event_data(event), default=str)
        )


def _every_event(service):
    for notification in service.recorder.select_notifications(start=1, limit=100_000):
        yield service.mapper.to_domain_event(notification)
