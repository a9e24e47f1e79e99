"""Columns kept at write time so that lists and facets count with plain indexed scans.

A list of events shows each event of a story once, so counting it used to
need a distinct count over a join of every report with its article. The
store now keeps, for every report, its story key, outlet, month and week,
and its *group* (the reports of one event across a story: same story and
merge key): ``grp`` is NULL for a report that is alone in its group (most
are), so a count of events is ``count(*) - count(grp) + count(distinct
grp)`` (`event_count`), exact for any filter; ``lead`` marks the report
that stands for its group (stated date first, then confidence, then id).
Sides carry their actor's country, articles' actors are counted once per
article (`article_actors`), and actors carry their mention counts.

Everything here is a function of the stored readings: `put_article_rows`
and `refresh_countries` run when a reading is stored, `refresh_stories`
when an article joins, leaves or merges stories, and `backfill` (migration
0010, and `regroup`) recomputes all of it.
DOCS: docs/api.md
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, case, exists, func, insert, or_, select, update

from . import schema as t

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from ..records import Article, Mention

CHUNK = 400


def month_key(day: date | None) -> str | None:
    """``YYYY-MM`` of a date (what `filters.month_of` gives in SQL)."""
    return day.strftime("%Y-%m") if day else None


def week_start(day: date | None) -> date | None:
    """The Monday of a date's week (what `filters.week_of` gives in SQL)."""
    return day - timedelta(days=day.weekday()) if day else None


def report_rank(row: Any) -> tuple[Any, ...]:
    """Which report of a group leads it: stated dates first, then confidence, then id."""
    return (bool(row["date_inferred"]), -(row["confidence"] or 0.0), row["id"])


def event_count(grp: Any, first: Any = None) -> Any:
    """How many events of a story the rows hold: a report alone in its group once, the
    reports of a group once together. ``first``: rows repeat (sides of one country), count
    only those where it holds (and grouped ones once anyway)."""
    alone = func.count() - func.count(grp) if first is None else func.count(case((and_(grp.is_(None), first), 1)))
    return alone + func.count(func.distinct(grp))


def row_count(first: Any = None) -> Any:
    """How many rows (every report), or with ``first`` how many where it holds."""
    return func.count() if first is None else func.count(case((first, 1)))


# ------------------------------------------------------------ when a reading is stored

def event_extras(article: Article, day: date | None) -> dict[str, Any]:
    """The derived columns of a new report (its groups are set by `refresh_stories`)."""
    return {"story_key": article.id, "outlet": article.outlet, "month": month_key(day),
            "week": week_start(day), "grp": None, "lead": True}


def put_article_rows(conn: Connection, article: Article, mentions: Iterable[Mention]) -> None:
    """One `article_actors` row per actor the article mentions, and the actors' counts."""
    counts = Counter(m.actor_id for m in mentions)
    if not counts:
        return
    conn.execute(insert(t.article_actors), [
        {"article_id": article.id, "actor_id": actor, "mentions": n, "outlet": article.outlet,
         "published": article.published, "month": month_key(article.published), "country": None,
         "country_first": True} for actor, n in sorted(counts.items())])
    _add_counts(conn, {actor: (n, 1) for actor, n in counts.items()})


def forget_article(conn: Connection, article_id: str) -> str | None:
    """Before an article is stored again: take its mentions off its actors' counts; returns
    the story it was in (which must be refreshed once it has left it)."""
    aa, a = t.article_actors.c, t.articles.c
    old = {r.actor_id: (-r.mentions, -1) for r in
           conn.execute(select(aa.actor_id, aa.mentions).where(aa.article_id == article_id))}
    _add_counts(conn, old)
    return conn.execute(select(func.coalesce(a.story_id, a.id)).where(a.id == article_id)).scalar()


def _add_counts(conn: Connection, deltas: dict[str, tuple[int, int]]) -> None:
    if deltas:
        c = t.actors.c
        conn.execute(update(t.actors).where(c.id == bindparam("b_id")).values(
            mentions=c.mentions + bindparam("b_m"), articles=c.articles + bindparam("b_a")),
            [{"b_id": k, "b_m": m, "b_a": n} for k, (m, n) in sorted(deltas.items())])


def initial_counts(conn: Connection, actor_id: str) -> tuple[int, int]:
    """Mentions and articles of a new actor already stored (by articles stored before it)."""
    aa = t.article_actors.c
    row = conn.execute(select(func.coalesce(func.sum(aa.mentions), 0), func.count())
                       .where(aa.actor_id == actor_id)).one()
    return int(row[0]), int(row[1])


def refresh_countries(conn: Connection, *, article_id: str | None = None,
                      actor_ids: Iterable[str] | None = None) -> None:
    """Set the actor country (and ``country_first``) of the sides and article actors of one
    article, of every event and article of ``actor_ids``, or (neither) of all."""
    ea, aa, ac = t.event_actors, t.article_actors, t.actors.c
    ids = None if actor_ids is None else sorted(set(actor_ids))
    if ids == [] and article_id is None:
        return
    for table, own in ((ea, ea.c.event_id), (aa, aa.c.article_id)):
        if article_id is not None:
            scope = (own.in_(select(t.events.c.id).where(t.events.c.article_id == article_id))
                     if table is ea else own == article_id)
        elif ids is not None:
            inner = table.alias()
            scope = own.in_(select(inner.c[own.name]).where(inner.c.actor_id.in_(ids)))
        else:
            scope = None
        country = select(ac.country).where(ac.id == table.c.actor_id).scalar_subquery()
        first = ~exists(_before(table))
        for values in ({"country": country}, {"country_first": first}):
            stmt = update(table).values(**values)
            conn.execute(stmt if scope is None else stmt.where(scope))


