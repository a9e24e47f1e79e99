"""Event scoring: match system events to gold events one to one, then score fields.

A system event can match a gold event when its PLOVER type is acceptable,
the gold countries are among its actor/recipient countries (either way
round for symmetric gold events), its negated/hypothetical flags equal the
gold's, and its sentence holds the gold evidence. The matching is maximal:
required gold events first, then optional ones, by augmenting paths.
Pure: no model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..timeplace import places as timeplace
from .parts import Counts
from .text import actor_names, find_spans, fold, fold_map, overlaps, side_keys
from ..records import Event, Reading

FIELDS = ("mode", "context", "location", "date", "reported_by")


def _types(gold: dict[str, Any]) -> set[str]:
    """The acceptable PLOVER types of a gold event, upper case."""
    value = gold.get("type")
    values = value if isinstance(value, list) else [value]
    return {str(v).upper() for v in values if v}


def _covers(wanted: list[Any], keys: set[str]) -> bool:
    """Every gold country (or IGO name) is among the system side's keys."""
    return all(fold(str(w)) in keys for w in wanted)


def _sides_match(gold: dict[str, Any], actors: set[str], recipients: set[str]) -> bool:
    """Gold actor and recipient lists covered by the system sides (swapped if symmetric)."""
    g_act, g_rec = gold.get("actor") or [], gold.get("recipient") or []
    if _covers(g_act, actors) and _covers(g_rec, recipients):
        return True
    return bool(gold.get("symmetric")) and _covers(g_act, recipients) and _covers(g_rec, actors)


def event_span(event: Event, reading: Reading) -> tuple[int, int]:
    """Char span of the sentence the event comes from (its own span if unknown)."""
    if 0 <= event.sentence < len(reading.sentences):
        start, end = reading.sentences[event.sentence]
        return int(start), int(end)
    return event.start, max(event.end, event.start + 1)


def _candidates(golds: list[dict[str, Any]], reading: Reading) -> list[list[int]]:
    """For each gold event, the indexes of the system events it may match."""
    folded, offsets = fold_map(reading.article.layout()[0], drop_quotes=True)
    systems = [
        (event_span(e, reading), side_keys(reading, e.actors), side_keys(reading, e.recipients))
        for e in reading.events
    ]
    table: list[list[int]] = []
    for gold in golds:
        spans = find_spans(folded, offsets, fold(gold.get("evidence"), drop_quotes=True))
        types = _types(gold)
        flags = (bool(gold.get("negated")), bool(gold.get("hypothetical")))
        table.append([
            j for j, (event, (span, acts, recs)) in enumerate(zip(reading.events, systems, strict=True))
            if event.plover.upper() in types
            and (event.negated, event.hypothetical) == flags
            and overlaps(span, spans)
            and _sides_match(gold, acts, recs)
        ])
    return table


def max_matching(candidates: list[list[int]], order: list[int]) -> dict[int, int]:
    """A maximum one-to-one matching gold -> system, gold taken in ``order``.

    Augmenting paths never unmatch a gold event already matched, so taking
    required gold events first makes their number maximal too.
    """
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for s in candidates[g]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in order:
        augment(g, set())
    return {g: s for s, g in owner.items()}


# --------------------------------------------------------------- fields


def _place_names(event: Event) -> set[str]:
    """Folded names of the event's place, gazetteer names included where known."""
    place = event.location
    if place is None:
        return set()
    names = {fold(place.name)}
    lookup: Callable[..., Any] | None = getattr(timeplace, "place_names", None)
    if lookup is not None:
        names |= {fold(n) for n in lookup(place) or [] if n}
    return names


def field_right(name: str, wanted: Any, event: Event, reading: Reading) -> bool:
    """Whether a system event gets one gold field right."""
    if name == "mode":
        return fold(event.mode) == fold(str(wanted))
    if name == "context":
        have = {fold(c) for c in event.contexts}
        return all(fold(str(c)) in have for c in wanted)
    if name == "location":
        return fold(str(wanted)) in _place_names(event)
    if name == "date":
        return event.date is not None and event.date.iso() == str(wanted)
    reporter = event.reported_by
    names = actor_names(reading.actor(reporter)) if reporter else set()
    if reporter and not names:
        names = {fold(reporter)}  # a name given instead of an actor id
    return fold(str(wanted)) in names


def _fields_right(gold: dict[str, Any], event: Event, reading: Reading) -> int:
    """How many of the gold's given fields the system event gets right."""
    return sum(
        1 for name in FIELDS
        if gold.get(name) not in (None, []) and field_right(name, gold[name], event, reading)
    )


def _field_counts(pairs: dict[int, int], golds: list[dict[str, Any]], reading: Reading) -> Counts:
    """Right / scored per field over the matched pairs (gold index -> system index)."""
    counts = {name: (0, 0) for name in FIELDS}
    for g, s in pairs.items():
        for name in FIELDS:
            wanted = golds[g].get(name)
            if wanted is None or wanted == []:
                continue
            right, scored = counts[name]
            ok = field_right(name, wanted, reading.events[s], reading)
            counts[name] = (right + int(ok), scored + 1)
    return counts


def count_events(gold: dict[str, Any], reading: Reading) -> tuple[Counts, Counts]:
    """(precision/recall counts, field counts) for one file's events."""
    golds = [e for e in gold.get("events") or [] if isinstance(e, dict)]
    candidates = [  # among equal candidates, try the one with the most fields right first
        sorted(c, key=lambda j, g=g: -_fields_right(g, reading.events[j], reading))
        for g, c in zip(golds, _candidates(golds, reading), strict=True)
    ]
    required = [i for i, g in enumerate(golds) if not g.get("optional")]
    optional = [i for i, g in enumerate(golds) if g.get("optional")]
    pairs = max_matching(candidates, required + optional)
    matched_system = set(pairs.values())
    considered = sum(
        1 for j, e in enumerate(reading.events)
        if j in matched_system or not (e.negated or e.hypothetical)
    )
    found = sum(1 for g in required if g in pairs)
    counts = {"precision": (len(matched_system), considered), "recall": (found, len(required))}
    return counts, _field_counts(pairs, golds, reading)
