"""/api/quotes: quotes with speaker, date range and text search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, get_store, paginate
from .filters import Sort, quote_filters
from .models import QuotePage

router = APIRouter(prefix="/api/quotes", tags=["quotes"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=QuotePage, summary="List quotes")
def list_quotes(store: Store, filters: Annotated[dict[str, Any], Depends(quote_filters)],
                sort: Sort = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Quotes, newest article first, then by position in the article; ``sort`` by published,
    speaker, kind or text."""
    return paginate(store.quotes, limit=limit, cursor=cursor, sort=sort, **filters)
