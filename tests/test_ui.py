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
    tab.on("console", lambda msg: problems.append(f"CSP: {msg.text}") if "Content Security Policy" in msg.text else None)
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    local = "http://127.0.0.1:"  # this test's servers (the small database's and the news one's)
    tab.on("request", lambda req: None if req.url.startswith((base_url, local)) else problems.append(f"request: {req.url}"))
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


def test_ui_home_shows_weeks_dyads_and_articles(page, base_url):
    main = _open(page, base_url)
    assert "articles" in main.locator(".counts").inner_text()
    assert main.locator("ul.articles li").count() >= 5
    assert main.locator("figure.home-chart svg.plot rect").count() >= 1
    assert main.locator("table.dyads a.dyad-link", has_text="Iran").count() >= 1
    assert page.title() == "Overview · eventwire"


def test_ui_quotes_and_actors_lists(page, base_url):
    quotes = page.request.get(f"{base_url}/api/quotes?limit=50").json()["items"]
    main = _open(page, base_url, "#/quotes")
    assert main.locator("table.quotes tr[data-quote]").count() == len(quotes)
    main = _open(page, base_url, "#/actors?country=IRN")
    names = main.locator("table.actors a[data-actor]").all_inner_texts()
    assert "Ahmadreza Radan" in names and "Russia" not in names


def test_ui_article_to_actor_to_dyad(page, base_url):
    main = _open(page, base_url, "#/articles?search=police+training")
    main = _click(page, main.locator("table.articles a", has_text="Iran and Russia agree police training"))
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
    assert main.locator("figure.actor-chart svg.plot rect").count() >= 2
    assert main.locator("table.events tbody tr").count() >= 4

    main = _click(page, main.locator("a.dyad-link", has_text="Russia"))
    assert main.locator("h1.dyad-title").inner_text() == "Iran – Russia"
    titles = main.locator("figure.dyad-chart rect title").all_text_contents()
    assert any(t.startswith("2023-07:") and "verbal cooperation" in t for t in titles)
    assert any(t.startswith("2023-08:") and "verbal conflict" in t for t in titles)
    assert main.locator(".balance").inner_text().startswith("+")
    assert main.locator("table.events tbody tr").count() >= 4


def test_ui_dyad_by_country_codes(page, base_url):
    main = _open(page, base_url, "#/dyad?a=IRN&b=RUS&until=2023-07-31")
    dyad = page.request.get(f"{base_url}/api/dyad?a=IRN&b=RUS&until=2023-07-31").json()
    bars = sum(1 for m in dyad["months"] for q in (1, 2, 3, 4) if m[f"q{q}"])
    assert main.locator("figure.dyad-chart rect title").count() == bars >= 1
    assert main.locator(".summary").inner_text().startswith(f"{dyad['events']} events")
    assert main.locator("table.events tbody tr").count() == dyad["events"]


def test_ui_network_and_map(page, base_url):
    main = _open(page, base_url, "#/network")
    names = page.evaluate("window.eventwireNetwork.nodes().map(n => n.data('label'))")
    assert {"Iran", "Russia"} <= set(names)
    assert page.evaluate("window.eventwireNetwork.edges().length") >= 2
    assert main.locator("table.edges a", has_text="Russia").count() >= 1
    main = _click(page, main.locator("table.edges td:first-child a", has_text="Russia").first)
    assert main.locator("h1.actor-name").inner_text() == "Russia"
    main = _open(page, base_url, "#/map")
    assert main.locator(".leaflet-overlay-pane path.country").count() > 150
    assert "Tehran" in main.locator("table.places").inner_text()
    moscow = page.evaluate("""(() => { const found = []; window.eventwireMap.eachLayer((l) => {
        if (l.getLatLng && l.options.title === 'Moscow') found.push(l.getLatLng()); }); return found; })()""")
    assert moscow and abs(moscow[0]["lat"] - 55.75) < 0.1


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
    sources = page.locator("script").evaluate_all("ss => ss.map(s => s.getAttribute('src'))")
    assert sources and all(src and src.startswith("/ui/") for src in sources)  # the app's own files only


def test_ui_unknown_article_shows_not_found(page, base_url):
    main = _open(page, base_url, "#/article/nope")
    assert "Not found" in main.locator(".error").inner_text()


