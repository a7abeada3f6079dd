"""The read paths of the contract, on the seeded store, through the Flask test client."""

from datetime import date

import pytest

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from tests.conftest import STORES, fresh_store
from tests.web.helpers import CLAUSES, CLERK, SEED_EVENTS, a_meeting_with_an_item, auth, ok, post
from tests.web.helpers import JULY as JULY_DAY
from web import create_app, service_of

ST_HELENS = Committee.create_id("st-helens", "cyps-scrutiny")
MARCH = Meeting.create_id(ST_HELENS, date(2022, 3, 21))
JULY = Meeting.create_id(ST_HELENS, date(2022, 7, 25))
SEND = Resolution.create_id(JULY, "5")
NOWHERE = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(scope="module", params=STORES)
def seeded(request, tmp_path_factory):
    """One seeded app per store for the whole module: these tests only read."""
    with fresh_store(request.param, tmp_path_factory.mktemp("reads")) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        result = app.test_cli_runner().invoke(args=["seed"])
        assert result.exit_code == 0, result.output
        yield app.test_client()
        service_of(app).close()


def collect(client, url):
    """Every item of a collection, following `next`."""
    items, cursor = [], None
    while True:
        sep = "&" if "?" in url else "?"
        response = client.get(url + (f"{sep}cursor={cursor}" if cursor else ""))
        assert response.status_code == 200, response.json
        items += response.json["items"]
        cursor = response.json["next"]
        if cursor is None:
            return items


def test_councils_are_listed_by_slug(seeded):
    body = seeded.get("/api/councils").json
    assert [c["slug"] for c in body["items"]] == ["croydon", "halton", "st-helens", "staffordshire"]
    assert body["next"] is None


def test_committees_of_a_council_and_one_committee(seeded):
    [committee] = seeded.get("/api/committees?council=st-helens").json["items"]
    assert committee["id"] == str(ST_HELENS)
    one = seeded.get(f"/api/committees/{ST_HELENS}")
    assert one.json["chair"] == "Councillor T Long"
    assert len(one.json["members"]) == 13
    assert one.headers["ETag"] == f'"{one.json["version"]}"'


def test_meetings_of_a_council_between_dates(seeded):
    meetings = collect(seeded, "/api/meetings?council=st-helens&limit=1")
    assert [m["date"] for m in meetings] == ["2022-01-31", "2022-03-21", "2022-07-25", "2022-07-26"]
    spring = seeded.get("/api/meetings?council=st-helens&from=2022-02-01&to=2022-07-25").json
    assert [m["date"] for m in spring["items"]] == ["2022-03-21", "2022-07-25"]
    by_committee = seeded.get(f"/api/meetings?committee={ST_HELENS}&limit=200").json
    assert len(by_committee["items"]) == 4


def test_a_meeting_shows_its_attendance_items_resolutions_and_approval(seeded):
    july = seeded.get(f"/api/meetings/{JULY}").json
    assert july["date"] == "2022-07-25" and july["start_time"] == "10:00:00"
    assert set(july["attendance"]) == {"present", "apologies", "absent", "in_attendance"}
    assert len(july["attendance"]["present"]) == 8
    assert [i["minute"] for i in july["items"]] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert [r["minute"] for r in july["resolutions"]] == ["2", "5", "6", "7", "8"]
    assert july["minutes_approved_by"] is None
    assert seeded.get(f"/api/meetings/{MARCH}").json["minutes_approved_by"] == str(JULY)


def test_a_meeting_as_of_a_date_shows_what_had_taken_effect(seeded):
    before = seeded.get(f"/api/meetings/{MARCH}?as_of=2022-07-24").json
    after = seeded.get(f"/api/meetings/{MARCH}?as_of=2022-07-25").json
    assert before["minutes_approved_by"] is None
    assert after["minutes_approved_by"] == str(JULY)
    assert seeded.get(f"/api/meetings/{JULY}?as_of=2022-01-01").status_code == 404


def test_the_register_filters_and_searches(seeded):
    assert len(collect(seeded, "/api/resolutions?limit=7")) == 19
    assert len(seeded.get("/api/resolutions?council=croydon").json["items"]) == 3
    assert len(seeded.get(f"/api/resolutions?committee={ST_HELENS}").json["items"]) == 11
    assert len(seeded.get(f"/api/resolutions?meeting={JULY}").json["items"]) == 5
    [halton] = seeded.get("/api/resolutions?status=proposed").json["items"]
    assert halton["council"] == "halton"
    [send] = seeded.get("/api/resolutions?q=SEND").json["items"]
    assert send["id"] == str(SEND)
    assert (
        seeded.get("/api/resolutions?from=2023-01-01").json["items"][0]["council"]
        == "staffordshire"
    )


