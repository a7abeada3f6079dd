"""Cursors are opaque, but a client can make one by hand: one whose values are of the
wrong type for the columns it pages by (a number where a date belongs, text where a
position belongs) is refused with a 422 on every list, never compared by the database
(PostgreSQL refuses to compare text with a number, which was a 500)."""

import base64
import json

import pytest

pytestmark = pytest.mark.every_store  # each database compares a cursor's values in its own way

# Each list and the types of its key's columns: t text (dates, ids, slugs), n a number.
LISTS = {
    "/api/councils": "t",
    "/api/committees": "tt",
    "/api/meetings": "tt",
    "/api/resolutions": "tn",
    "/api/audit": "n",
    "/api/actions": "tnn",
}


def cursor(*values):
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def flipped(types):
    """A key of the right width with every value of the wrong type."""
    return [1 if t == "t" else "2022-07-25" for t in types]


@pytest.mark.parametrize("path", LISTS)
def test_a_hand_made_cursor_of_the_wrong_types_is_a_422_on_every_list(client, path):
    response = client.get(path, query_string={"cursor": cursor(*flipped(LISTS[path]))})
    assert response.status_code == 422, response.get_json()
    assert "cursor" in response.get_json()["message"]


@pytest.mark.parametrize("path", LISTS)
def test_a_hand_made_cursor_of_the_right_types_is_simply_a_place_in_the_list(client, path):
    key = ["2022-07-25" if t == "t" else 1 for t in LISTS[path]]
    assert client.get(path, query_string={"cursor": cursor(*key)}).status_code == 200


def test_a_cursor_given_out_still_pages(client):
    """The checks refuse only what no page ever gave out."""
    client.application.test_cli_runner().invoke(args=["seed"])
    first = client.get("/api/resolutions?limit=2").get_json()
    second = client.get("/api/resolutions", query_string={"limit": 2, "cursor": first["next"]})
    assert second.status_code == 200
    assert second.get_json()["items"][0]["id"] not in {r["id"] for r in first["items"]}
