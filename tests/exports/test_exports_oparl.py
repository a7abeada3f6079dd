"""OParl 1.1 from /oparl/v1.1/system: every object reached by following the links is
valid against OParl's own JSON schemas (tests/standards/oparl-1.1, CC BY-SA 4.0), can be
read at its id, lists page and filter by `modified_since`; exempt items only with a token."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from jsonschema import Draft4Validator, FormatChecker

from tests.exports.conftest import INSIDERS, JULY, OUTSIDERS, SECRET
from tests.web.helpers import ok, post, problem

SCHEMAS = Path(__file__).parents[1] / "standards" / "oparl-1.1"
TYPE = "https://schema.oparl.org/1.1/"
# What each object type embeds, and the schema of the embedded objects.
EMBEDDED = {
    "Body": {"legislativeTerm": "LegislativeTerm"},
    "Person": {"membership": "Membership"},
    "Meeting": {"agendaItem": "AgendaItem", "location": "Location"},
}
LINKS = {  # the properties holding a URL (or URLs) of other objects or lists
    "System": ["body"],
    "Body": ["organization", "person", "meeting", "paper"],
    "Organization": ["membership", "meeting"],
    "Meeting": ["organization", "participant"],
}

checker = FormatChecker()


@checker.checks("url")
def _is_url(value: object) -> bool:  # OParl's own format: an absolute http(s) URL
    parts = urlparse(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


VALIDATORS = {
    path.stem: Draft4Validator(json.loads(path.read_text()), format_checker=checker)
    for path in SCHEMAS.glob("*.json")
}


def local(url: str) -> str:
    assert url.startswith("http://localhost/oparl/v1.1/"), url
    return url.removeprefix("http://localhost")


def check(obj: dict) -> str:
    """Validate an object and what it embeds; returns its type's name."""
    kind = obj["type"].removeprefix(TYPE)
    errors = [e.message for e in VALIDATORS[kind].iter_errors(obj)]
    assert not errors, (obj["id"], errors)
    for name, inner in EMBEDDED.get(kind, {}).items():
        for embedded in obj.get(name, []) if isinstance(obj.get(name), list) else [obj.get(name)]:
            if embedded is not None:
                assert embedded["type"] == TYPE + inner
                check(embedded)
    return kind


def crawl(client, headers: dict | None = None) -> dict[str, dict]:
    """Every object reachable from the system, by id: lists followed page by page (2 a
    page), every object also read at its own id and found the same."""
    headers = headers or {}
    found: dict[str, dict] = {}
    todo = ["http://localhost/oparl/v1.1/system"]

    def get(url: str) -> dict:
        answer = client.get(local(url), headers=headers)
        assert answer.status_code == 200, (url, answer.json)
        return answer.json

    def visit(obj: dict) -> None:
        kind = check(obj)
        if obj["id"] in found:
            return
        found[obj["id"]] = obj
        todo.append(obj["id"])
        for name in LINKS.get(kind, []):
            value = obj.get(name)
            todo.extend(value if isinstance(value, list) else [value] if value else [])
        for name in EMBEDDED.get(kind, {}):
            inner = obj.get(name)
            for embedded in inner if isinstance(inner, list) else [inner] if inner else []:
                found.setdefault(embedded["id"], embedded)
                todo.append(embedded["id"])

    read: set[str] = set()
    while todo:
        url = todo.pop()
        if url in read:
            continue
        read.add(url)
        body = get(url if "?" in url or url.endswith("/system") else url)
        if "data" in body:  # a list: page through it
            page = get(url + ("&" if "?" in url else "?") + "limit=2")
            while True:
                assert set(page) == {"data", "pagination", "links"} and "first" in page["links"]
                for obj in page["data"]:
                    visit(obj)
                if "next" not in page["links"]:
                    break
                page = get(page["links"]["next"])
        else:
            if body["id"] in found:
                assert body == found[body["id"]], body["id"]
            visit(body)
    return found


