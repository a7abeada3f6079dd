"""Who may write what, for every POST verb: another council's clerk is refused (403, or 404
for exempt business, as if it were not there), the record's own clerk is let through,
committees are established by admins only, a write without a good token is a 401, and the
token's holder is the actor recorded on every event."""

import re
from uuid import uuid4

import pytest

from tests.web.helpers import CLAUSES, CLERK, JULY, OCTOBER, auth, establish, ok, post, problem

ADMIN = CLERK  # the helpers set records up with an admin token held by this name
OWN = "Sam Sutton (St Helens clerk)"
OTHER = "Hal Widnes (Halton clerk)"
MEMBER, TOPIC = "Councillor Lisa Preston", "SEND sufficiency"
ON = {"effective_date": JULY}
FIXED = {"reason": "a typing slip", **ON}  # a correction's
ESTABLISH = "/api/committees"
RENAME_COUNCIL = "/api/councils/<council>/renamings"  # admins only: tests/web/test_councils.py
ESTABLISHING = {
    "council": "st-helens",
    "council_name": "St Helens Borough Council",
    "slug": "audit",
    "name": "Audit Committee",
    **ON,
}

# Every other POST under /api: a body that succeeds on the world `world()` builds, and what
# that world needs first ("resolved" resolution, "held" meeting). "<name>" stands for an id.
WRITES = {
    "/api/committees/<uuid:committee_id>/members": ({"name": "Cllr New", **ON}, ""),
    "/api/committees/<uuid:committee_id>/stand-downs": ({"name": MEMBER, **ON}, ""),
    "/api/committees/<uuid:committee_id>/chair": ({"name": MEMBER, **ON}, ""),
    "/api/committees/<uuid:committee_id>/renamings": ({"name": "CYP Scrutiny", **ON}, ""),
    "/api/committees/<uuid:committee_id>/work-programme": ({"title": "School places", **ON}, ""),
    "/api/committees/<uuid:committee_id>/work-programme/removals": (
        {"title": TOPIC, "reason": "covered", **ON},
        "",
    ),
    "/api/committees/<uuid:committee_id>/sources": (
        {"subject": "membership", "member": MEMBER, "source": {"document": "Minutes"}, **ON},
        "",
    ),
    "/api/committees/<uuid:committee_id>/corrections": (
        {"subject": "membership", "member": MEMBER, "field": "representing", "value": "Ward 2"}
        | FIXED,
        "",
    ),
    "/api/committees/<uuid:committee_id>/dissolution": ({"reason": "merged", **ON}, ""),
    "/api/meetings": ({"committee_id": "<committee>", "date": "2022-11-21", **ON}, ""),
    "/api/meetings/<uuid:meeting_id>/items": ({"title": "BUDGET", "minute": "7", **ON}, ""),
    "/api/meetings/<uuid:meeting_id>/attendance": (
        {"name": MEMBER, "status": "apologies", **ON},
        "",
    ),
    "/api/meetings/<uuid:meeting_id>/declarations": (
        {"member": MEMBER, "item": "5", "interest": "school governor", **ON},
        "",
    ),
    "/api/meetings/<uuid:meeting_id>/declarations/none": (ON, ""),
    "/api/meetings/<uuid:meeting_id>/minute-text": (
        {"item": "5", "paragraphs": ["The report was presented."], **ON},
        "",
    ),
    "/api/meetings/<uuid:meeting_id>/corrections": (
        {"subject": "item", "item": "5", "field": "title", "value": "BUDGET", **FIXED},
        "",
    ),
    "/api/meetings/<uuid:meeting_id>/sources": (
        {"subject": "item", "item": "5", "source": {"document": "Minutes"}, **ON},
        "",
    ),
    "/api/meetings/<uuid:meeting_id>/held": ({"ended_at": "20:15:00", **ON}, ""),
    "/api/meetings/<uuid:meeting_id>/adjournments": ({"until": OCTOBER, **ON}, ""),
    "/api/meetings/<uuid:meeting_id>/cancellation": ({"reason": "not quorate", **ON}, ""),
    "/api/meetings/<uuid:meeting_id>/minutes-approval": ({"at_meeting_id": "<later>"}, "held"),
    "/api/resolutions": ({"meeting_id": "<meeting>", "item": "6", "clauses": CLAUSES, **ON}, ""),
    "/api/resolutions/<uuid:resolution_id>/amendments": (
        {"clauses": CLAUSES[:1], "reason": "typo", **ON},
        "",
    ),
    "/api/resolutions/<uuid:resolution_id>/resolve": (ON, ""),
    "/api/resolutions/<uuid:resolution_id>/sources": (
        {"subject": "clause", "clause": 1, "source": {"document": "Minutes"}, **ON},
        "",
    ),
    "/api/resolutions/<uuid:resolution_id>/corrections": (
        {"subject": "resolution", "field": "title", "value": "SEND", **FIXED},
        "",
    ),
    "/api/resolutions/<uuid:resolution_id>/reject": ({"reason": "lost on a vote", **ON}, ""),
    "/api/resolutions/<uuid:resolution_id>/withdraw": ({"reason": "withdrawn", **ON}, ""),
    "/api/resolutions/<uuid:resolution_id>/defer": ({"until": OCTOBER, **ON}, ""),
    "/api/resolutions/<uuid:resolution_id>/rescind": ({"reason": "superseded", **ON}, "resolved"),
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/referrals": (
        {"to": "Cabinet", **ON},
        "resolved",
    ),
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/report-back-requests": (
        {"due_date": "2022-09-30", **ON},
        "resolved",
    ),
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/reports-back": (
        {"summary": "SEND plans presented", **ON},
        "resolved",
    ),
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/assignments": (
        {"owner": "Director of Children's Services", **ON},
        "resolved",
    ),
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/progress-notes": (
        {"note": "in hand", **ON},
        "resolved",
    ),
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/completion": (
        {"outcome": "done", **ON},
        "resolved",
    ),
}
ON_A_RESOLUTION = [rule for rule in WRITES if "<uuid:resolution_id>" in rule]


