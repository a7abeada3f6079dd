"""Private means private: a resolution on an exempt item is exempt, so the item's title
never reaches an anonymous reader through search, the meeting or the event feed; and a
change dated after today is refused (a progress note "effective" in 2199 made the
tracker show a negative age)."""

from datetime import timedelta

import pytest

from domain.recording import today
from tests.web.helpers import (
    CLAUSES,
    JULY,
    a_meeting_with_an_item,
    a_resolved_resolution,
    ok,
    post,
    problem,
)

pytestmark = pytest.mark.every_store  # hiding is done in each store's SQL, search included

TITLE = "STAFFING RESTRUCTURE OF THE FOSTERING SERVICE"


def exempt_item(client):
    _, meeting_id = a_meeting_with_an_item(client)
    ok(
        post(
            client,
            f"/api/meetings/{meeting_id}/items",
            {"title": TITLE, "minute": "9", "exempt": True, "effective_date": JULY},
        )
    )
    return meeting_id


def test_a_resolution_on_an_exempt_item_cannot_be_proposed_as_public(client):
    meeting_id = exempt_item(client)
    problem(
        post(
            client,
            "/api/resolutions",
            {
                "meeting_id": meeting_id,
                "item": "9",
                "clauses": CLAUSES,
                "exempt": False,
                "effective_date": JULY,
            },
        ),
        409,
        "public-resolution-on-exempt-item",
    )


def test_an_exempt_items_title_reaches_no_anonymous_reader(client):
    meeting_id = exempt_item(client)
    ok(
        post(
            client,
            "/api/resolutions",
            {"meeting_id": meeting_id, "item": "9", "clauses": CLAUSES, "effective_date": JULY},
        ),
        201,
    )
    anonymous = [
        client.get("/api/resolutions", query_string={"q": "fostering"}),
        client.get(f"/api/meetings/{meeting_id}"),
        client.get("/api/events?limit=1000"),
        client.get("/api/audit?limit=200"),
        client.get("/api/actions?limit=200"),
    ]
    for response in anonymous:
        assert response.status_code == 200
        assert "FOSTERING" not in response.get_data(as_text=True).upper()


def test_a_progress_note_dated_after_today_is_refused(client):
    resolution_id = a_resolved_resolution(client)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    problem(
        post(
            client,
            f"/api/resolutions/{resolution_id}/clauses/2/progress-notes",
            {"note": "in hand", "effective_date": tomorrow},
        ),
        422,
        "effective-date-in-the-future",
    )
    problem(
        post(
            client,
            f"/api/resolutions/{resolution_id}/clauses/2/progress-notes",
            {"note": "in hand", "effective_date": "2199-01-01"},
        ),
        422,
        "effective-date-in-the-future",
    )


def test_a_public_resolution_superseded_by_an_exempt_one_does_not_name_it_in_public(client):
    _, meeting_id = a_meeting_with_an_item(client)
    public = ok(
        post(
            client,
            "/api/resolutions",
            {"meeting_id": meeting_id, "item": "5", "clauses": CLAUSES, "effective_date": JULY},
        ),
        201,
    )["id"]
    ok(post(client, f"/api/resolutions/{public}/resolve", {"effective_date": JULY}))
    ok(
        post(
            client,
            f"/api/meetings/{meeting_id}/items",
            {"title": TITLE, "minute": "9", "exempt": True, "effective_date": JULY},
        )
    )
    private = ok(
        post(
            client,
            "/api/resolutions",
            {"meeting_id": meeting_id, "item": "9", "clauses": CLAUSES, "effective_date": JULY},
        ),
        201,
    )["id"]
    ok(
        post(
            client,
            f"/api/resolutions/{public}/rescind",
            {"superseded_by": private, "effective_date": JULY},
        )
    )
    for path in (
        "/api/events?limit=1000",
        "/api/audit?limit=200",
        f"/api/resolutions/{public}/history",
    ):
        assert private not in client.get(path).get_data(as_text=True), path
    assert client.get(f"/api/resolutions/{public}").get_json()["status"] == "rescinded"
