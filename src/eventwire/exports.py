"""Events out in other formats: GDELT 2.0 event table rows and PLOVER JSON records.

GDELT is dyadic: a row carries the event's first actor and first recipient
other than that actor (symmetric events list every party on both sides;
eventwire keeps every party in ``Event.actors``/``recipients``). Negated and
hypothetical events are left out unless asked for. Geo country codes are left
empty: GDELT wants FIPS 10-4 codes, which eventwire does not keep.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from .records import Actor, DateValue, Event, Place, Reading

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)


def _wanted(event: Event, flagged: bool) -> bool:
    return flagged or not (event.negated or event.hypothetical)


def event_day(event: Event, reading: Reading) -> date | None:
    """The event's own date when known to the day, else the article's publication date."""
    if event.date is not None and event.date.value is not None and event.date.precision == "day":
        return event.date.value
    return reading.article.published or (event.date.value if event.date else None)


def _actor_cells(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * 10
    country = actor.country or ""
    sectors = list(actor.sectors)[:3]
    code = country + (sectors[0] if sectors else "")
    return [code, actor.name.upper(), country, "", "", "", "", *(sectors + [""] * 3)[:3]]


def _geo_type(place: Place) -> str:
    us = place.country == "USA"
    return {"country": "1", "admin1": "2" if us else "5"}.get(place.kind, "3" if us else "4")


def _geo_cells(place: Place | None) -> list[str]:
    if place is None:
        return [""] * 8
    lat = "" if place.lat is None else f"{place.lat:.4f}"
    lon = "" if place.lon is None else f"{place.lon:.4f}"
    return [_geo_type(place), place.name, "", "", "", lat, lon, place.gazetteer_id or ""]


def _is_root(event: Event, reading: Reading) -> bool:
    """GDELT's IsRootEvent: the event is in the title or the first paragraph."""
    _, sections = reading.article.layout()
    firsts = [s for s in sections if s.kind == "title" or (s.kind == "body" and s.index == 0)]
    return any(s.start <= event.start < s.end for s in firsts)


def _day_cells(day: date | None) -> list[str]:
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


Counts = Mapping[str, tuple[int, int, int]]


def gdelt_row(event: Event, reading: Reading, added: datetime,
              counts: tuple[int, int, int] = (1, 1, 1)) -> list[str]:
    """One GDELT 2.0 event table row (61 cells, in codebook order).

    ``counts`` are NumMentions, NumSources and NumArticles: the reports of
    this event across its story.
    """
    first = reading.actor(event.actors[0]) if event.actors else None
    others = [r for r in event.recipients if not event.actors or r != event.actors[0]]
    second = reading.actor((others or event.recipients)[0]) if event.recipients else None
    cameo = event.cameo
    row = [
        str(int(event.id[:13], 16)), *_day_cells(event_day(event, reading)),
        *_actor_cells(first), *_actor_cells(second),
        str(int(_is_root(event, reading))), cameo, cameo[:3], cameo[:2], str(event.quad_class),
        f"{event.goldstein:.1f}", *(str(n) for n in counts), "0",
        *_geo_cells(None), *_geo_cells(None), *_geo_cells(event.location),
        added.strftime("%Y%m%d%H%M%S"), reading.article.url or reading.article.origin or "",
    ]
    return row


def gdelt_rows(
    readings: Iterable[Reading], *, flagged: bool = False, added: datetime | None = None,
    counts: Counts | None = None,
) -> Iterator[list[str]]:
    """GDELT 2.0 rows for the events of ``readings`` (write them tab-separated).

    With ``counts`` (event id -> mentions, sources, articles), only those
    events are written, one row per event rather than per report.
    """
    stamp = added or datetime.now(UTC)
    for reading in readings:
        for event in reading.events:
            if _wanted(event, flagged) and (counts is None or event.id in counts):
                yield gdelt_row(event, reading, stamp, counts[event.id] if counts else (1, 1, 1))


def _party(actor_id: str, reading: Reading) -> dict[str, Any]:
    actor = reading.actor(actor_id)
    if actor is None:
        return {"id": actor_id}
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sectors": list(actor.sectors)}


def _date(value: DateValue | None, reading: Reading) -> str | None:
    if value is not None and value.iso():
        return value.iso()
    published = reading.article.published
    return published.isoformat() if published else None


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "kind": place.kind, "lat": place.lat,
            "lon": place.lon, "gazetteer_id": place.gazetteer_id}


def _sentence_text(event: Event, reading: Reading) -> str:
    text, _ = reading.article.layout()
    if 0 <= event.sentence < len(reading.sentences):
        start, end = reading.sentences[event.sentence]
        return text[start:end]
    return event.evidence


def plover_record(event: Event, reading: Reading) -> dict[str, Any]:
    """One PLOVER event record: type, mode, context, actor and recipient lists, date, place, text."""
    return {
        "id": event.id, "article_id": event.article_id, "url": reading.article.url,
        "date": _date(event.date, reading), "event": event.plover, "mode": event.mode,
        "context": list(event.contexts),
        "actor": [_party(i, reading) for i in event.actors],
        "recipient": [_party(i, reading) for i in event.recipients],
        "location": _place(event.location), "text": _sentence_text(event, reading),
        "evidence": event.evidence, "cameo": event.cameo, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "negated": event.negated, "hypothetical": event.hypothetical,
        "hedged": event.hedged, "in_caption": event.in_caption, "symmetric": event.symmetric,
        "background": event.background,
        "reported_by": _party(event.reported_by, reading) if event.reported_by else None,
        "speaker": _party(event.speaker, reading) if event.speaker else None,
        "confidence": event.confidence,
    }


def plover_records(readings: Iterable[Reading], *, flagged: bool = True,
                   counts: Counts | None = None) -> Iterator[dict[str, Any]]:
    """PLOVER JSON records for the events of ``readings`` (flags kept in each record).

    With ``counts``, one record per event of a story, carrying its counts.
    """
    for reading in readings:
        for event in reading.events:
            if _wanted(event, flagged) and (counts is None or event.id in counts):
                record = plover_record(event, reading)
                if counts:
                    record.update(zip(("num_mentions", "num_sources", "num_articles"), counts[event.id], strict=True))
                yield record