def test_a_resolution_shows_its_status_minute_and_clauses(seeded):
    body = seeded.get(f"/api/resolutions/{SEND}").json
    assert (body["status"], body["minute"]) == ("resolved", "5")
    assert [(c["number"], c["kind"]) for c in body["clauses"]] == [(1, "noted"), (2, "report back")]
    assert body["clauses"][1]["action"]["status"] == "open"


def test_a_resolutions_history_says_who_recorded_what_and_when(seeded):
    history = seeded.get(f"/api/resolutions/{SEND}/history").json["items"]
    assert [(h["event"], h["actor"], h["effective_date"]) for h in history] == [
        ("Proposed", "seed", "2022-07-25"),
        ("SourceCited", "seed", "2022-07-25"),
        ("Resolved", "seed", "2022-07-25"),
    ]
    assert history[0]["recorded_at"] <= history[1]["recorded_at"] <= history[2]["recorded_at"]
    assert history[0]["summary"] == "proposed on 5 DIRECTORS REPORT: 2 clauses"
    assert history[1]["summary"].startswith("source of the resolution: read from Minutes")


def test_the_tracker_lists_the_send_update_and_nothing_the_minutes_do_not_ask(seeded):
    open_actions = collect(seeded, "/api/actions?status=open&limit=4")
    assert len(open_actions) == 13
    assert any(a["resolution_id"] == str(SEND) and a["clause"] == 2 for a in open_actions)
    assert not any(a["council"] in ("halton", "staffordshire") for a in open_actions)
    owned = seeded.get(
        "/api/actions?owner=the Chair of the Children and Young People's "
        "Services Scrutiny Committee"
    ).json["items"]
    assert [(a["minute"], a["clause"]) for a in owned] == [("6", 2)]
    assert [a["rag"] for a in seeded.get("/api/actions?rag=red").json["items"]] == ["red"]


def test_the_tracker_as_of_a_date_has_only_what_was_asked_by_then(seeded):
    before_july = collect(seeded, "/api/actions?as_of=2022-07-24")
    assert len(before_july) == 9 and {a["meeting_date"] for a in before_july} == {
        "2017-09-19",
        "2022-03-21",
    }
    today = date.today().isoformat()
    assert collect(seeded, f"/api/actions?as_of={today}&limit=3") == collect(
        seeded, "/api/actions?limit=3"
    )


def test_the_audit_log_filters_by_record_actor_and_recording_date(seeded):
    trail = seeded.get(f"/api/audit?aggregate={SEND}").json["items"]
    assert [e["event"] for e in trail] == ["Proposed", "SourceCited", "Resolved"]
    assert len(collect(seeded, "/api/audit?actor=seed&limit=200")) == SEED_EVENTS
    today = date.today().isoformat()
    assert len(collect(seeded, f"/api/audit?from={today}&to={today}&limit=200")) == SEED_EVENTS
    assert seeded.get("/api/audit?to=2020-01-01").json["items"] == []


def test_the_audit_log_says_recorded_by_as_events_do_and_keeps_actor_as_its_old_name(seeded):
    entries = collect(seeded, "/api/audit?recorded_by=seed&limit=200")
    assert len(entries) == SEED_EVENTS
    assert {(e["recorded_by"], e["actor"]) for e in entries} == {("seed", "seed")}
    assert collect(seeded, "/api/audit?recorded_by=nobody") == []
    assert seeded.get("/api/audit?recorded_by=seed&actor=seed").status_code == 200
    both = seeded.get("/api/audit?recorded_by=seed&actor=clerk")
    assert both.status_code == 422
    assert "two names" in both.json["message"]


def test_the_event_feed_follows_the_store_in_order(seeded):
    first = seeded.get("/api/events?after=0&limit=10").json
    assert [e["position"] for e in first["items"]] == list(range(1, 11))
    assert first["next"] == 10
    tail = seeded.get(f"/api/events?after={SEED_EVENTS - 2}&limit=10").json
    assert [e["position"] for e in tail["items"]] == [SEED_EVENTS - 1, SEED_EVENTS]
    assert tail["next"] is None
    assert tail["items"][0]["recorded_by"] == "seed"


