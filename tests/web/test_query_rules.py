"""Query parameters that contradict each other are refused, not silently half-obeyed."""

from tests.web.helpers import a_resolved_resolution, invalid


def test_as_of_and_recorded_as_of_together_are_a_422_naming_the_conflict(client):
    resolution_id = a_resolved_resolution(client)
    response = client.get(
        f"/api/resolutions/{resolution_id}",
        query_string={"as_of": "2022-07-25", "recorded_as_of": "2026-01-01T00:00:00Z"},
    )
    body = invalid(response, "recorded_as_of")
    assert "not both" in str(body["fields"])
    for one in ({"as_of": "2022-07-25"}, {"recorded_as_of": "2030-01-01T00:00:00Z"}):
        assert client.get(f"/api/resolutions/{resolution_id}", query_string=one).status_code == 200
