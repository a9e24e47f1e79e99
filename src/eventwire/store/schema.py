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
    Column("sectors", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("external_ids", JSON, nullable=False),
    Column("search_names", Text, nullable=False),  # "|name|alias|…|" folded, for lookups
    Index("ix_actors_country", "country"),
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
    Index("ix_events_article", "article_id"),
    Index("ix_events_merge_key", "merge_key"),
    Index("ix_events_date", "date"),
    Index("ix_events_plover", "plover"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(64), primary_key=True),
    Column("role", String(10), primary_key=True),  # actor | recipient
    Index("ix_event_actors_actor", "actor_id", "role"),
    Index("ix_event_actors_role", "role", "event_id", "actor_id"),
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
    Index("ix_quotes_article", "article_id"),
    Index("ix_quotes_speaker", "speaker_id"),
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
