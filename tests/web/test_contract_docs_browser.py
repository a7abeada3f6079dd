"""The docs page can write: in Chromium, Swagger UI at /api/docs (its files served from
the installed package) is authorised with a clerk's token through "Authorize", and a
progress note recorded through "Try it out" answers 200 and is on the record.

Without Chromium this test is skipped, saying why; with CI=true it fails instead."""

from __future__ import annotations

import json
import threading

import pytest
from werkzeug.serving import make_server

from seeds.replay import replay
from tests.web.helpers import token_for
from tests.web.test_browser_pages import browser, pytestmark  # noqa: F401 (the fixture)
from web import create_app, service_of

NOTE = "Progress recorded from the API's docs page."


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The seeded minutes, served over HTTP by a real server in a thread, and the app."""
    folder = tmp_path_factory.mktemp("docs-site")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'minutebook.sqlite3'}"})
    replay(service_of(app))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    thread.join()
    server.server_close()
    service_of(app).close()


def test_the_docs_page_authorised_with_a_clerks_token_records_a_progress_note(
    served,
    browser,  # noqa: F811
):
    site, app = served
    token = token_for(app, "clerk@st-helens", role="clerk", council="st-helens")
    action = _an_open_action_of(app, "st-helens")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{site}/api/docs")
        page.locator(".information-container").wait_for()

        # Authorize: the bearer token, for every operation that declares it.
        page.locator("button.authorize").first.click()
        page.locator(".modal-ux input[type=text], .modal-ux input[type=password]").fill(token)
        page.locator(".modal-ux .auth-btn-wrapper button.authorize").click()
        page.locator(".modal-ux .auth-btn-wrapper button.btn-done").click()

        # Try it out, on "Note progress on the action".
        operation = page.locator("#operations-resolutions-noteProgress")
        operation.locator(".opblock-summary").click()
        operation.locator("button.try-out__btn").click()
        operation.locator("tr[data-param-name=resolution_id] input").fill(action["resolution_id"])
        operation.locator("tr[data-param-name=clause] input").fill(str(action["clause"]))
        body = {"note": NOTE, "effective_date": "2024-01-15"}
        operation.locator("textarea.body-param__text").fill(json.dumps(body))
        operation.locator("button.execute").click()

        status = operation.locator(".live-responses-table .response .response-col_status")
        status.first.wait_for()
        assert status.first.inner_text().strip() == "200"
        assert errors == []
    finally:
        page.close()
    notes = app.test_client().get(
        f"/api/resolutions/{action['resolution_id']}/clauses/{action['clause']}/progress-notes",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert notes.json["items"][-1]["note"] == NOTE
    assert notes.json["items"][-1]["noted_by"] == "clerk@st-helens"


def _an_open_action_of(app, council: str) -> dict:
    actions = app.test_client().get(f"/api/actions?council={council}&status=open").json
    return actions["items"][0]
