"""The pages for people, read through the Flask test client on the seeded minutes: each
page says where you are, shows the record word for word, and never shows exempt
business; unknown ids and bad queries answer error pages, not 500s."""

import re
from html import unescape

import pytest

from seeds.replay import replay
from tests.web.helpers import auth, ok, post
from web import service_of

JULY = "2022-07-25"
SECRET = "redundancy settlement"


@pytest.fixture
def seeded(app):
    replay(service_of(app))
    return app


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert response.mimetype == "text/html"
    return unescape(response.get_data(as_text=True))


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S)[1].strip()


def linked(html, prefix):
    return sorted(set(re.findall(rf'href="({prefix}[^"?]+)"', html)))


def st_helens_july(client):
    meetings = client.get("/api/meetings?council=st-helens").json["items"]
    return next(m for m in meetings if m["date"] == JULY)


def test_the_api_index_links_to_its_docs_its_document_and_each_collection(client):
    index = client.get("/api/").json
    assert index["docs"] == "/api/docs"
    assert index["openapi"] == "/api/openapi.json"
    for collection in index["collections"]:
        assert client.get(collection["href"]).status_code == 200, collection
    assert {c["name"] for c in index["collections"]} >= {"councils", "resolutions", "actions"}
    assert client.get("/api/?x=1").json["status"] == 422


def test_the_api_index_is_in_the_openapi_document_with_its_answers_shape(client):
    document = client.get("/api/openapi.json").json
    operation = document["paths"]["/api/"]["get"]
    assert operation["operationId"] == "getApiIndex"
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    schemas = document["components"]["schemas"]
    shape = schemas[answer["$ref"].rsplit("/", 1)[-1]]
    index = client.get("/api/").json
    assert set(index) == set(shape["properties"])
    link = schemas[shape["properties"]["collections"]["items"]["$ref"].rsplit("/", 1)[-1]]
    assert set(index["collections"][0]) == set(link["properties"])


def test_the_home_page_lists_every_council_and_links_to_each(client, seeded):
    html = page(client, "/")
    assert title(html) == "Councils · Minutebook"
    assert '<html lang="en-GB">' in html
    for landmark in ("<header", "<nav", "<main", "<footer", 'href="#main"'):
        assert landmark in html
    assert linked(html, "/councils/") == [
        "/councils/croydon",
        "/councils/halton",
        "/councils/st-helens",
        "/councils/staffordshire",
    ]
    assert 'href="/api/councils"' in html


def test_a_council_page_lists_its_committees(client, seeded):
    html = page(client, "/councils/st-helens")
    assert title(html) == "St Helens Borough Council · Minutebook"
    assert "Children and Young People Services Scrutiny Committee" in html
    assert len(linked(html, "/committees/")) == 1


def test_a_committee_page_shows_members_chair_work_programme_and_meetings(client, seeded):
    committee = client.get("/api/committees?council=croydon").json["items"][0]
    html = page(client, f"/committees/{committee['id']}")
    assert title(html).startswith("Children and Young People Scrutiny Sub-Committee")
    assert "Chair: Councillor Jan Buttinger" in html
    assert "Dave Harvey" in html and "teacher representative co-optee" in html
    assert "The up-to-date Improvement Plan for children" in html
    assert len(linked(html, "/meetings/")) >= 1


def test_the_st_helens_july_meeting_page_shows_the_minutes_in_full(client, seeded):
    meeting = st_helens_july(client)
    html = page(client, f"/meetings/{meeting['id']}")
    assert title(html).startswith("Children and Young People Services Scrutiny Committee, 25 July")
    assert "Room 10" in html and "10:00" in html
    # Who was present, who sent apologies, and who was absent.
    for present in ("Councillor T Long", "Councillor Greaves", "Councillor Sweeney"):
        assert present in html
    assert "Councillor McCormack" in html
    assert "Mr C Williams" in html and "Councillor Begum" in html
    # Every item, with its minute number and its own minute, paragraph by paragraph.
    assert meeting["declarations_recorded"] == "none" and "None were made." in html
    assert any(item.get("minute_text") for item in meeting["items"])
    for item in meeting["items"]:
        assert item["title"] in html
        for paragraph in item.get("minute_text", []):
            assert f"<p>{paragraph}</p>" in html
    # Each resolution's clauses, word for word as labelled, and its open actions.
    for listed in meeting["resolutions"]:
        resolution = client.get(f"/api/resolutions/{listed['id']}").json
        for clause in resolution["clauses"]:
            marked = f'<span class="mark">{clause["label"]}</span> ' if "label" in clause else ""
            assert f"{marked}{clause['text']}" in html
        assert f'href="/resolutions/{listed["id"]}"' in html
    assert "a future meeting of the Committee" in html
    # The minutes it approved: those of 21 March.
    march = next(
        m
        for m in client.get("/api/meetings?council=st-helens").json["items"]
        if m["date"] == "2022-03-21"
    )
    assert f'href="/meetings/{march["id"]}"' in html


