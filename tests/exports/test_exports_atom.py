"""Atom feeds (RFC 4287) of a council's decisions, audit trail and actions falling due,
read back by `feedparser`: well formed (bozo 0), with what Atom requires, stable ids,
links to each record, paged (RFC 5005) so that `next` reaches every entry once; exempt
business in no feed without a token for it."""

from __future__ import annotations

import feedparser
import pytest

from tests.exports.conftest import INSIDERS, OUTSIDERS, SECRET
from tests.web.helpers import problem

FEEDS = ("decisions", "audit", "actions")


def parsed(client, url: str, headers: dict | None = None):
    answer = client.get(url, headers=headers or {})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.mimetype == "application/atom+xml"
    found = feedparser.parse(answer.data)
    assert found.bozo == 0, found.get("bozo_exception")
    assert found.version == "atom10"
    return found


def every_entry(client, url: str, headers: dict | None = None) -> list:
    """Every entry of a paged feed, following `next` from the first page."""
    entries, seen_urls = [], set()
    while url is not None:
        assert url not in seen_urls
        seen_urls.add(url)
        feed = parsed(client, url, headers)
        feed_level = feed.feed
        assert feed_level.id and feed_level.title and feed_level.updated
        assert feed_level.author_detail.name
        rels = {link.rel: link.href for link in feed_level.links}
        assert {"self", "first", "alternate"} <= set(rels)
        for entry in feed.entries:
            assert entry.id.startswith("urn:uuid:") and entry.title and entry.updated
            assert entry.updated_parsed is not None
            assert any(link.rel == "alternate" and link.type == "text/html" for link in entry.links)
        entries += feed.entries
        url = rels.get("next", "").removeprefix("http://localhost") or None
    return entries


def test_every_feed_is_atom_and_pages_reach_every_entry_once(history):
    client = history.test_client()
    for council in client.get("/api/councils?limit=200").json["items"]:
        for name in FEEDS:
            url = f"/api/councils/{council['slug']}/{name}.atom"
            whole = parsed(client, f"{url}?limit=200").entries
            paged = every_entry(client, f"{url}?limit=7")
            assert [e.id for e in paged] == [e.id for e in whole], url
            assert len({e.id for e in paged}) == len(paged)
            # Asked again, the same ids in the same order.
            assert [e.id for e in every_entry(client, f"{url}?limit=7")] == [e.id for e in paged]


def test_the_feeds_hold_the_councils_records_newest_first(seeded):
    client = seeded.test_client()
    audit = parsed(client, "/api/councils/st-helens/audit.atom?limit=200").entries
    page = client.get("/api/audit?limit=200").json
    json_audit = page["items"]
    while page["next"]:
        page = client.get(f"/api/audit?limit=200&cursor={page['next']}").json
        json_audit += page["items"]
    st_helens = [e for e in json_audit if e["council"] == "st-helens"]
    assert len(audit) == min(len(st_helens), 200) > 0  # a feed's page holds 200 at most
    assert audit[0].title.endswith(st_helens[-1]["summary"])  # the latest first
    decided = [
        r
        for r in client.get("/api/resolutions?council=st-helens&limit=200").json["items"]
        if r["decided_on"]
    ]
    decisions = parsed(client, "/api/councils/st-helens/decisions.atom?limit=200").entries
    assert sorted(e.id for e in decisions) == sorted(f"urn:uuid:{r['id']}" for r in decided)
    for entry in decisions:
        rid = entry.id.removeprefix("urn:uuid:")
        assert entry.link == f"http://localhost/resolutions/{rid}"
    actions = parsed(client, "/api/councils/st-helens/actions.atom?limit=200").entries
    due = [e.title.split(":")[0] for e in actions]
    assert due == sorted(due) and due, "soonest due first"


@pytest.mark.every_store  # hiding is done in each store's SQL
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_exempt_business_is_in_no_feed_for_an_outsider(client, private, outsider):
    for name in FEEDS:
        url = f"/api/councils/st-helens/{name}.atom?limit=200"
        answer = client.get(url, headers=OUTSIDERS[outsider](client))
        text = answer.get_data(as_text=True)
        assert private["secret"] not in text and SECRET not in text, name
        assert private["public"] in text, name


@pytest.mark.every_store  # hiding is done in each store's SQL
@pytest.mark.parametrize("insider", INSIDERS)
def test_the_councils_own_see_their_exempt_business_in_the_feeds(client, private, insider):
    for name in FEEDS:
        url = f"/api/councils/st-helens/{name}.atom?limit=200"
        feed = parsed(client, url, INSIDERS[insider](client))
        assert any(private["secret"] in str(e) for e in feed.entries), name


def test_an_unknown_council_or_a_bad_cursor_is_refused(client, private):
    problem(client.get("/api/councils/nowhere/decisions.atom"), 404, "council-not-found")
    problem(client.get("/api/councils/st-helens/audit.atom?cursor=nonsense"), 422, "invalid-value")
    problem(client.get("/api/councils/st-helens/actions.atom?limit=0"), 422, "invalid-input")


@pytest.mark.every_store  # each store's SQL reads the pages newest first
def test_a_feed_pages_one_entry_at_a_time_on_every_store(client, private):
    headers = INSIDERS["an admin"](client)
    for name in FEEDS:
        url = f"/api/councils/st-helens/{name}.atom"
        whole = parsed(client, f"{url}?limit=200", headers).entries
        paged = every_entry(client, f"{url}?limit=1", headers)
        assert [e.id for e in paged] == [e.id for e in whole] and len(paged) >= 2, name
