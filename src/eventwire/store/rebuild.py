"""Stored rows back to records, for exports and batch merges."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..records import Actor, Article, DateValue, Event, Mention, Place, Quote, Reading
from . import schema as t

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def _article(row: Any) -> Article:
    return Article(
        id=row.id, title=row.title, paragraphs=list(row.paragraphs), url=row.url,
        outlet=row.outlet, standfirst=row.standfirst, published=row.published,
        captions=list(row.captions), credits=list(row.credits), author=row.author,
        language=row.language or "en", origin=row.origin or "",
    )


def _event(row: Any) -> Event:
    loc = row.location
    return Event(
        id=row.id, article_id=row.article_id, sentence=row.sentence, start=row.start,
        end=row.end, evidence=row.evidence, trigger=row.trigger, cameo=row.cameo,
        plover=row.plover, mode=row.mode, contexts=list(row.contexts),
        quad_class=row.quad_class, goldstein=row.goldstein, actors=list(row.actors),
        recipients=list(row.recipients),
        location=Place(**loc) if loc else None,
        date=DateValue(row.date, row.date_precision, row.date_text or "", row.date_inferred),
        reported_by=row.reported_by, speaker=row.speaker, negated=row.negated,
        hypothetical=row.hypothetical, hedged=row.hedged, in_caption=row.in_caption,
        symmetric=row.symmetric, background=row.background, confidence=row.confidence,
    )


def _actor(row: Any) -> Actor:
    return Actor(
        id=row.id, name=row.name, kind=row.kind, country=row.country,
        sectors=list(row.sectors), roles=list(row.roles), aliases=list(row.aliases),
        external_ids=dict(row.external_ids), home=bool(row.country_home),
    )


def _children(conn: Connection, ids: list[str]) -> dict[str, dict[str, list[Any]]]:
    out: dict[str, dict[str, list[Any]]] = {i: {"events": [], "quotes": [], "mentions": []} for i in ids}
    for row in conn.execute(select(t.events).where(t.events.c.article_id.in_(ids)).order_by(t.events.c.start)):
        out[row.article_id]["events"].append(_event(row))
    for row in conn.execute(select(t.quotes).where(t.quotes.c.article_id.in_(ids)).order_by(t.quotes.c.start)):
        out[row.article_id]["quotes"].append(Quote(
            id=row.id, article_id=row.article_id, start=row.start, end=row.end, text=row.text,
            kind=row.kind, speaker_id=row.speaker_id, cue=row.cue, reported_by=row.reported_by))
    for row in conn.execute(select(t.mentions).where(t.mentions.c.article_id.in_(ids))):
        out[row.article_id]["mentions"].append(Mention(
            row.article_id, row.start, row.end, row.sentence, row.text, row.actor_id))
    return out


def _actor_ids(kids: dict[str, list[Any]]) -> set[str]:
    """Every actor one article refers to: mentions, event sides, sources, speakers."""
    ids = {m.actor_id for m in kids["mentions"]}
    for e in kids["events"]:
        ids.update([*e.actors, *e.recipients, e.reported_by, e.speaker])
    for q in kids["quotes"]:
        ids.update([q.speaker_id, q.reported_by])
    ids.discard(None)
    return ids


def readings(engine: Engine, *, since: date | None = None, until: date | None = None,
             chunk: int = 200, ids: Collection[str] | None = None) -> Iterator[Reading]:
    """Every stored article (or those of ``ids``) as a Reading (actors as merged across articles)."""
    stmt = select(t.articles).order_by(t.articles.c.published, t.articles.c.id)
    if ids is not None:
        stmt = stmt.where(t.articles.c.id.in_(sorted(ids)))
    if since:
        stmt = stmt.where(t.articles.c.published >= since)
    if until:
        stmt = stmt.where(t.articles.c.published <= until)
    with engine.connect() as conn:
        rows = list(conn.execute(stmt))
        for i in range(0, len(rows), chunk):
            part = rows[i : i + chunk]
            kids = _children(conn, [r.id for r in part])
            mine_by = {aid: _actor_ids(k) for aid, k in kids.items()}
            wanted = set().union(*mine_by.values())
            actors = {r.id: _actor(r) for r in conn.execute(select(t.actors).where(t.actors.c.id.in_(wanted)))}
            for row in part:
                k = kids[row.id]
                mine = mine_by[row.id]
                yield Reading(
                    article=_article(row), actors=[actors[a] for a in sorted(mine) if a in actors],
                    mentions=k["mentions"], events=k["events"], quotes=k["quotes"],
                    sentences=[tuple(s) for s in row.sentences], tokens=row.tokens,
                )