def short(rule):
    return re.sub(r"<\w+:(\w+)>", r"{\1}", rule.removeprefix("/api/"))


def world(client, needs="", exempt=None):
    """St Helens, set up by an admin: a committee with a member and a topic; its 25 July
    meeting with items 5 and 6, the member present; a resolution proposed on item 5 (exempt
    by its "proposal" or its "item" if asked); then whatever the verb needs."""
    committee = establish(client)["id"]
    ok(post(client, f"/api/committees/{committee}/members", {"name": MEMBER, **ON}))
    ok(post(client, f"/api/committees/{committee}/work-programme", {"title": TOPIC, **ON}))
    meeting = ok(
        post(
            client,
            "/api/meetings",
            {"committee_id": committee, "date": JULY, "effective_date": "2022-02-01"},
        ),
        201,
    )["id"]
    for minute in ("5", "6"):
        ok(
            post(
                client,
                f"/api/meetings/{meeting}/items",
                {
                    "title": f"ITEM {minute}",
                    "minute": minute,
                    "exempt": exempt == "item" and minute == "5",
                    **ON,
                },
            )
        )
    ok(
        post(
            client,
            f"/api/meetings/{meeting}/attendance",
            {"name": MEMBER, "status": "present", **ON},
        )
    )
    proposal = {"meeting_id": meeting, "item": "5", "clauses": CLAUSES, **ON}
    if exempt == "proposal":
        proposal["exempt"] = True
    ids = {
        "committee": committee,
        "meeting": meeting,
        "later": str(uuid4()),
        "resolution": ok(post(client, "/api/resolutions", proposal), 201)["id"],
    }
    if needs == "resolved":
        ok(post(client, f"/api/resolutions/{ids['resolution']}/resolve", ON))
    if needs == "held":
        ok(post(client, f"/api/meetings/{meeting}/held", ON))
        ids["later"] = ok(
            post(
                client,
                "/api/meetings",
                {"committee_id": committee, "date": OCTOBER, "effective_date": JULY},
            ),
            201,
        )["id"]
    return ids


def request_for(rule, ids, resolution=None):
    """The URL and body of the verb on this world (on another resolution id if given)."""
    ids = {**ids, "resolution": resolution or ids["resolution"]}
    url = rule
    for name in ("committee", "meeting", "resolution"):
        url = url.replace(f"<uuid:{name}_id>", ids[name])
    body = ESTABLISHING if rule == ESTABLISH else WRITES[rule][0]
    return url.replace("<int:clause>", "2"), {
        k: ids[v[1:-1]] if isinstance(v, str) and v.startswith("<") else v for k, v in body.items()
    }


def target(rule, ids):
    """The record the verb changes (for creations, the record it is made under)."""
    for name in ("resolution", "meeting", "committee"):
        if f"<uuid:{name}_id>" in rule:
            return f"/api/{name}s/{ids[name]}"
    return {
        "/api/meetings": f"/api/committees/{ids['committee']}",
        "/api/resolutions": f"/api/meetings/{ids['meeting']}",
    }[rule]


