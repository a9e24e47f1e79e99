"""Read side of the store: filtered, paginated queries returning plain dicts.

Every shell (CLI tables, HTTP API, web UI) calls these, so filters mean the
same thing everywhere. Results are JSON-ready dicts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, String, and_, distinct, func, or_, select, text

from ..errors import StoreError
from ..records import normalise_text
from . import schema as t
from .facets import FacetQueries, merged_events
from .filters import date_range as _date_range
from .filters import check_actor, check_country, check_type, ordered, sort_key
from .summaries import SummaryQueries

if TYPE_CHECKING:
    from sqlalchemy import Engine

MAX_LIMIT = 1000
EVENT_FILTERS = ("actor", "recipient", "country", "type", "quad_class", "in_caption", "negated",
                 "article_id", "search", "outlet", "place")


def _clean(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    for key, value in out.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
    return out


def like(text: str, *, start: str = "%", end: str = "%") -> str:
    """A LIKE pattern matching ``text`` literally (its ``%``, ``_`` and ``\\`` escaped), between
    ``start`` and ``end``; use it with ``escape=LIKE_ESCAPE``. Every filter builds its patterns here."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{start}{escaped}{end}"


LIKE_ESCAPE = "\\"


def _page(stmt: Select[Any], limit: int, offset: int) -> Select[Any]:
    return stmt.limit(min(limit, MAX_LIMIT)).offset(offset)


