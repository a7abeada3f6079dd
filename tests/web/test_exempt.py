"""Exempt business (taken in private) is invisible to anyone without a token for its
council: in meetings, the register, search, the tracker, the audit log and the feed.
Hidden and unknown look the same."""

import pytest

from tests.web.helpers import appoint, auth, ok, post

pytestmark = pytest.mark.every_store  # hiding is done in each store's SQL, search included

JULY = "2022-07-25"
SECRET_WORDS = "redundancy settlement"


@pytest.fixture
def private(client):
    """A St Helens meeting with public item 5 and exempt item 9, each resolved with an
    action, and a declaration on the exempt item."""
    committee = ok(
        post(
            client,
            "/api/committees",
            {
                "council": "st-helens",
                "council_name": "St Helens Borough Council",
                "slug": "cyps",
                "name": "CYPS Scrutiny",
                "effective_date": "2022-01-31",
            },
        ),
        201,
    )["id"]
    appoint(client, committee, "Councillor Sims")
    meeting = ok(
        post(
            client,
            "/api/meetings",
            {"committee_id": committee, "date": JULY, "effective_date": JULY},
        ),
        201,
    )["id"]
    for minute, exempt in (("5", False), ("9", True)):
        ok(
            post(
                client,
                f"/api/meetings/{meeting}/items",
                {
                    "minute": minute,
                    "title": f"Item {minute}",
                    "exempt": exempt,
                    "effective_date": JULY,
                },
            )
        )
    ok(
        post(
            client,
            f"/api/meetings/{meeting}/attendance",
            {"name": "Councillor Sims", "status": "present", "effective_date": JULY},
        )
    )
    ok(
        post(
            client,
            f"/api/meetings/{meeting}/declarations",
            {
                "member": "Councillor Sims",
                "item": "9",
                "interest": "related to a party",
                "effective_date": JULY,
            },
        )
    )
    ids = {}
    for minute, words in (("5", "an update on SEND"), ("9", SECRET_WORDS)):
        rid = ok(
            post(
                client,
                "/api/resolutions",
                {
                    "meeting_id": meeting,
                    "item": minute,
                    "effective_date": JULY,
                    "clauses": [
                        {
                            "number": 1,
                            "kind": "instruction",
                            "text": f"{words} be brought back",
                            "action": {},
                        }
                    ],
                },
            ),
            201,
        )["id"]
        ok(post(client, f"/api/resolutions/{rid}/resolve", {"effective_date": JULY}))
        ids[minute] = rid
    events = len(client.get("/api/events?limit=1000", headers=auth(client, "ops")).json["items"])
    return {"meeting": meeting, "public": ids["5"], "secret": ids["9"], "events": events}


READERS = {
    "the public": lambda client: {},
    "a clerk of another council": lambda client: auth(client, "clerk@halton", "clerk", "halton"),
}
INSIDERS = {
    "a St Helens clerk": lambda client: auth(client, "clerk@st-helens", "clerk", "st-helens"),
    "an admin": lambda client: auth(client, "ops"),
}


@pytest.mark.parametrize("reader", READERS)
def test_outsiders_see_no_trace_of_exempt_business(client, private, reader):
    headers = READERS[reader](client)

    def get(url):
        response = client.get(url, headers=headers)
        return response.status_code, response.json

    meeting = get(f"/api/meetings/{private['meeting']}")[1]
    assert [i["minute"] for i in meeting["items"]] == ["5"]
    assert meeting["declarations"] == []
    assert [r["id"] for r in meeting["resolutions"]] == [private["public"]]
    as_of = get(f"/api/meetings/{private['meeting']}?as_of={JULY}")[1]
    assert [i["minute"] for i in as_of["items"]] == ["5"]
    assert [r["id"] for r in as_of["resolutions"]] == [private["public"]]

    assert [r["id"] for r in get("/api/resolutions")[1]["items"]] == [private["public"]]
    assert get(f"/api/resolutions?q={SECRET_WORDS}")[1]["items"] == []
    assert [a["resolution_id"] for a in get("/api/actions")[1]["items"]] == [private["public"]]
    assert [a["resolution_id"] for a in get(f"/api/actions?as_of={JULY}")[1]["items"]] == [
        private["public"]
    ]

    unknown = "00000000-0000-4000-8000-000000000000"
    for suffix in ("", "/history", f"?as_of={JULY}", "?recorded_as_of=2100-01-01T00:00:00Z"):
        status, body = get(f"/api/resolutions/{private['secret']}{suffix}")
        unknown_status, unknown_body = get(f"/api/resolutions/{unknown}{suffix}")
        assert (
            (status, body["rule"])
            == (unknown_status, unknown_body["rule"])
            == (404, "resolution-not-found")
        )

    audit = get("/api/audit?limit=200")[1]["items"]
    feed = get("/api/events?limit=1000")[1]["items"]
    for trail in (audit, feed):
        # Proposed and Resolved of the secret resolution, the exempt item, and the
        # declaration on it: four events the outsider never sees, not even as a count.
        assert len(trail) == private["events"] - 4
        assert private["secret"] not in {e["aggregate_id"] for e in trail}
        assert SECRET_WORDS not in str(trail)
        assert "related to a party" not in str(trail)