def snapshot(client, path):
    """The record's version and the number of events in the store, as an admin sees them."""
    record = client.get(path, headers=auth(client))
    events = client.get("/api/events?limit=1000", headers=auth(client)).get_json()["items"]
    return record.get_json()["version"], len(events)


def clerk(client, holder, council):
    return auth(client, holder, role="clerk", council=council)


def test_every_post_under_api_has_a_case_here(app):
    posts = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and rule.rule.startswith("/api/")
    }
    # Drafting minutes records nothing, so it names no record to authorise: tests/minutes.
    # A minutes document names its records by council and committee, not by id: its
    # council and a new committee are tested in test_minutes_record.py.
    assert posts == {ESTABLISH, RENAME_COUNCIL, *WRITES, "/api/minutes/drafts", "/api/minutes"}
    # 30, the whole minute's text and declarations/none, three kinds each of
    # correction and citation, minutes drafts and minutes documents
    assert len(posts) == 40


@pytest.mark.parametrize("rule", WRITES, ids=short)
def test_a_clerk_of_another_council_is_refused_and_nothing_is_written(client, rule):
    ids = world(client, WRITES[rule][1])
    before = snapshot(client, target(rule, ids))
    url, body = request_for(rule, ids)
    refused = problem(
        client.post(url, json=body, headers=clerk(client, OTHER, "halton")), 403, "other-council"
    )
    assert OTHER in refused["message"] and "halton" in refused["message"]
    assert snapshot(client, target(rule, ids)) == before


@pytest.mark.parametrize("rule", WRITES, ids=short)
def test_a_clerk_of_the_records_own_council_may_write_and_is_the_recorded_actor(client, rule):
    ids = world(client, WRITES[rule][1])
    url, body = request_for(rule, ids)
    response = client.post(url, json=body, headers=clerk(client, OWN, "st-helens"))
    assert response.status_code not in (401, 403, 404), response.get_json()
    receipt = ok(response, 201 if rule in ("/api/meetings", "/api/resolutions") else 200)
    feed = client.get(
        f"/api/events?after={receipt['position'] - 1}&limit=1", headers=auth(client)
    ).get_json()["items"]
    assert feed[0]["recorded_by"] == OWN


@pytest.mark.parametrize("exempt", ["proposal", "item"])
@pytest.mark.parametrize("rule", ON_A_RESOLUTION, ids=short)
def test_an_exempt_resolution_answers_another_councils_clerk_as_an_unknown_id_would(
    client, rule, exempt
):
    ids = world(client, WRITES[rule][1], exempt=exempt)
    assert client.get(f"/api/resolutions/{ids['resolution']}").status_code == 404  # hidden
    before = snapshot(client, target(rule, ids))
    unknown = str(uuid4())
    answers = []
    for resolution in (ids["resolution"], unknown):
        url, body = request_for(rule, ids, resolution)
        response = client.post(url, json=body, headers=clerk(client, OTHER, "halton"))
        assert response.status_code == 404, response.get_json()
        answer = response.get_json()
        answers.append({**answer, "message": answer["message"].replace(resolution, "<id>")})
    assert snapshot(client, target(rule, ids)) == before
    assert answers[0] == answers[1]  # same rule, same message: its existence does not leak


@pytest.mark.parametrize("exempt", ["proposal", "item"])
def test_the_councils_own_clerk_may_change_its_exempt_resolution(client, exempt):
    ids = world(client, exempt=exempt)
    ok(
        client.post(
            f"/api/resolutions/{ids['resolution']}/resolve",
            json=ON,
            headers=clerk(client, OWN, "st-helens"),
        )
    )


def test_proposing_on_an_exempt_item_answers_another_clerk_as_on_a_missing_item(client):
    ids = world(client, exempt="item")
    answers = [
        client.post(
            "/api/resolutions",
            headers=clerk(client, OTHER, "halton"),
            json={"meeting_id": ids["meeting"], "item": item, "clauses": CLAUSES, **ON},
        ).get_json()
        for item in ("5", "99")
    ]
    assert answers[0] == answers[1] and answers[0]["rule"] == "other-council"


@pytest.mark.parametrize("council", ["st-helens", "halton"])
def test_only_an_admin_may_establish_a_committee(client, council):
    refused = problem(
        client.post(
            ESTABLISH, json=ESTABLISHING, headers=clerk(client, f"clerk of {council}", council)
        ),
        403,
        "admin-only",
    )
    assert "establish a committee" in refused["message"]
    assert client.get("/api/events", headers=auth(client)).get_json()["items"] == []
    created = ok(client.post(ESTABLISH, json=ESTABLISHING, headers=auth(client, "Ada Admin")), 201)
    assert client.get(f"/api/committees/{created['id']}").get_json()["slug"] == "audit"


