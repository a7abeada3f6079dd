"""Recording a whole minutes document: one transaction across every record it names,
whichever store; the same document twice, or from two clients at once, recorded once;
and `flask minutes record`, the same path from a file."""

from __future__ import annotations

import json
from datetime import date

import pytest
from eventsourcing.persistence import IntegrityError
from marshmallow import Schema

from domain.committees import Committee
from domain.meetings import Meeting
from domain.minutes.recording import MinutesBuild, MinutesInvalid, record_minutes
from domain.minutes.toml_text import dumps
from domain.resolutions import Resolution
from tests.web.helpers import auth
from tests.web.minutes_documents import document
from tests.web.test_concurrency import post, race, server  # noqa: F401 (a fixture)
from web.schemas.minutes import MinutesDocument

COMMITTEE = Committee.create_id("st-helens", "cyps-scrutiny")
APOLOGIES = {"minute": "36", "title": "APOLOGIES"}


def loaded(doc) -> dict:
    """The document as the endpoint and the command hand it on: checked by its schema."""
    schema: Schema = MinutesDocument()
    return schema.load(doc)


def position(service) -> int:
    return service.recorder.max_notification_id() or 0


def test_one_bad_clause_records_nothing_in_any_store(service):
    doc = document()
    doc["items"][3]["resolution"]["clauses"][0]["text"] = " "
    with pytest.raises(MinutesInvalid) as refused:
        record_minutes(service, loaded(doc), recorded_by="clerk", may_establish=True)
    assert [p.path for p in refused.value.problems] == ["items[3].resolution.clauses[0]"]
    assert position(service) == 0


def test_the_records_of_a_document_are_saved_in_one_transaction(service):
    """A change saved by somebody else between building and saving the document's
    records fails the whole save: none of its records, new or changed, is written."""
    record_minutes(service, loaded(document()), recorded_by="clerk", may_establish=True)
    doc = document(venue="Room 12")
    doc["items"].append(
        {
            "minute": "9",
            "title": "ANY OTHER BUSINESS",
            "resolution": {"clauses": [{"kind": "noted", "text": "the update be noted."}]},
        }
    )
    build = MinutesBuild(service, loaded(doc), "clerk", may_establish=False)
    build.run()
    assert not build.problems and not build.conflicts
    # Another clerk records the meeting's first minute anew, after the build loaded it.
    meeting_id = build.meeting_id
    before = position(service)
    service.record_minute_text(
        meeting_id,
        item="1",
        paragraphs=["Apologies were received."],
        effective_date=date(2022, 7, 25),
        recorded_by="another clerk",
    )
    with pytest.raises(IntegrityError):
        build.save()
    assert position(service) == before + 1
    assert not service.exists(Resolution.create_id(meeting_id, "9"))
    assert service.meeting(meeting_id)["venue"] == "Room 10"
    # Sent again, the document is recorded on the meeting as it now stands.
    receipt = record_minutes(service, loaded(doc), recorded_by="clerk")
    assert service.exists(Resolution.create_id(meeting_id, "9"))
    assert service.meeting(meeting_id)["venue"] == "Room 12"
    # The meeting: the venue corrected, item 9 added and cited, and the first minute's
    # text recorded back as the document has it; item 9's resolution proposed, cited
    # and resolved.
    assert receipt.new_events == 4 + 3


def test_a_new_committees_records_are_not_saved_when_its_council_was_registered_meanwhile(
    service,
):
    build = MinutesBuild(service, loaded(document()), "clerk", may_establish=True)
    build.run()
    service.establish_committee(
        council="st-helens",
        council_name="St Helens Borough Council",
        slug="licensing",
        name="Licensing Committee",
        effective_date=date(2022, 1, 1),
        recorded_by="another admin",
    )
    before = position(service)
    with pytest.raises(IntegrityError):
        build.save()
    assert position(service) == before
    assert not service.exists(build.meeting_id)


def test_two_clients_sending_the_same_document_at_once_record_it_once(server):  # noqa: F811
    app, base = server
    headers = auth(app.test_client())

    results = race(4, lambda _: post(base, "/api/minutes", document(), headers))

    statuses = sorted(status for status, _ in results)
    assert statuses == [200, 200, 200, 201], results
    new = sorted(body["new_events"] for _, body in results)
    assert new[:3] == [0, 0, 0]
    events = app.test_client().get("/api/events?limit=1000", headers=headers).get_json()
    assert len(events["items"]) == new[3]


# flask --app wsgi minutes record FILE --------------------------------------------


def run(app, *args):
    return app.test_cli_runner().invoke(args=["minutes", "record", *args])


def test_a_toml_document_is_recorded_with_a_line_per_meeting_and_once(app, tmp_path):
    march = tmp_path / "march.toml"
    march.write_text(
        dumps(document(date="2022-03-21", referenced_meetings=[], items=[APOLOGIES])),
        encoding="utf-8",
    )
    july = tmp_path / "july.json"
    july.write_text(json.dumps(document()), encoding="utf-8")

    result = run(app, str(march), str(july))

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2022-03-21  st-helens/cyps-scrutiny  ")
    assert "new events" in lines[0]
    assert lines[1].startswith("2022-07-25  st-helens/cyps-scrutiny  ")
    again = run(app, str(march), str(july))
    assert again.exit_code == 0, again.output
    assert again.stdout.count("already recorded") == 2
    service = app.extensions["minutebook"]
    meeting = service.meeting(Meeting.create_id(COMMITTEE, date(2022, 3, 21)))
    assert meeting["minutes_approved_by"] is not None


def test_a_refused_document_prints_each_problem_and_records_nothing(app, tmp_path):
    doc = document()
    doc["items"][2]["resolution"]["clauses"][1].pop("action")
    doc["attendance"]["present"].append({"name": "Councillor Nobody"})
    path = tmp_path / "july.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    result = run(app, str(path))

    assert result.exit_code != 0
    assert "items[2].resolution.clauses[1]: [action-required]" in result.stderr
    assert "attendance.present[2]: [not-a-member-that-day]" in result.stderr
    assert "nothing recorded" in result.stderr
    assert (app.extensions["minutebook"].recorder.max_notification_id() or 0) == 0


def test_a_document_that_does_not_fit_the_schema_is_refused_by_the_command(app, tmp_path):
    path = tmp_path / "july.toml"
    path.write_text(dumps(document(date="25 July 2022")), encoding="utf-8")
    result = run(app, str(path))
    assert result.exit_code != 0
    assert "date: Not a valid date." in result.stderr