@pytest.mark.parametrize("insider", INSIDERS)
def test_the_councils_own_clerks_and_admins_see_their_exempt_business(client, private, insider):
    headers = INSIDERS[insider](client)
    meeting = client.get(f"/api/meetings/{private['meeting']}", headers=headers).json
    assert [i["minute"] for i in meeting["items"]] == ["5", "9"]
    assert meeting["items"][1]["exempt"] is True
    assert len(meeting["declarations"]) == 1
    found = client.get(f"/api/resolutions?q={SECRET_WORDS}", headers=headers).json["items"]
    assert [r["id"] for r in found] == [private["secret"]]
    assert found[0]["exempt"] is True
    history = client.get(f"/api/resolutions/{private['secret']}/history", headers=headers)
    assert [h["event"] for h in history.json["items"]] == ["Proposed", "Resolved"]
    assert len(client.get("/api/actions", headers=headers).json["items"]) == 2
    feed = client.get("/api/events?limit=1000", headers=headers).json["items"]
    assert len(feed) == private["events"]


def test_a_clerk_of_another_council_cannot_find_exempt_business_to_change(client, private):
    halton = READERS["a clerk of another council"](client)
    hidden = client.post(
        f"/api/resolutions/{private['secret']}/clauses/1/progress-notes",
        json={"note": "x", "effective_date": JULY},
        headers=halton,
    )
    public = client.post(
        f"/api/resolutions/{private['public']}/clauses/1/progress-notes",
        json={"note": "x", "effective_date": JULY},
        headers=halton,
    )
    unknown = client.post(
        "/api/resolutions/00000000-0000-4000-8000-000000000000/clauses/1/progress-notes",
        json={"note": "x", "effective_date": JULY},
        headers=halton,
    )
    assert (hidden.status_code, hidden.json["rule"]) == (404, "resolution-not-found")
    assert hidden.json["message"].replace(private["secret"], "?") == unknown.json[
        "message"
    ].replace("00000000-0000-4000-8000-000000000000", "?")
    assert (public.status_code, public.json["rule"]) == (403, "other-council")


def test_an_unknown_token_is_refused_even_for_reading(client, private):
    response = client.get("/api/resolutions", headers={"Authorization": "Bearer mbk_nope"})
    assert (response.status_code, response.json["rule"]) == (401, "invalid-token")


def test_a_minutes_approval_citing_an_exempt_resolution_is_itself_exempt(client, private):
    # September approves July's minutes by a resolution it took in private: the public
    # record may say that July's minutes were approved, but not by which resolution.
    committee = client.get(f"/api/meetings/{private['meeting']}", headers=auth(client, "ops")).json[
        "committee_id"
    ]
    ok(post(client, f"/api/meetings/{private['meeting']}/held", {"effective_date": JULY}))
    september = ok(
        post(
            client,
            "/api/meetings",
            {"committee_id": committee, "date": "2022-09-12", "effective_date": JULY},
        ),
        201,
    )["id"]
    ok(
        post(
            client,
            f"/api/meetings/{september}/items",
            {"minute": "1", "title": "Minutes", "exempt": True, "effective_date": "2022-09-12"},
        )
    )
    approving = ok(
        post(
            client,
            "/api/resolutions",
            {
                "meeting_id": september,
                "item": "1",
                "effective_date": "2022-09-12",
                "clauses": [{"number": 1, "kind": "approved", "text": "the minutes be approved"}],
            },
        ),
        201,
    )["id"]
    ok(post(client, f"/api/resolutions/{approving}/resolve", {"effective_date": "2022-09-12"}))
    ok(
        post(
            client,
            f"/api/meetings/{private['meeting']}/minutes-approval",
            {"at_meeting_id": september, "resolution_id": approving},
        )
    )

    for reader in READERS.values():
        headers = reader(client)
        audit = client.get("/api/audit?limit=200", headers=headers).json["items"]
        feed = client.get("/api/events?limit=1000", headers=headers).json["items"]
        for trail in (audit, feed):
            assert approving not in str(trail)
            assert "MinutesApproved" not in {e["event"] for e in trail}
    for insider in INSIDERS.values():
        feed = client.get("/api/events?limit=1000", headers=insider(client)).json["items"]
        [approval] = [e for e in feed if e["event"] == "MinutesApproved"]
        assert approval["data"]["resolution_id"] == approving