def test_ui_empty_database_pages_render(browser, tmp_path):
    from eventwire.web.app import create_app

    pages = {"#/": "0 articles", "#/articles": "No articles", "#/actors": "Actors", "#/events": "No events",
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
    main = _open(page, base_url, "#/stories?sort=-outlets")
    main = _click(page, main.locator(f"tr[data-story='{story['id']}'] a"))
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


# ---------------------------------------------------------------- the workbench on real news

SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


@pytest.fixture(scope="session")
def news_url(tmp_path_factory, request):
    """The 96 shared news articles read by the real pipeline, served ($EVENTWIRE_TEST_NEWS_DB
    reuses a built database)."""
    import os

    from eventwire.ingest import read_paths
    from eventwire.service import ingest
    from eventwire.store import open_store
    from eventwire.web.app import create_app
    from tests.conftest import NEWS

    db = os.environ.get("EVENTWIRE_TEST_NEWS_DB")
    if not (db and Path(db).is_file()):
        if not NEWS.exists():
            pytest.skip("shared news sample not present")
        db = str(tmp_path_factory.mktemp("news") / "news.db")
        store = open_store(db)
        ingest(read_paths([NEWS]), pipeline=request.getfixturevalue("pipeline"), store=store)
        store.close()
    with _serve(create_app(db)) as url:
        yield url


def test_ui_map_draws_outlines_clusters_and_zooms(page, news_url):
    main = _open(page, news_url, "#/map")
    assert main.locator(".leaflet-overlay-pane path.country").count() > 150
    assert main.locator(".leaflet-overlay-pane path.country.shaded").count() >= 1  # countries named as places
    assert main.locator(".marker-cluster-events").count() >= 1  # nearby places are clustered
    clustered = int(main.locator(".marker-cluster-events span").first.inner_text())
    assert clustered >= 2
    before = page.evaluate("window.eventwireMap.getZoom()")
    main.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(600)
    assert page.evaluate("window.eventwireMap.getZoom()") > before
    main.locator(".leaflet-marker-icon.place-dot").first.click()
    popup = main.locator(".leaflet-popup-content .popup")
    popup.locator(".popup-events a").first.wait_for(timeout=10000)
    assert popup.locator("a", has_text="All events here").count() == 1


def test_ui_network_labels_do_not_overlap(page, news_url):
    n = 20
    main = _open(page, news_url, f"#/network?nodes={n}")
    boxes = page.evaluate("""window.eventwireNetwork.nodes().filter(n => n.data('label')).map(n => {
        const b = n.renderedBoundingBox({includeLabels: true, includeNodes: false, includeEdges: false});
        return [b.x1, b.y1, b.x2, b.y2]; })""")
    assert 2 <= len(boxes) <= n
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)
    rows = main.locator("table.edges tbody tr")
    assert rows.count() == page.evaluate("window.eventwireNetwork.edges().length")
    rows.first.locator("a").first.focus()  # the table view is reachable from the keyboard
    assert page.evaluate("document.activeElement.closest('table.edges') !== null")
    first = page.evaluate("window.eventwireNetwork.nodes()[0].id()")
    page.evaluate("document.getElementById('main').dataset.ready = 'no'")
    page.evaluate("window.eventwireNetwork.nodes()[0].emit('tap')")  # a click on a node opens the actor
    main = _ready(page)
    assert page.url.endswith("#/actor/" + first) and main.locator("h1.actor-name").count() == 1


def test_ui_facet_click_filters_and_url_reproduces_view(page, news_url):
    main = _open(page, news_url, "#/events")
    total = int(main.locator(".total").get_attribute("data-total"))
    link = main.locator("details[data-facet=quad_class] a").first
    expected = int(link.locator("xpath=following-sibling::span[1]").inner_text())
    quad = link.get_attribute("data-value")
    main = _click(page, link)
    assert f"quad_class={quad}" in page.url
    assert int(main.locator(".total").get_attribute("data-total")) == expected < total
    assert set(main.locator("table.events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.quad)")) == {quad}
    outlet = main.locator("details[data-facet=outlet] a").first
    main = _click(page, outlet)
    narrowed = main.locator(".total").inner_text()
    view = page.url.split("#", 1)[1]
    main = _open(page, news_url, "#" + view)  # the same URL opened afresh shows the same view
    assert main.locator(".total").inner_text() == narrowed
    assert main.locator("details[data-facet=quad_class] a.on").get_attribute("data-value") == quad
    main = _click(page, main.locator("th a.sort", has_text="PLOVER"))
    types = main.locator("table.events tbody tr td:nth-child(3) .code").all_inner_texts()
    assert types == sorted(types) and "sort=type" in page.url


