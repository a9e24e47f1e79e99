"""/api/actors: list (name, country, kind) and one actor with events and quotes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, get_store, paginate
from .filters import Sort, actor_filters
from .models import ActorDetail, ActorPage

router = APIRouter(prefix="/api/actors", tags=["actors"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=ActorPage, summary="List actors, most mentioned first")
def list_actors(store: Store, filters: Annotated[dict[str, Any], Depends(actor_filters)],
                sort: Sort = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Actors with aliases, roles, country, sectors and mention counts.

    Sorted by mention count (descending) by default; ``sort`` by mentions,
    articles, name, kind or country. ``name`` matches any part of a name or
    alias, ignoring case and accents; ``outlet``, ``since`` and ``until``
    keep actors mentioned in such articles.
    """
    return paginate(store.actors, limit=limit, cursor=cursor, sort=sort, **filters)


@router.get("/{actor_id}", response_model=ActorDetail, summary="One actor, its events and quotes")
def get_actor(store: Store, actor_id: Annotated[str, Path(max_length=64)],
              limit: Annotated[int, Query(ge=1, le=500, description="Newest events per side, and quotes")] = 200,
              ) -> dict[str, Any]:
    """An actor with the events it is actor or recipient of (by date) and its quotes.

    Events are the newest ``limit`` per side; page further with
    ``/api/events?actor=ID`` or ``?recipient=ID``.
    """
    actor = store.actor(actor_id, limit=limit)
    seen: set[str] = set()  # an event with the actor on both sides is listed once
    actor["events"] = [e for e in actor["events"] if not (e["id"] in seen or seen.add(e["id"]))]
    return actor
