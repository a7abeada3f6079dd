"""Moving a store: export every event as JSON lines, import into an empty store of
another kind, and the read models come out the same, row for row."""

import pytest

from tests.conftest import fresh_store
from web import create_app, service_of


def app_on(url):
    return create_app({"TESTING": True, "DATABASE_URL": url})


@pytest.fixture
def stores(tmp_path):
    with fresh_store("sqlite", tmp_path / "a") as first, \
            fresh_store("postgres", tmp_path / "b") as second, \
            fresh_store("sqlite", tmp_path / "c") as third:
        (tmp_path / "a").mkdir(), (tmp_path / "c").mkdir()
        apps = [app_on(url) for url in (first, second, third)]
        yield apps
        for app in apps:
            service_of(app).close()


def run(app, *args):
    result = app.test_cli_runner().invoke(args=list(args))
    return result


def test_a_store_moves_from_sqlite_to_postgresql_and_back_unchanged(stores, tmp_path):
    source, middle, back = stores
    assert run(source, "seed").exit_code == 0
    before = source.extensions["minutebook.reader"].projector.read_model.dump()

    there = run(source, "export-events", str(tmp_path / "minutes.jsonl"))
    assert there.output.strip() == "Exported 187 events."
    loaded = run(middle, "import-events", str(tmp_path / "minutes.jsonl"))
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output.strip() == "Imported 187 events; read models built from 187."
    assert middle.extensions["minutebook.reader"].projector.read_model.dump() == before

    run(middle, "export-events", str(tmp_path / "again.jsonl"))
    assert run(back, "import-events", str(tmp_path / "again.jsonl")).exit_code == 0
    assert back.extensions["minutebook.reader"].projector.read_model.dump() == before
    # The events themselves, timestamps and all, are byte for byte the same.
    assert (tmp_path / "minutes.jsonl").read_text() == (tmp_path / "again.jsonl").read_text()


def test_an_import_into_a_store_that_holds_events_is_refused(stores, tmp_path):
    source, target, _ = stores
    run(source, "seed")
    run(source, "export-events", str(tmp_path / "minutes.jsonl"))
    run(target, "seed")
    before = service_of(target).recorder.max_notification_id()
    refused = run(target, "import-events", str(tmp_path / "minutes.jsonl"))
    assert refused.exit_code == 1
    assert "already holds events" in refused.output
    assert service_of(target).recorder.max_notification_id() == before


def test_a_damaged_export_is_refused_before_anything_is_written(stores, tmp_path):
    source, target, _ = stores
    run(source, "seed")
    path = tmp_path / "minutes.jsonl"
    run(source, "export-events", str(path))
    lines = path.read_text().splitlines()
    lines[100] = lines[100][:40]  # cut short, as a broken copy would be
    path.write_text("\n".join(lines) + "\n")
    refused = run(target, "import-events", str(path))
    assert refused.exit_code == 1
    assert "line 101 is not an exported event" in refused.output
    assert not service_of(target).recorder.max_notification_id()
