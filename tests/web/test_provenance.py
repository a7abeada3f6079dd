"""Provenance over HTTP: where each fact came from, cited with it or later, shown on the
fact now and as it stood, kept in the history, and lost with words that are replaced."""

from __future__ import annotations

from typing import Any

from tests.web.helpers import (
    CLAUSES,
    JULY,
    a_meeting_with_an_item,
    appoint,
    auth,
    establish,
    invalid,
    ok,
    post,
    problem,
    propose,
    read,
)

MINUTES = {
    "document": "Minutes, Children and Young People Services Scrutiny Committee, 25 July 2022",
    "address": "https://example.org/minutes/2022-07-25.pdf",
    "locator": "minute 5",
    "inferred": None,
}


def cite(client, kind: str, record_id: str, subject: str, source=MINUTES, **where: Any):
    body = {"subject": subject, "source": source, "effective_date": JULY, **where}
    return post(client, f"/api/{kind}/{record_id}/sources", body)


def test_a_meetings_facts_show_their_sources_now_and_as_they_stood(client):
    committee_id, mid = a_meeting_with_an_item(client)
    appoint(client, committee_id, "Councillor Long")
    ok(
        post(
            client,
            f"/api/meetings/{mid}/attendance",
            {"name": "Councillor Long", "status": "present", "effective_date": JULY},
        )
    )
    ok(cite(client, "meetings", mid, "meeting", {**MINUTES, "locator": None}))
    ok(cite(client, "meetings", mid, "item", item="5"))
    ok(
        cite(
            client,
            "meetings",
            mid,
            "attendance",
            {**MINUTES, "locator": "Present"},
            member="Councillor Long",
        )
    )
    for shown in (
        read(client, "meetings", mid),
        client.get(f"/api/meetings/{mid}", query_string={"as_of": JULY}).json,
    ):
        assert shown["source"]["locator"] is None
        assert shown["items"][0]["source"] == MINUTES
        assert shown["attendance"]["present"][0]["source"]["locator"] == "Present"
    audit = client.get("/api/audit", query_string={"aggregate": mid}, headers=auth(client))
    assert "source of item 5: read from Minutes" in audit.json["items"][-2]["summary"]


def test_a_fact_without_a_source_reads_as_it_always_did(client):
    _, mid = a_meeting_with_an_item(client)
    shown = read(client, "meetings", mid)
    assert "source" not in shown and "source" not in shown["items"][0]


def test_a_resolution_and_its_clauses_cite_sources_and_an_amendment_drops_the_clauses(client):
    _, mid = a_meeting_with_an_item(client)
    rid = propose(client, mid)["id"]
    ok(cite(client, "resolutions", rid, "resolution"))
    ok(cite(client, "resolutions", rid, "clause", {**MINUTES, "locator": "minute 5(2)"}, clause=2))
    shown = read(client, "resolutions", rid)
    assert shown["source"] == MINUTES
    assert shown["clauses"][1]["source"]["locator"] == "minute 5(2)"
    assert "source" not in shown["clauses"][0]
    ok(
        post(
            client,
            f"/api/resolutions/{rid}/amendments",
            {"clauses": CLAUSES, "effective_date": JULY},
        )
    )
    amended = read(client, "resolutions", rid)
    assert amended["source"] == MINUTES
    assert all("source" not in c for c in amended["clauses"])


def test_an_inferred_fact_says_why(client):
    committee_id = establish(client)["id"]
    appoint(client, committee_id, "Councillor Long")
    inferred = {
        "document": "Agenda pack, 25 July 2022",
        "locator": "membership list",
        "inferred": "appointed as of the first document that lists them",
    }
    ok(cite(client, "committees", committee_id, "membership", inferred, member="Councillor Long"))
    [member] = read(client, "committees", committee_id)["members"]
    assert member["source"]["inferred"] == "appointed as of the first document that lists them"
    assert "source" not in read(client, "committees", committee_id)
    audit = client.get("/api/audit", query_string={"aggregate": committee_id}, headers=auth(client))
    assert "inferred (appointed as of" in audit.json["items"][-1]["summary"]


def test_a_source_must_name_its_document_and_a_fact_that_exists(client):
    _, mid = a_meeting_with_an_item(client)
    invalid(cite(client, "meetings", mid, "item", {"locator": "minute 5"}, item="5"), "source")
    invalid(cite(client, "meetings", mid, "colour", item="5"), "subject")
    problem(cite(client, "meetings", mid, "item", item="99"), 409, "unknown-agenda-item")
    problem(cite(client, "meetings", mid, "attendance", member="Nobody"), 409, "not-in-attendance")
    rid = propose(client, mid)["id"]
    problem(cite(client, "resolutions", rid, "clause", clause=9), 404, "unknown-clause")


def test_the_source_of_an_exempt_item_is_as_private_as_the_item(client):
    _, mid = a_meeting_with_an_item(client)
    ok(
        post(
            client,
            f"/api/meetings/{mid}/items",
            {"minute": "9", "title": "Staffing", "exempt": True, "effective_date": JULY},
        )
    )
    receipt = ok(cite(client, "meetings", mid, "item", item="9"))
    public = client.get(f"/api/events?after={receipt['position'] - 1}").json["items"]
    assert public == []
    own = client.get(f"/api/events?after={receipt['position'] - 1}", headers=auth(client))
    assert [e["event"] for e in own.json["items"]] == ["SourceCited"]


def test_a_rebuild_gives_the_read_models_the_citations_left(app, client):
    committee_id, mid = a_meeting_with_an_item(client)
    appoint(client, committee_id, "Councillor Long")
    rid = propose(client, mid)["id"]
    ok(cite(client, "meetings", mid, "item", item="5"))
    ok(cite(client, "resolutions", rid, "clause", clause=1))
    ok(cite(client, "committees", committee_id, "membership", member="Councillor Long"))
    ok(cite(client, "committees", committee_id, "committee"))
    reader = app.extensions["minutebook.reader"]
    reader.projector.catch_up()
    incremental = reader.projector.read_model.dump()
    reader.projector.rebuild()
    assert reader.projector.read_model.dump() == incremental
