"""The database schema (SQLAlchemy Core), one table per record kind.

The same schema serves SQLite and PostgreSQL; Alembic migrations in
``migrations/`` create and change it. Lists and dicts are JSON columns.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
    true,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text, nullable=False),
    Column("standfirst", Text),
    Column("published", Date),
    Column("author", Text),
    Column("language", String(8)),
    Column("origin", Text),
    Column("paragraphs", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("credits", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentences", JSON, nullable=False),
    Column("tokens", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime, nullable=False),
    Column("story_id", String(32)),
    Column("fingerprint", JSON),
    Index("ix_articles_published", "published"),
    Index("ix_articles_story", "story_id"),
    Index("ix_articles_outlet", "outlet"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)),
    # 0011: the country is only a home-country guess (`Actor.home`; null: guesses disagreed)
    Column("country_home", Boolean, nullable=False, default=False, server_default=false()),
    Column("sectors", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("external_ids", JSON, nullable=False),
    Column("search_names", Text, nullable=False),  # "|name|alias|…|" folded, for lookups
    # 0010 (`derived`): mentions and distinct articles, kept at write time
    Column("mentions", Integer, nullable=False, default=0, server_default="0"),
    Column("articles", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_actors_country", "country"),
    Index("ix_actors_mentions", "mentions"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("sentence", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor_id", String(64), nullable=False),
    Index("ix_mentions_actor", "actor_id"),
    Index("ix_mentions_actor_article", "actor_id", "article_id"),  # 0003: counts per actor
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("cameo", String(8), nullable=False),
    Column("plover", String(16), nullable=False),
    Column("mode", String(32)),
    Column("contexts", JSON, nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("goldstein", Float, nullable=False),
    Column("actors", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("location", JSON),
    Column("location_name", Text),
    Column("location_country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("date", Date),
    Column("date_precision", String(8), nullable=False),
    Column("date_text", Text),
    Column("date_inferred", Boolean, nullable=False),
    Column("reported_by", String(64)),
    Column("speaker", String(64)),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("in_caption", Boolean, nullable=False),
    Column("symmetric", Boolean, nullable=False, server_default=false()),
    Column("background", Boolean, nullable=False, server_default=false()),
    Column("confidence", Float, nullable=False),
    Column("merge_key", String(32)),
    # 0010 (`derived`): the article's story and outlet, the date's month and week, and the
    # report's group: grp is NULL when it is the only report of its event in its story, and
    # lead marks the report that stands for the group
    Column("story_key", String(32)),
    Column("outlet", Text),
    Column("month", String(7)),
    Column("week", Date),
    Column("grp", String(80)),
    Column("lead", Boolean, nullable=False, default=True, server_default=true()),
    Index("ix_events_article", "article_id"),
    Index("ix_events_merge_key", "merge_key"),
    Index("ix_events_date", "date"),
    # 0010: the plover index also covers what facets count, so they read no table rows
    Index("ix_events_facets", "plover", "quad_class", "outlet", "month", "grp", "article_id", "story_key", "id"),
    Index("ix_events_story_key", "story_key"),
    Index("ix_events_grp", "grp"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(64), primary_key=True),
    Column("role", String(10), primary_key=True),  # actor | recipient
    # 0010 (`derived`): the event's grp, the actor's country, and whether this is the event's
    # first side of that country (so a count of events by country reads no event twice)
    Column("grp", String(80)),
    Column("country", String(8)),
    Column("country_first", Boolean, nullable=False, default=True, server_default=true()),
    Index("ix_event_actors_actor", "actor_id", "role"),
    # 0010: with grp, covering for facets (in event order: the network's join keeps its locality)
    Index("ix_event_actors_role", "role", "event_id", "actor_id", "grp"),
    Index("ix_event_actors_country", "country", "grp", "country_first", "event_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("speaker_id", String(64)),
    Column("cue", Text),
    Column("reported_by", String(64)),
    # 0010 (`derived`): the article's outlet and publication date and month
    Column("outlet", Text),
    Column("published", Date),
    Column("month", String(7)),
    Index("ix_quotes_article", "article_id"),
    Index("ix_quotes_speaker", "speaker_id"),
    Index("ix_quotes_published", "published", "article_id", "start"),
    Index("ix_quotes_facets", "outlet", "kind", "month", "speaker_id"),  # 0010: covering, for facets
)

skips = Table(
    "skips",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_skips_code", "code"),
)

# Stories (migration 0002): keys for candidate lookups, republication sources, signatures.
article_keys = Table(
    "article_keys",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("published", Date),
    Index("ix_article_keys_key", "key", "published"),
)

article_sources = Table(
    "article_sources",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", String(32), primary_key=True),  # id the republished copy would have had
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("origin", Text),
)

article_minhash = Table(
    "article_minhash",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
    Column("seq", Integer),  # 0008: order of storing, so concurrent ingests catch up
    Index("ix_article_minhash_seq", "seq"),
)

# Read counts (migration 0010, `derived`): one row per actor an article mentions, with the
# article's outlet, date and month and the actor's country (``country_first``: the article's
# first actor of that country), so lists and facets count actors and articles without joins.
article_actors = Table(
    "article_actors",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(64), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("outlet", Text),
    Column("published", Date),
    Column("month", String(7)),
    Column("country", String(8)),
    Column("country_first", Boolean, nullable=False, default=True, server_default=true()),
    Index("ix_article_actors_actor", "actor_id", "published"),
    Index("ix_article_actors_outlet", "outlet", "actor_id"),  # covering, for facets
    Index("ix_article_actors_month", "month", "actor_id"),
    Index("ix_article_actors_country", "country", "country_first", "article_id"),
)

#: Columns kept at write time from others (`derived`): not part of any record or answer.
DERIVED = {
    "events": ("story_key", "outlet", "month", "week", "grp", "lead"),
    "event_actors": ("grp", "country", "country_first"),
    "quotes": ("outlet", "published", "month"),
    "actors": ("mentions", "articles"),
}


def public(table: Table) -> list[Column]:  # type: ignore[type-arg]
    """The table's columns without the derived ones: what a record or an answer holds."""
    hidden = DERIVED.get(table.name, ())
    return [c for c in table.columns if c.name not in hidden]
