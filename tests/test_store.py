"""The store: a real SQLite file, upserts, one transaction per article, queries."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import StoreError
from eventwire.records import Actor, Article, DateValue, Event, Mention, Place, Quote, Reading, Skip
from eventwire.store import open_store
from eventwire.store.rebuild import readings


def make_reading(title: str = "Iran and Russia agree", day: int = 1, *, text: str | None = None) -> Reading:
    article = Article(
        title=title,
        paragraphs=[text or "Iran and Russia agreed to cooperate on security, IRIB reported."],
        published=datetime.date(2023, 7, day), outlet="Wire", url=f"http://x/{title}",
    )
    iran = Actor("Iran", "country", country="IRN")
    russia = Actor("Russia", "country", country="RUS", aliases=["Russian Federation"])
    irib = Actor("IRIB", "organization", country="IRN", sectors=["MED"], aliases=["IRIB news agency"])
    body_start = len(title) + 2
    event = Event(
        article_id=article.id, sentence=1, start=body_start + 17, end=body_start + 23,
        evidence="agreed", trigger="agree", cameo="030", plover="AGREE", quad_class=1,
        goldstein=4.0, actors=[iran.id], recipients=[russia.id], reported_by=irib.id,
        location=Place("Moscow", "RUS", "city", 55.75, 37.62, "524901"),
        date=DateValue(datetime.date(2023, 7, day), "day", "on Saturday"),
    )
    quote = Quote(article.id, body_start, body_start + 30, "Iran and Russia agreed", "indirect", irib.id, "report")
    return Reading(
        article=article, actors=[iran, russia, irib],
        mentions=[Mention(article.id, body_start, body_start + 4, 1, "Iran", iran.id),
                  Mention(article.id, body_start + 9, body_start + 15, 1, "Russia", russia.id)],
        events=[event], quotes=[quote], sentences=[(0, len(title)), (body_start, body_start + 60)],
        tokens=12,
    )


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


def test_store_round_trip(store, db_url):
    reading = make_reading()
    store.put_reading(reading)
    if "://" not in db_url:
        assert Path(db_url).exists()
    (back,) = list(readings(store.engine))
    assert back.article == reading.article
    assert back.events == reading.events
    assert back.quotes == reading.quotes
    assert {a.id for a in back.actors} == {a.id for a in reading.actors}


def test_store_same_reading_twice_changes_nothing(store):
    reading = make_reading()
    store.put_reading(reading)
    first = store.counts()
    store.put_reading(reading)
    assert store.counts() == first == {
        "articles": 1, "actors": 3, "events": 1, "quotes": 1, "mentions": 2, "skips": 0}
    assert len(store.articles(search="cooperate")) == 1


def test_store_failed_write_leaves_no_half_article(store, monkeypatch):
    store.put_reading(make_reading("Earlier article", 2))

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(type(store), "_put_children", boom)
    with pytest.raises(RuntimeError):
        store.put_reading(make_reading("Broken article", 3))
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == 1
    assert [a["title"] for a in store.articles()] == ["Earlier article"]


def test_store_actor_aliases_and_roles_merge_across_articles(store):
    one, two = make_reading("First", 1), make_reading("Second", 2)
    two.actors[2].aliases = ["Islamic Republic of Iran Broadcasting"]
    two.actors[2].roles = ["state broadcaster"]
    store.put_reading(one)
    store.put_reading(two)
    (irib,) = store.actors(name="IRIB")
    assert set(irib["aliases"]) == {"IRIB news agency", "Islamic Republic of Iran Broadcasting"}
    assert irib["roles"] == ["state broadcaster"]
    (iran,) = store.actors(country="IRN", kind="country")
    assert iran["articles"] == 2


@pytest.mark.parametrize(("countries", "stored"), [
    # (country, only a home guess) of the same actor in three articles, in order
    ([("NLD", False), ("BRA", True), (None, False)], "NLD"),  # a guess never undoes a given one
    ([("BRA", True), ("NLD", False), ("DEU", True)], "NLD"),  # a given one overrides a guess
    ([("BRA", True), ("BRA", True), (None, False)], "BRA"),  # agreeing guesses stand
    ([("BRA", True), ("DEU", True), ("BRA", True)], None),  # disagreeing guesses leave none
    ([("BRA", True), ("DEU", True), ("GBR", False)], "GBR"),
])
def test_store_a_home_guess_gives_way_across_articles(store, countries, stored):
    for day, (country, home) in enumerate(countries, 1):
        reading = make_reading(f"Report {day}", day)
        reading.actors[2].country, reading.actors[2].home = country, home
        store.put_reading(reading)
    (irib,) = store.actors(name="IRIB")
    assert irib["country"] == stored


def test_store_full_text_search(store):
    store.put_reading(make_reading("Drone deliveries", 1, text="Russia received drones from Iran, officials said."))
    store.put_reading(make_reading("Police talks", 2))
    assert [a["title"] for a in store.articles(search="drones")] == ["Drone deliveries"]
    assert store.articles(search='"unbalanced (query') == []


def test_store_event_filters(store):
    store.put_reading(make_reading())
    assert len(store.events(actor="Iran")) == 1
    assert store.events(actor="Russia") == []
    assert len(store.events(recipient="Russian Federation")) == 1
    assert len(store.events(country="RUS", type="AGREE", quad_class=1)) == 1
    assert store.events(since=datetime.date(2023, 8, 1)) == []
    event = store.events()[0]
    assert event["actors"][0]["name"] == "Iran" and event["reported_by"]["name"] == "IRIB"


def test_store_quotes_by_any_alias(store):
    store.put_reading(make_reading())
    assert len(store.quotes(speaker="IRIB news agency")) == 1
    assert len(store.quotes(speaker="irib")) == 1


def test_store_dyad_and_network(store):
    store.put_reading(make_reading())
    dyad = store.dyad("IRN", "RUS")
    assert dyad["events"] == 1 and dyad["months"][0]["month"] == "2023-07"
    assert dyad["balance"] == 1.0
    network = store.network()
    assert network["edges"][0]["plover"] == "AGREE"
    assert {n["name"] for n in network["nodes"]} == {"Iran", "Russia"}


def test_store_skips_recorded_once(store):
    skip = Skip("bad.jsonl", "E104", "malformed JSON", line=3)
    store.put_skips([skip])
    store.put_skips([skip])
    assert [(s["code"], s["line"]) for s in store.skips()] == [("E104", 3)]


def test_store_missing_article_is_a_coded_error(store):
    with pytest.raises(StoreError) as err:
        store.article("nope")
    assert err.value.code == "E303"


def test_store_bad_url_is_a_coded_error(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    assert err.value.code == "E301"


events_strategy = st.builds(
    Event,
    article_id=st.just("a1"), sentence=st.integers(0, 50), start=st.integers(0, 10_000),
    end=st.integers(0, 10_000), evidence=st.text(max_size=40), trigger=st.text(max_size=10),
    cameo=st.sampled_from(["010", "036", "112", "190"]), plover=st.sampled_from(["CONSULT", "ASSAULT"]),
    mode=st.none() | st.sampled_from(["visit", "disapprove"]),
    contexts=st.lists(st.sampled_from(["military", "crime"]), max_size=2, unique=True),
    quad_class=st.integers(1, 4), goldstein=st.floats(-10, 10, allow_nan=False),
    actors=st.lists(st.sampled_from(["x1", "x2"]), max_size=2, unique=True),
    recipients=st.lists(st.sampled_from(["x3"]), max_size=1),
    location=st.none(), date=st.builds(DateValue, st.dates(), st.sampled_from(["day", "month", "year"])),
    reported_by=st.none(), speaker=st.none(), negated=st.booleans(), hypothetical=st.booleans(),
    hedged=st.booleans(), in_caption=st.booleans(), confidence=st.floats(0, 1, allow_nan=False),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(event=events_strategy)
def test_store_event_round_trip_property(event):
    store = open_store(":memory:")
    article = Article(title="T", paragraphs=["Some text here."], id="a1")
    store.put_reading(Reading(article=article, events=[event]))
    (back,) = list(readings(store.engine))
    assert back.events == [event]