def test_the_committee_and_meeting_pages_link_meetings_by_their_dates(client, seeded):
    july = st_helens_july(client)
    committee = page(client, f"/committees/{july['committee_id']}")
    # Latest first, each with how many resolutions the public may see.
    row = re.search(rf'href="/meetings/{july["id"]}">25 July 2022</a>.*?</tr>', committee, re.S)[0]
    assert f'data-label="Resolutions">{len(july["resolutions"])}</td>' in row
    dates = re.findall(r'href="/meetings/[^"]+">(\d+ \w+ \d{4})</a>', committee)
    assert dates.index("25 July 2022") < dates.index("21 March 2022")
    # The March minutes were approved by the July meeting: each page links the other.
    march = next(
        m
        for m in client.get("/api/meetings?council=st-helens").json["items"]
        if m["date"] == "2022-03-21"
    )
    approved = page(client, f"/meetings/{march['id']}")
    assert f'by <a href="/meetings/{july["id"]}">the meeting of 25 July 2022</a>' in approved
    approving = page(client, f"/meetings/{july['id']}")
    assert f'<a href="/meetings/{march["id"]}">the meeting of 21 March 2022</a>' in approving


def test_a_resolution_page_shows_its_clauses_and_timeline_now_and_as_it_stood(client, seeded):
    listed = st_helens_july(client)["resolutions"][1]
    resolution = client.get(f"/api/resolutions/{listed['id']}").json
    html = page(client, f"/resolutions/{listed['id']}")
    assert resolution["title"] in title(html)
    for clause in resolution["clauses"]:
        assert clause["text"] in html
    assert "Recorded by" in html and "seed" in html
    assert re.search(r"<td[^>]*>proposed on", html)
    then = page(client, f"/resolutions/{listed['id']}?as_of={JULY}")
    assert "as it stood on 25 July 2022" in title(then)
    assert 'href="/api/resolutions/' + listed["id"] + f'?as_of={JULY}"' in then
    assert "(after 25 July 2022)" not in then
    # The day before its meeting, it was not yet on the record.
    page(client, f"/resolutions/{listed['id']}?as_of=2022-07-24", 404)


def test_the_tracker_shows_ratings_in_words_and_overdue_first(client, seeded):
    html = page(client, "/actions")
    assert title(html) == "Action tracker · Minutebook"
    ratings = re.findall(r'class="rag rag-(\w+)">([^<]+)<', html)
    assert ratings, "no rated actions"
    order = {"red": 0, "amber": 1, "green": 2, "none": 3}
    assert [order[r] for r, _ in ratings] == sorted(order[r] for r, _ in ratings)
    assert all(words.strip() for _, words in ratings)
    with client.get("/pages/static/pages.css") as stylesheet:
        assert "@media print" in stylesheet.get_data(as_text=True)
    red = page(client, "/actions?council=st-helens&rag=amber&status=open&committee=")
    assert set(re.findall(r'class="rag rag-(\w+)"', red)) <= {"amber"}


def rows_of(html):
    """Each tracker row's rating and action (its resolution and clause)."""
    row = r'<tr class="row-(\w+)">.*?href="/resolutions/([^"]+)">[^<]*, clause ([^<]+)</a>'
    return re.findall(row, html, re.S)


