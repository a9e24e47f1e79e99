"""/api/search: one box over articles, actors and events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..store import SQLStore
from .common import ERRORS, get_store
from .models import SearchResults

router = APIRouter(prefix="/api", tags=["search"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("/search", response_model=SearchResults, summary="Search articles, actors and events")
def search(store: Store, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """The first ``limit`` articles (full text), actors (names and aliases) and events
    (evidence or article text) matching ``q``.
    """
    return {
        "query": q,
        "articles": store.articles(search=q, limit=limit),
        "actors": store.actors(name=q, limit=limit),
        "events": store.events(search=q, limit=limit),
    }
