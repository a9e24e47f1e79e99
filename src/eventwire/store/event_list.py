"""The event list: filters, one row per event of a story, pages and counts (a mixin of `Queries`).

The reports of one event across a story (same type and sides: one merge
key) are one row of the list, the best-ranked report among those the
filters select, with GDELT-style counts. Filters on what makes the merge
key (sides, their country, a PLOVER type, negation) select all of a
group's reports or none, so under them that row is the group's ``lead``
(kept at write time, `derived`) and a page is a plain indexed read; other
filters (dates, outlet, text, quad class...) look the groups met on the
way up by ``grp``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, func, or_, select

from ..errors import StoreError
from . import schema as t
from .derived import report_rank
from .filters import LIKE_ESCAPE, check_actor, check_country, check_type, like, ordered, sort_key
from .filters import date_range as _date_range

if TYPE_CHECKING:
    from sqlalchemy import Engine

MAX_LIMIT = 1000
EVENT_FILTERS = ("actor", "recipient", "country", "type", "quad_class", "in_caption", "negated",
                 "article_id", "search", "outlet", "place")
#: Filters that hold for all reports of a group or for none (they are part of its merge key).
WHOLE_GROUP = {"actor", "recipient", "country", "negated"}


def whole_groups(filters: dict[str, Any]) -> bool:
    """Whether ``filters`` select all reports of a group or none (a PLOVER type does; a CAMEO
    code, dates, outlets, places, text, flags and quad classes may split a group)."""
    given = {k for k, v in filters.items() if v is not None and k != "mentions"}
    if filters.get("type") and not str(filters["type"]).strip().isdigit():
        given.discard("type")
    return given <= WHOLE_GROUP


def _page(stmt: Select[Any], limit: int, offset: int) -> Select[Any]:
    return stmt.limit(min(limit, MAX_LIMIT)).offset(offset)


class EventQueries:
    engine: Engine
    dialect: str
    _all: Any
    _search_ids: Any
    actor_names: Any

    def event_scope(self, stmt: Select[Any], **filters: Any) -> Select[Any]:
        """``stmt`` (over the events table) narrowed to the reports the event filters select."""
        stmt = self._event_where(stmt, **{k: filters.get(k) for k in EVENT_FILTERS})
        return _date_range(stmt, t.events.c.date, filters.get("since"), filters.get("until"))

    def event_reports(self, **filters: Any) -> Select[Any]:
        """Every report the event filters select, joined to its article (with ``story_key``)."""
        e, a = t.events.c, t.articles.c
        stmt = select(*t.public(t.events), a.title, a.outlet, a.url, e.story_key).join(t.articles, a.id == e.article_id)
        return self.event_scope(stmt, **filters)

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
        e = t.events.c
        name, desc = sort_key("events", sort)
        if name == "text":
            return [e.article_id, e.start, e.id]
        column = {"type": e.plover, "place": e.location_name}.get(name, getattr(e, name, None))
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
        if whole_groups(filters):
            rows = self._all(_page(stmt.where(t.events.c.lead).order_by(*order_by), limit, offset))
            self.group_counts(rows)
        else:
            rows = self._merged_page(stmt, filters, order_by, min(limit, MAX_LIMIT), offset)
        self._best_dates(rows)
        return self._with_actor_names(rows)

    def group_counts(self, rows: list[dict[str, Any]]) -> None:
        """Give each lead report its group's counts: reports, articles and outlets (whole groups)."""
        e = t.events.c
        keys = sorted({_group_key(r) for r in rows})
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for i in range(0, len(keys), 400):
            for member in self._all(select(e.grp, e.article_id, e.outlet).where(e.grp.in_(keys[i:i + 400]))):
                groups[member["grp"]].append(member)
        for row in rows:
            row.update(_counts(groups.get(_group_key(row)) or [row]))

    def _merged_page(self, stmt: Select[Any], filters: dict[str, Any], order_by: list[Any], limit: int,
                     offset: int) -> list[dict[str, Any]]:
        """One page of `merged_events(stmt)`, without ranking every report in the database.

        Reports are read in the list's order (narrow columns); a report alone in
        its group is its event's row, one of a group is kept when it ranks first
        among the group's reports the filters select, so only the groups met on
        the way are looked up. Same rows, order and counts as the window query.
        """
        e = t.events.c
        narrow = self.event_scope(select(*_narrow()), **filters)
        by_order = narrow.order_by(*order_by)
        leads: list[dict[str, Any]] = []
        seen, chunk = 0, max(2 * (limit + offset), 100)
        while len(leads) < limit:
            rows = self._all(by_order.limit(chunk).offset(seen))
            seen += len(rows)
            groups = self._filtered_groups(narrow, sorted({r["grp"] for r in rows if r["grp"]}))
            for row in rows:
                members = groups[row["grp"]] if row["grp"] else [row]
                if min(members, key=report_rank)["id"] != row["id"]:
                    continue
                if offset:
                    offset -= 1
                    continue
                row.update(_counts(members))
                leads.append(row)
                if len(leads) == limit:
                    break
            if len(rows) < chunk:
                break
            chunk *= 2
        full = {r["id"]: r for r in self._all(stmt.where(e.id.in_([r["id"] for r in leads])))}
        return [{**full[r["id"]], **{k: r[k] for k in ("num_mentions", "num_articles", "num_sources")}}
                for r in leads]

    def _filtered_groups(self, narrow: Select[Any], grps: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The reports ``narrow`` selects of each group ``grps`` names."""
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for i in range(0, len(grps), 400):
            for member in self._all(narrow.where(t.events.c.grp.in_(grps[i:i + 400]))):
                groups[member["grp"]].append(member)
        return groups

    def event_counts(self) -> dict[str, tuple[int, int, int]]:
        """For the one report that stands for each event of a story: its (mentions, sources, articles)."""
        e = t.events.c
        grouped = {r["grp"]: (r["n"], r["sources"], r["articles"]) for r in self._all(
            select(e.grp, func.count().label("n"),
                   func.count(func.distinct(func.coalesce(e.outlet, e.article_id))).label("sources"),
                   func.count(func.distinct(e.article_id)).label("articles"))
            .where(e.grp.is_not(None)).group_by(e.grp))}
        return {r["id"]: grouped.get(r["grp"], (1, 1, 1)) for r in self._all(select(e.id, e.grp).where(e.lead))}

    def _event_filter(self, stmt: Select[Any], role: str, value: str) -> Select[Any]:
        ids = check_actor(self, role, value)
        ea = t.event_actors.alias()
        return stmt.where(
            t.events.c.id.in_(select(ea.c.event_id).where(and_(ea.c.role == role, ea.c.actor_id.in_(ids))))
        )

    def _event_where(self, stmt: Select[Any], *, actor: str | None, recipient: str | None,
                     country: str | None, type: str | None, quad_class: int | None,
                     in_caption: bool | None, negated: bool | None, article_id: str | None,
                     search: str | None, outlet: str | None = None, place: str | None = None) -> Select[Any]:
        e = t.events.c
        if outlet:
            stmt = stmt.where(e.outlet == outlet)
        if place:
            stmt = stmt.where(e.location_name == place)
        if actor:
            stmt = self._event_filter(stmt, "actor", actor)
        if recipient:
            stmt = self._event_filter(stmt, "recipient", recipient)
        if country:
            check_country(country)
            ea = t.event_actors.alias()
            stmt = stmt.where(e.id.in_(select(ea.c.event_id).where(ea.c.country == country.upper())))
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
        e = t.events.c
        keys = sorted({_group_key(r) for r in rows if r["merge_key"]})  # a report alone keeps its own date
        votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        for i in range(0, len(keys), 400):
            stmt = select(e.grp, e.date, e.date_precision).where(
                e.grp.in_(keys[i:i + 400]), e.date_inferred.is_(False), e.date.is_not(None))
            for row in self._all(stmt):
                votes[row["grp"]][(row["date"], row["date_precision"])] += 1
        rank = {"day": 0, "month": 1, "year": 2}
        for row in rows:
            counts = votes.get(_group_key(row)) if row["merge_key"] else None
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


def _narrow() -> list[Any]:  # noqa: N802 - a constant built late (the table is defined on import)
    """What ranking and counting need of a report."""
    e = t.events.c
    return [e.id, e.article_id, e.merge_key, e.grp, e.date_inferred, e.confidence, e.date, e.outlet]


def _group_key(row: dict[str, Any]) -> str:
    """The ``grp`` a report has when its group holds more than itself (`derived`)."""
    return f"{row['story_key']}:{row['merge_key'] or row['id']}"


def _counts(members: list[dict[str, Any]]) -> dict[str, int]:
    return {"num_mentions": len(members), "num_articles": len({m["article_id"] for m in members}),
            "num_sources": len({m["outlet"] or m["article_id"] for m in members})}
