"""A session database for the API and UI tests, built with the real pipeline.

It holds the project's examples (when the folder has any), a few small
articles of our own read by the real pipeline, one hostile article (HTML
and a script tag in its text), and two hand-built readings whose actors,
events, quotes and places are known, so UI tests can check behaviour while
the pipeline stages are still being written.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from eventwire.records import Actor, Article, DateValue, Event, Mention, Place, Quote, Reading

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
HOSTILE_TITLE = "Hostile <script>window.__pwned = 1</script> headline"
HOSTILE_BODY = (
    'Officials in Tehran said <img src=x onerror="window.__pwned = 2"> nothing. '
    "<b>Bold</b> claims & <i>markup</i> must stay text. <script>window.__pwned = 3</script>"
)

OWN = [
    Article(title="Iran and Russia sign a police cooperation deal",
            paragraphs=["Iran and Russia signed an agreement on police cooperation in Moscow on Tuesday.",
                        "\"We will train together,\" said Ahmadreza Radan, Iran's police chief."],
            published=dt.date(2023, 7, 4), outlet="Example Wire", captions=["Officers in Moscow."],
            credits=["Photo: Example Agency"]),
    Article(title="Ukraine accuses Russia of shelling Kharkiv",
            paragraphs=["Ukraine accused Russia of shelling Kharkiv overnight, officials said on Monday."],
            published=dt.date(2023, 9, 11), outlet="Example Wire"),
]


def _span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _known_reading(article: Article, actors: dict[str, Actor], events: list[dict], quote: dict | None) -> Reading:
    text, _ = article.layout()
    mentions = []
    for surface, actor in actors.items():
        at = 0
        while (found := text.find(surface, at)) >= 0:
            mentions.append(Mention(article.id, found, found + len(surface), 0, surface, actor.id))
            at = found + len(surface)
    records = []
    for spec in events:
        start, end = _span(text, spec["evidence"])
        records.append(Event(
            article_id=article.id, sentence=0, start=start, end=end, evidence=spec["evidence"],
            trigger=spec["trigger"], cameo=spec["cameo"], plover=spec["plover"], quad_class=spec["quad"],
            goldstein=spec.get("goldstein", 1.0), actors=[actors[a].id for a in spec["actors"]],
            recipients=[actors[r].id for r in spec["recipients"]],
            location=spec.get("place"), date=DateValue(spec["date"], "day", spec["date"].isoformat()),
            in_caption=spec.get("in_caption", False)))
    quotes = []
    if quote:
        start, end = _span(text, quote["text"])
        quotes.append(Quote(article.id, start, end, quote["text"], "direct",
                            speaker_id=actors[quote["speaker"]].id, cue="said"))
    return Reading(article=article, actors=list({a.id: a for a in actors.values()}.values()),
                   mentions=mentions, events=records, quotes=quotes, sentences=[(0, len(text))],
                   tokens=len(text.split()))


def known_readings() -> list[Reading]:
    """Two articles with known Iran-Russia events in two months, and a hostile one."""
    iran = Actor("Iran", "country", "IRN", sectors=["GOV"], aliases=["Islamic Republic"])
    russia = Actor("Russia", "country", "RUS", sectors=["GOV"], aliases=["Russian Federation"])
    radan = Actor("Ahmadreza Radan", "person", "IRN", sectors=["COP"], roles=["police chief"])
    moscow = Place("Moscow", "RUS", "city", 55.75, 37.62, "524901")
    tehran = Place("Tehran", "IRN", "city", 35.69, 51.42, "112931")
    first = Article(
        title="Iran and Russia agree police training <b>pact</b>",
        paragraphs=["Iran and Russia agreed on joint police training in Moscow, Ahmadreza Radan said.",
                    "\"Our forces will <train> together,\" Ahmadreza Radan said."],
        published=dt.date(2023, 7, 2), outlet="Known Wire", captions=["Russia hosts Iran's police chief."],
        credits=["Photo: Known Agency"])
    actors = {"Iran": iran, "Russia": russia, "Ahmadreza Radan": radan}
    one = _known_reading(first, actors, [
        {"evidence": "Iran and Russia agreed on joint police training in Moscow", "trigger": "agreed",
         "cameo": "057", "plover": "AGREE", "quad": 1, "actors": ["Iran"], "recipients": ["Russia"],
         "date": dt.date(2023, 7, 2), "place": moscow},
        {"evidence": "Russia hosts Iran's police chief.", "trigger": "hosts", "cameo": "042",
         "plover": "CONSULT", "quad": 1, "actors": ["Russia"], "recipients": ["Iran"],
         "date": dt.date(2023, 7, 1), "place": moscow, "in_caption": True},
    ], {"text": "\"Our forces will <train> together,\"", "speaker": "Ahmadreza Radan"})
    second = Article(
        title="Russia sends Iran drones; Iran threatens Russia over delay",
        paragraphs=["Russia delivered drones to Iran in Tehran.", "Iran threatened Russia over the delay."],
        published=dt.date(2023, 8, 15), outlet="Known Wire")
    two = _known_reading(second, {"Iran": iran, "Russia": russia}, [
        {"evidence": "Russia delivered drones to Iran in Tehran.", "trigger": "delivered", "cameo": "070",
         "plover": "AID", "quad": 2, "actors": ["Russia"], "recipients": ["Iran"],
         "date": dt.date(2023, 8, 14), "place": tehran},
        {"evidence": "Iran threatened Russia over the delay.", "trigger": "threatened", "cameo": "130",
         "plover": "THREATEN", "quad": 3, "goldstein": -4.4, "actors": ["Iran"], "recipients": ["Russia"],
         "date": dt.date(2023, 8, 15), "place": tehran},
    ], None)
    hostile = Article(title=HOSTILE_TITLE, paragraphs=[HOSTILE_BODY, "Iran said <script>alert(1)</script> again."],
                      published=dt.date(2023, 10, 1), outlet="<i>Evil</i> Outlet",
                      captions=["<svg onload=\"window.__pwned = 4\">caption</svg>"],
                      credits=["<script>window.__pwned = 5</script>"])
    three = _known_reading(hostile, {"Iran": iran}, [
        {"evidence": "Iran said <script>alert(1)</script> again.", "trigger": "said", "cameo": "010",
         "plover": "CONSULT", "quad": 1, "actors": ["Iran"], "recipients": ["Iran"],
         "date": dt.date(2023, 10, 1), "place": tehran},
    ], None)
    return [one, two, three]


def build_db(path: Path | str, pipeline) -> Path | str:  # type: ignore[no-untyped-def]
    """Examples and our own articles through the real pipeline, then the known readings
    (``path``: a SQLite file or a database URL)."""
    from eventwire.ingest import read_paths
    from eventwire.service import ingest
    from eventwire.store import open_store

    store = open_store(str(path))
    sources: list = list(OWN)
    sources.append(Article(title="A hostile page", paragraphs=[HOSTILE_BODY], published=dt.date(2023, 10, 2)))
    if EXAMPLES.is_dir() and any(p.is_file() for p in EXAMPLES.rglob("*")):
        sources += list(read_paths([EXAMPLES]))
    ingest(sources, pipeline=pipeline, store=store)
    for reading in known_readings():
        store.put_reading(reading)
    store.close()
    return path


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def web_db(request, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """The session's API/UI database: a SQLite file ($EVENTWIRE_TEST_WEB_DB reuses a built
    one), and the same content on PostgreSQL when the suite has a server."""
    from tests.conftest import PG_URL, fresh_postgres

    pipeline = request.getfixturevalue("pipeline")
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("no PostgreSQL: set EVENTWIRE_TEST_PG_URL (make test does)")
        return str(build_db(fresh_postgres(PG_URL, "web"), pipeline))
    return sqlite_web_db(request, tmp_path_factory)


def sqlite_web_db(request, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    reuse = os.environ.get("EVENTWIRE_TEST_WEB_DB")
    if reuse and Path(reuse).is_file():
        return reuse
    pipeline = request.getfixturevalue("pipeline")
    return str(build_db(tmp_path_factory.mktemp("web") / "web.db", pipeline))


@pytest.fixture(scope="session")
def app(web_db):  # type: ignore[no-untyped-def]
    from eventwire.web.app import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
