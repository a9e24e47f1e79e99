"""The read columns kept at write time (`eventwire.store.derived`, migration 0010).

Whatever order articles arrive, are stored again or leave a story, the kept
columns equal what `derived.backfill` computes from the stored readings, and
the migration fills them for a database that had none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import inspect, select

from eventwire.records import Actor, Article, Fingerprint
from eventwire.store import derived, open_store
from eventwire.store import schema as t
from tests.web_fixtures import _known_reading, known_readings

KEPT = {
    t.events: ("id", "story_key", "outlet", "month", "week", "grp", "lead"),
    t.event_actors: ("event_id", "actor_id", "role", "grp", "country", "country_first"),
    t.quotes: ("id", "outlet", "published", "month"),
    t.actors: ("id", "mentions", "articles"),
    t.article_actors: ("article_id", "actor_id", "mentions", "outlet", "published", "month", "country",
                       "country_first"),
}


def kept(conn) -> dict[str, list[tuple]]:
    """Every derived value in the database, in a fixed order."""
    out = {}
    for table, names in KEPT.items():
        columns = [table.c[n] for n in names]
        out[table.name] = [tuple(r) for r in conn.execute(select(*columns).order_by(*columns))]
    return out


def assert_as_from_scratch(store) -> None:
    with store.engine.connect() as conn:
        before = kept(conn)
        derived.backfill(conn)
        after = kept(conn)
        conn.rollback()
    assert before == after


FP = Fingerprint(names={"a:iran": 3.0, "a:russia": 3.0, "e:caspian": 2.0},
                 words={"police": 2.0, "training": 2.0, "drone": 1.0, "pact": 1.0})


def _story_readings() -> list:
    """Three reports of one story (same fingerprint, days apart): the first two share an event."""
    one, two, _hostile = known_readings()
    three = dataclasses.replace(
        one, article=dataclasses.replace(one.article, id="", title=one.article.title + " again", url="http://x/3",
                                         outlet="Other Wire", published=dt.date(2023, 7, 4)))
    three = _retarget(three)
    return [dataclasses.replace(r, fingerprint=FP) for r in (one, _move(two, dt.date(2023, 7, 3)), three)]


def _move(reading, day: dt.date):
    article = dataclasses.replace(reading.article, id="", published=day)
    return _retarget(dataclasses.replace(reading, article=article))


def _retarget(reading):
    """The reading with its records pointing at its (new) article id."""
    aid = reading.article.id
    return dataclasses.replace(
        reading,
        events=[dataclasses.replace(e, id="", article_id=aid) for e in reading.events],
        mentions=[dataclasses.replace(m, article_id=aid) for m in reading.mentions],
        quotes=[dataclasses.replace(q, id="", article_id=aid) for q in reading.quotes])


def test_derived_groups_a_story_and_counts_it_once(db_url):
    store = open_store(db_url)
    readings = _story_readings()
    for reading in readings:
        store.put_reading(reading)
    assert_as_from_scratch(store)
    merged = store.events(type="AGREE")
    assert [(r["num_mentions"], r["num_articles"], r["num_sources"]) for r in merged] == [(2, 2, 2)]
    assert store.facets("events", type="AGREE")["total"] == 1
    assert len(store.events(type="AGREE", mentions=True)) == 2
    with store.engine.connect() as conn:
        grps = {r.grp for r in conn.execute(select(t.events.c.grp).where(t.events.c.plover == "AGREE"))}
    assert len(grps) == 1 and None not in grps
    store.close()


def test_derived_stays_right_when_articles_are_stored_again(db_url):
    store = open_store(db_url)
    first, second, third = _story_readings()
    for reading in (first, second, third):
        store.put_reading(reading)
    # the third is read again: it no longer tells the story and Russia's country changed
    actors = [dataclasses.replace(a, country="XYZ") if a.name == "Russia" else a for a in third.actors]
    changed = dataclasses.replace(third, fingerprint=Fingerprint(names={"e:other": 1.0}, words={"x": 1.0}),
                                  actors=actors)
    store.put_reading(changed)
    assert_as_from_scratch(store)
    assert store.facets("events", type="AGREE")["total"] == 2  # two stories now
    assert {r["value"] for r in store.facets("events")["facets"]["country"]} >= {"XYZ"}
    # and stored once more with fewer records: its actors' counts go down, the group is gone
    fewer = dataclasses.replace(changed, events=changed.events[:1], mentions=changed.mentions[:1], quotes=[])
    store.put_reading(fewer)
    assert_as_from_scratch(store)
    counts = {a["id"]: (a["mentions"], a["articles"]) for a in store.actors(limit=100)}
    with store.engine.connect() as conn:
        m = t.mentions.c
        truth: dict[str, list] = {}
        for row in conn.execute(select(m.actor_id, m.article_id)):
            truth.setdefault(row.actor_id, []).append(row.article_id)
    assert counts == {k: (len(v), len(set(v))) for k, v in truth.items()} | {
        k: (0, 0) for k in counts if k not in truth}
    store.regroup_stories()
    assert_as_from_scratch(store)
    store.close()


def test_derived_a_new_actor_gets_counts_and_country_of_earlier_articles(db_url):
    store = open_store(db_url)
    iran = Actor("Iran", "country", "IRN", sectors=["GOV"])
    later = Actor("Caspia", "country", "AZE")
    article = Article(title="Iran and Caspia talk", paragraphs=["Iran met Caspia in Baku."],
                      published=dt.date(2023, 5, 1), outlet="Wire")
    reading = _known_reading(article, {"Iran": iran, "Caspia": later}, [
        {"evidence": "Iran met Caspia", "trigger": "met", "cameo": "040", "plover": "CONSULT", "quad": 1,
         "actors": ["Iran"], "recipients": ["Caspia"], "date": dt.date(2023, 5, 1)}], None)
    store.put_reading(dataclasses.replace(reading, actors=[iran]))  # Caspia is not (yet) an actor
    store.put_reading(known_readings()[1])
    assert_as_from_scratch(store)
    again = dataclasses.replace(article, id="", url="http://x/caspia", published=dt.date(2023, 5, 20))
    store.put_reading(_retarget(dataclasses.replace(reading, article=again)))  # now it is
    assert_as_from_scratch(store)
    assert store.facets("events", country="AZE")["total"] == 2
    assert [(a["mentions"], a["articles"]) for a in store.actors(country="AZE")] == [(4, 2)]  # title and body
    store.close()


def test_derived_migration_fills_an_older_database(db_url):
    """Down to 0008 and up again: the migration recomputes every derived column."""
    from alembic import command
    from alembic.config import Config

    from eventwire.store import sql

    store = open_store(db_url)
    for reading in [*_story_readings(), known_readings()[2]]:
        store.put_reading(reading)
    with store.engine.connect() as conn:
        before = kept(conn)
    answers = (store.events(), store.facets("events"), store.facets("articles"), store.actors(),
               store.facets("actors"), store.quotes(), store.facets("quotes"))
    config = Config()
    config.set_main_option("script_location", str(Path(sql.__file__).parent / "migrations"))
    with store.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
        conn.commit()
    with store.engine.connect() as conn:
        names = {c["name"] for c in inspect(conn).get_columns("events")}
    assert "grp" not in names
    store.close()
    store = open_store(db_url)  # migrates to the head again, filling the columns
    with store.engine.connect() as conn:
        assert kept(conn) == before
    assert (store.events(), store.facets("events"), store.facets("articles"), store.actors(),
            store.facets("actors"), store.quotes(), store.facets("quotes")) == answers
    store.close()


def test_derived_migrations_build_what_schema_declares(db_url):
    """The migrated database has every column and index store/schema.py declares (0010's included)."""
    store = open_store(db_url)
    with store.engine.connect() as conn:
        found = inspect(conn)
        for table in t.metadata.sorted_tables:
            assert {c.name for c in table.columns} <= {c["name"] for c in found.get_columns(table.name)}
            indexes = {i["name"]: i["column_names"] for i in found.get_indexes(table.name)}
            for index in table.indexes:
                assert indexes.get(index.name) == [c.name for c in index.columns], index.name
    store.close()