def test_the_tracker_pages_overdue_first_keeping_its_filters(client, seeded, monkeypatch):
    monkeypatch.setattr("web.pages.lists.TRACKER_PAGE", 3)
    wanted = client.get("/api/actions?council=st-helens&limit=200").json["items"]
    assert len(wanted) > 6, "the seed has too few actions to need three pages"
    pages, url = [], "/actions?council=st-helens"
    while url:
        html = page(client, url)
        pages.append((url, rows_of(html)))
        following = re.search(r'href="([^"]+)" rel="next"', html)
        url = following and unescape(following[1])
        if url:
            assert "council=st-helens" in url and "cursor=" in url
    shown = [row for _, rows in pages for row in rows]
    assert all(len(rows) == 3 for _, rows in pages[:-1])
    # Every action of the council once, overdue first.
    assert sorted((r, c) for _, r, c in shown) == sorted(
        (a["resolution_id"], a.get("label") or str(a["clause"])) for a in wanted
    )
    order = {"red": 0, "amber": 1, "green": 2, "closed": 3}
    assert [order[rating] for rating, _, _ in shown] == sorted(order[r] for r, _, _ in shown)
    # Back from the second page to the first, filters kept; the first has none before it.
    second = page(client, pages[1][0])
    back = unescape(re.search(r'href="([^"]+)" rel="prev"', second)[1])
    assert "council=st-helens" in back and "before=" in back
    first = page(client, back)
    assert rows_of(first) == pages[0][1] and 'rel="prev"' not in first
    # Its JSON is the API's tracker with the same filters, in the API's own order.
    assert 'href="/api/actions?council=st-helens"' in second


def test_the_register_searches_and_pages_through_resolutions(client, seeded):
    html = page(client, "/resolutions?q=SEND")
    assert "matching “SEND”" in title(html)
    assert linked(html, "/resolutions/")
    first = page(client, "/resolutions?limit=2")
    following = re.search(r'href="([^"]+)" rel="next"', first)[1]
    assert "cursor=" in following
    assert page(client, unescape(following)) != first


def test_the_audit_trail_lists_changes_with_who_and_when(client, seeded):
    html = page(client, "/audit?limit=5")
    assert title(html) == "Audit trail · Minutebook"
    assert "seed" in html and 'rel="next"' in html


def test_the_audit_trail_shows_the_latest_signed_checkpoint_and_what_it_covers(client, seeded):
    latest = client.get("/api/ledger/checkpoints/latest").json
    html = page(client, "/audit?limit=5")
    assert "The latest signed checkpoint" in html
    assert f"covers the first {latest['tree_size']} changes recorded" in html
    assert f"<code>{latest['root_hash']}</code>" in html
    for link in ("/api/ledger/checkpoints/latest", "/api/ledger/public-key"):
        assert f'href="{link}"' in html


def test_the_audit_trail_before_any_checkpoint_says_nothing_of_one(client):
    assert client.get("/api/ledger/checkpoints/latest").status_code == 404
    assert "signed checkpoint" not in page(client, "/audit")


def test_each_audit_entry_links_to_its_record_a_council_by_its_slug(client, seeded):
    entries = client.get("/api/audit?limit=200").json["items"]
    council = next(e for e in entries if e["aggregate_type"] == "Council")
    html = page(client, f"/audit?aggregate={council['aggregate_id']}")
    assert f'<a href="/councils/{council["council"]}">Council</a>' in html
    page(client, f"/councils/{council['council']}")
    kinds = {"Committee": "committees", "Meeting": "meetings", "Resolution": "resolutions"}
    for kind, path in kinds.items():
        entry = next(e for e in entries if e["aggregate_type"] == kind)
        html = page(client, f"/audit?aggregate={entry['aggregate_id']}")
        assert f'<a href="/{path}/{entry["aggregate_id"]}">{kind}</a>' in html


@pytest.mark.parametrize(
    "url",
    [
        "/councils/nowhere",
        "/committees/00000000-0000-0000-0000-000000000000",
        "/meetings/00000000-0000-0000-0000-000000000000",
        "/resolutions/00000000-0000-0000-0000-000000000000",
        "/resolutions/not-a-uuid",
    ],
)
def test_an_unknown_record_answers_a_not_found_page(client, seeded, url):
    html = page(client, url, 404)
    assert title(html) == "404 Not found · Minutebook"


@pytest.mark.parametrize(
    "url",
    [
        "/actions?rag=purple",
        "/actions?as_of=yesterday",
        "/actions?cursor=abc",
        "/actions?before=abc",
        "/actions?limit=5",
        "/resolutions?limit=0",
        "/resolutions?cursor=abc",
        "/audit?x=1",
    ],
)
def test_a_bad_query_answers_an_unprocessable_page(client, seeded, url):
    assert "This page cannot use that query" in page(client, url, 422)


