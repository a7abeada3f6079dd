"""A record read as it stood carries no ETag: its version is no state a write can
follow from, so a client that sent it back as If-Match would only be refused."""

from tests.web.helpers import JULY, a_resolved_resolution, ok, post, problem

ASSIGN = {"owner": "Director of Children's Services", "effective_date": "2022-07-26"}


def a_resolution_followed_up_the_next_day(client) -> str:
    """Carried on 25 July 2022 (version 2); its action assigned on the 26th (version 3)."""
    resolution_id = a_resolved_resolution(client)
    ok(post(client, f"/api/resolutions/{resolution_id}/clauses/2/assignments", ASSIGN))
    return resolution_id


def test_a_resolution_as_it_stood_on_a_date_has_no_etag(client):
    resolution_id = a_resolution_followed_up_the_next_day(client)
    then = client.get(f"/api/resolutions/{resolution_id}", query_string={"as_of": JULY})
    assert then.status_code == 200
    assert then.json["version"] == 2 and then.json["clauses"][1]["action"]["owner"] is None
    assert "ETag" not in then.headers


def test_a_resolution_as_it_was_recorded_at_an_instant_has_no_etag(client):
    resolution_id = a_resolution_followed_up_the_next_day(client)
    [proposed, *_] = client.get(f"/api/resolutions/{resolution_id}/history").json["items"]
    then = client.get(
        f"/api/resolutions/{resolution_id}",
        query_string={"recorded_as_of": proposed["recorded_at"]},
    )
    assert then.status_code == 200 and then.json["version"] == 1
    assert "ETag" not in then.headers


def test_a_meeting_as_it_stood_on_a_date_has_no_etag(client):
    resolution_id = a_resolution_followed_up_the_next_day(client)
    meeting_id = client.get(f"/api/resolutions/{resolution_id}").json["meeting_id"]
    ok(post(client, f"/api/meetings/{meeting_id}/held", {"effective_date": "2022-07-26"}))
    then = client.get(f"/api/meetings/{meeting_id}", query_string={"as_of": JULY})
    assert then.status_code == 200 and then.json["status"] == "scheduled"
    assert "ETag" not in then.headers


def test_a_record_read_as_it_is_keeps_the_etag_a_write_can_follow(client):
    resolution_id = a_resolution_followed_up_the_next_day(client)
    now = client.get(f"/api/resolutions/{resolution_id}")
    assert now.headers["ETag"] == '"3"' == f'"{now.json["version"]}"'
    meeting_id = now.json["meeting_id"]
    meeting = client.get(f"/api/meetings/{meeting_id}")
    assert meeting.headers["ETag"] == f'"{meeting.json["version"]}"'
    # The version the past read shows is stale: as If-Match it is refused, the current
    # one is taken.
    note = {"note": "Report in preparation", "effective_date": "2022-08-01"}
    progress = f"/api/resolutions/{resolution_id}/clauses/2/progress-notes"
    problem(post(client, progress, note, if_match='"2"'), 412, "stale-version")
    ok(post(client, progress, note, if_match=now.headers["ETag"]))
