"""The pages in a real browser: Debian's Chromium, driven by Playwright, on the seeded
minutes served by a real server in a thread. Every link from `/` answers without an
error and without a console error; axe-core finds no WCAG 2 A/AA violation on each kind
of page; each kind is photographed (at desktop width, at 320px and as printed) into the
test's tmp folder, for a person to look at.

Without Chromium these tests are skipped, saying why; with CI=true they fail instead."""

from __future__ import annotations

import os
import shutil
import threading
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from werkzeug.serving import make_server

from seeds.replay import replay
from web import create_app, service_of

pytestmark = [
    pytest.mark.browser,
    # The browser drops a connection whenever it moves on while a static file is still
    # being sent; werkzeug's test server then leaves that file to the garbage collector.
    # A server's leak, not the app's: the app's own resources are checked everywhere else.
    pytest.mark.filterwarnings(
        r"ignore:Exception ignored in. <_io\.(FileIO|BufferedReader):"
        "pytest.PytestUnraisableExceptionWarning"
    ),
]

# `make screenshots` sets this to docs/: the README's pictures of the pages.
README_SHOTS = {"meeting-1200": "pages-meeting.png", "actions-1200": "pages-tracker.png"}
WCAG_2_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium), or set CHROMIUM"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI=true needs the browser tests to run")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seeded minutes, served over HTTP by a real server in a thread."""
    folder = tmp_path_factory.mktemp("site")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'minutebook.sqlite3'}"})
    replay(service_of(app))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()
    service_of(app).close()


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if os.environ.get("CI") == "true":
        import playwright.sync_api as sync_api  # CI=true: missing, it fails
    else:
        sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda m: m.type == "error" and page.console_errors.append(f"{page.url}: {m.text}"),
    )
    page.on("pageerror", lambda e: page.console_errors.append(f"{page.url}: {e}"))
    yield page
    context.close()


def links_on(page, site: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = set()
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if urlsplit(url).netloc == urlsplit(site).netloc:
            found.add(url)
    return found


def test_every_link_from_the_home_page_answers_without_an_error(site, tab):
    seen, queue, failures = {f"{site}/"}, deque([f"{site}/"]), []
    while queue:
        url = queue.popleft()
        response = tab.goto(url)
        if response is None or response.status >= 400:
            failures.append(f"{url}: {response and response.status}")
            continue
        if "text/html" in response.headers.get("content-type", ""):
            for link in links_on(tab, site) - seen:
                seen.add(link)
                queue.append(link)
    assert failures == []
    assert tab.console_errors == []
    kinds = {urlsplit(u).path.split("/")[1] for u in seen}
    assert {"councils", "committees", "meetings", "resolutions", "actions", "audit", "api"} <= kinds
    assert len(seen) > 40


def kinds_of_page(site: str, tab) -> dict[str, str]:
    """One page of each kind, found by following the links a reader would."""
    tab.goto(f"{site}/councils/st-helens")
    committee = tab.get_attribute("main a[href^='/committees/']", "href")
    tab.goto(site + committee)
    meeting = tab.get_attribute("main a[href^='/meetings/']:text('25 July 2022')", "href")
    tab.goto(site + meeting)
    resolution = tab.get_attribute("main a[href^='/resolutions/']", "href")
    return {
        "home": "/",
        "council": "/councils/st-helens",
        "committee": committee,
        "meeting": meeting,
        "resolution": resolution,
        "resolution-as-of": f"{resolution}?as_of=2022-07-25",
        "actions": "/actions",
        "register": "/resolutions?q=SEND",
        "audit": "/audit",
        "not-found": "/resolutions/00000000-0000-0000-0000-000000000000",
        "bad-query": "/actions?rag=purple",
    }


def test_each_kind_of_page_passes_axe_and_is_photographed(site, tab, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = {}
    for kind, path in kinds_of_page(site, tab).items():
        for width in (1200, 320):
            tab.set_viewport_size({"width": width, "height": 900})
            tab.goto(site + path)
            results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_2_A_AA}})
            if results.violations_count:
                problems[f"{kind} at {width}px"] = results.generate_report()
            shot = tmp_path / f"{kind}-{width}.png"
            tab.screenshot(path=shot, full_page=True)
            if os.environ.get("PAGES_SCREENSHOT_DIR") and shot.stem in README_SHOTS:
                target = os.path.join(os.environ["PAGES_SCREENSHOT_DIR"], README_SHOTS[shot.stem])
                tab.screenshot(path=target, full_page=False)
            # Nothing wider than the screen: a reader at 320px never scrolls sideways.
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{kind} at {width}px is {overflow}px too wide"
    assert problems == {}, "\n".join(f"{k}:\n{v}" for k, v in problems.items())
    # The error pages' own status is the only thing the console reports.
    unexpected = [e for e in tab.console_errors if "/00000000-" not in e and "purple" not in e]
    assert unexpected == []


def test_the_tracker_prints_for_an_agenda_pack(site, tab, tmp_path):
    tab.goto(f"{site}/actions")
    tab.emulate_media(media="print")
    assert tab.is_hidden("form.filters") and tab.is_hidden("nav.crumbs")
    assert tab.is_visible("table.tracker")
    tab.screenshot(path=tmp_path / "actions-print.png", full_page=True)
    tab.pdf(path=tmp_path / "actions.pdf")


def test_the_pages_work_with_javascript_off(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/actions")
    page.select_option("#rag", "amber")
    page.click("form.filters button")
    assert "rag=amber" in page.url
    assert set(page.eval_on_selector_all(".rag", "e => e.map(x => x.className)")) <= {
        "rag rag-amber"
    }
    context.close()


FOCUS_SHOWN = """el => {
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return outlined || style.boxShadow !== 'none';
}"""


def tab_to(page, selector: str, most: int = 40) -> None:
    """Press Tab until `selector` has the focus, checking each stop shows it has."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert focused.evaluate(FOCUS_SHOWN), focused.evaluate("el => el.outerHTML")
        if focused.evaluate("(el, s) => el.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reached by Tab")


def test_the_tracker_filters_work_by_keyboard_alone(site, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/actions")
    everything = page.locator("table.tracker tbody tr").count()
    assert everything > 1
    # From the top of the page: the skip link first, then on through the page.
    tab_to(page, "a.skip")
    assert page.locator("a.skip").bounding_box()["x"] >= 0  # on screen once focused
    tab_to(page, "#council")
    page.keyboard.type("St Helens")
    tab_to(page, "#rag")
    page.keyboard.type("Red")
    page.screenshot(path=tmp_path / "actions-keyboard.png")
    tab_to(page, "form.filters button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "council=st-helens" in page.url and "rag=red" in page.url
    ratings = page.eval_on_selector_all("table.tracker .rag", "e => e.map(x => x.className)")
    assert ratings and set(ratings) == {"rag rag-red"} and len(ratings) < everything
    assert page.input_value("#council") == "st-helens" and page.input_value("#rag") == "red"
    # A date typed into its field, and Enter there, asks for the tracker as it stood. (8
    # August: day and month read the same whichever order the browser's locale takes.)
    page.focus("body")
    tab_to(page, "#as_of")
    page.keyboard.type("08082022")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "as_of=2022-08-08" in page.url and "rag=red" in page.url
    assert page.title().startswith("Action tracker as it stood on 8 August 2022")
    assert page.locator("table.tracker .rag-red").count() == 1
    context.close()
