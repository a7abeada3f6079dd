"""A record as it stood is built from its own events, read once: a step recorded before
another that took effect earlier is folded in its place, and a meeting's resolutions
as of a date come from the read models, never from replaying each one."""

import pytest

from tests.web.helpers import CLAUSES, JULY, a_meeting_with_an_item, ok, post, propose
from web import service_of

TWO_ACTIONS = [
    *CLAUSES,
    {
        "number": 3,
        "text": "the Director be asked to review school transport",
        "kind": "instruction",
        "action": {"due_date": "2022-12-01"},
    },
]


@pytest.fixture
def streams_read(app, monkeypatch):
    """The ids of the records whose events the store is asked for, in order."""
    events = service_of(app).events
    asked, get = [], events.get

    def get_and_note(originator_id, *args, **kwargs):
        asked.append(originator_id)
        return get(originator_id, *args, **kwargs)

    monkeypatch.setattr(events, "get", get_and_note)
    return asked


def assign(client, resolution_id: str, clause: int, owner: str, on: str) -> None:
    ok(
        post(
            client,
            f"/api/resolutions/{resolution_id}/clauses/{clause}/assignments",
            {"owner": owner, "effective_date": on},
        )
    )


def owners(client, resolution_id: str, as_of: str) -> tuple[int, list]:
    then = client.get(f"/api/resolutions/{resolution_id}", query_string={"as_of": as_of}).json
    return then["version"], [c["action"] and c["action"]["owner"] for c in then["clauses"]]


def test_a_step_recorded_before_one_that_took_effect_earlier_is_folded_in_its_place(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id, TWO_ACTIONS)["id"]
    ok(post(client, f"/api/resolutions/{resolution_id}/resolve", {"effective_date": JULY}))
    # The clerk records clause 2's owner (from 10 August), then clause 3's (from 1 August).
    assign(client, resolution_id, 2, "Director of Children's Services", "2022-08-10")
    assign(client, resolution_id, 3, "Head of Transport", "2022-08-01")
    # Its version names the last step in effect.
    assert owners(client, resolution_id, "2022-07-31") == (2, [None, None, None])
    assert owners(client, resolution_id, "2022-08-05") == (4, [None, None, "Head of Transport"])
    assert owners(client, resolution_id, "2022-08-10") == (
        4,
        [None, "Director of Children's Services", "Head of Transport"],
    )


def test_a_resolution_as_it_stood_reads_its_events_once(client, streams_read):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id)["id"]
    ok(post(client, f"/api/resolutions/{resolution_id}/resolve", {"effective_date": JULY}))
    [proposed, *_] = client.get(f"/api/resolutions/{resolution_id}/history").json["items"]
    for past in ({"as_of": JULY}, {"recorded_as_of": proposed["recorded_at"]}):
        streams_read.clear()
        then = client.get(f"/api/resolutions/{resolution_id}", query_string=past)
        assert then.status_code == 200
        assert [str(i) for i in streams_read] == [resolution_id], past


def test_a_meeting_as_it_stood_replays_none_of_its_resolutions(client, streams_read):
    _, meeting_id = a_meeting_with_an_item(client)
    proposed = [propose(client, meeting_id, TWO_ACTIONS)["id"]]
    ok(
        post(
            client,
            f"/api/meetings/{meeting_id}/items",
            {"title": "SCHOOL PLACES", "minute": "6", "effective_date": JULY},
        )
    )
    body = {"meeting_id": meeting_id, "item": "6", "clauses": CLAUSES, "effective_date": JULY}
    proposed.append(ok(post(client, "/api/resolutions", body), 201)["id"])
    streams_read.clear()
    then = client.get(f"/api/meetings/{meeting_id}", query_string={"as_of": JULY})
    assert [r["id"] for r in then.json["resolutions"]] == proposed
    assert [str(i) for i in streams_read] == [meeting_id]
