"""One story read as a story: its articles as a timeline by outlet, its events each once
(with the reports, articles and outlets that carry each, and each report's sentence and
actors), and its quotes grouped by speaker. DOCS: docs/stories.md
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from ..errors import StoreError
from ..stories.merge import merge_reports
from . import schema as t

MAX_REPORTS = 5000


def story_detail(store: Any, story_id: str) -> dict[str, Any]:
    """The story page's data (see the module docstring); E303 when no such story."""
    a, s = t.articles.c, t.article_sources.c
    articles = store._all(select(a.id, a.title, a.outlet, a.published, a.url)
                          .where(func.coalesce(a.story_id, a.id) == story_id)
                          .order_by(a.published, a.outlet, a.id))
    if not articles:
        raise StoreError("E303", kind="story", key=story_id)
    ids = [x["id"] for x in articles]
    copies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store._all(select(s.article_id, s.url, s.outlet, s.published).where(s.article_id.in_(ids))
                          .order_by(s.published, s.outlet, s.url)):
        copies[row.pop("article_id")].append(row)
    outlets_of: dict[str, list[str]] = {}
    for article in articles:
        article["copies"] = copies.get(article["id"], [])
        carried = [article["outlet"], *(c["outlet"] for c in article["copies"])]
        outlets_of[article["id"]] = sorted({o for o in carried if o}) or [article["id"]]
        article["outlets"] = [o for o in outlets_of[article["id"]] if o != article["id"]]
    events = merge_reports(_reports(store, ids), outlets_of)
    store._with_actor_names(events)
    for event in events:
        store._with_actor_names(event["reports"])
    every_outlet = sorted({o for a_ in articles for o in a_["outlets"]})
    dates = [x["published"] for x in articles if x["published"]]
    return {"id": story_id, "title": articles[0]["title"], "first": min(dates, default=None),
            "last": max(dates, default=None), "num_articles": len(articles),
            "num_sources": len(every_outlet), "outlets": _by_outlet(articles, every_outlet),
            "articles": articles, "events": events, "speakers": _speakers(store, ids)}


def _reports(store: Any, ids: list[str]) -> list[dict[str, Any]]:
    """Every event report of the story's articles, with its sentence's text."""
    e, a = t.events.c, t.articles.c
    rows = store._all(select(*t.public(t.events), a.title, a.outlet, a.published).join(t.articles, a.id == e.article_id)
                      .where(e.article_id.in_(ids)).order_by(a.published, e.article_id, e.start)
                      .limit(MAX_REPORTS))
    texts = {r["id"]: r for r in store._all(select(a.id, a.text, a.sentences).where(a.id.in_(ids)))}
    for row in rows:
        article = texts[row["article_id"]]
        spans = article["sentences"] or []
        if 0 <= row["sentence"] < len(spans):
            start, end = spans[row["sentence"]]
            row["sentence_text"] = article["text"][start:end].strip()
        else:
            row["sentence_text"] = row["evidence"]
    return rows


def _by_outlet(articles: list[dict[str, Any]], outlets: list[str]) -> list[dict[str, Any]]:
    """Each outlet with the articles it carried (its own or as a copy), in time order."""
    out = []
    for outlet in outlets:
        mine = [{"id": x["id"], "title": x["title"], "published": x["published"]}
                for x in articles if outlet in x["outlets"]]
        out.append({"outlet": outlet, "articles": mine})
    return out


def _speakers(store: Any, ids: list[str]) -> list[dict[str, Any]]:
    """The story's quotes grouped by speaker (unattributed ones last), most quoted first."""
    q, a = t.quotes.c, t.articles.c
    rows = store._all(select(q.id, q.article_id, q.text, q.kind, q.cue, q.speaker_id, a.outlet, a.published,
                             a.title).join(t.articles, a.id == q.article_id).where(q.article_id.in_(ids))
                      .order_by(a.published, q.article_id, q.start).limit(MAX_REPORTS))
    names = store.actor_names({r["speaker_id"] for r in rows if r["speaker_id"]})
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row.pop("speaker_id")].append(row)
    out = [{"speaker": names.get(k, {"id": k, "name": k}) if k else None, "quotes": v} for k, v in groups.items()]
    out.sort(key=lambda g: (g["speaker"] is None, -len(g["quotes"]), (g["speaker"] or {}).get("name") or ""))
    return out