def revoked(client):
    made, token = client.application.extensions["minutebook.tokens"].create(
        holder=OWN, role="clerk", council="st-helens"
    )
    assert client.application.extensions["minutebook.tokens"].revoke(made.token_id)
    return f"Bearer {token}"


def forged(client):
    """A real token's id with somebody else's secret."""
    real = auth(client, OWN, role="clerk", council="st-helens")["Authorization"]
    return real[:-43] + "A" * 43


CREDENTIALS = {
    "a revoked token": (revoked, "invalid-token"),
    "a malformed token": (lambda _: "Bearer not-a-token", "invalid-token"),
    "a token with a wrong secret": (forged, "invalid-token"),
    "an unknown token": (lambda _: f"Bearer mbk_{'0' * 16}_{'x' * 43}", "invalid-token"),
    "another scheme": (lambda _: "Basic c2FtOnNlY3JldA==", "invalid-token"),
    "an empty bearer": (lambda _: "Bearer ", "invalid-token"),
    "no token": (lambda _: None, "token-required"),
}


@pytest.mark.parametrize("credential", CREDENTIALS)
def test_every_write_without_a_good_token_is_a_401_and_writes_nothing(client, credential):
    make, rule = CREDENTIALS[credential]
    ids = world(client, "held")
    header = make(client)
    before = snapshot(client, f"/api/committees/{ids['committee']}")
    for verb in (ESTABLISH, *WRITES):
        url, body = request_for(verb, ids)
        headers = {} if header is None else {"Authorization": header}
        response = client.post(url, json=body, headers=headers)
        problem(response, 401, rule)
        assert response.headers["WWW-Authenticate"].startswith("Bearer"), verb
    assert snapshot(client, f"/api/committees/{ids['committee']}") == before


def test_the_history_shows_each_tokens_holder_as_the_actor(client):
    ids = world(client, "resolved")
    resolution = ids["resolution"]
    ok(
        client.post(
            f"/api/resolutions/{resolution}/clauses/2/assignments",
            json={"owner": "Director", **ON},
            headers=clerk(client, OWN, "st-helens"),
        )
    )
    ok(
        client.post(
            f"/api/resolutions/{resolution}/clauses/2/progress-notes",
            json={"note": "in hand", **ON},
            headers=auth(client, "Ada Admin"),
        )
    )
    history = client.get(f"/api/resolutions/{resolution}/history").get_json()["items"]
    assert [(e["event"], e["actor"]) for e in history][-2:] == [
        ("ActionAssigned", OWN),
        ("ActionProgressNoted", "Ada Admin"),
    ]
    assert {e["actor"] for e in history[:-2]} == {ADMIN}
    mine = client.get("/api/audit", query_string={"actor": OWN}).get_json()["items"]
    assert [e["aggregate_id"] for e in mine] == [resolution]


# Every id a request names, in its path or its body, is authorised: a second id is no way
# into another council's record. ------------------------------------------------------------

# The ids each verb may name besides those in its path, and the kind of record each names.
BODY_IDS = {
    "/api/meetings": ["committee_id"],
    "/api/resolutions": ["meeting_id"],
    "/api/meetings/<uuid:meeting_id>/minutes-approval": ["at_meeting_id", "resolution_id"],
    "/api/resolutions/<uuid:resolution_id>/rescind": ["superseded_by"],
    "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/reports-back": ["at_meeting_id"],
}
KIND_OF = {
    "committee_id": "committee",
    "meeting_id": "meeting",
    "at_meeting_id": "meeting",
    "resolution_id": "resolution",
    "superseded_by": "resolution",
}
SECOND_IDS = [
    (rule, field)
    for rule in WRITES
    for field in [*re.findall(r"<uuid:(\w+)>", rule), *BODY_IDS.get(rule, [])]
]


