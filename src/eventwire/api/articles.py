"""/api/articles: list (search, outlet, dates) and one article with its reading."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from ..records import Article
from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, get_store, paginate
from .filters import Sort, article_filters
from .models import ArticleDetail, ArticlePage

router = APIRouter(prefix="/api/articles", tags=["articles"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=ArticlePage, summary="List articles, newest first")
def list_articles(store: Store, filters: Annotated[dict[str, Any], Depends(article_filters)],
                  sort: Sort = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Articles, newest first (undated last) by default; ``sort`` by published, title, outlet
    or tokens (``-`` first for descending).

    ``search`` is full-text over title and text (all words required);
    ``actor`` and ``country`` keep articles mentioning that actor or an
    actor of that country, ``type`` those with an event of that type.
    """
    return paginate(store.articles, limit=limit, cursor=cursor, sort=sort, **filters)


@router.get("/{article_id}", response_model=ArticleDetail, summary="One article and its reading")
def get_article(store: Store, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """Text, sections, captions, credits, mentions, events, quotes and actors of one article.

    Every span (``start``/``end``) indexes into ``text``.
    """
    article = store.article(article_id)
    article["sections"] = sections(article)
    return article


def sections(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Where title, standfirst, paragraphs and captions lie in the stored text."""
    laid = Article(title=row["title"], paragraphs=list(row["paragraphs"]),
                   standfirst=row.get("standfirst"), captions=list(row["captions"]), id=row["id"])
    text, parts = laid.layout()
    if text != row["text"]:
        return [{"kind": "body", "start": 0, "end": len(row["text"]), "index": 0}]
    return [{"kind": s.kind, "start": s.start, "end": s.end, "index": s.index} for s in parts]
