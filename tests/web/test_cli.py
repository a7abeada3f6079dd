"""`flask --app wsgi seed`: replay the minutes, print a line a meeting, then do nothing."""

from web import create_app, service_of


def test_seed_prints_a_summary_per_meeting_and_a_second_run_records_nothing(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert any(
        line.startswith("2022-07-25  st-helens")
        and "8 items" in line
        and "5 resolutions" in line
        and "10 clauses" in line
        and "4 open actions" in line
        for line in lines
    )
    assert any(line.startswith("2022-11-17  halton") and "scheduled" in line for line in lines)
    assert lines[-2].startswith("Recorded ") and lines[-2].endswith(" new events.")
    assert lines[-1] == f"Read models brought up to date ({lines[-2].split()[1]} events applied)."

    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[-2:] == [
        "Recorded 0 new events: the store already holds these minutes.",
        "Read models brought up to date (0 events applied).",
    ]


def test_seed_if_empty_leaves_a_store_that_holds_events_alone(app):
    runner = app.test_cli_runner()
    assert "Recorded" in runner.invoke(args=["seed", "--if-empty"]).output
    again = runner.invoke(args=["seed", "--if-empty"])
    assert again.output.strip() == "The store already holds events: not seeding."


def test_seed_records_the_actor_it_is_given(app):
    result = app.test_cli_runner().invoke(args=["seed", "--by", "clerk@croydon"])
    assert result.exit_code == 0, result.output
    events = service_of(app).recorder.select_notifications(start=1, limit=5)
    assert all(b'"recorded_by":"clerk@croydon"' in n.state for n in events)


def test_the_store_is_chosen_by_the_database_url_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'from-env' / 'mb.sqlite3'}")
    app = create_app({"TESTING": True})
    assert app.config["DATABASE_URL"].endswith("from-env/mb.sqlite3")
    assert (tmp_path / "from-env").is_dir()
    service_of(app).close()
