"""SQLite and PostgreSQL through one SQLAlchemy Core store.

Writes: each article's reading goes in one transaction (article, mentions,
events, quotes, and the merge of its actors into the cross-article actor
table), so an interrupted batch never leaves half an article.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..settings import SETTINGS, load
from ..errors import StoreError
from ..records import Actor, Article, Reading, Skip, normalise_text
from . import derived
from . import schema as t
from .queries import Queries
from .rows import article_row, event_row, quote_row
from .story_sql import assign_story, regroup

log = logging.getLogger(__name__)

DEFAULT_DB = SETTINGS["db"].default


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, ``:memory:`` or the ``db`` setting in force."""
    db = db or load()["db"]
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]  # psycopg 3, not psycopg2
    if "://" in db:
        return db
    if db == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(db).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: PostgreSQL advisory lock keys: one for migrations, one for storing articles.
MIGRATION_LOCK = 0x6576_6D69  # "evmi"
WRITE_LOCK = 0x6576_7772  # "evwr"
#: Seconds a SQLite writer waits for another's lock before the write fails.
SQLITE_TIMEOUT = 60


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (Alembic), under a lock: any number of
    processes may open a new database at once, and one of them migrates it.

    SQLite answers "database is locked" at once, without waiting, when a lock cannot be
    had without a deadlock (a reader asking to write while another writes, a WAL file
    being set up); such an attempt is tried again until SQLITE_TIMEOUT has passed."""
    import time

    deadline = time.monotonic() + SQLITE_TIMEOUT
    while True:
        try:
            return _migrate(engine)
        except OperationalError as err:
            if (engine.dialect.name != "sqlite" or "locked" not in str(err)
                    or time.monotonic() > deadline):
                raise
            time.sleep(0.05)


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    head = ScriptDirectory.from_config(config).get_current_head()
    if _revision(engine) == head:
        return
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN EXCLUSIVE")  # waits for another migrating process
        elif engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")  # finds the schema as the lock's last holder left it
        connection.commit()


def _revision(engine: Engine) -> str | None:
    """The database's schema revision, or None (a new database, or no version table yet)."""
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return row[0] if row else None
    except SQLAlchemyError:
        return None


