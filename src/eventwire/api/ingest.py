"""POST /api/articles: read one article into the database (only with ``writable``).

Off by default: `create_app(db)` serves reads only. With
``create_app(db, writable=True)`` (``eventwire serve --writable``) this
route runs the pipeline on the posted article and stores its reading; the
model loads on the first post, and posts are read one at a time.
DOCS: docs/api.md
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..records import Article
from ..store import SQLStore
from .common import ERRORS, get_store

router = APIRouter(prefix="/api", tags=["ingest"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]
_LOCK = threading.Lock()


class ArticleIn(BaseModel):
    title: str = Field(min_length=1, max_length=1000)
    paragraphs: list[Annotated[str, Field(max_length=100_000)]] = Field(min_length=1, max_length=2000)
    standfirst: str | None = Field(None, max_length=5000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=300)
    published: date | None = None
    captions: list[Annotated[str, Field(max_length=5000)]] = Field(default_factory=list, max_length=200)
    credits: list[Annotated[str, Field(max_length=1000)]] = Field(default_factory=list, max_length=200)


class IngestOut(BaseModel):
    id: str = Field(description="The article's id: GET /api/articles/{id}.")
    summary: dict[str, Any]


@router.post("/articles", response_model=IngestOut, status_code=201, summary="Read and store one article")
def post_article(request: Request, store: Store, body: ArticleIn) -> dict[str, Any]:
    """Run the pipeline on the article and store its reading (re-posting changes nothing)."""
    from ..service import ingest

    article = Article(title=body.title, paragraphs=[p for p in body.paragraphs if p.strip()] or [body.title],
                      standfirst=body.standfirst, url=body.url, outlet=body.outlet, published=body.published,
                      captions=body.captions, credits=body.credits, origin="api")
    with _LOCK:
        summary = ingest([article], pipeline=_pipeline(request), store=store)
    return {"id": article.id, "summary": summary.as_dict()}


def _pipeline(request: Request) -> Any:
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        from ..pipeline import Pipeline

        state.pipeline = Pipeline()
    return state.pipeline
