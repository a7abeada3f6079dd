"""A client nobody here wrote, generated from the API's own OpenAPI document.

openapi-python-client writes a Python package from /api/openapi.json into the test's tmp
folder; the test imports it and drives the seeded app through it over httpx (its WSGI
transport: the app itself, no server). What a generated client needs from the document:
operation names for its functions, typed classes for nested objects, the headers
(`If-Match`, `Idempotency-Key`, `ETag`, `Location`) and the token.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from tests.conftest import fresh_store
from tests.web.helpers import CLERK, token_for
from web import create_app, service_of

PACKAGE = "minutebook_client"
# openapi-python-client reads JSON, bytes and any text/* type, but not Atom's own type
# (application/atom+xml): told to read a feed as text (XML), it gives the feed's body as
# a str rather than leaving the answer out. iCalendar and CSV are text/* already.
CONTENT_TYPES = {"application/atom+xml": "text/xml"}


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory):
    with fresh_store("sqlite", tmp_path_factory.mktemp("client-store")) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
        yield app
        service_of(app).close()


@pytest.fixture(scope="module")
def generated(seeded_app, tmp_path_factory):
    """The generated package, imported: its client class and its API modules."""
    folder = tmp_path_factory.mktemp("generated")
    document = folder / "openapi.json"
    document.write_text(json.dumps(seeded_app.test_client().get("/api/openapi.json").json))
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "package_name_override": PACKAGE,
                "post_hooks": [],
                "content_type_overrides": CONTENT_TYPES,
            }
        )
    )
    cli = Path(sys.executable).with_name("openapi-python-client")
    done = subprocess.run(
        [cli, "generate", "--path", document, "--config", config, "--meta", "none"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield SimpleNamespace(
            client=importlib.import_module(f"{PACKAGE}.client"),
            models=importlib.import_module(f"{PACKAGE}.models"),
            types=importlib.import_module(f"{PACKAGE}.types"),
        )
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def api_client(generated, app, token: str):
    transport = httpx.WSGITransport(app=app)
    return generated.client.AuthenticatedClient(
        base_url="http://localhost", token=token, httpx_args={"transport": transport}
    )


def test_a_generated_client_reads_pages_and_writes_with_if_match(generated, seeded_app):
    with api_client(generated, seeded_app, token_for(seeded_app, CLERK)) as client:
        m = generated.models
        api = importlib.import_module(f"{PACKAGE}.api.councils.list_councils")
        councils = api.sync(client=client)
        assert isinstance(councils, m.CouncilPage)
        assert "st-helens" in {c.slug for c in councils.items}

        # The register, searched, a page of one at a time: the cursor leads through all.
        register = importlib.import_module(f"{PACKAGE}.api.resolutions.list_resolutions")
        found, cursor = [], generated.types.UNSET
        while True:
            page = register.sync(client=client, q="report", limit=1, cursor=cursor)
            assert isinstance(page, m.ResolutionPage) and len(page.items) <= 1
            found += page.items
            if not page.next_:
                break
            cursor = page.next_
        assert len(found) > 1
        assert len({r.id for r in found}) == len(found)

        # One resolution with an action: the action is a typed model, and the read an ETag.
        read = importlib.import_module(f"{PACKAGE}.api.resolutions.get_resolution")
        resolution, clause = _one_with_an_open_action(read, client, found, m)
        answer = read.sync_detailed(resolution.id, client=client)
        etag = answer.headers["ETag"]
        assert etag == f'"{resolution.version}"'
        unchanged = read.sync_detailed(resolution.id, client=client, if_none_match=etag)
        assert unchanged.status_code == 304

        # A progress note, with the version last read: recorded; sent again, stale.
        note = importlib.import_module(f"{PACKAGE}.api.resolutions.note_progress")
        body = m.NoteProgress(note="The report is drafted.", effective_date=_today())
        written = note.sync_detailed(
            resolution.id, clause.number, client=client, body=body, if_match=etag
        )
        assert written.status_code == 200, written.content
        assert isinstance(written.parsed, m.Receipt)
        assert written.parsed.version == resolution.version + 1
        assert written.headers["ETag"] == f'"{written.parsed.version}"'
        stale = note.sync_detailed(
            resolution.id, clause.number, client=client, body=body, if_match=etag
        )
        assert stale.status_code == 412 and isinstance(stale.parsed, m.Problem)
        after = read.sync(resolution.id, client=client)
        noted = [c for c in after.clauses if c.number == clause.number][0].action
        assert isinstance(noted, m.Action) and isinstance(noted.progress[-1], m.Progress)
        assert noted.progress[-1].note == "The report is drafted."


def test_a_generated_client_creates_a_record_and_follows_its_location(generated, seeded_app):
    with api_client(generated, seeded_app, token_for(seeded_app, "admin@minutebook")) as client:
        m = generated.models
        establish = importlib.import_module(f"{PACKAGE}.api.committees.establish_committee")
        body = m.EstablishCommittee(
            council="st-helens",
            council_name="St Helens Borough Council",
            slug="audit-and-governance",
            name="Audit and Governance Committee",
            kind=m.EstablishCommitteeKind.COMMITTEE,
            effective_date=_today(),
        )
        created = establish.sync_detailed(client=client, body=body, idempotency_key="ag-1")
        assert created.status_code == 201, created.content
        location = created.headers["Location"]
        assert location == f"/api/committees/{created.parsed.id}"
        get = importlib.import_module(f"{PACKAGE}.api.committees.get_committee")
        committee = get.sync(created.parsed.id, client=client)
        assert isinstance(committee, m.Committee)
        assert (committee.slug, committee.name) == ("audit-and-governance", body.name)
        again = establish.sync_detailed(client=client, body=body, idempotency_key="ag-1")
        assert (again.status_code, again.parsed.id) == (201, created.parsed.id)


def test_a_generated_client_reads_the_open_data_as_typed_models_and_text(generated, seeded_app):
    with api_client(generated, seeded_app, token_for(seeded_app, CLERK)) as client:
        m = generated.models

        def call(tag: str, name: str, *args, **kwargs):
            module = importlib.import_module(f"{PACKAGE}.api.{tag}.{name}")
            return module.sync(*args, client=client, **kwargs)

        # The data package and OParl's objects: each a class of its own.
        package = call("data", "datapackage")
        assert isinstance(package, m.DataPackage)
        files = {r.name: r for r in package.resources}
        assert isinstance(files["resolutions"], m.DataResource)
        assert "id" in {f.name for f in files["resolutions"].schema.fields}
        body = call("oparl", "oparl_body", "st-helens")
        assert isinstance(body, m.OParlBody) and body.short_name == "st-helens"
        meetings = call("oparl", "oparl_body_meetings", "st-helens", limit=2)
        assert isinstance(meetings, m.OParlMeetingList)
        assert all(isinstance(x, m.OParlMeeting) for x in meetings.data) and meetings.data

        # The feed, the calendar and a CSV file: their text.
        feed = call("feeds", "decisions_feed", "st-helens", limit=2)
        assert isinstance(feed, str) and "<feed" in feed and "<entry>" in feed
        calendar = call("calendars", "council_calendar", "st-helens")
        assert isinstance(calendar, str) and calendar.startswith("BEGIN:VCALENDAR")
        table = call("data", "resolutions_csv", council="st-helens")
        assert isinstance(table, str) and table.startswith("id,")


def _one_with_an_open_action(read, client, found, m):
    for line in found:
        resolution = read.sync(line.id, client=client)
        for clause in resolution.clauses:
            if isinstance(clause.action, m.Action) and clause.action.status == "open":
                return resolution, clause
    raise AssertionError("the seed's register has no open action found by 'report'")


def _today() -> date:
    return date.today()
