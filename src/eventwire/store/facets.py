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

from sqlalchemy import Select, and_, distinct, func, select

from . import schema as t
from .derived import event_count, row_count
from .filters import month_of, month_range, ordered, sort_key

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

        Answers are kept per filters until the database changes (`data_version`): counting
        reads the derived columns and covering indexes (`derived`, migration 0010), about
        0.1 s cold on 10,000 articles, and lists are read far more often than written.
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

    def _total(self, stmt: Select[Any], count: Any) -> int:
        """``count`` over the rows ``stmt`` selects."""
        with self.engine.connect() as conn:
            return int(conn.execute(stmt.with_only_columns(count, maintain_column_froms=True)).scalar() or 0)

    def _tally(self, stmt: Select[Any], column: Any, count: Any, size: int | None, param: str,
               labels: dict[Any, str] | None = None) -> list[dict[str, Any]]:
        """Values of ``column`` over ``stmt``'s rows with their ``count``, most first."""
        n = count.label("count")
        stmt = stmt.with_only_columns(column.label("value"), n, maintain_column_froms=True).where(column.is_not(None))
        stmt = stmt.group_by(column).order_by(n.desc(), column)
        rows = self._all(stmt.limit(size) if size else stmt)
        return [{"value": r["value"], "label": (labels or {}).get(r["value"], str(r["value"])),
                 "count": int(r["count"]), "filter": {param: r["value"]}} for r in rows]

    def _months(self, stmt: Select[Any], column: Any, count: Any) -> list[dict[str, Any]]:
        """Every month with rows, in time order, each filtering by its first and last day."""
        out = self._tally(stmt, column, count, None, "month")
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
        """Each event of a story counts once (`derived.event_count`), or each report (``mentions``)."""
        mentions = filters.pop("mentions", False)
        e = t.events.c
        scope = self.event_scope(select(e.id), **filters)
        count = row_count() if mentions else event_count(e.grp)
        facets = {
            "type": self._tally(scope, e.plover, count, size, "type"),
            "quad_class": self._tally(scope, e.quad_class, count, None, "quad_class",
                                      labels={q: f"{q} {n}" for q, n in QUADS.items()}),
            **self._side_facets(scope, filters, size, mentions),
            "outlet": self._tally(scope, e.outlet, count, size, "outlet"),
            "month": self._months(scope, e.month, count),
        }
        return self._total(scope, count), facets

    def _side_facets(self, scope: Select[Any], filters: dict[str, Any], size: int,
                     mentions: bool) -> dict[str, Any]:
        """Countries (of either side), actors and recipients of the events ``scope`` selects."""
        ea = t.event_actors.c
        sides = select(ea.event_id).select_from(t.event_actors)
        if any(v is not None for v in filters.values()):
            sides = sides.where(ea.event_id.in_(scope))
        one = (lambda first=None: row_count(first)) if mentions else (lambda first=None: event_count(ea.grp, first))
        out = {"country": self._tally(sides, ea.country, one(ea.country_first), size, "country")}
        for role in ("actor", "recipient"):
            out[role] = self._actor_labels(self._tally(sides.where(ea.role == role), ea.actor_id, one(), size, role))
        return out

    def _article_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        a, aa, e = t.articles.c, t.article_actors.c, t.events.c
        sub = self._article_where(select(a.id), **filters)
        narrowed = any(v is not None for v in filters.values())
        events = select(e.id).where(e.article_id.in_(sub)) if narrowed else select(e.id)
        actors = select(aa.article_id).where(aa.article_id.in_(sub)) if narrowed else select(aa.article_id)
        facets = {
            "type": self._tally(events, e.plover, func.count(distinct(e.article_id)), size, "type"),
            "country": self._tally(actors, aa.country, row_count(aa.country_first), size, "country"),
            "actor": self._actor_labels(self._tally(actors, aa.actor_id, row_count(), size, "actor")),
            "outlet": self._tally(sub, a.outlet, row_count(), size, "outlet"),
            "month": self._months(sub, month_of(a.published, self.dialect), row_count()),
        }
        return self._total(sub, row_count()), facets

    def _actor_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        c, aa = t.actors.c, t.article_actors.c
        sub = self._actor_where(select(c.id), **filters)
        narrowed = any(v is not None for v in filters.values())
        seen = select(aa.actor_id).where(aa.actor_id.in_(sub)) if narrowed else select(aa.actor_id)
        sectors: Counter[str] = Counter()
        for row in self._all(sub.with_only_columns(c.sectors, maintain_column_froms=True)):
            sectors.update(set(row["sectors"] or []))
        actors = func.count(distinct(aa.actor_id))
        facets = {
            "kind": self._tally(sub, c.kind, row_count(), None, "kind"),
            "country": self._tally(sub, c.country, row_count(), size, "country"),
            "sector": [{"value": s, "label": s, "count": n, "filter": {"sector": s}}
                       for s, n in sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0]))[:size]],
            "outlet": self._tally(seen, aa.outlet, actors, size, "outlet"),
            "month": self._months(seen, aa.month, actors),
        }
        return self._total(sub, row_count()), facets

    def _quote_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        q = t.quotes.c
        sub = self._quote_where(select(q.id), **filters)
        speakers = self._tally(sub, q.speaker_id, row_count(), None, "speaker")
        countries: Counter[str] = Counter()  # a quote has one speaker: its country's count adds up
        names = self.actor_names({r["value"] for r in speakers})
        for row in speakers:
            country = (names.get(row["value"]) or {}).get("country")
            if country:
                countries[country] += row["count"]
        facets = {
            "kind": self._tally(sub, q.kind, row_count(), None, "kind"),
            "country": [{"value": k, "label": k, "count": n, "filter": {"country": k}}
                        for k, n in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:size]],
            "speaker": self._actor_labels(speakers[:size]),
            "outlet": self._tally(sub, q.outlet, row_count(), size, "outlet"),
            "month": self._months(sub, q.month, row_count()),
        }
        return self._total(sub, row_count()), facets

    def _story_facets(self, size: int, filters: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        a, e = t.articles.c, t.events.c
        key = func.coalesce(a.story_id, a.id)
        sub = self._story_where(select(a.id), **filters)
        narrowed = any(v is not None for v in filters.values())
        events = select(e.id).where(e.article_id.in_(sub)) if narrowed else select(e.id)
        stories = func.count(distinct(key))
        facets = {
            "type": self._tally(events, e.plover, func.count(distinct(e.story_key)), size, "type"),
            "outlet": self._tally(sub, a.outlet, stories, size, "outlet"),
            "month": self._months(sub, month_of(a.published, self.dialect), stories),
        }
        return self._total(sub, stories), facets

    def event_series(self, *, interval: str = "week", mentions: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """Events per week (Monday) or month and quad class: [{period, q1..q4}] in time order."""
        return self._cached(("series", interval, mentions), filters,
                            lambda: self._series(interval, mentions, dict(filters)))

    def _series(self, interval: str, mentions: bool, filters: dict[str, Any]) -> list[dict[str, Any]]:
        e = t.events.c
        period = e.week if interval == "week" else e.month
        count = row_count() if mentions else event_count(e.grp)
        stmt = (self.event_scope(select(period.label("period"), e.quad_class, count.label("count")), **filters)
                .where(period.is_not(None)).group_by(period, e.quad_class))
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
