"""The whole minute over HTTP: what clerks' minutes hold beside the resolutions."""

from tests.web.helpers import (
    CLAUSES,
    JULY,
    a_meeting_with_an_item,
    invalid,
    ok,
    post,
    propose,
    read,
)

LABELLED = [{**CLAUSES[0], "label": "(i)"}, {**CLAUSES[1], "label": "(ii)"}]


def test_clause_labels_are_shown_now_and_as_of_a_date(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id, LABELLED)["id"]
    now = read(client, "resolutions", resolution_id)
    then = client.get(f"/api/resolutions/{resolution_id}", query_string={"as_of": JULY}).json
    for shown in (now, then):
        assert [(c["number"], c["label"]) for c in shown["clauses"]] == [(1, "(i)"), (2, "(ii)")]


def test_a_clause_sent_without_a_label_is_read_as_before_without_one(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id)["id"]
    assert ["label" in c for c in read(client, "resolutions", resolution_id)["clauses"]] == [
        False,
        False,
    ]


def test_an_over_long_label_is_refused_naming_the_field(client):
    _, meeting_id = a_meeting_with_an_item(client)
    clauses = [{**CLAUSES[0], "label": "x" * 21}]
    body = {"meeting_id": meeting_id, "item": "5", "clauses": clauses, "effective_date": JULY}
    invalid(post(client, "/api/resolutions", body), "clauses")


def test_a_label_on_two_lines_is_refused_by_the_domain(client):
    _, meeting_id = a_meeting_with_an_item(client)
    clauses = [{**CLAUSES[0], "label": "(i)\n(ii)"}]
    body = {"meeting_id": meeting_id, "item": "5", "clauses": clauses, "effective_date": JULY}
    response = post(client, "/api/resolutions", body)
    assert response.status_code == 422, response.json
    assert "one line" in response.json["message"]


def test_an_amendment_carries_labels_too(client):
    _, meeting_id = a_meeting_with_an_item(client)
    resolution_id = propose(client, meeting_id)["id"]
    body = {"clauses": LABELLED, "effective_date": JULY}
    ok(post(client, f"/api/resolutions/{resolution_id}/amendments", body))
    labels = [c["label"] for c in read(client, "resolutions", resolution_id)["clauses"]]
    assert labels == ["(i)", "(ii)"]