def halton(client, exempt=False):
    """Halton's own committee, its meeting of 17 November 2022 (held) with item 3, and a
    resolution on it, carried (taken in private if asked), set up by an admin."""
    on = {"effective_date": "2022-11-17"}
    committee = establish(
        client, "executive-board", council="halton", council_name="Halton Borough Council"
    )["id"]
    meeting = ok(
        post(client, "/api/meetings", {"committee_id": committee, "date": "2022-11-17", **on}), 201
    )["id"]
    ok(post(client, f"/api/meetings/{meeting}/items", {"title": "BUDGET", "minute": "3", **on}))
    ok(post(client, f"/api/meetings/{meeting}/held", on))
    resolution = ok(
        post(
            client,
            "/api/resolutions",
            {"meeting_id": meeting, "item": "3", "clauses": CLAUSES, "exempt": exempt, **on},
        ),
        201,
    )["id"]
    ok(post(client, f"/api/resolutions/{resolution}/resolve", on))
    return {"committee": committee, "meeting": meeting, "resolution": resolution}


def with_second_id(rule, field, ids, theirs):
    """The verb's request on St Helens' world with one id, in the path or the body,
    swapped for Halton's record of the same kind."""
    url, body = request_for(rule, ids)
    kind = KIND_OF[field]
    if f"<uuid:{field}>" in rule:
        url = url.replace(ids[kind], theirs[kind], 1)
    else:
        body = {**body, field: theirs[kind]}
    return url, body


def every_event(client):
    return client.get("/api/events?limit=1000", headers=auth(client)).get_json()["items"]


@pytest.mark.parametrize(("rule", "field"), SECOND_IDS, ids=lambda v: short(v) if "/" in v else v)
def test_a_clerk_naming_another_councils_record_by_any_id_is_refused(client, rule, field):
    ids = world(client, WRITES[rule][1])
    theirs = halton(client)
    before = every_event(client)
    url, body = with_second_id(rule, field, ids, theirs)
    refused = problem(
        client.post(url, json=body, headers=clerk(client, OWN, "st-helens")), 403, "other-council"
    )
    assert "halton" in refused["message"]
    assert every_event(client) == before


@pytest.mark.parametrize(
    ("rule", "field"),
    [(r, f) for r, f in SECOND_IDS if KIND_OF[f] == "resolution"],
    ids=lambda v: short(v) if "/" in v else v,
)
def test_another_councils_exempt_resolution_named_by_any_id_answers_as_unknown(client, rule, field):
    ids = world(client, WRITES[rule][1])
    theirs = halton(client, exempt=True)
    before = every_event(client)
    answers = []
    for resolution in (theirs["resolution"], str(uuid4())):
        url, body = with_second_id(rule, field, ids, {**theirs, "resolution": resolution})
        response = client.post(url, json=body, headers=clerk(client, OWN, "st-helens"))
        answer = problem(response, 404, "resolution-not-found")
        answers.append({**answer, "message": answer["message"].replace(resolution, "<id>")})
    assert answers[0] == answers[1]
    assert every_event(client) == before


def test_the_minutes_of_one_council_cannot_be_approved_by_anothers_resolution(client):
    """The attack as found: Halton's clerk approving St Helens' minutes with a Halton
    resolution, and even an admin linking the two councils' records."""
    ids = world(client, "held")
    theirs = halton(client)
    url = f"/api/meetings/{ids['meeting']}/minutes-approval"
    body = {"at_meeting_id": ids["later"], "resolution_id": theirs["resolution"]}
    problem(
        client.post(url, json=body, headers=clerk(client, OTHER, "halton")), 403, "other-council"
    )
    problem(
        client.post(url, json=body, headers=auth(client, "Ada Admin")),
        409,
        "resolution-of-another-meeting",
    )
    assert client.get(f"/api/meetings/{ids['meeting']}").get_json()["minutes_approved_by"] is None


def test_an_approval_cites_a_resolution_of_the_approving_meeting(client):
    ids = world(client, "held")  # the resolution is of the meeting whose minutes these are
    url = f"/api/meetings/{ids['meeting']}/minutes-approval"
    problem(
        client.post(
            url,
            json={"at_meeting_id": ids["later"], "resolution_id": ids["resolution"]},
            headers=auth(client),
        ),
        409,
        "resolution-of-another-meeting",
    )


@pytest.mark.parametrize(
    "rule",
    [
        "/api/resolutions/<uuid:resolution_id>/rescind",
        "/api/resolutions/<uuid:resolution_id>/clauses/<int:clause>/reports-back",
    ],
    ids=short,
)
def test_even_an_admin_cannot_link_records_of_two_councils(client, rule):
    ids = world(client, "resolved")
    theirs = halton(client)
    field = BODY_IDS[rule][0]
    before = every_event(client)
    url, body = with_second_id(rule, field, ids, theirs)
    refused = problem(
        client.post(url, json=body, headers=auth(client, "Ada Admin")), 409, "across-councils"
    )
    assert "halton" in refused["message"]
    assert every_event(client) == before
