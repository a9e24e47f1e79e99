"""Web UI in Debian's Chromium (Playwright): pages, the article -> actor -> dyad
path, charts, and that hostile article text renders as text and never runs."""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
import time
from pathlib import Path

import pytest

pytest_plugins = ["tests.web_fixtures"]
from tests.web_fixtures import sqlite_web_db  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def web_db(request, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """The browser looks at the SQLite database only; the API tests cover PostgreSQL too."""
    return sqlite_web_db(request, tmp_path_factory)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _serve(app):
    """The app served by uvicorn on a free localhost port in a background thread."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(app):
    with _serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (scripts/browser-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
            headless=True, args=ARGS)
        yield context
        context.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh tab that fails the test on any script error, dialog or request elsewhere."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("request", lambda req: None if req.url.startswith(base_url) else problems.append(f"request: {req.url}"))
    tab.problems = problems
    yield tab
    tab.close()
    assert problems == []


_LOADS = itertools.count()


def _open(page, base_url, hash_: str = "#/"):
    """A full page load (a new query string each time, so no stale ready flag from a hash change)."""
    page.goto(f"{base_url}/?load={next(_LOADS)}{hash_}")
    return _ready(page)


def _ready(page):
    page.wait_for_selector("main[data-ready=yes]", timeout=15000)
    return page.locator("main")


def _click(page, locator):
    page.evaluate("document.getElementById('main').dataset.ready = 'no'")
    locator.click()
    return _ready(page)


def test_ui_home_lists_articles_and_actors(page, base_url):
    main = _open(page, base_url)
    assert "articles" in main.locator(".counts").inner_text()
    assert main.locator("ul.articles li").count() >= 5
    assert main.locator("ul.actors a", has_text="Iran").count() >= 1


def test_ui_quotes_and_actors_lists(page, base_url):
    quotes = page.request.get(f"{base_url}/api/quotes?limit=50").json()["items"]
    main = _open(page, base_url, "#/quotes")
    assert main.locator("blockquote").count() == len(quotes)
    main = _open(page, base_url, "#/actors?country=IRN")
    names = main.locator("ul.actors li > a").all_inner_texts()
    assert "Ahmadreza Radan" in names and "Russia" not in names


def test_ui_article_to_actor_to_dyad(page, base_url):
    main = _open(page, base_url, "#/articles?search=police+training")
    main = _click(page, main.locator("ul.articles a", has_text="Iran and Russia agree police training"))
    assert page.locator("main[data-page=article]").count() == 1
    assert main.locator("h1.title").inner_text() == "Iran and Russia agree police training <b>pact</b>"
    assert main.locator("aside.captions p.caption").inner_text() == "Russia hosts Iran's police chief."
    assert main.locator("aside.credits li").inner_text() == "Photo: Known Agency"
    assert main.locator("article a.mention", has_text="Ahmadreza Radan").count() == 2
    assert main.locator("article .quote").first.inner_text().startswith('"Our forces will <train>')
    assert main.locator("article .trigger").inner_text() == "agreed"
    assert main.locator("aside.captions .trigger").inner_text() == "hosts"
    rows = main.locator("table.events tbody tr")
    assert rows.count() == 2
    assert "057" in rows.first.inner_text() and "AGREE" in rows.first.inner_text()
    assert "Moscow" in rows.first.inner_text() and "2023-07-02" in rows.first.inner_text()
    main.locator("article .trigger").click()
    assert main.locator("tr.focus").get_attribute("data-event") == rows.first.get_attribute("data-event")

    main = _click(page, main.locator("article a.mention", has_text="Iran").first)
    assert main.locator("h1.actor-name").inner_text() == "Iran"
    assert "Islamic Republic" in main.locator("td[data-field=aliases]").inner_text()
    assert main.locator("svg.timeline circle.point").count() >= 4
    assert main.locator("table.events tbody tr").count() >= 4

    main = _click(page, main.locator("a.dyad-link", has_text="Russia"))
    assert main.locator("h1.dyad-title").inner_text() == "Iran – Russia"
    assert main.locator("svg.dyad-chart rect.bar[data-month='2023-07'][data-quad='1']").count() == 1
    assert main.locator("svg.dyad-chart rect.bar[data-month='2023-08'][data-quad='3']").count() == 1
    assert main.locator(".balance").inner_text().startswith("+")
    assert main.locator("table.events tbody tr").count() >= 4


def test_ui_dyad_by_country_codes(page, base_url):
    main = _open(page, base_url, "#/dyad?a=IRN&b=RUS&until=2023-07-31")
    dyad = page.request.get(f"{base_url}/api/dyad?a=IRN&b=RUS&until=2023-07-31").json()
    bars = sum(1 for m in dyad["months"] for q in (1, 2, 3, 4) if m[f"q{q}"])
    assert main.locator("svg.dyad-chart rect.bar").count() == bars >= 1
    assert main.locator(".summary").inner_text().startswith(f"{dyad['events']} events")
    assert main.locator("table.events tbody tr").count() == dyad["events"]


def test_ui_network_and_map(page, base_url):
    main = _open(page, base_url, "#/network")
    names = main.locator("svg.network .node text").all_text_contents()
    assert {"Iran", "Russia"} <= set(names)
    assert main.locator("svg.network path.edge").count() >= 2
    main = _click(page, main.locator("svg.network a.node", has_text="Russia"))
    assert main.locator("h1.actor-name").inner_text() == "Russia"
    main = _open(page, base_url, "#/map")
    assert main.locator("svg.map a.place").count() >= 2
    assert len(main.locator("svg.map path.land").get_attribute("d")) > 10000
    assert "Tehran" in main.locator("table.places").inner_text()
    box = main.locator("svg.map a.place[data-place=Moscow] circle").first
    assert float(box.get_attribute("cx")) > 360 and float(box.get_attribute("cy")) < 180


def test_ui_events_filter_and_search(page, base_url):
    from playwright.sync_api import expect

    main = _open(page, base_url, "#/events?quad_class=3")
    assert set(main.locator("table.events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.quad)")) == {"3"}
    main = _open(page, base_url, "#/events")
    total = len(page.request.get(f"{base_url}/api/events?limit=500").json()["items"])
    rows = main.locator("table.events tbody tr")
    assert rows.count() == min(total, 50)
    if total > 50:
        main.locator("button.more").click()
        expect(rows).to_have_count(min(total, 100))  # (wait_for_function would need 'unsafe-eval': CSP forbids it)
    page.fill("#search input", "drones")
    page.evaluate("document.getElementById('main').dataset.ready = 'no'")
    page.press("#search input", "Enter")
    main = _ready(page)
    assert "Russia sends Iran drones" in main.locator("ul.articles").inner_text()


def test_ui_hostile_article_renders_as_text(page, base_url):
    from tests.web_fixtures import HOSTILE_TITLE

    main = _open(page, base_url, "#/search?q=Hostile+headline")
    main = _click(page, main.locator("ul.articles a").first)
    assert main.locator("h1.title").inner_text() == HOSTILE_TITLE
    assert "<script>alert(1)</script>" in main.locator("article").inner_text()
    assert "<svg onload" in main.locator("aside.captions").inner_text()
    assert main.locator("article script, article img, article b, article i, aside svg, aside script").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("script").count() == 1  # only the app's module


def test_ui_unknown_article_shows_not_found(page, base_url):
    main = _open(page, base_url, "#/article/nope")
    assert "Not found" in main.locator(".error").inner_text()


def test_ui_empty_database_pages_render(browser, tmp_path):
    from eventwire.web.app import create_app

    pages = {"#/": "0 articles", "#/articles": "Articles", "#/actors": "Actors", "#/events": "Events",
             "#/quotes": "Quotes", "#/dyad?a=IRN&b=RUS": "0 events", "#/network": "No events with both",
             "#/map": "No events with a known place", "#/search?q=nothing": "None.",
             "#/actor/nope": "Not found"}
    with _serve(create_app(str(tmp_path / "empty.db"))) as url:
        tab = browser.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda err: errors.append(str(err)))
        for i, (hash_, expected) in enumerate(pages.items()):
            tab.goto(f"{url}/?load={i}{hash_}")
            tab.wait_for_selector("main[data-ready=yes]", timeout=15000)
            assert expected in tab.locator("main").inner_text(), hash_
        tab.close()
    assert errors == []


def test_ui_story_page_lists_outlets_and_reports(page, base_url):
    stories = page.request.get(f"{base_url}/api/stories?limit=50").json()["items"]
    story = next(s for s in stories if s["outlets"] >= 2)
    main = _open(page, base_url, "#/story")
    main = _click(page, main.locator(f"li[data-story='{story['id']}'] a"))
    assert page.locator("main[data-page=story]").count() == 1
    assert main.locator("table.story-articles tr[data-article]").count() == story["articles"]
    assert main.locator("ul.story-outlets li[data-outlet]").count() == story["sources"] >= 2
    detail = page.request.get(f"{base_url}/api/stories/{story['id']}").json()
    assert main.locator("section[data-event]").count() == len(detail["events"])
    if detail["events"]:
        first = detail["events"][0]
        assert main.locator(f"section[data-event='{first['id']}'] li[data-report]").count() == len(first["reports"])
        assert main.locator(f"section[data-event='{first['id']}'] blockquote.sentence").count() == len(first["reports"])
    quoted = sum(len(g["quotes"]) for g in detail["speakers"])
    assert main.locator("section.speaker li[data-quote]").count() == quoted
    article = main.locator("table.story-articles a").first
    main = _click(page, article)
    assert main.locator("a.story-link").count() == 1
