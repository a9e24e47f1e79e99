"""Facet counts and full streams of every list (a mixin of `Queries`).

A facet value's count is how many rows the list shows with that value added
to its filters: events count once per event of a story (as the event list
shows them), the other lists count their own rows. Each value carries the
``filter`` that selects it (a month is a ``since``/``until`` pair), so a
click in the UI or a script can apply it as is. `rows` streams a whole
filtered list in its sort order, with no row cap, for exports.
DOCS: docs/api.md
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, distinct, func, literal, select

from . import schema as t
from .filters import month_of, month_range, ordered, sort_key, week_of

if TYPE_CHECKING:
    from sqlalchemy import Engine

KINDS = ("events", "articles", "actors", "quotes", "stories")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


class FacetQueries:
    engine: Engine
    dialect: str
    _all: Any
    _with_actor_names: Any
    _best_dates: Any
    _speakers: Any
    actor_names: Any
    event_reports: Any
    event_order: Any
    _article_where: Any
    _actor_where: Any
    _quote_where: Any
    _story_where: Any
    events: Any
    articles: Any
    actors: Any
    quotes: Any
    stories: Any

    # ------------------------------------------------------------ facets

    def facets(self, kind: str, /, *, size: int = 10, mentions: bool = False, **filters: Any) -> dict[str, Any]:
        """{"total": rows of the filtered list, "facets": {name: [{value, label, count, filter}]}}.

        Answers are kept per filters until the database changes (`data_version`): a facet
        over 100,000 events takes seconds, and lists are read far more often than written.
        """
        return self._cached(("facets", kind, size, mentions), filters,
                            lambda: self._facets(kind, size, mentions, dict(filters)))

    def data_version(self) -> tuple[int, ...]:
        """Changes whenever articles, events, actors, republications or story groups do."""
        a = t.articles.c
        with self.engine.connect() as conn:
            return tuple(int(conn.execute(stmt).scalar() or 0) for stmt in (
                select(func.count()).select_from(t.articles), select(func.count()).select_from(t.events),
                select(func.count()).select_from(t.actors), select(func.count()).select_from(t.article_sources),
                select(func.count(distinct(a.story_id)))))

    def _cached(self, what: tuple[Any, ...], filters: dict[str, Any], build: Any) -> Any:
        cache: OrderedDict[Any, Any] = self.__dict__.setdefault("_facet_cache", OrderedDict())
        key = (*what, tuple(sorted((k, str(v)) for k, v in filters.items() if v is not None)))
        version = self.data_version()
        hit = cache.get(key)
        if hit is not None and hit[0] == version:
            cache.move_to_end(key)
            return hit[1]
        value = build()
        cache[key] = (version, value)
        while len(cache) > 256:
            cache.popitem(last=False)
        return value

    def _facets(self, kind: str, size: int, mentions: bool, filters: dict[str, Any], /) -> dict[str, Any]:
        build = {"events": self._event_facets, "articles": self._article_facets, "actors": self._actor_facets,
                 "quotes": self._quote_facets, "stories": self._story_facets}[kind]
        if kind == "events":
            filters["mentions"] = mentions
        total, facets = build(size, filters)
        return {"kind": kind, "total": total, "facets": facets}

    def _count(self, sub: Any, key: Any) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count(distinct(key))).select_from(sub)).scalar() or 0)

    def _group(self, column: Any, key: Any, source: Any, size: int | None, param: str,
               where: Any = None, labels: dict[Any, str] | None = None) -> list[dict[str, Any]]:
        """Values of ``column`` over ``source`` with how many distinct ``key`` each has, most first."""
        n = func.count(distinct(key))
        stmt = select(column.label("value"), n.label("count")).select_from(source).where(column.is_not(None))
        if where is not None:
            stmt = stmt.where(where)
        stmt = stmt.group_by(column).order_by(n.desc(), column)
        rows = self._all(stmt.limit(size) if size else stmt)
        return [{"value": r["value"], "label": (labels or {}).get(r["value"], str(r["value"])),
                 "count": int(r["count"]), "filter": {param: r["value"]}} for r in rows]

    def _months(self, column: Any, key: Any, source: Any) -> list[dict[str, Any]]:
        """Every month with rows, in time order, each filtering by its first and last day."""
        month = month_of(column, self.dialect)
        out = self._group(month, key, source, None, "month")
        for row in out:
            first, last = month_range(row["value"])
            row["filter"] = {"since": first.isoformat(), "until": last.isoformat()}
        return sorted(out, key=lambda r: r["value"])

    def _actor_labels(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        names = self.actor_names({r["value"] for r in rows})
        for row in rows:
            row["label"] = (names.get(row["value"]) or {}).get("name", row["value"])
        return rows

    def _event_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        mentions = filters.pop("mentions", False)
        e, a = t.events.c, t.articles.c
        reports = self.event_reports(**filters)
        story = reports.selected_columns.story_key
        key = e.id if mentions else story + literal("|") + func.coalesce(e.merge_key, e.id)
        sub = reports.with_only_columns(e.id.label("id"), e.plover, e.quad_class, a.outlet, e.date,
                                        key.label("key")).subquery()
        ea = t.event_actors.alias()
        sides = sub.join(ea, ea.c.event_id == sub.c.id)
        people = sides.join(t.actors, t.actors.c.id == ea.c.actor_id)
        facets = {
            "type": self._group(sub.c.plover, sub.c.key, sub, size, "type"),
            "quad_class": self._group(sub.c.quad_class, sub.c.key, sub, None, "quad_class",
                                      labels={q: f"{q} {n}" for q, n in QUADS.items()}),
            "country": self._group(t.actors.c.country, sub.c.key, people, size, "country"),
            "actor": self._actor_labels(self._group(ea.c.actor_id, sub.c.key, sides, size, "actor",
                                                    where=ea.c.role == "actor")),
            "recipient": self._actor_labels(self._group(ea.c.actor_id, sub.c.key, sides, size, "recipient",
                                                        where=ea.c.role == "recipient")),
            "outlet": self._group(sub.c.outlet, sub.c.key, sub, size, "outlet"),
            "month": self._months(sub.c.date, sub.c.key, sub),
        }
        return self._count(sub, sub.c.key), facets

    def _article_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        a = t.articles.c
        sub = self._article_where(select(a.id, a.outlet, a.published), **filters).subquery()
        m, e = t.mentions.c, t.events.c
        mentioned = sub.join(t.mentions, m.article_id == sub.c.id)
        facets = {
            "type": self._group(e.plover, sub.c.id, sub.join(t.events, e.article_id == sub.c.id), size, "type"),
            "country": self._group(t.actors.c.country, sub.c.id,
                                   mentioned.join(t.actors, t.actors.c.id == m.actor_id), size, "country"),
            "actor": self._actor_labels(self._group(m.actor_id, sub.c.id, mentioned, size, "actor")),
            "outlet": self._group(sub.c.outlet, sub.c.id, sub, size, "outlet"),
            "month": self._months(sub.c.published, sub.c.id, sub),
        }
        return self._count(sub, sub.c.id), facets

    def _actor_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        c, m, a = t.actors.c, t.mentions.c, t.articles.c
        sub = self._actor_where(select(c.id, c.kind, c.country), **filters).subquery()
        seen = sub.join(t.mentions, m.actor_id == sub.c.id).join(t.articles, a.id == m.article_id)
        sectors: Counter[str] = Counter()
        for row in self._all(select(c.sectors).where(c.id.in_(select(sub.c.id)))):
            sectors.update(set(row["sectors"] or []))
        facets = {
            "kind": self._group(sub.c.kind, sub.c.id, sub, None, "kind"),
            "country": self._group(sub.c.country, sub.c.id, sub, size, "country"),
            "sector": [{"value": s, "label": s, "count": n, "filter": {"sector": s}}
                       for s, n in sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0]))[:size]],
            "outlet": self._group(a.outlet, sub.c.id, seen, size, "outlet"),
            "month": self._months(a.published, sub.c.id, seen),
        }
        return self._count(sub, sub.c.id), facets

    def _quote_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        q, a = t.quotes.c, t.articles.c
        stmt = select(q.id, q.kind, q.speaker_id, a.outlet, a.published).join(t.articles, a.id == q.article_id)
        sub = self._quote_where(stmt, **filters).subquery()
        speakers = sub.join(t.actors, t.actors.c.id == sub.c.speaker_id)
        facets = {
            "kind": self._group(sub.c.kind, sub.c.id, sub, None, "kind"),
            "country": self._group(t.actors.c.country, sub.c.id, speakers, size, "country"),
            "speaker": self._actor_labels(self._group(sub.c.speaker_id, sub.c.id, sub, size, "speaker")),
            "outlet": self._group(sub.c.outlet, sub.c.id, sub, size, "outlet"),
            "month": self._months(sub.c.published, sub.c.id, sub),
        }
        return self._count(sub, sub.c.id), facets

    def _story_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        a, e = t.articles.c, t.events.c
        key = func.coalesce(a.story_id, a.id)
        sub = self._story_where(select(key.label("key"), a.id, a.outlet, a.published), **filters).subquery()
        facets = {
            "type": self._group(e.plover, sub.c.key, sub.join(t.events, e.article_id == sub.c.id), size, "type"),
            "outlet": self._group(sub.c.outlet, sub.c.key, sub, size, "outlet"),
            "month": self._months(sub.c.published, sub.c.key, sub),
        }
        return self._count(sub, sub.c.key), facets

    def event_series(self, *, interval: str = "week", mentions: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """Events per week (Monday) or month and quad class: [{period, q1..q4}] in time order."""
        return self._cached(("series", interval, mentions), filters,
                            lambda: self._series(interval, mentions, dict(filters)))

    def _series(self, interval: str, mentions: bool, filters: dict[str, Any]) -> list[dict[str, Any]]:
        e = t.events.c
        reports = self.event_reports(**filters)
        story = reports.selected_columns.story_key
        key = e.id if mentions else story + literal("|") + func.coalesce(e.merge_key, e.id)
        period = week_of(e.date, self.dialect) if interval == "week" else month_of(e.date, self.dialect)
        sub = reports.with_only_columns(period.label("period"), e.quad_class, key.label("key")).subquery()
        n = func.count(distinct(sub.c.key))
        stmt = (select(sub.c.period, sub.c.quad_class, n.label("count")).where(sub.c.period.is_not(None))
                .group_by(sub.c.period, sub.c.quad_class))
        out: dict[str, dict[str, Any]] = {}
        for row in self._all(stmt):
            period_key = str(row["period"])[:10]
            out.setdefault(period_key, {"period": period_key, "q1": 0, "q2": 0, "q3": 0, "q4": 0})
            out[period_key][f"q{row['quad_class']}"] += int(row["count"])
        return [out[k] for k in sorted(out)]

    # ------------------------------------------------------------ streams

    def rows(self, kind: str, /, *, sort: str | None = None, mentions: bool = False, batch: int = 500,
             **filters: Any) -> Iterator[dict[str, Any]]:
        """Every row of the filtered list in its sort order (what the list pages page through)."""
        if kind == "events":
            yield from self._event_rows(sort, mentions, batch, filters)
            return
        read = {"articles": self.articles, "actors": self.actors, "quotes": self.quotes,
                "stories": self.stories}[kind]
        offset = 0
        while True:
            page = read(sort=sort, limit=batch, offset=offset, **filters)
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def _event_rows(self, sort: str | None, mentions: bool, batch: int,
                    filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
        reports = self.event_reports(**filters)
        if mentions:
            stmt: Select[Any] = reports.order_by(*self.event_order(sort))
        else:
            stmt = merged_events(reports, order=sort_key("events", sort))
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(stmt)
            for part in result.partitions():
                rows = [dict(r._mapping) for r in part]
                for row in rows:
                    for k, v in row.items():
                        if hasattr(v, "isoformat"):
                            row[k] = v.isoformat()
                    if mentions:
                        row.update(num_mentions=1, num_articles=1, num_sources=1)
                if not mentions:
                    self._best_dates(rows)
                yield from self._with_actor_names(rows)


def merged_order(ranked: Any, order: tuple[str, bool]) -> list[Any]:
    """The order of `sort_key` over the columns of a merged-events select."""
    name, desc = order
    c = ranked.c
    if name == "text":
        return [c.article_id, c.start, c.id]
    column = {"type": c.plover, "place": c.location_name}.get(name, getattr(c, name, None))
    return [ordered(column, desc), *([] if name == "date" else [c.date.desc().nulls_last()]), c.id]


def merged_events(stmt: Select[Any], order: tuple[str, bool] = ("date", True)) -> Select[Any]:
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
        .order_by(*merged_order(ranked, order))
    )
