"""The exports' fixtures: the seeded minutes and a generated history (each made once per
module, read-only), and a meeting with exempt business beside public business."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from seeds.synthetic import Size, generate
from tests.conftest import fresh_store
from tests.web.conftest import app, pytest_generate_tests, store_url  # noqa: F401
from tests.web.helpers import appoint, auth, ok, post
from web import create_app, service_of

JULY = "2022-07-25"
SECRET = "Redundancy settlement for the Director"
# Enough for the CSV files to run over several pages of the queries they read through.
HISTORY = Size(councils=2, committees=2, members=6, meetings=4, resolutions=3)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[Flask]:
    """The four councils' seed minutes on SQLite."""
    with fresh_store("sqlite", tmp_path_factory.mktemp("seeded")) as url:
        made = create_app({"TESTING": True, "DATABASE_URL": url})
        assert made.test_cli_runner().invoke(args=["seed"]).exit_code == 0
        yield made
        service_of(made).close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Iterator[Flask]:
    """A synthetic history (seeds/synthetic.py): exempt items, rescissions, referrals."""
    with fresh_store("sqlite", tmp_path_factory.mktemp("generated")) as url:
        made = create_app({"TESTING": True, "DATABASE_URL": url})
        generate(service_of(made), HISTORY)
        yield made
        service_of(made).close()


@pytest.fixture(params=["seeded", "generated"])
def history(request) -> Flask:
    return request.getfixturevalue(request.param)


@pytest.fixture
def private(client) -> dict[str, Any]:
    """A St Helens meeting with public item 5 and exempt item 9, each resolved with an
    action: the exempt one's title is SECRET."""
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
            {
                "committee_id": committee,
                "date": JULY,
                "start_time": "10:00",
                "venue": "Room 10, Town Hall",
                "effective_date": JULY,
            },
        ),
        201,
    )["id"]
    for minute, title, exempt in (("5", "Directors report", False), ("9", SECRET, True)):
        body = {"minute": minute, "title": title, "exempt": exempt, "effective_date": JULY}
        ok(post(client, f"/api/meetings/{meeting}/items", body))
    ok(
        post(
            client,
            f"/api/meetings/{meeting}/attendance",
            {"name": "Councillor Sims", "status": "present", "effective_date": JULY},
        )
    )
    ids = {}
    for minute in ("5", "9"):
        clause = {"number": 1, "kind": "instruction", "text": "a report be brought back"}
        body = {
            "meeting_id": meeting,
            "item": minute,
            "effective_date": JULY,
            "clauses": [{**clause, "action": {"due_date": "2022-10-10"}}],
        }
        rid = ok(post(client, "/api/resolutions", body), 201)["id"]
        ok(post(client, f"/api/resolutions/{rid}/resolve", {"effective_date": JULY}))
        ids[minute] = rid
    return {"committee": committee, "meeting": meeting, "public": ids["5"], "secret": ids["9"]}


OUTSIDERS = {
    "the public": lambda client: {},
    "a clerk of another council": lambda client: auth(client, "clerk@halton", "clerk", "halton"),
}
INSIDERS = {
    "a St Helens clerk": lambda client: auth(client, "clerk@st-helens", "clerk", "st-helens"),
    "an admin": lambda client: auth(client, "ops"),
}
