"""Read side of the store: filtered, paginated queries returning plain dicts.

Every shell (CLI tables, HTTP API, web UI) calls these, so filters mean the
same thing everywhere. Results are JSON-ready dicts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, case, distinct, func, or_, select, text

from ..errors import StoreError
from ..records import normalise_text
from . import schema as t

if TYPE_CHECKING:
    from sqlalchemy import Engine

MAX_LIMIT = 1000


def _clean(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    for key, value in out.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
    return out


def fts_query(query: str) -> str:
    """User words -> a safe FTS5 query (each word quoted, all required)."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


class Queries:
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
        like = f"%{query}%"
        return select(t.articles.c.id).where(t.articles.c.text.ilike(like))

    def actor_ids(self, name: str) -> list[str]:
        """Ids of actors whose name or alias is ``name`` (any case), or whose id it is."""
        key = f"%|{normalise_text(name)}|%"
        stmt = select(t.actors.c.id).where(
            or_(t.actors.c.id == name, t.actors.c.search_names.like(key))
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
        since: date | None = None, until: date | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        a = t.articles.c
        stmt = select(a.id, a.title, a.outlet, a.published, a.url, a.tokens)
        if search:
            stmt = stmt.where(a.id.in_(self._search_ids(search)))
        if outlet:
            stmt = stmt.where(a.outlet == outlet)
        stmt = _date_range(stmt, a.published, since, until)
        stmt = stmt.order_by(a.published.desc().nulls_last(), a.id)
        return self._all(stmt.limit(min(limit, MAX_LIMIT)).offset(offset))

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

    def stories(self, *, since: date | None = None, until: date | None = None,
                limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stories with their size, outlets and first and last publication dates."""
        a = t.articles.c
        key = func.coalesce(a.story_id, a.id)
        stmt = (select(key.label("id"), func.count().label("articles"),
                       func.count(distinct(a.outlet)).label("outlets"),
                       func.min(a.published).label("first"), func.max(a.published).label("last"),
                       func.min(a.title).label("title"))
                .group_by(key))
        stmt = _date_range(stmt, a.published, since, until)
        stmt = stmt.order_by(func.count().desc(), func.max(a.published).desc().nulls_last(), key)
        rows = self._all(stmt.limit(min(limit, MAX_LIMIT)).offset(offset))
        carried = self._story_outlets([r["id"] for r in rows])
        for row in rows:
            row["sources"] = row["outlets"] = len(carried.get(row["id"], ()))
        return rows

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
        limit: int = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        c = t.actors.c
        counts = _mention_counts()
        stmt = select(*_actor_columns(), func.coalesce(counts.c.mentions, 0).label("mentions"),
                      func.coalesce(counts.c.articles, 0).label("articles"))
        stmt = stmt.select_from(t.actors.outerjoin(counts, counts.c.actor_id == c.id))
        if name:
            stmt = stmt.where(c.search_names.like(f"%{normalise_text(name)}%"))
        if country:
            stmt = stmt.where(c.country == country.upper())
        if kind:
            stmt = stmt.where(c.kind == kind)
        stmt = stmt.order_by(func.coalesce(counts.c.mentions, 0).desc(), c.name, c.id)
        return self._all(stmt.limit(min(limit, MAX_LIMIT)).offset(offset))

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
        ids = self.actor_ids(value)
        ea = t.event_actors.alias()
        return stmt.where(
            t.events.c.id.in_(
                select(ea.c.event_id).where(and_(ea.c.role == role, ea.c.actor_id.in_(ids or [""])))
            )
        )

    def events(
        self, *, actor: str | None = None, recipient: str | None = None,
        country: str | None = None, type: str | None = None, quad_class: int | None = None,
        since: date | None = None, until: date | None = None, search: str | None = None,
        in_caption: bool | None = None, negated: bool | None = None,
        article_id: str | None = None, limit: int = 50, offset: int = 0, order: str = "date",
        mentions: bool = False,
    ) -> list[dict[str, Any]]:
        """Events, one row per event of a story (with its mention counts), or every report.

        By default the reports of one event across a story (same type and
        sides) come back as one row carrying ``num_mentions``,
        ``num_articles`` and ``num_sources`` and the best-supported stated
        date; ``mentions=True`` (or ``article_id``) lists each report.
        """
        e, a = t.events.c, t.articles.c
        story = func.coalesce(a.story_id, e.article_id).label("story_key")
        stmt = select(t.events, a.title, a.outlet, a.url, story).join(t.articles, a.id == e.article_id)
        stmt = self._event_where(stmt, actor=actor, recipient=recipient, country=country, type=type,
                                 quad_class=quad_class, in_caption=in_caption, negated=negated,
                                 article_id=article_id, search=search)
        stmt = _date_range(stmt, e.date, since, until)
        if mentions or article_id:
            stmt = stmt.order_by(*((e.article_id, e.start, e.id) if order == "text" else
                                   (e.date.desc().nulls_last(), e.id)))
            rows = self._all(stmt.limit(min(limit, MAX_LIMIT)).offset(offset))
            for row in rows:
                row.update(num_mentions=1, num_articles=1, num_sources=1)
            return self._with_actor_names(rows)
        rows = self._merged_page(stmt, min(limit, MAX_LIMIT), offset)
        self._best_dates(rows)
        return self._with_actor_names(rows)

    def _merged_page(self, stmt: Select[Any], limit: int, offset: int) -> list[dict[str, Any]]:
        """One page of `_merged_events(stmt)`, without ranking every report in the database.

        Reports are read newest first (narrow columns); a report is kept when
        it is the lead (best-ranked report) of its (story, merge key) group
        among the reports ``stmt`` selects, so only the groups met on the way
        are looked up. Same rows, order and counts as the window query.
        """
        e = t.events.c
        ordered = _narrow(stmt).order_by(e.date.desc().nulls_last(), e.id)
        leads: list[dict[str, Any]] = []
        seen, chunk = 0, max(2 * (limit + offset), 100)
        while len(leads) < limit:
            rows = self._all(ordered.limit(chunk).offset(seen))
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
        sub = _merged_events(stmt).subquery()
        rows = self._all(select(sub.c.id, sub.c.num_mentions, sub.c.num_sources, sub.c.num_articles))
        return {r["id"]: (r["num_mentions"], r["num_sources"], r["num_articles"]) for r in rows}

    def _event_where(self, stmt: Select[Any], *, actor: str | None, recipient: str | None,
                     country: str | None, type: str | None, quad_class: int | None,
                     in_caption: bool | None, negated: bool | None, article_id: str | None,
                     search: str | None) -> Select[Any]:
        e = t.events.c
        if actor:
            stmt = self._event_filter(stmt, "actor", actor)
        if recipient:
            stmt = self._event_filter(stmt, "recipient", recipient)
        if country:
            ea = t.event_actors.alias()
            stmt = stmt.where(e.id.in_(
                select(ea.c.event_id).join(t.actors, t.actors.c.id == ea.c.actor_id)
                .where(t.actors.c.country == country.upper())
            ))
        if type:
            stmt = stmt.where(or_(e.plover == type.upper(), e.cameo == type))
        if quad_class is not None:
            stmt = stmt.where(e.quad_class == quad_class)
        for column, value in ((e.in_caption, in_caption), (e.negated, negated)):
            if value is not None:
                stmt = stmt.where(column == value)
        if article_id:
            stmt = stmt.where(e.article_id == article_id)
        if search:
            stmt = stmt.where(or_(e.evidence.ilike(f"%{search}%"), e.article_id.in_(self._search_ids(search))))
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

    def quotes(
        self, *, speaker: str | None = None, since: date | None = None, until: date | None = None,
        search: str | None = None, article_id: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        q = t.quotes.c
        a = t.articles.c
        stmt = select(t.quotes, a.title, a.published, a.outlet).join(t.articles, a.id == q.article_id)
        if speaker:
            stmt = stmt.where(q.speaker_id.in_(self.actor_ids(speaker) or [""]))
        if search:
            stmt = stmt.where(q.text.ilike(f"%{search}%"))
        if article_id:
            stmt = stmt.where(q.article_id == article_id)
        stmt = _date_range(stmt, a.published, since, until)
        stmt = stmt.order_by(a.published.desc().nulls_last(), q.article_id, q.start)
        rows = self._all(stmt.limit(min(limit, MAX_LIMIT)).offset(offset))
        names = self.actor_names({r["speaker_id"] for r in rows if r["speaker_id"]})
        for row in rows:
            row["speaker"] = names.get(row["speaker_id"]) if row["speaker_id"] else None
        return rows

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

    # ------------------------------------------------------------ summaries

    def dyad(self, a: str, b: str, *, since: date | None = None, until: date | None = None) -> dict[str, Any]:
        """Events between two actors (names, ids or ISO country codes), by month and quad class;
        each event of a story counts once (its reports are in `num_mentions`)."""
        rows = self._dyad_events(a, b, since, until)
        months: dict[str, Counter[int]] = defaultdict(Counter)
        for row in rows:
            month = (row["date"] or "unknown")[:7]
            months[month][row["quad_class"]] += 1
        total = Counter(r["quad_class"] for r in rows)
        cooperation = total[1] + total[2]
        conflict = total[3] + total[4]
        return {
            "a": a, "b": b, "events": len(rows),
            "months": [{"month": m, **{f"q{q}": c[q] for q in (1, 2, 3, 4)}} for m, c in sorted(months.items())],
            "quad_classes": {f"q{q}": total[q] for q in (1, 2, 3, 4)},
            "balance": None if not rows else round((cooperation - conflict) / len(rows), 3),
            "items": self._with_actor_names(rows),
        }

    def _side_ids(self, value: str) -> list[str]:
        if len(value) == 3 and value.isalpha() and value.isupper():
            with self.engine.connect() as conn:
                stmt = select(t.actors.c.id).where(t.actors.c.country == value)
                return [r.id for r in conn.execute(stmt)]
        return self.actor_ids(value)

    def _dyad_events(self, a: str, b: str, since: date | None, until: date | None) -> list[dict[str, Any]]:
        ids_a, ids_b = self._side_ids(a) or [""], self._side_ids(b) or [""]
        ea, eb = t.event_actors.alias(), t.event_actors.alias()
        pair = select(ea.c.event_id).join(eb, eb.c.event_id == ea.c.event_id).where(
            or_(and_(ea.c.actor_id.in_(ids_a), eb.c.actor_id.in_(ids_b)),
                and_(ea.c.actor_id.in_(ids_b), eb.c.actor_id.in_(ids_a))),
            ea.c.role != eb.c.role,
        )
        e, a = t.events.c, t.articles.c
        story = func.coalesce(a.story_id, e.article_id).label("story_key")
        stmt = select(t.events, a.title, a.outlet, story).join(t.articles, a.id == e.article_id)
        stmt = _date_range(stmt.where(e.id.in_(pair)), e.date, since, until)
        return one_per_event(self._all(stmt.order_by(e.date.nulls_last(), e.id).limit(20000)))[:5000]

    def network(
        self, *, since: date | None = None, until: date | None = None, type: str | None = None,
        limit: int = 200,
    ) -> dict[str, Any]:
        """Actors as nodes, report counts by PLOVER type as edges (actor -> recipient)."""
        e = t.events.c
        ea, eb = t.event_actors.alias(), t.event_actors.alias()
        # Edges count reports: folding them per story here (as the event lists and the
        # dyad do) costs 2.5 times as much on 10,000 articles (0.11 s -> 0.27 s).
        stmt = (
            select(ea.c.actor_id.label("source"), eb.c.actor_id.label("target"), e.plover,
                   func.count().label("count"))
            .select_from(t.events.join(ea, ea.c.event_id == e.id).join(eb, eb.c.event_id == e.id))
            .where(ea.c.role == "actor", eb.c.role == "recipient", ea.c.actor_id != eb.c.actor_id)
            .group_by(ea.c.actor_id, eb.c.actor_id, e.plover)
        )
        if type:
            stmt = stmt.where(e.plover == type.upper())
        stmt = _date_range(stmt, e.date, since, until)
        edges = self._all(stmt.order_by(func.count().desc(), ea.c.actor_id, eb.c.actor_id)
                          .limit(min(limit, MAX_LIMIT)))
        ids = {x["source"] for x in edges} | {x["target"] for x in edges}
        nodes = list(self.actor_names(ids).values())
        return {"nodes": nodes, "edges": edges}

    def places(
        self, *, since: date | None = None, until: date | None = None, type: str | None = None,
        limit: int = 500,
    ) -> list[dict[str, Any]]:
        """Event places with coordinates (one row per name and country), with event counts."""
        e = t.events.c
        quads = [func.sum(case((e.quad_class == q, 1), else_=0)).label(f"q{q}") for q in (1, 2, 3, 4)]
        stmt = (
            select(e.location_name.label("name"), e.location_country.label("country"),
                   func.avg(e.lat).label("lat"), func.avg(e.lon).label("lon"),
                   func.count().label("events"), *quads)
            .where(e.lat.is_not(None), e.lon.is_not(None))
            .group_by(e.location_name, e.location_country)
        )
        if type:
            stmt = stmt.where(or_(e.plover == type.upper(), e.cameo == type))
        stmt = _date_range(stmt, e.date, since, until)
        stmt = stmt.order_by(func.count().desc(), e.location_name)
        rows = self._all(stmt.limit(min(limit, MAX_LIMIT)))
        for row in rows:
            for q in (1, 2, 3, 4):
                row[f"q{q}"] = int(row[f"q{q}"] or 0)
        return rows


def one_per_event(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reports of one event of a story (same type and sides) folded into one row with its counts.

    Keeps the order of ``rows``; the row kept is the report with a stated date and the
    highest confidence, as in `_merged_events`.
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["story_key"], row.get("merge_key") or row["id"])].append(row)
    best = {}
    for key, reports in groups.items():
        chosen = dict(min(reports, key=lambda r: (bool(r["date_inferred"]), -r["confidence"], r["id"])))
        chosen.update(num_mentions=len(reports), num_articles=len({r["article_id"] for r in reports}),
                      num_sources=len({r.get("outlet") or r["article_id"] for r in reports}))
        best[key] = chosen
    seen: set[tuple[str, str]] = set()
    out = []
    for row in rows:
        key = (row["story_key"], row.get("merge_key") or row["id"])
        if key not in seen:
            seen.add(key)
            out.append(best[key])
    return out


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


def _merged_events(stmt: Select[Any]) -> Select[Any]:
    """One row per (story, type and sides): the best report, with GDELT-style counts."""
    sub = stmt.subquery()
    key = func.coalesce(sub.c.merge_key, sub.c.id)
    counts = (
        select(sub.c.story_key, key.label("mkey"), func.count().label("num_mentions"),
               func.count(distinct(sub.c.article_id)).label("num_articles"),
               func.count(distinct(func.coalesce(sub.c.outlet, sub.c.article_id))).label("num_sources"))
        .group_by(sub.c.story_key, key).subquery()
    )
    ranked = select(
        sub, key.label("mkey"),
        func.row_number().over(partition_by=[sub.c.story_key, key],
                               order_by=[sub.c.date_inferred, sub.c.confidence.desc(), sub.c.id]).label("rank"),
    ).subquery()
    columns = [c for c in ranked.c if c.name not in ("rank", "mkey")]
    return (
        select(*columns, counts.c.num_mentions, counts.c.num_articles, counts.c.num_sources)
        .join(counts, and_(counts.c.story_key == ranked.c.story_key, counts.c.mkey == ranked.c.mkey))
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.date.desc().nulls_last(), ranked.c.id)
    )


def _date_range(stmt: Select[Any], column: Any, since: date | None, until: date | None) -> Select[Any]:
    if since:
        stmt = stmt.where(column >= since)
    if until:
        stmt = stmt.where(column <= until)
    return stmt
