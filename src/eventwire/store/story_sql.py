"""Filing an article in a story inside the store's write transaction.

Candidates are the articles that share one of its names within the date
window (an indexed lookup on ``article_keys``, so the cost per article does
not grow with the database); each is checked with `related`. Linked
stories merge into the one named after the smallest article id: a story is
a connected component of a symmetric link, so the stories are the same in
whatever order the articles arrive. `regroup` files every stored article
again, for new ``stories.*`` settings.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, insert, or_, select, update

from ..records import Fingerprint
from ..stories.similarity import DEFAULT_RULES, StoryRules, related
from . import schema as t
from .derived import refresh_stories

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from ..records import Article


def _candidates(conn: Connection, article_id: str, published: Any, fp: Fingerprint,
                rules: StoryRules) -> list[Any]:
    names = fp.keys()
    if not names:
        return []
    k = t.article_keys.c
    stmt = select(k.article_id).where(k.key.in_(names), k.article_id != article_id)
    if published is not None:
        low = published - timedelta(days=rules.window_days)
        high = published + timedelta(days=rules.window_days)
        stmt = stmt.where(or_(k.published.is_(None), and_(k.published >= low, k.published <= high)))
    ids = {r.article_id for r in conn.execute(stmt.distinct())}
    if not ids:
        return []
    a = t.articles.c
    rows = conn.execute(select(a.id, a.published, a.story_id, a.fingerprint).where(a.id.in_(sorted(ids))))
    return list(rows)


def _put_keys(conn: Connection, article: Article, fp: Fingerprint) -> None:
    conn.execute(t.article_keys.delete().where(t.article_keys.c.article_id == article.id))
    keys = sorted(set(fp.keys()))
    if keys:
        conn.execute(insert(t.article_keys), [
            {"article_id": article.id, "key": key, "published": article.published} for key in keys
        ])


def assign_story(conn: Connection, article: Article, fp: Fingerprint,
                 rules: StoryRules = DEFAULT_RULES) -> str:
    """Link the article to related stored articles; returns its story id."""
    _put_keys(conn, article, fp)
    return _link(conn, article.id, article.published, fp, rules)


def _link(conn: Connection, article_id: str, published: Any, fp: Fingerprint, rules: StoryRules) -> str:
    stories = {article_id}
    for row in _candidates(conn, article_id, published, fp, rules):
        if row.fingerprint is None:
            continue
        if related(fp, published, Fingerprint.of(row.fingerprint), row.published, rules):
            stories.add(row.story_id or row.id)
    story = min(stories)
    merged = sorted(stories - {story})
    if merged:
        conn.execute(update(t.articles).where(t.articles.c.story_id.in_(merged)).values(story_id=story))
    conn.execute(update(t.articles).where(t.articles.c.id == article_id).values(story_id=story))
    return story


def regroup(conn: Connection, rules: StoryRules = DEFAULT_RULES) -> int:
    """File every stored article again under ``rules``; returns the number of stories."""
    a = t.articles.c
    conn.execute(update(t.articles).values(story_id=None))
    rows = list(conn.execute(select(a.id, a.published, a.fingerprint).order_by(a.published, a.id)))
    for row in rows:
        conn.execute(update(t.articles).where(a.id == row.id).values(story_id=row.id))
    for row in rows:
        if row.fingerprint is not None:
            _link(conn, row.id, row.published, Fingerprint.of(row.fingerprint), rules)
    refresh_stories(conn, [r[0] for r in conn.execute(select(func.coalesce(a.story_id, a.id)).distinct())])
    count = select(a.story_id).distinct().subquery()
    return len(list(conn.execute(select(count.c.story_id))))
