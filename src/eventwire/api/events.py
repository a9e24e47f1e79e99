"""/api/events: events with every filter the store knows."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, Since, Text, Until, get_store, paginate
from .models import EventPage

router = APIRouter(prefix="/api/events", tags=["events"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO alpha-3 of either side")]
Code = Annotated[str | None, Query(max_length=16, description="PLOVER type (e.g. CONSULT) or CAMEO code (e.g. 040)")]


@router.get("", response_model=EventPage, summary="List events")
def list_events(
    store: Store,
    actor: Annotated[str | None, Query(max_length=200, description="Actor name, alias or id")] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="Recipient name, alias or id")] = None,
    country: Country = None, type: Code = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal coop. .. 4 material conflict")] = None,
    since: Since = None, until: Until = None, search: Text = None,
    in_caption: bool | None = None, negated: bool | None = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    sort: Literal["date", "text"] = "date",
    reports: Annotated[bool, Query(description="Every report apart, not one row per event of a story")] = False,
    limit: Limit = 50, cursor: Cursor = None,
) -> dict[str, Any]:
    """Events, newest first (``sort=date``) or by article and position (``sort=text``).

    ``search`` matches the evidence sentence or the article's text. Reports
    of one event across a story come back as one row with ``num_mentions``,
    ``num_articles`` and ``num_sources``, unless ``reports=true``.
    """
    return paginate(
        store.events, limit=limit, cursor=cursor, actor=actor, recipient=recipient,
        country=country, type=type, quad_class=quad_class, since=since, until=until,
        search=search, in_caption=in_caption, negated=negated, article_id=article_id, order=sort,
        mentions=reports,
    )
