"""Stories: republications stored once, reports of one happening grouped, events counted once."""

from __future__ import annotations

import datetime
import json
import random

import pytest

from eventwire.evaluate.stories import bcubed, story_of_origin
from eventwire.ingest import read_paths
from eventwire.records import Actor, Article, DateValue, Event, Reading
from eventwire.service import ingest
from eventwire.store import open_store
from eventwire.stories.similarity import Fingerprint, StoryRules, related

from .conftest import NEWS

SUMMIT = (
    "Iranian Foreign Minister Hossein Amir-Abdollahian met Russian Foreign Minister Sergei "
    "Lavrov in Moscow on Tuesday to discuss the Caspian pipeline, the nuclear talks in Vienna "
    "and trade across the Caspian Sea, the Russian foreign ministry said. Lavrov praised the "
    "growing cooperation between Tehran and Moscow and said the two governments would sign a "
    "customs agreement before the end of the year. Amir-Abdollahian thanked Russia for its "
    "support at the United Nations Security Council and invited Lavrov to visit Tehran."
)
SUMMIT_2 = (
    "Russia's top diplomat Sergei Lavrov hosted his Iranian counterpart Hossein Amir-Abdollahian "
    "in Moscow on Tuesday, where the ministers discussed the Caspian pipeline and the Vienna "
    "nuclear talks, according to a statement. Lavrov said Moscow and Tehran would sign a customs "
    "agreement this year, and Amir-Abdollahian thanked Russia for its support at the United "
    "Nations Security Council. The talks in Moscow lasted three hours, officials said."
)
DRILLS = (
    "Iranian and Russian warships began joint naval drills in the northern Indian Ocean on "
    "Friday, the Iranian navy said. Rear Admiral Shahram Irani said twelve vessels and two "
    "helicopters took part in the exercise, which will last four days and include rescue and "
    "anti-piracy training. The Russian Pacific Fleet sent a cruiser and a tanker to the drills."
)


def _article(title: str, text: str, day: int, outlet: str = "wire", month: int = 3) -> Article:
    return Article(title=title, paragraphs=[text], published=datetime.date(2024, month, day),
                   outlet=outlet, url=f"https://{outlet}.example/{title.replace(' ', '-')}")


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "stories.db"))
    yield s
    s.close()


def _story(store, article_id: str) -> str:
    return store.article(article_id)["story_id"]


def test_stories_republication_stored_once_with_every_source(pipeline, store):
    original = _article("Ministers meet in Moscow", SUMMIT, 5, "meridian")
    copy = _article("Iran and Russia ministers meet", SUMMIT.replace("on Tuesday", "on Tuesday,"), 5, "ledger")
    exact = _article("Ministers meet in Moscow", SUMMIT, 6, "courier")
    summary = ingest([original, copy, exact], pipeline=pipeline, store=store)
    assert (summary.stored, summary.duplicates) == (1, 2)
    assert store.counts()["articles"] == 1
    sources = store.article(original.id)["sources"]
    assert {s["outlet"] for s in sources} == {"meridian", "ledger", "courier"}
    again = ingest([copy], pipeline=pipeline, store=store)
    assert (again.unchanged, again.duplicates) == (1, 0)
    reopened = open_store(store.url)  # signatures read back from the database
    edited = _article("Ministers meet again", SUMMIT.replace("Tuesday", "Tuesday morning"), 6, "gazette")
    assert ingest([edited], pipeline=pipeline, store=reopened).duplicates == 1


def test_stories_two_outlets_same_happening_one_story(pipeline, store):
    a = _article("Lavrov meets Amir-Abdollahian", SUMMIT, 5, "meridian")
    b = _article("Moscow hosts Iranian minister", SUMMIT_2, 5, "ledger")
    ingest([a, b], pipeline=pipeline, store=store)
    assert _story(store, a.id) == _story(store, b.id) == min(a.id, b.id)


def test_stories_same_actors_different_days_not_merged(pipeline, store):
    talks = _article("Lavrov meets Amir-Abdollahian", SUMMIT, 5)
    later = _article("Lavrov meets Amir-Abdollahian again", SUMMIT_2.replace("Tuesday", "Monday"), 25)
    drills = _article("Iran and Russia hold naval drills", DRILLS, 5)
    ingest([talks, later, drills], pipeline=pipeline, store=store)
    stories = {_story(store, x.id) for x in (talks, later, drills)}
    assert len(stories) == 3


def _fp(names: list[str], words: list[str]) -> Fingerprint:
    return Fingerprint({n: 1.0 for n in names}, {w: 1.0 for w in words})