@pytest.mark.parametrize(
    "path",
    [
        "/api/committees/{id}",
        "/api/meetings/{id}",
        "/api/resolutions/{id}",
        "/api/resolutions/{id}/history",
    ],
)
def test_an_unknown_id_is_a_404_in_the_common_error_shape(seeded, path):
    response = seeded.get(path.format(id="00000000-0000-4000-8000-000000000000"))
    assert response.status_code == 404
    assert set(response.json) == {"status", "error", "rule", "message"}


@pytest.mark.parametrize(
    "query, field",
    [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("from=2022-13-01", "from"),
        ("status=decided", "status"),
        ("committee=not-a-uuid", "committee"),
        ("colour=red", "colour"),
    ],
)
def test_bad_query_parameters_are_named_in_a_422(seeded, query, field):
    response = seeded.get(f"/api/resolutions?{query}")
    assert response.status_code == 422
    assert field in response.json["fields"]


def test_a_resolution_as_recorded_at_an_instant(seeded):
    history = seeded.get(f"/api/resolutions/{SEND}/history").json["items"]
    proposed_at = history[0]["recorded_at"]
    then = seeded.get(f"/api/resolutions/{SEND}", query_string={"recorded_as_of": proposed_at})
    assert then.json["status"] == "proposed" and then.json["version"] == 1
    naive = seeded.get(f"/api/resolutions/{SEND}?recorded_as_of=2022-07-25T10:00:00")
    assert naive.status_code == 422


def test_the_openapi_document_and_an_offline_docs_page(client):
    spec = client.get("/api/openapi.json").json
    for path in [
        "/api/councils",
        "/api/committees",
        "/api/committees/{committee_id}",
        "/api/meetings",
        "/api/meetings/{meeting_id}",
        "/api/resolutions",
        "/api/resolutions/{resolution_id}",
        "/api/resolutions/{resolution_id}/history",
        "/api/actions",
        "/api/audit",
        "/api/events",
    ]:
        assert path in spec["paths"], path
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert b"/api/docs/assets/swagger-ui-bundle.js" in page.data
    assert b"http" not in page.data.split(b"<script>")[0].replace(b"http-equiv", b"")
    asset = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and b"SwaggerUIBundle" in asset.data
    asset.close()


# Pages for a record's history and an action's progress notes ---------------------------------


def test_a_resolutions_history_is_a_page_like_every_list(seeded):
    url = f"/api/resolutions/{SEND}/history"
    first = seeded.get(f"{url}?limit=1").json
    assert [h["event"] for h in first["items"]] == ["Proposed"] and first["next"]
    second = seeded.get(f"{url}?limit=1&cursor={first['next']}").json
    assert [h["event"] for h in second["items"]] == ["SourceCited"] and second["next"]
    rest = seeded.get(f"{url}?limit=1&cursor={second['next']}").json
    assert [h["event"] for h in rest["items"]] == ["Resolved"] and rest["next"] is None
    assert collect(seeded, f"{url}?limit=1") == seeded.get(url).json["items"]
    for query, field in [("limit=0", "limit"), ("limit=201", "limit"), ("colour=red", "colour")]:
        assert field in seeded.get(f"{url}?{query}").json["fields"]
    assert seeded.get(f"{url}?cursor=%25%25%25").status_code == 422


NOTED = "2022-07-26"


def with_notes(client, count, exempt=False):
    """A resolution carried on 25 July 2022 whose clause 2 has `count` progress notes."""
    _, meeting = a_meeting_with_an_item(client)
    body = {
        "meeting_id": meeting,
        "item": "5",
        "clauses": CLAUSES,
        "effective_date": JULY_DAY,
        "exempt": exempt,
    }
    resolution = ok(post(client, "/api/resolutions", body), 201)["id"]
    ok(post(client, f"/api/resolutions/{resolution}/resolve", {"effective_date": JULY_DAY}))
    for n in range(1, count + 1):
        ok(
            post(
                client,
                f"/api/resolutions/{resolution}/clauses/2/progress-notes",
                {"note": f"note {n}", "effective_date": NOTED},
            )
        )
    return resolution


@pytest.mark.every_store  # paged, hidden and as of in each store's SQL
def test_an_action_embeds_its_latest_20_progress_notes_and_counts_them_all(client):
    resolution = with_notes(client, 23)
    action = client.get(f"/api/resolutions/{resolution}").json["clauses"][1]["action"]
    assert action["progress_count"] == 23
    assert [p["note"] for p in action["progress"]] == [f"note {n}" for n in range(4, 24)]
    [listed] = client.get("/api/resolutions").json["items"]
    assert listed["clauses"][1]["action"] == action


