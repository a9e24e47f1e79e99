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
            country: Annotated[str | None, Query(max_length=60, description="ISO alpha-3 of either side")] = None,
            nodes: Annotated[int, Query(ge=1, le=200, description="Actors kept: those with most events")] = 30,
            limit: Annotated[int, Query(ge=1, le=1000, description="Most frequent edges kept")] = 200,
            ) -> dict[str, Any]:
    """The ``nodes`` actors with most events and edges actor -> recipient between them, with
    report counts per PLOVER type and quad class."""
    return store.network(since=since, until=until, type=type, country=country, nodes=nodes, limit=limit)


@router.get("/places", response_model=list[PlaceCount], summary="Event places for the map")
def places(store: Store, since: Since = None, until: Until = None, type: Type = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> list[dict[str, Any]]:
    """Places with coordinates and their event counts (in all and by quad class); ``kind`` is
    the gazetteer's (country, admin1, city), ``iso_numeric`` the ISO 3166 number of the country
    (the ids of the map's Natural Earth outlines)."""
    rows = store.places(since=since, until=until, type=type, limit=limit)
    for row in rows:
        row["iso_numeric"] = _numeric(row.get("country"))
    return rows


def _numeric(alpha3: str | None) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
    return found.numeric if found else None


@router.get("/counts", response_model=dict[str, int], summary="Rows per table")
def counts(store: Store) -> dict[str, int]:
    """How many articles, actors, events, quotes, mentions and skips are stored."""
    return store.counts()