def test_ui_csv_download_has_the_rows_the_page_counts(page, news_url):
    import csv

    main = _open(page, news_url, "#/events?quad_class=4")
    total = int(main.locator(".total").get_attribute("data-total"))
    with page.expect_download() as info:
        main.locator(".downloads a[data-format=csv]").click()
    rows = list(csv.DictReader(Path(info.value.path()).read_text(encoding="utf-8").splitlines()))
    assert len(rows) == total > 0 and {r["quad_class"] for r in rows} == {"4"}


def test_ui_bad_filter_shows_the_error_above_the_form(page, news_url):
    main = _open(page, news_url, "#/events?country=Iran")
    error = main.locator(".error-slot .error")
    assert "unknown country 'Iran'" in error.inner_text() and "IRN" in error.inner_text()
    assert main.locator("form.filters input[name=country]").input_value() == "Iran"
    main = _open(page, news_url, "#/actors?country=Iran")
    assert "closest" in main.locator(".error-slot .error").inner_text()


PAGES = {"home": "#/", "articles": "#/articles", "actors": "#/actors", "events": "#/events", "quotes": "#/quotes",
         "stories": "#/stories", "map": "#/map", "network": "#/network", "search": "#/search?q=Trump"}


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_ui_screenshots_of_every_page(browser, news_url, width, height):
    """Every page at desktop and phone width into build/screenshots/ (look at them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": height})
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    first = tab.request.get(f"{news_url}/api/events?limit=1").json()["items"][0]
    story = tab.request.get(f"{news_url}/api/stories?sort=-outlets&limit=1").json()["items"][0]
    pages = {**PAGES, "article": f"#/article/{first['article_id']}", "actor": f"#/actor/{first['actors'][0]['id']}"
             if first["actors"] else "#/actors", "dyad": "#/dyad?a=USA&b=GBR", "story": f"#/story/{story['id']}"}
    for i, (name, hash_) in enumerate(pages.items()):
        tab.goto(f"{news_url}/?shot={i}{hash_}")
        tab.wait_for_selector("main[data-ready=yes]", timeout=20000)
        title = tab.title()
        assert title.endswith("· eventwire") and len(title) > len("· eventwire") + 1, (name, title)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{width}x{height}.png"))
        wide = tab.evaluate("document.documentElement.scrollWidth")
        assert wide <= width + 1, f"{name} is {wide} px wide at {width}"
    tab.goto(f"{news_url}/?shot=focus#/")
    tab.wait_for_selector("main[data-ready=yes]")
    tab.evaluate("document.getElementById('main').dataset.ready = 'no'")
    tab.click("header nav a[href='#/events']")
    tab.wait_for_selector("main[data-ready=yes]")
    assert tab.evaluate("document.activeElement.tagName") == "H1"  # focus follows navigation
    tab.close()
    assert errors == []


def test_ui_vendor_files_match_the_locked_packages():
    """ui/vendor/ holds exactly the dist files of the versions package-lock.json pins."""
    import hashlib
    import json

    root = Path(__file__).resolve().parents[1]
    vendor = root / "src" / "eventwire" / "ui" / "vendor"
    manifest = json.loads((vendor / "MANIFEST.json").read_text(encoding="utf-8"))
    locked = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, entry in manifest.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert locked[f"node_modules/{entry['package']}"]["version"] == entry["version"], name
        installed = root / "node_modules" / entry["package"] / entry["source"]
        if installed.exists():  # after `make ui`: the copies are the installed files
            assert installed.read_bytes() == (vendor / name).read_bytes(), name
    wanted = json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert {e["package"] for e in manifest.values()} == set(wanted)