def _before(table: Any) -> Any:
    """A side of the same event (article) with the same country, ordered before this one."""
    o = table.alias()
    own = "event_id" if table is t.event_actors else "article_id"
    earlier = o.c.actor_id < table.c.actor_id
    if table is t.event_actors:
        earlier = or_(o.c.role < table.c.role, and_(o.c.role == table.c.role, earlier))
    return select(o.c.actor_id).where(o.c[own] == table.c[own], o.c.country == table.c.country, earlier)


# ------------------------------------------------------------ groups of reports across a story

def refresh_stories(conn: Connection, keys: Iterable[str | None]) -> None:
    """Recompute story key, group and lead of every report of the stories ``keys``."""
    a, e = t.articles.c, t.events.c
    wanted = sorted({k for k in keys if k})
    story = func.coalesce(a.story_id, a.id)
    for i in range(0, len(wanted), CHUNK):
        part = wanted[i:i + CHUNK]
        members = select(a.id).where(or_(a.story_id.in_(part), and_(a.story_id.is_(None), a.id.in_(part))))
        rows = conn.execute(select(e.id, e.merge_key, e.date_inferred, e.confidence, e.story_key, e.grp,
                                   e.lead, story.label("story"))
                            .join(t.articles, a.id == e.article_id).where(e.article_id.in_(members)))
        _regroup(conn, [r._mapping for r in rows])


def _regroup(conn: Connection, rows: list[Any]) -> None:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in rows:
        groups[(row["story"], row["merge_key"] or row["id"])].append(row)
    changed, sides = [], []
    for (story, key), members in groups.items():
        grp = f"{story}:{key}" if len(members) > 1 else None
        lead = min(members, key=report_rank)["id"]
        for row in members:
            new = (story, grp, row["id"] == lead)
            if (row["story_key"], row["grp"], bool(row["lead"])) != new:
                changed.append({"b_id": row["id"], "b_story": story, "b_grp": grp, "b_lead": new[2]})
            if row["grp"] != grp:
                sides.append({"b_id": row["id"], "b_grp": grp})
    e, ea = t.events.c, t.event_actors.c
    if changed:
        conn.execute(update(t.events).where(e.id == bindparam("b_id")).values(
            story_key=bindparam("b_story"), grp=bindparam("b_grp"), lead=bindparam("b_lead")), changed)
    if sides:
        conn.execute(update(t.event_actors).where(ea.event_id == bindparam("b_id")).values(grp=bindparam("b_grp")),
                     sides)


# ------------------------------------------------------------ everything, from scratch

def backfill(conn: Connection) -> None:
    """Compute every derived column and row from the stored readings (migration 0010)."""
    a, e, q = t.articles.c, t.events.c, t.quotes.c
    outlet = select(a.outlet).where(a.id == q.article_id).scalar_subquery()
    published = select(a.published).where(a.id == q.article_id).scalar_subquery()
    conn.execute(update(t.quotes).values(outlet=outlet, published=published))
    conn.execute(update(t.events).values(outlet=select(a.outlet).where(a.id == e.article_id).scalar_subquery()))
    _backfill_dates(conn)
    _backfill_article_actors(conn)
    refresh_countries(conn)
    keys = [r[0] for r in conn.execute(select(func.coalesce(a.story_id, a.id)).distinct())]
    refresh_stories(conn, keys)


def _backfill_dates(conn: Connection) -> None:
    from sqlalchemy import Date, cast

    from .filters import month_of, week_of

    e, q = t.events.c, t.quotes.c
    dialect = conn.dialect.name
    week = week_of(e.date, dialect)
    if dialect == "postgresql":  # date_trunc gives a timestamp
        week = cast(week, Date)
    conn.execute(update(t.events).values(month=month_of(e.date, dialect), week=week))
    conn.execute(update(t.quotes).values(month=month_of(q.published, dialect)))


def _backfill_article_actors(conn: Connection) -> None:
    m, a, c = t.mentions.c, t.articles.c, t.actors.c
    conn.execute(t.article_actors.delete())
    pairs = (select(m.article_id, m.actor_id, func.count().label("mentions"), a.outlet, a.published)
             .join(t.articles, a.id == m.article_id).group_by(m.article_id, m.actor_id, a.outlet, a.published))
    rows = [{**r._mapping, "month": month_key(r.published), "country": None, "country_first": True}
            for r in conn.execute(pairs)]
    for i in range(0, len(rows), 5000):
        conn.execute(insert(t.article_actors), rows[i:i + 5000])
    aa = t.article_actors.c
    total = select(func.coalesce(func.sum(aa.mentions), 0)).where(aa.actor_id == c.id).scalar_subquery()
    seen = select(func.count()).where(aa.actor_id == c.id).scalar_subquery()
    conn.execute(update(t.actors).values(mentions=total, articles=seen))