def test_stories_related_is_symmetric_and_decays_with_days():
    a = _fp(["a:lavrov", "a:russia", "a:iran"], ["meet", "talk", "pipeline", "minister"])
    b = _fp(["a:lavrov", "a:russia"], ["meet", "pipeline", "sign"])
    day = datetime.date(2024, 3, 5)
    assert related(a, day, b, day) and related(b, day, a, day)
    assert related(a, day, b, day + datetime.timedelta(days=1))
    assert not related(a, day, b, day + datetime.timedelta(days=5))  # the bar rose above what they share
    rules = StoryRules(window_days=7, decay_days=0, name_threshold=0.3, word_threshold=0.4)
    assert related(a, day, b, day + datetime.timedelta(days=7), rules)
    assert not related(a, day, b, day + datetime.timedelta(days=8), rules)  # outside the window
    assert not related(a, day, _fp(["a:lavrov"], ["drill", "navy"]), day)  # names alone are not enough


def _synthetic(n_stories: int = 12, seed: int = 5) -> list[Reading]:
    """Stories of 3-8 articles spread over up to six days; names and words of the story plus noise."""
    rng = random.Random(seed)
    readings = []
    for story in range(n_stories):
        names = [f"a:actor{story}-{i}" for i in range(6)]
        words = [f"word{story}-{i}" for i in range(20)]
        start = datetime.date(2024, 1, 1) + datetime.timedelta(days=story // 3)
        for k in range(rng.randint(3, 8)):
            day = start + datetime.timedelta(days=min(k, 5))
            fp = Fingerprint({n: float(rng.randint(1, 6)) for n in rng.sample(names, 4) + [f"a:noise{rng.randrange(40)}"]},
                             {w: float(rng.randint(1, 6)) for w in rng.sample(words, 14) + [f"noise{rng.randrange(99)}"]})
            article = Article(title=f"Story {story} article {k}", paragraphs=[f"Body {story}-{k}."],
                              published=day, outlet=f"outlet{k}")
            readings.append(Reading(article=article, fingerprint=fp))
    return readings


def _partition(store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in store.articles(limit=1000):
        groups.setdefault(store.article(row["id"])["story_id"], set()).add(row["title"])
    return {frozenset(g) for g in groups.values()}


def test_stories_same_stories_in_three_orders_and_two_runs(tmp_path):
    readings = _synthetic()
    orders = [readings, readings[::-1], random.Random(3).sample(readings, len(readings))]
    partitions = []
    for n, order in enumerate(orders):
        store = open_store(str(tmp_path / f"order{n}.db"))
        for reading in order:
            store.put_reading(reading)
        partitions.append(_partition(store))
        store.close()
    half = len(readings) // 2
    first = open_store(str(tmp_path / "runs.db"))
    for reading in orders[2][:half]:
        first.put_reading(reading)
    first.close()
    second = open_store(str(tmp_path / "runs.db"))  # a second run on the same database
    for reading in orders[2][half:]:
        second.put_reading(reading)
    partitions.append(_partition(second))
    assert partitions[0] == partitions[1] == partitions[2] == partitions[3]
    multi = [g for g in partitions[0] if len(g) > 1]
    assert len(multi) >= 8  # most synthetic stories come together
    assert all(len({t.split(" article")[0] for t in g}) == 1 for g in partitions[0])  # and none mixes two
    assert second.regroup_stories() == len(partitions[0]) and _partition(second) == partitions[0]
    second.close()


def test_stories_events_counted_once_across_a_story(store):
    day = datetime.date(2024, 3, 5)
    fp = _fp(["a:lavrov", "a:moscow", "a:tehran"], ["meet", "talk", "customs", "agreement"])
    readings = []
    russia, iran = Actor("Russia", "country", country="RUS"), Actor("Iran", "country", country="IRN")
    for outlet, stated in (("meridian", True), ("ledger", True), ("courier", False)):
        article = Article(title=f"Talks ({outlet})", paragraphs=[f"Lavrov met his counterpart, {outlet} says."],
                          published=day + datetime.timedelta(days=0 if stated else 1), outlet=outlet)
        when = DateValue(datetime.date(2024, 3, 4), "day", "on Monday") if stated else \
            DateValue(article.published, "day", inferred=True)
        event = Event(article_id=article.id, sentence=1, start=0, end=10, evidence="met", trigger="meet",
                      cameo="040", plover="CONSULT", quad_class=1, goldstein=1.0,
                      actors=[russia.id], recipients=[iran.id], date=when)
        readings.append(Reading(article=article, actors=[russia, iran], events=[event], fingerprint=fp))
    for reading in readings:
        store.put_reading(reading)
    (merged,) = store.events()
    assert (merged["num_mentions"], merged["num_articles"], merged["num_sources"]) == (3, 3, 3)
    assert merged["date"] == "2024-03-04"  # the stated date, not the earliest article date
    assert len(store.events(mentions=True)) == 3
    counts = store.event_counts()
    assert list(counts.values()) == [(3, 3, 3)]
    from eventwire.exports import gdelt_rows
    from eventwire.store.rebuild import readings as stored

    rows = list(gdelt_rows(stored(store.engine), counts=counts))
    assert len(rows) == 1 and rows[0][31:34] == ["3", "3", "3"]  # NumMentions, NumSources, NumArticles
    assert len(list(gdelt_rows(stored(store.engine)))) == 3
    dyad = store.dyad("RUS", "IRN")
    assert dyad["events"] == 1 and dyad["items"][0]["num_mentions"] == 3
    assert [e["count"] for e in store.network()["edges"]] == [3]  # edges count reports


def test_stories_bcubed():
    assert bcubed(["a", "a", "b"], [1, 1, 2]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    score = bcubed(["a", "a", "b", "b"], [1, 1, 1, 1])
    assert score["recall"] == 1.0 and score["precision"] == 0.5


@pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")
def test_stories_same_stories_in_any_order(pipeline, tmp_path):
    lines = NEWS.read_text(encoding="utf-8").splitlines()  # all 96 development articles
    partitions = []
    for seed in (1, 2):
        shuffled = lines[:]
        random.Random(seed).shuffle(shuffled)
        path = tmp_path / f"order{seed}.jsonl"
        path.write_text("\n".join(shuffled), encoding="utf-8")
        store = open_store(str(tmp_path / f"order{seed}.db"))
        ingest(read_paths([path]), pipeline=pipeline, store=store)
        by_origin = story_of_origin(store)
        url_of = {f"{path}:{n}": json.loads(line)["url"] for n, line in enumerate(shuffled, 1)}
        groups: dict[str, set[str]] = {}
        for origin, story in by_origin.items():
            groups.setdefault(story, set()).add(url_of[origin])
        partitions.append({frozenset(g) for g in groups.values()})
        listed = store.stories(limit=1000)
        for story in listed:  # every story carried by several outlets says so
            outlets = {a["outlet"] for a in store.story(story["id"])["articles"]}
            assert story["sources"] == len(outlets) and (len(outlets) == 1 or story["sources"] > 1)
        store.close()
    assert partitions[0] == partitions[1]


def _report(rid: str, article: str, *, outlet: str, negated: bool = False, day: str | None = "2024-03-04",
            key: str = "k1") -> dict:
    return {"id": rid, "article_id": article, "outlet": outlet, "merge_key": key, "negated": negated,
            "date": day or "2024-03-06", "date_precision": "day", "date_inferred": day is None,
            "confidence": 0.9, "published": "2024-03-06", "start": 0}


def test_stories_merge_reports_counts_and_disputes():
    from eventwire.stories.merge import merge_reports

    agreeing = [_report("r1", "a1", outlet="meridian"), _report("r2", "a2", outlet="ledger"),
                _report("r3", "a2", outlet="ledger"), _report("r4", "a3", outlet="courier", day=None)]
    (event,) = merge_reports(agreeing, {"a2": ["ledger", "gazette"]})  # a2's text was also carried by gazette
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (4, 3, 4)
    assert not event["disputed"] and event["date"] == "2024-03-04"
    denied = agreeing + [_report("r5", "a4", outlet="herald", negated=True, key="k1")]
    said, unsaid = merge_reports(denied)
    assert said["num_mentions"] == 4 and unsaid["num_mentions"] == 1
    assert said["disputed"] and unsaid["disputed"] and said["dispute"] == ["negated"]
    redated = agreeing + [_report("r6", "a5", outlet="herald", day="2024-03-01")]
    parts = merge_reports(redated)
    assert [p["num_mentions"] for p in parts] == [4, 1] and all(p["dispute"] == ["date"] for p in parts)
    other = merge_reports(agreeing + [_report("r7", "a5", outlet="herald", key="k2")])
    assert [p["disputed"] for p in other] == [False, False]  # another event is no contradiction


def _without(field: str, tmp_path):
    path = tmp_path / f"no-{field}.jsonl"
    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    path.write_text("\n".join(json.dumps({k: v for k, v in r.items() if k != field}) for r in records), "utf-8")
    return path


@pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")
def test_stories_every_shared_article_has_an_outlet_with_or_without_publisher(tmp_path):
    from eventwire.records import Article as A

    given = [a for a in read_paths([NEWS]) if isinstance(a, A)]
    derived = [a for a in read_paths([_without("publisher", tmp_path)]) if isinstance(a, A)]
    assert len(given) == len(derived) == 96
    assert all(a.outlet for a in given) and all(a.outlet for a in derived)
    assert [a.outlet for a in given] == [a.outlet for a in derived]  # "dailymail" and dailymail.co.uk agree
    assert len({a.outlet for a in derived}) == 13


def test_stories_outlet_names_from_table_and_domains():
    from eventwire.datafiles import DATA, read_tsv
    from eventwire.ingest.common import outlet_name, registered_domain

    for row in read_tsv(DATA / "outlets.tsv"):
        assert outlet_name(None, f"https://www.{row['domain']}/news/1") == row["name"]
        for alias in filter(None, row["aliases"].split("|")):
            assert outlet_name(alias) == row["name"]
    assert outlet_name(None, "https://news.unlisted-paper.co.uk/a/1") == "unlisted-paper.co.uk"
    assert outlet_name("Northern Ledger", "https://www.bbc.co.uk/x") == "Northern Ledger"  # a given name wins
    assert outlet_name(None, "http://localhost:8000/a") is None and registered_domain("not a url") is None
