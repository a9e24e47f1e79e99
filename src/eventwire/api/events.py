"""/api/events: events with every filter the store knows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, get_store, paginate
from .filters import Sort, event_filters
from .models import EventPage

router = APIRouter(prefix="/api/events", tags=["events"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=EventPage, summary="List events")
def list_events(store: Store, filters: Annotated[dict[str, Any], Depends(event_filters)],
                sort: Sort = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Events, newest first by default; ``sort`` by date, type, cameo, quad_class, place, outlet,
    confidence (``-`` first for descending) or ``text`` (article order).

    ``search`` matches the evidence sentence or the article's text. Reports
    of one event across a story come back as one row with ``num_mentions``,
    ``num_articles`` and ``num_sources``, unless ``reports=true``. An
    unknown type, country or actor is a 422 (E409) naming the closest valid values.
    """
    return paginate(store.events, limit=limit, cursor=cursor, sort=sort, **filters)
