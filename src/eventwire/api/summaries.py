"""/api/dyad, /api/network, /api/places, /api/counts: summaries for charts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..store import SQLStore
from .common import ERRORS, Since, Until, get_store
from .models import Dyad, Network, PlaceCount

router = APIRouter(prefix="/api", tags=["summaries"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]
Side = Annotated[str, Query(min_length=1, max_length=200,
                            description="Actor name, alias or id, or an ISO alpha-3 country code (upper case)")]
Type = Annotated[str | None, Query(max_length=16, description="PLOVER type, e.g. CONSULT")]


@router.get("/dyad", response_model=Dyad, summary="Events between two actors or countries")
def dyad(store: Store, a: Side, b: Side, since: Since = None, until: Until = None) -> dict[str, Any]:
    """Events with one side as actor and the other as recipient (either way round),
    counted by month and quad class, with the balance (cooperation - conflict) / events.
    """
    return store.dyad(a, b, since=since, until=until)


@router.get("/network", response_model=Network, summary="Actors and who acted on whom")
def network(store: Store, since: Since = None, until: Until = None, type: Type = None,
            limit: Annotated[int, Query(ge=1, le=1000, description="Most frequent edges kept")] = 200,
            ) -> dict[str, Any]:
    """Actors as nodes; edges actor -> recipient with event counts per PLOVER type."""
    return store.network(since=since, until=until, type=type, limit=limit)


@router.get("/places", response_model=list[PlaceCount], summary="Event places for the map")
def places(store: Store, since: Since = None, until: Until = None, type: Type = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> list[dict[str, Any]]:
    """Places with coordinates and their event counts (in all and by quad class)."""
    return store.places(since=since, until=until, type=type, limit=limit)


@router.get("/counts", response_model=dict[str, int], summary="Rows per table")
def counts(store: Store) -> dict[str, int]:
    """How many articles, actors, events, quotes, mentions and skips are stored."""
    return store.counts()
