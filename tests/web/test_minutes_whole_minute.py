"""A minutes document carries the whole minute: a second meeting of the committee that
day (its sitting), and several resolutions on one item (an amendment carried, then the
substantive motion), each recorded once."""

from __future__ import annotations

from tests.web.helpers import auth, event_count, read
from tests.web.minutes_documents import document

AMENDED = [
    {"clauses": [{"kind": "approved", "text": "the amendment be agreed"}]},
    {
        "clauses": [
            {"label": "(a)", "kind": "noted", "text": "the report, as amended, be noted; and"},
            {
                "label": "(b)",
                "kind": "report back",
                "text": "a further report be brought back",
                "action": {"due_meeting": "the next meeting"},
            },
        ]
    },
]


def record(client, doc):
    return client.post("/api/minutes", json=doc, headers=auth(client))


def with_two_resolutions_on_item_8(doc):
    item = next(i for i in doc["items"] if i["minute"] == "8")
    item.pop("resolution", None)
    item["resolutions"] = AMENDED
    return doc


def test_an_item_with_several_resolutions_records_each_in_order_once(client):
    receipt = record(client, with_two_resolutions_on_item_8(document())).get_json()
    meeting = read(client, "meetings", receipt["meeting_id"])
    on_8 = [r for r in meeting["resolutions"] if r["item"] == "8"]
    assert len(on_8) == 2
    first, second = (read(client, "resolutions", r["id"]) for r in on_8)
    assert [c["text"] for c in first["clauses"]] == ["the amendment be agreed"]
    assert [c["label"] for c in second["clauses"]] == ["(a)", "(b)"]
    assert first["status"] == second["status"] == "resolved"
    before = event_count(client)
    again = record(client, with_two_resolutions_on_item_8(document()))
    assert again.status_code == 200 and again.get_json()["new_events"] == 0
    assert event_count(client) == before


def test_a_second_meeting_that_day_is_its_own_record(client):
    ordinary = record(client, document()).get_json()
    special = document()
    special.update(sitting=2, start_time="19:30", referenced_meetings=[])
    special["items"] = [i for i in special["items"] if i["minute"] == "1"]
    response = record(client, special)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["meeting_id"] != ordinary["meeting_id"]
    assert read(client, "meetings", response.get_json()["meeting_id"])["start_time"] == "19:30:00"


def test_an_item_sends_one_resolution_or_several_not_both(client):
    doc = with_two_resolutions_on_item_8(document())
    item = next(i for i in doc["items"] if i["minute"] == "8")
    item["resolution"] = AMENDED[0]
    response = record(client, doc)
    assert response.status_code == 422
    assert any("resolutions" in field for field in str(response.get_json()["fields"]).split("'"))
    assert event_count(client) == 0
