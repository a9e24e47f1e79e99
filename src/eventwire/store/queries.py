"""Read side of the store: filtered, paginated queries returning plain dicts.

Every shell (CLI tables, HTTP API, web UI) calls these, so filters mean the
same thing everywhere. Results are JSON-ready dicts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, String, distinct, func, or_, select, text

from ..errors import StoreError
from ..records import normalise_text
from . import schema as t
from .event_list import EventQueries
from .facets import FacetQueries
from .filters import date_range as _date_range
from .filters import LIKE_ESCAPE, check_actor, check_country, check_type, like, ordered, sort_key
from .summaries import SummaryQueries

if TYPE_CHECKING:
    from sqlalchemy import Engine

MAX_LIMIT = 1000


def _clean(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    for key, value in out.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
    return out


def _page(stmt: Select[Any], limit: int, offset: int) -> Select[Any]:
    return stmt.limit(min(limit, MAX_LIMIT)).offset(offset)


def fts_query(query: str) -> str:
    """User words -> a safe FTS5 query (each word quoted, all required)."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


class Queries(EventQueries, SummaryQueries, FacetQueries):
    engine: Engine
    dialect: str

    # ------------------------------------------------------------ helpers

    def _all(self, stmt: Select[Any]) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [_clean(r) for r in conn.execute(stmt)]

    def _search_ids(self, query: str) -> Select[Any] | list[str]:
        """Article ids matching a full-text query."""
        if self.dialect == "sqlite":
            match = fts_query(query)
            if not match:
                return []
            return select(text("article_id")).select_from(text("articles_fts")).where(
                text("articles_fts MATCH :q").bindparams(q=match)
            )
        if self.dialect == "postgresql":
            vector = func.to_tsvector("english", func.coalesce(t.articles.c.title, "") + " " + t.articles.c.text)
            return select(t.articles.c.id).where(vector.op("@@")(func.plainto_tsquery("english", query)))
        return select(t.articles.c.id).where(t.articles.c.text.ilike(like(query), escape=LIKE_ESCAPE))

    def actor_ids(self, name: str) -> list[str]:
        """Ids of actors whose name or alias is ``name`` (any case), or whose id it is."""
        key = like(normalise_text(name), start="%|", end="|%")
        stmt = select(t.actors.c.id).where(
            or_(t.actors.c.id == name, t.actors.c.search_names.like(key, escape=LIKE_ESCAPE))
        )
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(stmt)]

    def actor_names(self, ids: set[str]) -> dict[str, dict[str, Any]]:
        c = t.actors.c
        wanted = sorted(ids)
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), 5000):
            stmt = select(c.id, c.name, c.country, c.kind).where(c.id.in_(wanted[i:i + 5000]))
            out.update((r["id"], r) for r in self._all(stmt))
        return out

    # ------------------------------------------------------------ articles

    def articles(
        self, *, search: str | None = None, outlet: str | None = None,
        since: date | None = None, until: date | None = None, actor: str | None = None,
        country: str | None = None, type: str | None = None, sort: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Articles; ``actor`` and ``country`` match the actors they mention, ``type`` their events."""
        a = t.articles.c
        stmt = self._article_where(select(a.id, a.title, a.outlet, a.published, a.url, a.tokens),
                                   search=search, outlet=outlet, since=since, until=until,
                                   actor=actor, country=country, type=type)
        name, desc = sort_key("articles", sort)
        stmt = stmt.order_by(ordered(getattr(a, name), desc), a.id)
        return self._all(_page(stmt, limit, offset))

    def _article_where(self, stmt: Select[Any], *, search: str | None = None, outlet: str | None = None,
                       since: date | None = None, until: date | None = None, actor: str | None = None,
                       country: str | None = None, type: str | None = None) -> Select[Any]:
        a, aa, e = t.articles.c, t.article_actors.c, t.events.c
        if search:
            stmt = stmt.where(a.id.in_(self._search_ids(search)))
        if outlet:
            stmt = stmt.where(a.outlet == outlet)
        if actor:
            stmt = stmt.where(a.id.in_(select(aa.article_id).where(aa.actor_id.in_(check_actor(self, "actor", actor)))))
        if country:
            check_country(country)
            stmt = stmt.where(a.id.in_(select(aa.article_id).where(aa.country == country.upper())))
        if type:
            check_type(type)
            stmt = stmt.where(a.id.in_(select(e.article_id).where(or_(e.plover == type.upper(), e.cameo == type))))
        return _date_range(stmt, a.published, since, until)

    def article(self, article_id: str) -> dict[str, Any]:
        rows = self._all(select(t.articles).where(t.articles.c.id == article_id))
        if not rows:
            raise StoreError("E303", kind="article", key=article_id)
        article = rows[0]
        article["mentions"] = self._all(
            select(t.mentions).where(t.mentions.c.article_id == article_id).order_by(t.mentions.c.start)
        )
        article["events"] = self.events(article_id=article_id, limit=MAX_LIMIT, order="text")
        article["quotes"] = self.quotes(article_id=article_id, limit=MAX_LIMIT)
        ids = {m["actor_id"] for m in article["mentions"]}
        article["actors"] = list(self.actor_names(ids).values())
        article["sources"] = self.sources(article)
        article.pop("fingerprint", None)
        return article

    def sources(self, article: dict[str, Any]) -> list[dict[str, Any]]:
        """Every outlet that carried this text: the article itself, then its republications."""
        s = t.article_sources.c
        own = {"url": article["url"], "outlet": article["outlet"], "published": article["published"]}
        copies = self._all(select(s.url, s.outlet, s.published).where(s.article_id == article["id"])
                           .order_by(s.published, s.url))
        return [own, *copies]

    # ------------------------------------------------------------ stories

    def stories(self, *, since: date | None = None, until: date | None = None, outlet: str | None = None,
                type: str | None = None, sort: str | None = None,
                limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stories with their size, outlets and first and last publication dates."""
        a = t.articles.c
        key = func.coalesce(a.story_id, a.id)
        columns = {"articles": func.count(), "outlets": func.count(distinct(a.outlet)),
                   "first": func.min(a.published), "last": func.max(a.published), "title": func.min(a.title)}
        stmt = select(key.label("id"), *(c.label(n) for n, c in columns.items())).group_by(key)
        stmt = self._story_where(stmt, since=since, until=until, outlet=outlet, type=type)
        name, desc = sort_key("stories", sort)
        stmt = stmt.order_by(ordered(columns[name], desc), func.max(a.published).desc().nulls_last(), key)
        rows = self._all(_page(stmt, limit, offset))
        carried = self._story_outlets([r["id"] for r in rows])  # republished copies' outlets too
        for row in rows:
            row["sources"] = row["outlets"] = len(carried.get(row["id"], ()))
        return rows

    def _story_where(self, stmt: Select[Any], *, since: date | None = None, until: date | None = None,
                     outlet: str | None = None, type: str | None = None) -> Select[Any]:
        """Stories with an article from ``outlet`` and an event of ``type`` (all their articles counted)."""
        a, e = t.articles.c, t.events.c
        key = func.coalesce(a.story_id, a.id)
        inner = t.articles.alias()  # not correlated with the outer articles
        keys = select(func.coalesce(inner.c.story_id, inner.c.id))
        if outlet:
            stmt = stmt.where(key.in_(keys.where(inner.c.outlet == outlet)))
        if type:
            check_type(type)
            typed = select(e.article_id).where(or_(e.plover == type.upper(), e.cameo == type))
            stmt = stmt.where(key.in_(keys.where(inner.c.id.in_(typed))))
        return _date_range(stmt, a.published, since, until)

    def _story_outlets(self, ids: list[str]) -> dict[str, set[str]]:
        """Every outlet that carried a story's articles, republished copies included."""
        a, s = t.articles.c, t.article_sources.c
        key = func.coalesce(a.story_id, a.id)
        out: dict[str, set[str]] = defaultdict(set)
        for i in range(0, len(ids), 400):
            part = ids[i:i + 400]
            own = select(key.label("story"), a.outlet).where(key.in_(part))
            copies = select(key.label("story"), s.outlet).join(t.articles, a.id == s.article_id).where(key.in_(part))
            for row in self._all(own.union(copies)):
                if row["outlet"]:
                    out[row["story"]].add(row["outlet"])
        return out

    def story(self, story_id: str) -> dict[str, Any]:
        """A story's articles by outlet and time, its events counted once (disputed ones apart)
        with their reports, and its quotes by speaker (`story_view.story_detail`)."""
        from .story_view import story_detail

        return story_detail(self, story_id)

    # ------------------------------------------------------------ actors

    def actors(
        self, *, name: str | None = None, country: str | None = None, kind: str | None = None,
        sector: str | None = None, outlet: str | None = None, since: date | None = None,
        until: date | None = None, sort: str | None = None, limit: int = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Actors; ``outlet``, ``since`` and ``until`` keep those mentioned in such articles."""
        c = t.actors.c
        stmt = self._actor_where(select(*_actor_columns(), c.mentions, c.articles), name=name, country=country,
                                 kind=kind, sector=sector, outlet=outlet, since=since, until=until)
        key, desc = sort_key("actors", sort)
        stmt = stmt.order_by(ordered(getattr(c, key), desc), c.mentions.desc(), c.name, c.id)
        return self._all(_page(stmt, limit, offset))

    def _actor_where(self, stmt: Select[Any], *, name: str | None = None, country: str | None = None,
                     kind: str | None = None, sector: str | None = None, outlet: str | None = None,
                     since: date | None = None, until: date | None = None) -> Select[Any]:
        c, aa = t.actors.c, t.article_actors.c
        if name:
            stmt = stmt.where(c.search_names.like(like(normalise_text(name)), escape=LIKE_ESCAPE))
        if country:
            check_country(country)
            stmt = stmt.where(c.country == country.upper())
        if kind:
            stmt = stmt.where(c.kind == kind)
        if sector:
            stmt = stmt.where(c.sectors.cast(String).like(like(f'"{sector.upper()}"'), escape=LIKE_ESCAPE))
        if outlet or since or until:
            seen = _date_range(select(aa.actor_id), aa.published, since, until)
            if outlet:
                seen = seen.where(aa.outlet == outlet)
            stmt = stmt.where(c.id.in_(seen))
        return stmt

    def actor(self, actor_id: str, *, limit: int = 500) -> dict[str, Any]:
        """An actor with its newest ``limit`` events as actor, as recipient, and quotes."""
        rows = self.actors_by_id([actor_id])
        if not rows:
            raise StoreError("E303", kind="actor", key=actor_id)
        actor = rows[0]
        actor["events"] = self.events(actor=actor_id, limit=limit) + self.events(
            recipient=actor_id, limit=limit
        )
        actor["events"].sort(key=lambda e: (e.get("date") or "", e["id"]))
        actor["quotes"] = self.quotes(speaker=actor_id, limit=limit)
        return actor

    def actors_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        c = t.actors.c
        return self._all(select(*_actor_columns(), c.external_ids, c.mentions, c.articles).where(c.id.in_(ids)))

    # ------------------------------------------------------------ quotes, skips

    def quotes(self, *, sort: str | None = None, limit: int = 50, offset: int = 0,
               **filters: Any) -> list[dict[str, Any]]:
        """Quotes; filters: speaker, since, until, search, article_id, outlet, country (the
        speaker's), kind (direct, partial, indirect)."""
        q, a = t.quotes.c, t.articles.c
        stmt = self._quote_where(select(*t.public(t.quotes), a.title, a.published, a.outlet)
                                 .join(t.articles, a.id == q.article_id), **filters)
        name, desc = sort_key("quotes", sort)
        speaker = select(t.actors.c.name).where(t.actors.c.id == q.speaker_id).scalar_subquery()
        column = {"speaker": speaker}.get(name, getattr(q, name, None))
        stmt = stmt.order_by(ordered(column, desc), q.published.desc().nulls_last(), q.article_id, q.start,
                             q.end, q.id)
        return self._speakers(self._all(_page(stmt, limit, offset)))

    def _speakers(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        names = self.actor_names({r["speaker_id"] for r in rows if r["speaker_id"]})
        for row in rows:
            row["speaker"] = names.get(row["speaker_id"]) if row["speaker_id"] else None
        return rows

    def _quote_where(self, stmt: Select[Any], *, speaker: str | None = None, since: date | None = None,
                     until: date | None = None, search: str | None = None, article_id: str | None = None,
                     outlet: str | None = None, country: str | None = None,
                     kind: str | None = None) -> Select[Any]:
        q = t.quotes.c  # outlet and date are the article's (`derived`)
        if speaker:
            stmt = stmt.where(q.speaker_id.in_(check_actor(self, "speaker", speaker)))
        if country:
            check_country(country)
            stmt = stmt.where(q.speaker_id.in_(select(t.actors.c.id).where(t.actors.c.country == country.upper())))
        for column, value in ((q.article_id, article_id), (q.outlet, outlet), (q.kind, kind)):
            if value:
                stmt = stmt.where(column == value)
        if search:
            stmt = stmt.where(q.text.ilike(like(search), escape=LIKE_ESCAPE))
        return _date_range(stmt, q.published, since, until)

    def skips(self, *, code: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        s = t.skips.c
        stmt = select(s.source, s.line, s.code, s.message, s.created_at)
        if code:
            stmt = stmt.where(s.code == code)
        stmt = stmt.order_by(s.source, s.line)
        rows = self._all(stmt.limit(min(limit, MAX_LIMIT)).offset(offset))
        for row in rows:
            row["created_at"] = str(row["created_at"])
        return rows


def _actor_columns() -> list[Any]:
    c = t.actors.c
    return [c.id, c.name, c.kind, c.country, c.sectors, c.roles, c.aliases]
