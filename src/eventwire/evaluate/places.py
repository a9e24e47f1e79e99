"""Event location scored apart from event matching (issue 18).

The events part scores ``location`` only on matched events, so its figure
moves with event recall. This part scores every gold event that gives a
location: the system event taken is the one from the gold evidence's
sentence whose trigger overlaps the evidence (else the nearest to it);
``accuracy`` is right / scored, ``coverage`` is scored / gold events with a
location (a sentence with no system event is not scored). Pure: no model.
"""

from __future__ import annotations

from typing import Any

from ..records import Event, Reading
from .events import event_span, field_right
from .parts import Counts
from .text import find_spans, fold, fold_map, overlaps


def _nearest(events: list[Event], spans: list[tuple[int, int]]) -> Event | None:
    """The event whose trigger overlaps an evidence span, else the one nearest to one."""
    if not events or not spans:
        return None

    def distance(event: Event) -> int:
        return min(0 if overlaps((event.start, max(event.end, event.start + 1)), [s])
                   else min(abs(event.start - s[0]), abs(event.end - s[1])) for s in spans)

    return min(events, key=distance)


def count_locations(gold: dict[str, Any], reading: Reading) -> Counts:
    """Right / scored and scored / wanted over the gold events that give a location."""
    folded, offsets = fold_map(reading.article.layout()[0], drop_quotes=True)
    right = scored = wanted = 0
    for item in gold.get("events") or []:
        if not isinstance(item, dict) or not item.get("location"):
            continue
        wanted += 1
        spans = find_spans(folded, offsets, fold(item.get("evidence"), drop_quotes=True))
        here = [e for e in reading.events if overlaps(event_span(e, reading), spans)]
        event = _nearest(here, spans)
        if event is None:
            continue
        scored += 1
        right += int(field_right("location", item["location"], event, reading))
    return {"accuracy": (right, scored), "coverage": (scored, wanted)}