@pytest.mark.every_store  # paged, hidden and as of in each store's SQL
def test_an_actions_progress_notes_are_paged_oldest_first(client):
    resolution = with_notes(client, 23)
    url = f"/api/resolutions/{resolution}/clauses/2/progress-notes"
    notes = collect(client, f"{url}?limit=10")
    assert [n["note"] for n in notes] == [f"note {n}" for n in range(1, 24)]
    assert notes[0] == {"noted_on": NOTED, "note": "note 1", "noted_by": CLERK}
    first = client.get(url).json
    assert len(first["items"]) == 23 and first["next"] is None
    assert client.get(f"{url}?limit=201").status_code == 422


@pytest.mark.every_store  # paged, hidden and as of in each store's SQL
def test_a_clause_that_asks_nothing_has_no_notes_and_a_missing_clause_is_a_404(client):
    resolution = with_notes(client, 1)
    url = f"/api/resolutions/{resolution}/clauses"
    assert client.get(f"{url}/1/progress-notes").json == {"items": [], "next": None}
    for clause in ("3", "0", "9" * 30):
        response = client.get(f"{url}/{clause}/progress-notes")
        assert (response.status_code, response.json["rule"]) == (404, "unknown-clause")
    unknown = client.get(f"/api/resolutions/{NOWHERE}/clauses/2/progress-notes")
    assert (unknown.status_code, unknown.json["rule"]) == (404, "resolution-not-found")


@pytest.mark.every_store  # paged, hidden and as of in each store's SQL
def test_an_exempt_resolutions_progress_notes_are_hidden_as_if_unknown(client):
    resolution = with_notes(client, 2, exempt=True)
    path = "/api/resolutions/{}/clauses/2/progress-notes"
    unknown = client.get(path.format(NOWHERE)).json
    for outsider in ({}, auth(client, "Hal Widnes", role="clerk", council="halton")):
        hidden = client.get(path.format(resolution), headers=outsider)
        assert (hidden.status_code, hidden.json["rule"]) == (404, "resolution-not-found")
        assert hidden.json["message"].replace(resolution, "?") == unknown["message"].replace(
            NOWHERE, "?"
        )
    for insider in (auth(client, "Sam Sutton", role="clerk", council="st-helens"), auth(client)):
        seen = client.get(path.format(resolution), headers=insider)
        assert [n["note"] for n in seen.json["items"]] == ["note 1", "note 2"]


def test_the_openapi_document_pages_the_history_and_the_progress_notes(client):
    paths = client.get("/api/openapi.json").json["paths"]
    history = paths["/api/resolutions/{resolution_id}/history"]["get"]
    notes = paths["/api/resolutions/{resolution_id}/clauses/{clause}/progress-notes"]
    for operation, page in ((history, "HistoryPage"), (notes["get"], "ProgressPage")):
        assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{page}"
        }
        assert {"limit", "cursor"} <= {p["name"] for p in operation["parameters"]}
    assert "post" in notes  # noting progress is still there


@pytest.mark.every_store  # paged, hidden and as of in each store's SQL
def test_a_resolution_as_it_stood_embeds_the_latest_20_notes_too(client):
    from tests.web.helpers import a_resolved_resolution, ok, post

    resolution_id = a_resolved_resolution(client)
    for n in range(23):
        ok(
            post(
                client,
                f"/api/resolutions/{resolution_id}/clauses/2/progress-notes",
                {"note": f"note {n}", "effective_date": "2022-08-01"},
            )
        )
    for past in ({"as_of": "2022-09-01"}, {"recorded_as_of": "2100-01-01T00:00:00Z"}):
        action = client.get(f"/api/resolutions/{resolution_id}", query_string=past).get_json()[
            "clauses"
        ][1]["action"]
        assert action["progress_count"] == 23
        assert [p["note"] for p in action["progress"]] == [f"note {n}" for n in range(3, 23)]


def test_the_tracker_shows_each_clause_by_the_label_the_minutes_print(seeded):
    for as_of in ("", f"&as_of={date.today().isoformat()}"):
        rows = collect(seeded, f"/api/actions?limit=200{as_of}")
        labels = {(r["resolution_id"], r["clause"]): r.get("label") for r in rows}
        assert labels[(str(SEND), 2)] == "(2)"
        assert all(label is None or label.strip() for label in labels.values())