class SQLStore(Queries):
    """The store: writes here, reads in `Queries`."""

    def __init__(self, url: str, *, readonly: bool = False, story_rules: Any = None) -> None:
        from ..stories.similarity import StoryRules

        self.url = url
        self.story_rules = story_rules or StoryRules.from_settings(load())
        try:
            kwargs: dict[str, Any] = {}
            if url.startswith("sqlite"):
                kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_TIMEOUT}
                if url == "sqlite://":
                    from sqlalchemy.pool import StaticPool

                    kwargs["poolclass"] = StaticPool
            self.engine = create_engine(url, **kwargs)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            if not readonly:
                migrate(self.engine)
        except (SQLAlchemyError, OSError) as err:
            raise StoreError("E301", url=url, detail=str(err).splitlines()[0]) from err
        self.dialect = self.engine.dialect.name
        self._duplicates: Any = None
        self._seen = 0  # the highest signature seq read into the duplicate index
        self._writes = 0  # write transactions of this store (its part of `data_version`)
        self._version_conn: Any = None
        self._version_lock = threading.Lock()

    @contextmanager
    def _writing(self, *, lock: bool = False) -> Iterator[Connection]:
        """A write transaction. SQLite: BEGIN IMMEDIATE, so writers queue for the lock at the
        start instead of failing when a read turns into a write; PostgreSQL: with ``lock``, the
        advisory write lock, so the look for copies and the write are one step across processes."""
        with self.engine.connect() as conn, conn.begin():
            if self.dialect == "sqlite" and self.url != "sqlite://":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif self.dialect == "postgresql" and lock:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            yield conn
        self._writes += 1

    def close(self) -> None:
        self.engine.dispose()

    def data_version(self) -> Any:
        """A value that changes whenever the database does, by any process (for caches); None
        where that cannot be seen cheaply. SQLite: ``PRAGMA data_version`` on a connection of its
        own (with this store's writes); PostgreSQL: the WAL position."""
        try:
            if self.dialect == "sqlite":
                if self.url == "sqlite://":
                    return self._writes
                with self._version_lock:
                    if self._version_conn is None:
                        import sqlite3

                        self._version_conn = sqlite3.connect(self.engine.url.database, check_same_thread=False)
                    return self._version_conn.execute("PRAGMA data_version").fetchone()[0], self._writes
            if self.dialect == "postgresql":
                with self.engine.connect() as conn:
                    return conn.exec_driver_sql("SELECT pg_current_wal_lsn()").scalar()
        except Exception:  # a version we cannot read is no version: callers do not cache
            return None
        return None

    # ------------------------------------------------------------ writes

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id))
            return found.first() is not None

    def put_reading(self, reading: Reading, *, signature: Any = None, copies: bool = True) -> str | None:
        """Store one article's reading atomically (upsert on every id), and file it in a story.

        With a ``signature`` (and ``copies``), the signatures other processes stored since
        this store last looked are checked first, in the same locked transaction: if one of
        their articles is the original this one repeats, the article is stored as one more
        source of it instead, and that original's id is returned. Otherwise returns None.
        """
        try:
            with self._writing(lock=signature is not None) as conn:
                if signature is not None and copies:
                    original = self._catch_up(conn, reading.article.id, signature)
                    if original is not None:
                        self._put_source(conn, original, reading.article)
                        return original
                left = self._put_article(conn, reading)
                moved = self._merge_actors(conn, reading.actors)
                self._put_children(conn, reading)
                derived.refresh_countries(conn, article_id=reading.article.id)
                derived.refresh_countries(conn, actor_ids=moved)
                story = reading.article.id
                if reading.fingerprint is not None:
                    story = assign_story(conn, reading.article, reading.fingerprint, self.story_rules)
                derived.refresh_stories(conn, {left, story})
                if signature is not None:
                    self._put_signature(conn, reading.article.id, signature)
        except SQLAlchemyError as err:
            raise StoreError("E302", detail=str(err).splitlines()[0]) from err
        return None

    def regroup_stories(self, rules: Any = None) -> int:
        """Group every stored article into stories again (after a change of ``stories.*`` settings)."""
        if rules is not None:
            self.story_rules = rules
        try:
            with self.engine.begin() as conn:
                return regroup(conn, self.story_rules)
        except SQLAlchemyError as err:
            raise StoreError("E302", detail=str(err).splitlines()[0]) from err

    # ------------------------------------------------------------ republications

    def duplicate_index(self) -> Any:
        """The LSH index of every stored article's signature (built once per store)."""
        if self._duplicates is None:
            from ..stories.similarity import DuplicateIndex, signature_from_bytes

            index = DuplicateIndex()
            with self.engine.connect() as conn:
                for row in conn.execute(select(t.article_minhash)):
                    index.add(row.article_id, signature_from_bytes(row.signature))
                    self._seen = max(self._seen, row.seq or 0)
            self._duplicates = index
        return self._duplicates

    def _catch_up(self, conn: Connection, article_id: str, signature: Any) -> str | None:
        """Read the signatures stored since the last look (by any process) into the index; the
        best original ``signature`` now repeats there (not the article itself), if any. Every
        other article of the index was already weighed when this one was triaged, and found apart."""
        from ..stories.similarity import DUPLICATE_THRESHOLD, signature_from_bytes

        m = t.article_minhash.c
        index = self.duplicate_index()
        for row in conn.execute(select(m.article_id, m.signature, m.seq).where(m.seq > self._seen).order_by(m.seq)):
            self._seen = max(self._seen, row.seq)
            index.add(row.article_id, signature_from_bytes(row.signature))
        best: tuple[float, str] | None = None
        for candidate in index.lsh.query(signature):
            score = signature.jaccard(index.signatures[candidate])
            if candidate != article_id and score >= DUPLICATE_THRESHOLD and (
                    best is None or (-score, candidate) < (-best[0], best[1])):
                best = (score, candidate)
        return best[1] if best else None

    def _put_signature(self, conn: Connection, article_id: str, signature: Any) -> None:
        from ..stories.similarity import signature_bytes

        m = t.article_minhash.c
        conn.execute(delete(t.article_minhash).where(m.article_id == article_id))
        seq = select(func.coalesce(func.max(m.seq), 0) + 1).scalar_subquery()  # under the write lock
        conn.execute(insert(t.article_minhash).values(article_id=article_id, signature=signature_bytes(signature),
                                                      seq=seq))

    def add_source(self, article_id: str, copy: Article) -> bool:
        """Record ``copy`` as one more source of the stored article it repeats; False if known."""
        try:
            with self._writing() as conn:
                return self._put_source(conn, article_id, copy)
        except SQLAlchemyError as err:
            raise StoreError("E302", detail=str(err).splitlines()[0]) from err

    @staticmethod
    def _put_source(conn: Connection, article_id: str, copy: Article) -> bool:
        s = t.article_sources.c
        known = conn.execute(select(s.source_id).where(s.article_id == article_id, s.source_id == copy.id)).first()
        if known is None:
            conn.execute(insert(t.article_sources), [{
                "article_id": article_id, "source_id": copy.id, "url": copy.url,
                "outlet": copy.outlet, "published": copy.published, "origin": copy.origin}])
        return known is None

    def is_known_copy(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            stmt = select(t.article_sources.c.source_id).where(t.article_sources.c.source_id == article_id)
            return conn.execute(stmt).first() is not None

    def put_skips(self, skips: Iterable[Skip]) -> None:
        rows = [
            {"id": s.id, "source": s.source, "line": s.line, "code": s.code,
             "message": s.message, "created_at": _now()}
            for s in skips
        ]
        if not rows:
            return
        try:
            with self._writing() as conn:
                conn.execute(delete(t.skips).where(t.skips.c.id.in_([r["id"] for r in rows])))
                conn.execute(insert(t.skips), rows)
        except SQLAlchemyError as err:
            raise StoreError("E302", detail=str(err).splitlines()[0]) from err

    def _put_article(self, conn: Connection, reading: Reading) -> str | None:
        """Store the article row (replacing an earlier reading); returns the story the earlier
        reading was in, which this one leaves."""
        article = reading.article
        text, _sections = article.layout()
        left = derived.forget_article(conn, article.id)
        existed = conn.execute(delete(t.articles).where(t.articles.c.id == article.id)).rowcount
        conn.execute(insert(t.articles), [article_row(article, text, reading)])
        if self.dialect == "sqlite":
            if existed:  # FTS5 cannot index article_id: this delete scans, so only on reprocessing
                conn.exec_driver_sql("DELETE FROM articles_fts WHERE article_id = ?", (article.id,))
            conn.exec_driver_sql(
                "INSERT INTO articles_fts (article_id, title, body) VALUES (?, ?, ?)",
                (article.id, article.title, text),
            )
        return left

    def _merge_actors(self, conn: Connection, actors: list[Actor]) -> list[str]:
        """Merge the reading's actors into the stored ones; returns those whose country changed
        (or are new, with one: earlier articles may name them)."""
        if not actors:
            return []
        moved = []
        ids = [a.id for a in actors]
        existing = {
            row.id: row for row in conn.execute(select(t.actors).where(t.actors.c.id.in_(ids)))
        }
        for actor in actors:
            old = existing.get(actor.id)
            row = _actor_row(actor, old)
            if old is not None:
                conn.execute(t.actors.update().where(t.actors.c.id == actor.id).values(**row))
                if old.country != row["country"]:
                    moved.append(actor.id)
            else:
                mentions, articles = derived.initial_counts(conn, actor.id)
                conn.execute(insert(t.actors), [{**row, "mentions": mentions, "articles": articles}])
                if row["country"]:  # earlier articles may have named it before it was an actor
                    moved.append(actor.id)
        return moved

    def _put_children(self, conn: Connection, reading: Reading) -> None:
        article = reading.article
        aid = article.id
        mentions = list(_unique(reading.mentions, lambda m: (m.start, m.end)))
        if mentions:
            conn.execute(insert(t.mentions), [
                {"article_id": aid, "start": m.start, "end": m.end, "sentence": m.sentence,
                 "text": m.text, "actor_id": m.actor_id}
                for m in mentions
            ])
            derived.put_article_rows(conn, article, mentions)
        events = list(_unique(reading.events, lambda e: e.id))
        if events:
            rows = [event_row(e) for e in events]
            conn.execute(insert(t.events), [{**r, **derived.event_extras(article, r["date"])} for r in rows])
            links = {
                (e.id, a, role)
                for e in events
                for role, ids in (("actor", e.actors), ("recipient", e.recipients))
                for a in ids
            }
            if links:
                conn.execute(insert(t.event_actors), [
                    {"event_id": e, "actor_id": a, "role": r, "grp": None, "country": None, "country_first": True}
                    for e, a, r in sorted(links)
                ])
        quotes = list(_unique(reading.quotes, lambda q: q.id))
        if quotes:
            extra = {"outlet": article.outlet, "published": article.published,
                     "month": derived.month_key(article.published)}
            conn.execute(insert(t.quotes), [{**quote_row(q), **extra} for q in quotes])

    # ------------------------------------------------------------ counts

    def counts(self) -> dict[str, int]:
        tables = {"articles": t.articles, "actors": t.actors, "events": t.events,
                  "quotes": t.quotes, "mentions": t.mentions, "skips": t.skips}
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()
            }


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _unique(items: Iterable[Any], key: Any) -> Iterable[Any]:
    seen: set[Any] = set()
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            yield item


