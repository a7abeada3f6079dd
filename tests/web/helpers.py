"""Shared setup for the web command tests: everything goes through the Flask test client.

Each builder POSTs with an API token and returns the receipt's JSON. The tokens these
helpers use are admin tokens held by the named actor, so that setting up any record
is allowed; tenant isolation has tests of its own (test_authorisation.py).
"""

from __future__ import annotations

from typing import Any

CLERK = "clerk@st-helens"
ESTABLISHED = "2022-01-31"
JULY = "2022-07-25"
OCTOBER = "2022-10-10"

CLAUSES = [
    {"number": 1, "text": "the report be noted; and", "kind": "noted"},
    {
        "number": 2,
        "text": "an update on the plans for SEND be brought back to a future "
        "meeting of the Committee",
        "kind": "report back",
        "action": {"due_meeting": "a future meeting of the Committee"},
    },
]


def token_for(app, holder: str, role: str = "admin", council: str | None = None) -> str:
    """A bearer token for the holder (made once per app and remembered)."""
    made = app.config.setdefault("TEST_TOKENS", {})
    if (holder, role, council) not in made:
        _, token = app.extensions["minutebook.tokens"].create(
            holder=holder, role=role, council=council
        )
        made[(holder, role, council)] = token
    return made[(holder, role, council)]


def auth(client, actor: str = CLERK, role: str = "admin", council: str | None = None):
    return {"Authorization": f"Bearer {token_for(client.application, actor, role, council)}"}


def post(
    client,
    url: str,
    body: dict[str, Any] | None = None,
    *,
    actor: str | None = CLERK,
    if_match: str | None = None,
):
    """POST a command as `actor`; `actor=None` sends no token."""
    headers = {}
    if actor is not None:
        headers.update(auth(client, actor))
    if if_match is not None:
        headers["If-Match"] = if_match
    return client.post(url, json={} if body is None else body, headers=headers)


def post_text(client, url: str, text: str):
    """POST a body that claims to be JSON but is not (a cut-off request, say)."""
    return client.post(url, data=text, content_type="application/json", headers=auth(client))


def ok(response, status: int = 200) -> dict[str, Any]:
    """The receipt of a command that succeeded: id, version, position, and the ETag."""
    assert response.status_code == status, response.get_json()
    receipt = response.get_json()
    assert {"id", "version", "position"} <= set(receipt)
    assert isinstance(receipt["version"], int) and isinstance(receipt["position"], int)
    assert response.headers["ETag"] == f'"{receipt["version"]}"'
    return receipt


def problem(response, status: int, rule: str) -> dict[str, Any]:
    """An error in the one shape every error has."""
    assert response.status_code == status, response.get_json()
    body = response.get_json()
    assert {"status", "error", "rule", "message"} <= set(body)
    assert body["status"] == status
    assert body["rule"] == rule, body
    assert body["message"]
    return body


def invalid(response, field: str) -> dict[str, Any]:
    """A 422 for invalid input that names the field."""
    body = problem(response, 422, "invalid-input")
    assert field in body["fields"], body
    return body


def read(client, kind: str, record_id: str) -> dict[str, Any]:
    """GET /api/<kind>/<id>: the read path, which must already show our own writes."""
    response = client.get(f"/api/{kind}/{record_id}")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert response.headers["ETag"] == f'"{body["version"]}"'
    return body


def event_count(client) -> int:
    """How many events the store holds, read from the event feed."""
    return len(client.get("/api/events?limit=1000").get_json()["items"])


# Builders ------------------------------------------------------------------------------


def establish(client, slug: str = "cyps-scrutiny", **extra: Any) -> dict[str, Any]:
    body = {
        "council": "st-helens",
        "council_name": "St Helens Borough Council",
        "slug": slug,
        "name": "Children and Young People Services Scrutiny Committee",
        "effective_date": ESTABLISHED,
        **extra,
    }
    return ok(post(client, "/api/committees", body), 201)


def appoint(client, committee_id: str, name: str, role: str = "member") -> dict[str, Any]:
    return ok(
        post(
            client,
            f"/api/committees/{committee_id}/members",
            {"name": name, "role": role, "effective_date": ESTABLISHED},
        )
    )


def schedule(client, committee_id: str, on: str = JULY) -> dict[str, Any]:
    body = {"committee_id": committee_id, "date": on, "effective_date": ESTABLISHED}
    return ok(post(client, "/api/meetings", body), 201)


def add_item(
    client, meeting_id: str, minute: str = "5", title: str = "DIRECTORS REPORT"
) -> dict[str, Any]:
    return ok(
        post(
            client,
            f"/api/meetings/{meeting_id}/items",
            {"title": title, "minute": minute, "effective_date": JULY},
        )
    )


def a_meeting_with_an_item(client) -> tuple[str, str]:
    """A committee and its 25 July 2022 meeting with item 5; returns both ids."""
    committee_id = establish(client)["id"]
    meeting_id = schedule(client, committee_id)["id"]
    add_item(client, meeting_id)
    return committee_id, meeting_id


def hold(client, meeting_id: str, on: str = JULY) -> dict[str, Any]:
    return ok(post(client, f"/api/meetings/{meeting_id}/held", {"effective_date": on}))


def propose(client, meeting_id: str, clauses: list[dict[str, Any]] = CLAUSES) -> dict[str, Any]:
    body = {"meeting_id": meeting_id, "item": "5", "clauses": clauses, "effective_date": JULY}
    return ok(post(client, "/api/resolutions", body), 201)


def a_proposed_resolution(client) -> str:
    _, meeting_id = a_meeting_with_an_item(client)
    return propose(client, meeting_id)["id"]


def a_resolved_resolution(client) -> str:
    """Carried on 25 July 2022: clause 2's action is open from that day."""
    resolution_id = a_proposed_resolution(client)
    ok(post(client, f"/api/resolutions/{resolution_id}/resolve", {"effective_date": JULY}))
    return resolution_id


# The seed replay's events: 191 before the whole minute; then 11 items' minute text and 4
# meetings at which the minutes say no interests were declared (206); then 99 sources
# cited (seeds/provenance.py).
SEED_EVENTS = 305
