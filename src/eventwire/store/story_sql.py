"""Filing an article in a story inside the store's write transaction.

Candidates are the articles that share one of its names within the date
window (an indexed lookup); linked stories merge into the one named after
the smallest article id, so the result does not depend on arrival order.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, insert, or_, select, update

from ..stories.similarity import WINDOW_DAYS, Fingerprint, related
from . import schema as t

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from ..records import Article


def _candidates(conn: Connection, article: Article, fp: Fingerprint) -> list[Any]:
    names = [f"n:{n}" for n in fp.names]
    if not names:
        return []
    k = t.article_keys.c
    stmt = select(k.article_id).where(k.key.in_(names), k.article_id != article.id)
    if article.published is not None:
        low = article.published - timedelta(days=WINDOW_DAYS)
        high = article.published + timedelta(days=WINDOW_DAYS)
        stmt = stmt.where(or_(k.published.is_(None), and_(k.published >= low, k.published <= high)))
    ids = {r.article_id for r in conn.execute(stmt.distinct())}
    if not ids:
        return []
    a = t.articles.c
    rows = conn.execute(select(a.id, a.published, a.story_id, a.fingerprint).where(a.id.in_(sorted(ids))))
    return list(rows)


def assign_story(conn: Connection, article: Article, fp: Fingerprint) -> str:
    """Link the article to related stored articles; returns its story id."""
    conn.execute(t.article_keys.delete().where(t.article_keys.c.article_id == article.id))
    keys = sorted(set(fp.keys()))
    if keys:
        conn.execute(insert(t.article_keys), [
            {"article_id": article.id, "key": key, "published": article.published} for key in keys
        ])
    stories = {article.id}
    for row in _candidates(conn, article, fp):
        other = Fingerprint(**row.fingerprint) if row.fingerprint else Fingerprint()
        if related(fp, article.published, other, row.published):
            stories.add(row.story_id or row.id)
    story = min(stories)
    merged = sorted(stories - {story})
    if merged:
        conn.execute(update(t.articles).where(t.articles.c.story_id.in_(merged)).values(story_id=story))
    conn.execute(update(t.articles).where(t.articles.c.id == article.id).values(story_id=story))
    return story