def _merged(old: list[str] | None, new: list[str]) -> list[str]:
    """The union of two lists of names, one spelling per folded form, in a fixed order:
    the same whatever order the articles are stored in (batch loads and ingests agree)."""
    spelling: dict[str, str] = {}
    for item in [*(old or []), *new]:
        key = normalise_text(item)
        if key and (key not in spelling or item < spelling[key]):
            spelling[key] = item
    return [spelling[key] for key in sorted(spelling)]


def _country(actor: Actor, old: Any) -> tuple[str | None, bool]:
    """The stored actor's country and whether it is only a guess (`Actor.home`). A country
    the text or a dictionary gives wins over a guess and the latest such wins; a guess is
    kept only where nothing was given, and two guesses that disagree leave no country (Max
    Verstappen, "Dutch driver" in one report, stays Dutch in the next report from Brazil;
    Sebastian Vettel, placed at home in a Dutch and a German one, stays unplaced)."""
    earlier, guessed = (old.country, old.country_home) if old is not None else (None, False)
    if not actor.country:
        return earlier, guessed
    if not actor.home:
        return actor.country, False
    if old is None or (earlier is None and not guessed):
        return actor.country, True
    if guessed and earlier is not None and earlier != actor.country:
        return None, True
    return earlier, guessed


def _actor_row(actor: Actor, old: Any) -> dict[str, Any]:
    country, guessed = _country(actor, old)
    aliases = _merged(old.aliases if old is not None else None, actor.aliases)
    every_name = [actor.name] if old is None else [actor.name, old.name]
    name = min(every_name)
    names = _merged(every_name, aliases)
    return {
        "id": actor.id,
        "name": name,
        "kind": actor.kind,
        "country": country,
        "country_home": guessed,
        "sectors": _merged(old.sectors if old is not None else None, actor.sectors),
        "roles": _merged(old.roles if old is not None else None, actor.roles),
        "aliases": [a for a in _merged(every_name, aliases) if normalise_text(a) != normalise_text(name)],
        "external_ids": {**(old.external_ids if old is not None else {}), **actor.external_ids},
        "search_names": "|" + "|".join(normalise_text(n) for n in names) + "|",
    }