def test_every_object_from_the_system_on_is_valid_oparl(history):
    client = history.test_client()
    found = crawl(client)
    kinds = {obj["type"].removeprefix(TYPE) for obj in found.values()}
    assert kinds >= {"System", "Body", "Organization", "Person", "Membership", "Meeting"}
    assert "AgendaItem" in kinds
    meetings = client.get("/api/meetings?limit=200").json["items"]
    assert {f"http://localhost/oparl/v1.1/meetings/{m['id']}" for m in meetings} <= set(found)
    committees = client.get("/api/committees?limit=200").json["items"]
    assert sum(o["type"] == TYPE + "Organization" for o in found.values()) == len(committees)


def test_an_agenda_items_resolution_text_is_its_resolutions_clauses(seeded):
    client = seeded.test_client()
    resolution = client.get("/api/resolutions?council=st-helens&limit=1").json["items"][0]
    meeting = client.get(f"/oparl/v1.1/meetings/{resolution['meeting_id']}").json
    item = next(i for i in meeting["agendaItem"] if i["number"] == resolution["minute"])
    for clause in resolution["clauses"]:
        assert clause["text"] in item["resolutionText"]
    assert item["result"] == resolution["status"]
    assert f"/api/resolutions/{resolution['id']}" in item["minutebook:resolutions"][0]
    assert client.get(local(item["id"])).json == item
    assert "start" not in meeting or meeting["start"].endswith("+01:00")  # BST in July


def test_modified_since_keeps_only_what_changed_since(client, private):
    before = datetime.now(UTC).isoformat()
    listed = f"/oparl/v1.1/organizations/{private['committee']}/meetings"
    assert len(client.get(listed).json["data"]) == 1
    later = ok(
        post(
            client,
            "/api/meetings",
            {"committee_id": private["committee"], "date": "2022-09-12", "effective_date": JULY},
        ),
        201,
    )["id"]
    changed = client.get(f"{listed}?{urlencode({'modified_since': before})}").json["data"]
    assert [m["id"] for m in changed] == [f"http://localhost/oparl/v1.1/meetings/{later}"]
    for bad in ("yesterday", "2022-07-25T10:00:00"):  # not a date-time; no offset
        problem(client.get(f"{listed}?{urlencode({'modified_since': bad})}"), 422, "invalid-input")


@pytest.mark.every_store  # hiding is done in each store's SQL
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_exempt_item_is_no_oparl_object_for_an_outsider(client, private, outsider):
    headers = OUTSIDERS[outsider](client)
    found = crawl(client, headers)
    text = json.dumps(found)
    assert "Directors report" in text
    assert SECRET not in text and private["secret"] not in text
    assert all(o.get("public", True) for o in found.values())
    url = f"/oparl/v1.1/meetings/{private['meeting']}/agenda-items/9"
    problem(client.get(url, headers=headers), 404, "agenda-item-not-found")


@pytest.mark.every_store  # hiding is done in each store's SQL
@pytest.mark.parametrize("insider", INSIDERS)
def test_the_councils_own_read_the_exempt_item_as_not_public(client, private, insider):
    headers = INSIDERS[insider](client)
    item = client.get(
        f"/oparl/v1.1/meetings/{private['meeting']}/agenda-items/9", headers=headers
    ).json
    assert check(item) == "AgendaItem"
    assert item["public"] is False and item["name"] == SECRET
    assert item["resolutionText"] == "(1) a report be brought back"


def test_unknown_things_are_404s(client, private):
    zero = "00000000-0000-0000-0000-000000000000"
    problem(client.get("/oparl/v1.1/bodies/nowhere"), 404, "council-not-found")
    problem(client.get(f"/oparl/v1.1/organizations/{zero}"), 404, "committee-not-found")
    problem(client.get(f"/oparl/v1.1/meetings/{zero}"), 404, "meeting-not-found")
    problem(client.get("/oparl/v1.1/papers/1"), 404, "object-not-found")
    problem(client.get(f"/oparl/v1.1/bodies/st-helens/people/{zero}"), 404, "person-not-found")
    problem(
        client.get(f"/oparl/v1.1/organizations/{private['committee']}/memberships/{zero}"),
        404,
        "membership-not-found",
    )