def fts_query(query: str) -> str:
    """User words -> a safe FTS5 query (each word quoted, all required)."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


class Queries(SummaryQueries, FacetQueries):
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
        if not ids:
            return {}
        stmt = select(t.actors.c.id, t.actors.c.name, t.actors.c.country, t.actors.c.kind).where(
            t.actors.c.id.in_(sorted(ids))
        )
        return {r["id"]: r for r in self._all(stmt)}

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
        a, m, e = t.articles.c, t.mentions.c, t.events.c
        if search:
            stmt = stmt.where(a.id.in_(self._search_ids(search)))
        if outlet:
            stmt = stmt.where(a.outlet == outlet)
        if actor:
            stmt = stmt.where(a.id.in_(select(m.article_id).where(m.actor_id.in_(check_actor(self, "actor", actor)))))
        if country:
            check_country(country)
            who = select(t.actors.c.id).where(t.actors.c.country == country.upper())
            stmt = stmt.where(a.id.in_(select(m.article_id).where(m.actor_id.in_(who))))
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
        counts = _mention_counts()
        mentions = func.coalesce(counts.c.mentions, 0)
        stmt = select(*_actor_columns(), mentions.label("mentions"),
                      func.coalesce(counts.c.articles, 0).label("articles"))
        stmt = stmt.select_from(t.actors.outerjoin(counts, counts.c.actor_id == c.id))
        stmt = self._actor_where(stmt, name=name, country=country, kind=kind, sector=sector,
                                 outlet=outlet, since=since, until=until)
        key, desc = sort_key("actors", sort)
        column = {"mentions": mentions, "articles": func.coalesce(counts.c.articles, 0)}.get(key, getattr(c, key, None))
        stmt = stmt.order_by(ordered(column, desc), mentions.desc(), c.name, c.id)
        return self._all(_page(stmt, limit, offset))

    def _actor_where(self, stmt: Select[Any], *, name: str | None = None, country: str | None = None,
                     kind: str | None = None, sector: str | None = None, outlet: str | None = None,
                     since: date | None = None, until: date | None = None) -> Select[Any]:
        c, m, a = t.actors.c, t.mentions.c, t.articles.c
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
            articles = _date_range(select(a.id), a.published, since, until)
            if outlet:
                articles = articles.where(a.outlet == outlet)
            stmt = stmt.where(c.id.in_(select(m.actor_id).where(m.article_id.in_(articles))))
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
        counts = _mention_counts(ids)
        stmt = (select(*_actor_columns(), c.external_ids,
                       func.coalesce(counts.c.mentions, 0).label("mentions"),
                       func.coalesce(counts.c.articles, 0).label("articles"))
                .select_from(t.actors.outerjoin(counts, counts.c.actor_id == c.id))
                .where(c.id.in_(ids)))
        return self._all(stmt)

    # ------------------------------------------------------------ events

    def _event_filter(self, stmt: Select[Any], role: str, value: str) -> Select[Any]:
        ids = check_actor(self, role, value)
        ea = t.event_actors.alias()
        return stmt.where(
            t.events.c.id.in_(select(ea.c.event_id).where(and_(ea.c.role == role, ea.c.actor_id.in_(ids))))
        )

    def event_reports(self, **filters: Any) -> Select[Any]:
        """Every report the event filters select, joined to its article (with ``story_key``)."""
        e, a = t.events.c, t.articles.c
        story = func.coalesce(a.story_id, e.article_id).label("story_key")
        stmt = select(t.events, a.title, a.outlet, a.url, story).join(t.articles, a.id == e.article_id)
        since, until = filters.pop("since", None), filters.pop("until", None)
        stmt = self._event_where(stmt, **{k: filters.get(k) for k in EVENT_FILTERS})
        return _date_range(stmt, e.date, since, until)

    def event(self, event_id: str) -> dict[str, Any]:
        """One report by its id or a unique prefix of it (the short ids lists print)."""
        e = t.events.c
        ids = []
        if re.fullmatch(r"[0-9a-f]{4,32}", event_id):
            ids = [r["id"] for r in self._all(select(e.id).where(e.id.like(like(event_id, start=""), escape=LIKE_ESCAPE)).limit(2))]
        if len(ids) != 1:
            raise StoreError("E303", kind="event" if not ids else "single event (the prefix is ambiguous)",
                             key=event_id)
        return self._with_actor_names(self._all(self.event_reports().where(e.id == ids[0])))[0]

    def event_order(self, sort: str | None) -> list[Any]:
        e, a = t.events.c, t.articles.c
        name, desc = sort_key("events", sort)
        if name == "text":
            return [e.article_id, e.start, e.id]
        column = {"type": e.plover, "place": e.location_name, "outlet": a.outlet}.get(name, getattr(e, name, None))
        return [ordered(column, desc), *([] if name == "date" else [e.date.desc().nulls_last()]), e.id]

    def events(
        self, *, limit: int = 50, offset: int = 0, order: str = "date", sort: str | None = None,
        mentions: bool = False, **filters: Any,
    ) -> list[dict[str, Any]]:
        """Events, one row per event of a story (with its mention counts), or every report.

        Filters: actor, recipient, country, type, quad_class, since, until,
        search, in_caption, negated, article_id, outlet. By default the
        reports of one event across a story (same type and sides) come back
        as one row carrying ``num_mentions``, ``num_articles`` and
        ``num_sources`` and the best-supported stated date; ``mentions=True``
        (or ``article_id``) lists each report. ``sort`` is a column (``-date``
        newest first, the default; ``text`` is article order).
        """
        stmt = self.event_reports(**filters)
        order_by = self.event_order(sort or ("text" if order == "text" else None))
        if mentions or filters.get("article_id"):
            rows = self._all(_page(stmt.order_by(*order_by), limit, offset))
            for row in rows:
                row.update(num_mentions=1, num_articles=1, num_sources=1)
            return self._with_actor_names(rows)
        rows = self._merged_page(stmt, order_by, min(limit, MAX_LIMIT), offset)
        self._best_dates(rows)
        return self._with_actor_names(rows)

    def _merged_page(self, stmt: Select[Any], order_by: list[Any], limit: int,
                     offset: int) -> list[dict[str, Any]]:
        """One page of `merged_events(stmt)`, without ranking every report in the database.

        Reports are read newest first (narrow columns); a report is kept when
        it is the lead (best-ranked report) of its (story, merge key) group
        among the reports ``stmt`` selects, so only the groups met on the way
        are looked up. Same rows, order and counts as the window query.
        """
        e = t.events.c
        by_order = _narrow(stmt).order_by(*order_by)
        leads: list[dict[str, Any]] = []
        seen, chunk = 0, max(2 * (limit + offset), 100)
        while len(leads) < limit:
            rows = self._all(by_order.limit(chunk).offset(seen))
            seen += len(rows)
            groups = self._report_groups(stmt, rows)
            for row in rows:
                members = groups[(row["story_key"], row["merge_key"] or row["id"])]
                if min(members, key=_report_rank)["id"] != row["id"]:
                    continue
                if offset:
                    offset -= 1
                    continue
                row.update(num_mentions=len(members), num_articles=len({m["article_id"] for m in members}),
                           num_sources=len({m["outlet"] or m["article_id"] for m in members}))
                leads.append(row)
                if len(leads) == limit:
                    break
            if len(rows) < chunk:
                break
            chunk *= 2
        full = {r["id"]: r for r in self._all(stmt.where(e.id.in_([r["id"] for r in leads])))}
        return [{**full[r["id"]], **{k: r[k] for k in ("num_mentions", "num_articles", "num_sources")}}
                for r in leads]

    def _report_groups(self, stmt: Select[Any], rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The reports ``stmt`` selects that share a (story, merge key) with ``rows``."""
        e = t.events.c
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        a = t.articles.c
        narrow = _narrow(stmt)
        pairs = {(r["story_key"], r["merge_key"]) for r in rows if r["merge_key"]}
        stories = sorted({p[0] for p in pairs})
        for i in range(0, len(stories), 400):
            part = stories[i:i + 400]
            articles = select(a.id).where(or_(a.story_id.in_(part), a.id.in_(part)))
            for member in self._all(narrow.where(e.article_id.in_(articles))):
                if (member["story_key"], member["merge_key"]) in pairs:
                    groups[(member["story_key"], member["merge_key"])].append(member)
        for row in rows:
            if not row["merge_key"]:
                groups[(row["story_key"], row["id"])] = [row]
        return groups

    def event_counts(self) -> dict[str, tuple[int, int, int]]:
        """For the one report that stands for each event of a story: its (mentions, sources, articles)."""
        e, a = t.events.c, t.articles.c
        story = func.coalesce(a.story_id, e.article_id).label("story_key")
        stmt = select(t.events, a.title, a.outlet, a.url, story).join(t.articles, a.id == e.article_id)
        sub = merged_events(stmt).subquery()
        rows = self._all(select(sub.c.id, sub.c.num_mentions, sub.c.num_sources, sub.c.num_articles))
        return {r["id"]: (r["num_mentions"], r["num_sources"], r["num_articles"]) for r in rows}

    def _event_where(self, stmt: Select[Any], *, actor: str | None, recipient: str | None,
                     country: str | None, type: str | None, quad_class: int | None,
                     in_caption: bool | None, negated: bool | None, article_id: str | None,
                     search: str | None, outlet: str | None = None, place: str | None = None) -> Select[Any]:
        e = t.events.c
        if outlet:
            stmt = stmt.where(t.articles.c.outlet == outlet)
        if place:
            stmt = stmt.where(e.location_name == place)
        if actor:
            stmt = self._event_filter(stmt, "actor", actor)
        if recipient:
            stmt = self._event_filter(stmt, "recipient", recipient)
        if country:
            check_country(country)
            ea = t.event_actors.alias()
            stmt = stmt.where(e.id.in_(
                select(ea.c.event_id).join(t.actors, t.actors.c.id == ea.c.actor_id)
                .where(t.actors.c.country == country.upper())
            ))
        if type:
            check_type(type)
            stmt = stmt.where(or_(e.plover == type.upper(), e.cameo == type))
        if quad_class is not None:
            stmt = stmt.where(e.quad_class == quad_class)
        for column, value in ((e.in_caption, in_caption), (e.negated, negated)):
            if value is not None:
                stmt = stmt.where(column == value)
        if article_id:
            stmt = stmt.where(e.article_id == article_id)
        if search:
            stmt = stmt.where(or_(e.evidence.ilike(like(search), escape=LIKE_ESCAPE),
                                  e.article_id.in_(self._search_ids(search))))
        return stmt

    def _best_dates(self, rows: list[dict[str, Any]]) -> None:
        """Give each merged event the stated date most of its reports give (not the earliest)."""
        if not rows:
            return
        e, a = t.events.c, t.articles.c
        story = func.coalesce(a.story_id, e.article_id)
        keys = {(r["story_key"], r["merge_key"]) for r in rows}
        stories = sorted({k[0] for k in keys})  # only the groups' own articles (fast on big dbs)
        stmt = (select(story.label("story_key"), e.merge_key, e.date, e.date_precision)
                .join(t.articles, a.id == e.article_id)
                .where(e.article_id.in_(select(a.id).where(or_(a.story_id.in_(stories), a.id.in_(stories)))),
                       e.merge_key.is_not(None), e.date_inferred.is_(False), e.date.is_not(None)))
        votes: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
        for row in self._all(stmt):
            key = (row["story_key"], row["merge_key"])
            if key in keys:
                votes[key][(row["date"], row["date_precision"])] += 1
        rank = {"day": 0, "month": 1, "year": 2}
        for row in rows:
            counts = votes.get((row["story_key"], row["merge_key"]))
            if counts:
                (day, precision), _n = min(counts.items(), key=lambda kv: (-kv[1], rank.get(kv[0][1], 3), kv[0][0]))
                row.update(date=day, date_precision=precision, date_inferred=False)

    def _with_actor_names(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = {i for r in rows for key in ("actors", "recipients") for i in r[key]}
        ids |= {r[k] for r in rows for k in ("reported_by", "speaker") if r.get(k)}
        names = self.actor_names(ids)
        for row in rows:
            for key in ("actors", "recipients"):
                row[key] = [names.get(i, {"id": i, "name": i, "country": None}) for i in row[key]]
            for key in ("reported_by", "speaker"):
                if row.get(key):
                    row[key] = names.get(row[key], {"id": row[key], "name": row[key]})
        return rows

    # ------------------------------------------------------------ quotes, skips

    def quotes(self, *, sort: str | None = None, limit: int = 50, offset: int = 0,
               **filters: Any) -> list[dict[str, Any]]:
        """Quotes; filters: speaker, since, until, search, article_id, outlet, country (the
        speaker's), kind (direct, partial, indirect)."""
        q, a = t.quotes.c, t.articles.c
        stmt = self._quote_where(select(t.quotes, a.title, a.published, a.outlet)
                                 .join(t.articles, a.id == q.article_id), **filters)
        name, desc = sort_key("quotes", sort)
        speaker = select(t.actors.c.name).where(t.actors.c.id == q.speaker_id).scalar_subquery()
        column = {"published": a.published, "speaker": speaker}.get(name, getattr(q, name, None))
        stmt = stmt.order_by(ordered(column, desc), a.published.desc().nulls_last(), q.article_id, q.start)
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
        q, a = t.quotes.c, t.articles.c
        if speaker:
            stmt = stmt.where(q.speaker_id.in_(check_actor(self, "speaker", speaker)))
        if country:
            check_country(country)
            stmt = stmt.where(q.speaker_id.in_(select(t.actors.c.id).where(t.actors.c.country == country.upper())))
        for column, value in ((q.article_id, article_id), (a.outlet, outlet), (q.kind, kind)):
            if value:
                stmt = stmt.where(column == value)
        if search:
            stmt = stmt.where(q.text.ilike(like(search), escape=LIKE_ESCAPE))
        return _date_range(stmt, a.published, since, until)

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


def _mention_counts(ids: list[str] | None = None) -> Any:
    """Mentions and distinct articles per actor (of ``ids`` only, when given; grouped apart
    because PostgreSQL cannot group JSON columns)."""
    m = t.mentions.c
    stmt = select(m.actor_id, func.count().label("mentions"),
                  func.count(distinct(m.article_id)).label("articles"))
    if ids is not None:
        stmt = stmt.where(m.actor_id.in_(ids))
    return stmt.group_by(m.actor_id).subquery()


def _narrow(stmt: Select[Any]) -> Select[Any]:
    """``stmt`` (reports joined to articles) with only what ranking and counting need."""
    e = t.events.c
    return stmt.with_only_columns(e.id, e.article_id, e.merge_key, e.date_inferred, e.confidence, e.date,
                                  t.articles.c.outlet, stmt.selected_columns.story_key)


def _report_rank(row: dict[str, Any]) -> tuple[Any, ...]:
    """Which report of a group leads it: stated dates first, then confidence, then id."""
    return (bool(row["date_inferred"]), -(row["confidence"] or 0.0), row["id"])
