"""/api/quotes: quotes with speaker, date range and text search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, Since, Text, Until, get_store, paginate
from .models import QuotePage

router = APIRouter(prefix="/api/quotes", tags=["quotes"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=QuotePage, summary="List quotes")
def list_quotes(
    store: Store,
    speaker: Annotated[str | None, Query(max_length=200, description="Speaker name, alias or id")] = None,
    since: Since = None, until: Until = None, search: Text = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50, cursor: Cursor = None,
) -> dict[str, Any]:
    """Quotes, newest article first, then by position in the article."""
    return paginate(store.quotes, limit=limit, cursor=cursor, speaker=speaker, since=since,
                    until=until, search=search, article_id=article_id)