def test_the_api_keeps_its_json_errors(client, seeded):
    response = client.get("/api/resolutions/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404 and response.json["status"] == 404
    assert client.get("/api/actions?rag=purple").json["status"] == 422
    assert client.get("/api/no-such-collection").json["status"] == 404
    wrong_method = client.delete("/api/actions")
    assert wrong_method.json["status"] == 405 and "GET" in wrong_method.headers["Allow"]
    assert client.get("/healthz").mimetype == "application/json"


def test_an_address_that_is_no_page_answers_a_page_saying_so(client, seeded):
    assert title(page(client, "/no-such-page", 404)) == "404 Not Found · Minutebook"
    refused = client.post("/actions")
    assert refused.status_code == 405 and refused.mimetype == "text/html"


def test_exempt_business_never_reaches_a_page(client, seeded):
    # The committee takes an item in private and resolves on it.
    admin = auth(client, "ops")
    meeting = st_helens_july(client)["id"]
    ok(
        post(
            client,
            f"/api/meetings/{meeting}/items",
            {"minute": "9", "title": "Staffing matter", "exempt": True, "effective_date": JULY},
        )
    )
    secret = ok(
        post(
            client,
            "/api/resolutions",
            {
                "meeting_id": meeting,
                "item": "9",
                "effective_date": JULY,
                "clauses": [
                    {
                        "number": 1,
                        "kind": "instruction",
                        "text": f"the {SECRET} be brought back",
                        "action": {},
                    }
                ],
            },
        ),
        201,
    )["id"]
    ok(post(client, f"/api/resolutions/{secret}/resolve", {"effective_date": JULY}))
    assert client.get(f"/api/resolutions/{secret}", headers=admin).status_code == 200
    # Whoever asks, with a token or not, the pages are the public's.
    for headers in ({}, admin):
        for url in (f"/meetings/{meeting}", "/actions", "/audit?limit=200"):
            html = client.get(url, headers=headers).get_data(as_text=True)
            assert SECRET not in html and "Staffing matter" not in html and secret not in html
        found = client.get(f"/resolutions?q={SECRET}", headers=headers).get_data(as_text=True)
        assert "No resolutions match." in found and secret not in found
        assert client.get(f"/resolutions/{secret}", headers=headers).status_code == 404


def test_the_resolution_page_as_it_stood_shows_the_action_then_and_marks_later_events(
    client, seeded
):
    listed = st_helens_july(client)["resolutions"][1]
    # In September the committee refers the SEND update to the Health Scrutiny Committee.
    ok(
        post(
            client,
            f"/api/resolutions/{listed['id']}/clauses/2/referrals",
            {"to": "Health Scrutiny Committee", "effective_date": "2022-09-01"},
        )
    )
    now = page(client, f"/resolutions/{listed['id']}")
    assert "Health Scrutiny Committee" in now and "(after" not in now
    then = page(client, f"/resolutions/{listed['id']}?as_of={JULY}")
    assert "<dt>Referred to</dt>" not in then
    assert "(after 25 July 2022)" in then


def test_a_page_whose_read_models_are_behind_asks_to_try_again_shortly(client, seeded):
    resolution_id = st_helens_july(client)["resolutions"][1]["id"]
    read_model = seeded.extensions["minutebook.reader"].projector.read_model
    with read_model.writing() as tx:
        tx.run("DROP TABLE {p}read_clauses")
    # A new event the damaged read models cannot apply.
    post(
        client,
        f"/api/resolutions/{resolution_id}/clauses/2/referrals",
        {"to": "Cabinet", "effective_date": "2022-09-01"},
    )
    response = client.get("/actions")
    assert (response.status_code, response.mimetype) == (503, "text/html")
    assert response.headers["Retry-After"]
    assert client.get("/api/actions").json["rule"] == "read-model-behind"


def test_a_meeting_page_says_where_its_facts_came_from(client, seeded):
    """The seeded St Helens 25 July 2022 meeting and its items cite their minutes."""
    html = page(client, f"/meetings/{st_helens_july(client)['id']}")
    assert (
        "Source: Minutes of the Children and Young People Services Scrutiny Committee, 25 July"
        in html
    )
    assert "minute 5 (st-helens-cyps-2022-07-25-minutes.txt" in html
