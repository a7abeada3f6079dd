"""Moving a store: export every event as JSON lines, import into an empty store of
another kind, and the read models come out the same, row for row. A corrupt export
is refused whole, naming the line and the rule it breaks, and leaves the store as it
was: no event, no read model row."""

import json
import sys

import pytest

from tests.conftest import fresh_store
from web import create_app, service_of


def app_on(url):
    return create_app({"TESTING": True, "DATABASE_URL": url})


@pytest.fixture
def stores(tmp_path):
    with (
        fresh_store("sqlite", tmp_path / "a") as first,
        fresh_store("postgres", tmp_path / "b") as second,
        fresh_store("sqlite", tmp_path / "c") as third,
    ):
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

    events = service_of(source).recorder.max_notification_id()
    there = run(source, "export-events", str(tmp_path / "minutes.jsonl"))
    assert there.stdout.strip() == f"Exported {events} events."
    loaded = run(middle, "import-events", str(tmp_path / "minutes.jsonl"))
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout.strip() == (f"Imported {events} events; read models built from {events}.")
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


# Corrupt exports ----------------------------------------------------------------------
# The seeds begin: line 1 registers St Helens; line 2 establishes its committee (version
# 1), lines 3-12 appoint its members (line 4 its chair: a name alone, as a council's
# renaming has) at versions 2-11.


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The seeds exported once, as a list of parsed lines."""
    folder = tmp_path_factory.mktemp("source")
    with fresh_store("sqlite", folder) as url:
        source = app_on(url)
        run(source, "seed")
        run(source, "export-events", str(folder / "minutes.jsonl"))
        service_of(source).close()
    lines = [json.loads(text) for text in (folder / "minutes.jsonl").read_text().splitlines()]
    assert lines[1]["topic"] == "domain.committees:Committee.Established"
    assert lines[2]["topic"] == "domain.committees:Committee.MemberAppointed"
    assert lines[3]["topic"] == "domain.committees:Committee.ChairAppointed"
    return lines


@pytest.fixture(params=["sqlite", "postgres"])
def target(request, tmp_path):
    """An empty store to import into."""
    with fresh_store(request.param, tmp_path) as url:
        app = app_on(url)
        yield app
        service_of(app).close()


def altered(lines, number, **fields):
    """The export with line `number` (counting from 1) changed."""
    changed = [dict(line) for line in lines]
    changed[number - 1].update(fields)
    return changed


def state_of(line, **changes):
    """A line's state with some fields replaced (None: removed)."""
    state = json.loads(line["state"])
    for name, value in changes.items():
        if value is None:
            del state[name]
        else:
            state[name] = value
    return json.dumps(state)


def refused(app, lines, tmp_path, *, line: int, rule: str) -> str:
    """Import `lines`; it must be refused naming the line and the rule, and the store
    must be left as it was: no event, no read model row."""
    path = tmp_path / "corrupt.jsonl"
    path.write_text("".join(json.dumps(each) + "\n" for each in lines))
    result = run(app, "import-events", str(path))
    assert result.exit_code == 1, result.output
    assert f"line {line} is not an exported event ({rule}): " in result.output
    assert not service_of(app).recorder.max_notification_id()
    read_model = app.extensions["minutebook.reader"].projector.read_model
    assert read_model.position() == 0
    assert all(rows == [] for rows in read_model.dump().values())
    return result.output


@pytest.mark.parametrize(
    "state",
    [
        "another event's",
        "a field missing",
        "a date that is a string",
        "not JSON",
        "a value object of the wrong shape",
    ],
)
def test_an_event_whose_state_is_not_its_class_s_json_is_refused(exported, target, tmp_path, state):
    appointed, established = exported[2], exported[1]
    corrupt = {
        "another event's": established["state"],
        "a field missing": state_of(appointed, recorded_by=None),
        "a date that is a string": state_of(appointed, effective_date="2022-03-21"),
        "not JSON": appointed["state"][:-5],
        "a value object of the wrong shape": state_of(
            appointed, role={"_type_": "enum:MemberRole", "_data_": "emperor"}
        ),
    }[state]
    refused(target, altered(exported, 3, state=corrupt), tmp_path, line=3, rule="undecodable-state")


@pytest.mark.parametrize("topic", ["domain.committees:Committee.Abolished", "this:Zen"])
def test_an_event_of_an_unknown_topic_is_refused_without_importing_what_it_names(
    exported, target, tmp_path, topic
):
    output = refused(
        target, altered(exported, 3, topic=topic), tmp_path, line=3, rule="unknown-topic"
    )
    assert topic in output
    assert "this" not in sys.modules  # importing it would print the Zen of Python


@pytest.mark.parametrize("version", [4, 2, 3])
def test_a_record_whose_versions_do_not_rise_one_at_a_time_is_refused(
    exported, target, tmp_path, version
):
    # Line 4 is the committee's version 3: here it skips to 4, or repeats 2.
    lines = altered(exported, 4, originator_version=version)
    if version == 3:  # and a record that begins at version 2
        lines = altered(exported, 2, originator_version=2)
    output = refused(target, lines, tmp_path, line=2 if version == 3 else 4, rule="version-gap")
    assert "comes next" in output


def test_a_record_whose_first_event_does_not_create_it_is_refused(exported, target, tmp_path):
    # The committee's first event is a member's appointment, at version 1.
    appointed = exported[2]
    lines = altered(exported, 2, topic=appointed["topic"], state=appointed["state"])
    output = refused(target, lines, tmp_path, line=2, rule="not-created-first")
    assert "does not create a record" in output


@pytest.mark.parametrize(
    "change, line, rule",
    [
        ({"position": 1}, 3, "positions-out-of-order"),
        ({"position": True}, 3, "malformed-line"),
        ({"originator_id": "committee-1"}, 3, "bad-originator-id"),
        ({"topic": "domain.committees:Committee.Established"}, 3, "undecodable-state"),
        ({"topic": "domain.councils:Council.Renamed"}, 4, "mixed-record"),
    ],
    ids=[
        "a position repeated",
        "a position that is not a number",
        "an id that is not a UUID",
        "a state under another event's topic",
        "a council's event on a committee",
    ],
)
def test_every_other_corrupt_line_is_refused_naming_its_rule(
    exported, target, tmp_path, change, line, rule
):
    refused(target, altered(exported, line, **change), tmp_path, line=line, rule=rule)


def test_a_record_created_again_part_way_is_refused(exported, target, tmp_path):
    # As itself at version 2, then as a council.
    established, registered = exported[1], exported[0]
    again = altered(exported, 3, topic=established["topic"], state=established["state"])
    refused(target, again, tmp_path, line=3, rule="not-created-first")
    council_event = altered(exported, 3, topic=registered["topic"], state=registered["state"])
    refused(target, council_event, tmp_path, line=3, rule="not-created-first")
