"""A resolution recorded through the API from proposal to report back, each step read
back from the register, the tracker, the history and the record as it stood."""

import pytest

from tests.web.helpers import SEED_EVENTS, auth
from web import create_app, service_of

pytestmark = pytest.mark.every_store  # every read model, the worker and the rebuild on each store


def post(client, url, body, actor="clerk@st-helens", status=200, headers=()):
    response = client.post(url, json=body, headers={**auth(client, actor), **dict(headers)})
    assert response.status_code == status, response.json
    return response.json


def test_a_resolution_from_proposal_to_report_back(client):
    # The clerk sets up the committee and its July meeting.
    committee = post(
        client,
        "/api/committees",
        {
            "council": "st-helens",
            "council_name": "St Helens Borough Council",
            "slug": "cyps-scrutiny",
            "name": "Children and Young People Services Scrutiny Committee",
            "effective_date": "2022-01-31",
        },
        status=201,
    )["id"]
    meeting = post(
        client,
        "/api/meetings",
        {
            "committee_id": committee,
            "date": "2022-07-25",
            "start_time": "10:00",
            "venue": "Room 10",
            "effective_date": "2022-07-11",
        },
        status=201,
    )["id"]
    item = post(
        client,
        f"/api/meetings/{meeting}/items",
        {"minute": "5", "title": "DIRECTORS REPORT", "effective_date": "2022-07-25"},
    )["item"]

    # The report's recommendation is proposed: its action waits for the decision.
    proposed = post(
        client,
        "/api/resolutions",
        {
            "meeting_id": meeting,
            "item": item,
            "effective_date": "2022-07-25",
            "clauses": [
                {"number": 1, "text": "the report be noted; and", "kind": "noted"},
                {
                    "number": 2,
                    "kind": "report back",
                    "text": "an update on the plans for SEND be brought back to a future meeting",
                    "action": {"due_meeting": "a future meeting of the Committee"},
                },
            ],
        },
        status=201,
    )
    rid = proposed["id"]
    assert client.get("/api/actions").json["items"] == []
    assert client.get("/api/resolutions?status=proposed").json["items"][0]["id"] == rid

    # The committee resolves it; the action opens and shows in the tracker.
    resolved = client.post(
        f"/api/resolutions/{rid}/resolve",
        json={"effective_date": "2022-07-25"},
        headers={**auth(client), "If-Match": '"1"'},
    )
    assert resolved.status_code == 200 and resolved.headers["ETag"] == '"2"'
    [action] = client.get("/api/actions?status=open").json["items"]
    assert (action["resolution_id"], action["clause"], action["status"]) == (rid, 2, "open")

    # The director is asked for a report back by October, and gives it.
    post(
        client,
        f"/api/resolutions/{rid}/clauses/2/assignments",
        {"owner": "Director of Children's Services", "effective_date": "2022-07-26"},
    )
    post(
        client,
        f"/api/resolutions/{rid}/clauses/2/report-back-requests",
        {"due_date": "2022-10-10", "effective_date": "2022-07-26"},
    )
    october = post(
        client,
        "/api/meetings",
        {"committee_id": committee, "date": "2022-10-10", "effective_date": "2022-07-26"},
        status=201,
    )["id"]
    post(
        client,
        f"/api/resolutions/{rid}/clauses/2/reports-back",
        {
            "summary": "SEND plans presented",
            "at_meeting_id": october,
            "effective_date": "2022-10-10",
        },
        actor="director@st-helens",
    )

    # The register, the tracker and the history all say so.
    now = client.get(f"/api/resolutions/{rid}").json
    assert now["clauses"][1]["action"]["status"] == "reported back"
    assert now["open_actions"] == 0
    assert client.get("/api/actions?status=open").json["items"] == []
    [closed] = client.get("/api/actions?status=closed").json["items"]
    assert (closed["closed_on"], closed["owner"]) == (
        "2022-10-10",
        "Director of Children's Services",
    )
    history = client.get(f"/api/resolutions/{rid}/history").json["items"]
    assert [(h["event"], h["actor"], h["effective_date"]) for h in history] == [
        ("Proposed", "clerk@st-helens", "2022-07-25"),
        ("Resolved", "clerk@st-helens", "2022-07-25"),
        ("ActionAssigned", "clerk@st-helens", "2022-07-26"),
        ("ReportBackRequested", "clerk@st-helens", "2022-07-26"),
        ("ReportedBack", "director@st-helens", "2022-10-10"),
    ]

    # As it stood in the world before and after the report back.
    summer = client.get(f"/api/resolutions/{rid}?as_of=2022-08-01").json
    assert summer["clauses"][1]["action"]["status"] == "open"
    assert summer["clauses"][1]["action"]["due_date"] == "2022-10-10"
    autumn = client.get(f"/api/resolutions/{rid}?as_of=2022-10-10").json
    assert autumn["clauses"][1]["action"]["status"] == "reported back"
    assert client.get(f"/api/resolutions/{rid}?as_of=2022-07-24").status_code == 404
    [then] = client.get("/api/actions?as_of=2022-09-01").json["items"]
    assert (then["status"], then["rag"]) == ("open", "green")
    [late] = client.get("/api/actions?as_of=2022-10-09").json["items"]
    assert late["rag"] == "amber"


def test_a_worker_deployment_makes_readers_wait_for_their_position(store_url):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": store_url,
            "PROJECTIONS": "worker",
            "READ_WAIT_SECONDS": 0.2,
        }
    )
    client = app.test_client()
    try:
        receipt = post(
            client,
            "/api/committees",
            {
                "council": "halton",
                "council_name": "Halton Borough Council",
                "slug": "executive-board",
                "name": "Executive Board",
                "kind": "board",
                "effective_date": "2022-11-17",
            },
            status=201,
        )
        # No worker has run: a reader that needs this write is told to retry.
        behind = client.get(f"/api/committees?min_position={receipt['position']}")
        assert behind.status_code == 503 and behind.json["rule"] == "read-model-behind"
        assert behind.headers["Retry-After"] == "1"
        # The worker catches up; now the reader sees its write.
        app.extensions["minutebook.reader"].projector.catch_up()
        fresh = client.get(f"/api/committees?min_position={receipt['position']}")
        assert [c["slug"] for c in fresh.json["items"]] == ["executive-board"]
    finally:
        service_of(app).close()


def test_the_rebuild_command_gives_the_same_read_models(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed"])
    read_model = app.extensions["minutebook.reader"].projector.read_model
    before = read_model.dump()
    result = runner.invoke(args=["rebuild", "--batch-size", "50"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"Rebuilt the read models from {SEED_EVENTS} events; at position {SEED_EVENTS}."
    )
    assert read_model.dump() == before
