"""Event location scored apart from event matching (issue 18).

The events part scores ``location`` only on matched events, so its figure
moves with event recall. This part scores every gold event that gives a
location: the system event taken is the one whose trigger lies in the
gold evidence (else whose own evidence holds the gold's);
``accuracy`` is right / scored, ``coverage`` is scored / gold events with a
location (evidence with no system event in it is not scored). Pure: no model.
"""

from __future__ import annotations

from typing import Any

from ..records import Event, Reading
from .events import event_span, field_right
from .parts import Counts
from .text import find_spans, fold, fold_map, overlaps


def _nearest(events: list[Event], spans: list[tuple[int, int]], evidence: str = "") -> Event | None:
    """The first event whose trigger lies in an evidence span, else whose own evidence
    holds the gold's (another clause's event says nothing of this event's place)."""
    inside = next((e for e in events if overlaps((e.start, max(e.end, e.start + 1)), spans)), None)
    said = next((e for e in events if evidence and evidence in fold(e.evidence)), None)
    return inside or said


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
        event = _nearest(here, spans, fold(item.get("evidence")))
        if event is None:
            continue
        scored += 1
        right += int(field_right("location", item["location"], event, reading))
    return {"accuracy": (right, scored), "coverage": (scored, wanted)}
