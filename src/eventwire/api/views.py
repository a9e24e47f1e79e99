"""/api/facets/{kind}, /api/series/events and /api/export/{kind}: what a list page shows.

Every list (events, articles, actors, quotes, stories) has facet counts and
a streamed download of its whole filtered view (CSV, JSON, JSON lines;
GDELT and PLOVER for events) with no row cap, taking the same filters as
its list endpoint (declared once in `filters`).
DOCS: docs/api.md
"""

# (no `from __future__ import annotations`: the routes made in loops need their annotations evaluated)

import itertools
import logging
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from ..store import SQLStore
from ..store.tables import COLUMNS, event_lines, flat, json_default
from .common import ERRORS, get_store
from .filters import FILTERS, Sort
from .models import FacetResult, SeriesPoint

router = APIRouter(prefix="/api", tags=["views"], responses=ERRORS)
log = logging.getLogger(__name__)
Store = Annotated[SQLStore, Depends(get_store)]
Size = Annotated[int, Query(ge=1, le=100, description="Values per facet (months: all)")]
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "jsonl": "application/x-ndjson",
         "gdelt": "text/tab-separated-values; charset=utf-8", "plover": "application/x-ndjson"}
SUFFIX = {"csv": "csv", "json": "json", "jsonl": "jsonl", "gdelt": "gdelt.tsv", "plover": "plover.jsonl"}


def _facet_route(kind: str, dependency: Callable[..., dict[str, Any]]) -> None:
    def facets(store: Store, filters: Annotated[dict[str, Any], Depends(dependency)],
               size: Size = 10) -> dict[str, Any]:
        return store.facets(kind, size=size, **filters)

    facets.__doc__ = (f"How many {kind} the filtered list holds, and counts by each facet's values; "
                      "each value's `filter` selects it.")
    router.get(f"/facets/{kind}", response_model=FacetResult, summary=f"Facet counts of the {kind} list",
               name=f"facets_{kind}")(facets)


def _export_route(kind: str, dependency: Callable[..., dict[str, Any]]) -> None:
    formats = ["csv", "json", "jsonl"] + (["gdelt", "plover"] if kind == "events" else [])
    Format = Literal[tuple(formats)]  # type: ignore[valid-type]

    def export(store: Store, filters: Annotated[dict[str, Any], Depends(dependency)],
               format: Format = "csv", sort: Sort = None) -> StreamingResponse:  # type: ignore[valid-type]
        fmt = str(format)
        if kind == "events" and fmt in ("gdelt", "plover"):
            body: Iterator[str] = event_lines(store, fmt, sort=sort, **filters)
        else:
            rows = store.rows(kind, sort=sort, **filters)
            first = next(rows, None)  # a bad filter is a 422 here, before the answer starts
            body = _lines(kind, fmt, itertools.chain([] if first is None else [first], rows))
        body = _checked(body)
        name = f"eventwire-{kind}-{date.today().isoformat()}.{SUFFIX[fmt]}"
        return StreamingResponse(body, media_type=MEDIA[fmt],
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    export.__doc__ = (f"The whole filtered {kind} list in its sort order, streamed, no row cap: "
                      f"{', '.join(formats)}.")
    router.get(f"/export/{kind}", summary=f"Download the filtered {kind} list", name=f"export_{kind}",
               response_class=StreamingResponse,
               responses={200: {"content": {m: {} for m in {MEDIA[f] for f in formats}}}})(export)


def _checked(body: Iterator[str]) -> Iterator[str]:
    """Read the first chunk before the answer starts, so a bad filter is a 422, not a cut stream."""
    first = next(body, None)

    def stream() -> Iterator[str]:
        if first is not None:
            yield first
            yield from body

    return stream()


def _lines(kind: str, fmt: str, rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps(row, ensure_ascii=False, default=json_default) + "\n"
        return
    if fmt == "json":
        yield "["
        for i, row in enumerate(rows):
            yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False, default=json_default)
        yield "\n]\n"
        return
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[kind])
    writer.writeheader()
    for row in rows:
        writer.writerow(flat(kind, row))
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@router.get("/series/events", response_model=list[SeriesPoint], summary="Events over time by quad class")
def series(store: Store, filters: Annotated[dict[str, Any], Depends(FILTERS["events"])],
           interval: Literal["week", "month"] = "week") -> list[dict[str, Any]]:
    """Events of the filtered list per week (starting Monday) or month, by quad class
    (each event of a story once, in every period one of its reports falls in)."""
    return store.event_series(interval=interval, **filters)


def warm_up(store: SQLStore) -> None:
    """Count the unfiltered facets and the weekly series of every list once (kept until the
    database changes), logging instead of raising: this runs in a background thread."""
    try:
        for kind in FILTERS:
            store.facets(kind)
        store.event_series(interval="week")
    except Exception as err:  # noqa: BLE001 - a warm-up must never take the server down
        log.warning("facet warm-up stopped: %s", err)


for _kind, _dependency in FILTERS.items():
    _facet_route(_kind, _dependency)
    _export_route(_kind, _dependency)
