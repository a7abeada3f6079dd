"""A council is registered with its first committee and renamed only by the verb that
says so: establishing a committee under another name for it is refused, never a silent
rename (fuzzing once renamed Croydon to "0" that way)."""

from tests.web.helpers import auth, establish, event_count, ok, post, problem

RENAMING = "/api/councils/st-helens/renamings"


def council_named(client, slug="st-helens"):
    councils = client.get("/api/councils").get_json()["items"]
    return {c["slug"]: c["name"] for c in councils}.get(slug)


def test_a_councils_first_committee_registers_it_under_the_name_given(client):
    establish(client)
    assert council_named(client) == "St Helens Borough Council"
    registered = client.get("/api/audit", headers=auth(client)).get_json()["items"][0]
    assert (registered["event"], registered["council"]) == ("Registered", "st-helens")


def test_a_committee_naming_its_council_otherwise_is_refused_and_renames_nothing(client):
    establish(client)
    before = event_count(client)
    refused = problem(
        post(
            client,
            "/api/committees",
            {
                "council": "st-helens",
                "council_name": "0",
                "slug": "audit",
                "name": "Audit",
                "effective_date": "2022-02-01",
            },
        ),
        409,
        "council-name-differs",
    )
    assert "renamings" in refused["message"]
    assert (council_named(client), event_count(client)) == ("St Helens Borough Council", before)
    ok(
        post(
            client,
            "/api/committees",
            {
                "council": "st-helens",
                "council_name": "St Helens Borough Council",
                "slug": "audit",
                "name": "Audit",
                "effective_date": "2022-02-01",
            },
        ),
        201,
    )


def test_an_admin_renames_a_council_and_the_log_says_so(client):
    establish(client)
    ok(post(client, RENAMING, {"name": "St Helens Council", "effective_date": "2023-04-01"}))
    assert council_named(client) == "St Helens Council"
    renamed = client.get("/api/audit", headers=auth(client)).get_json()["items"][-1]
    assert (renamed["event"], renamed["summary"]) == (
        "Renamed",
        "council renamed St Helens Council",
    )


def test_only_an_admin_renames_a_council(client):
    establish(client)
    clerk = auth(client, "Sam Sutton", role="clerk", council="st-helens")
    problem(
        client.post(RENAMING, json={"name": "X", "effective_date": "2023-04-01"}, headers=clerk),
        403,
        "admin-only",
    )
    assert council_named(client) == "St Helens Borough Council"


def test_renaming_an_unknown_council_is_a_404(client):
    problem(
        post(
            client, "/api/councils/nowhere/renamings", {"name": "X", "effective_date": "2023-04-01"}
        ),
        404,
        "council-not-found",
    )
