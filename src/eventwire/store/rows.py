"""Records as flat table rows: what the store writes and what batch runs put in Parquet."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..records import Article, Event, Quote, Reading, stable_id


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def article_row(article: Article, text: str, reading: Reading) -> dict[str, Any]:
    return {
        "id": article.id, "url": article.url, "outlet": article.outlet, "title": article.title,
        "standfirst": article.standfirst, "published": article.published,
        "author": article.author, "language": article.language, "origin": article.origin,
        "paragraphs": article.paragraphs, "captions": article.captions,
        "credits": article.credits, "text": text,
        "sentences": [list(s) for s in reading.sentences], "tokens": reading.tokens,
        "ingested_at": _now(),
        "fingerprint": None if reading.fingerprint is None else {
            "names": reading.fingerprint.names, "words": reading.fingerprint.words},
    }


def event_row(e: Event) -> dict[str, Any]:
    loc = e.location
    date = e.date
    return {
        "id": e.id, "article_id": e.article_id, "sentence": e.sentence, "start": e.start,
        "end": e.end, "evidence": e.evidence, "trigger": e.trigger, "cameo": e.cameo,
        "plover": e.plover, "mode": e.mode, "contexts": e.contexts, "quad_class": e.quad_class,
        "goldstein": e.goldstein, "actors": e.actors, "recipients": e.recipients,
        "location": None if loc is None else {
            "name": loc.name, "country": loc.country, "kind": loc.kind, "lat": loc.lat,
            "lon": loc.lon, "gazetteer_id": loc.gazetteer_id},
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "date": date.value if date and date.precision != "unknown" else None,
        "date_precision": date.precision if date else "unknown",
        "date_text": date.text if date else None,
        "date_inferred": bool(date and date.inferred),
        "reported_by": e.reported_by, "speaker": e.speaker, "negated": e.negated,
        "hypothetical": e.hypothetical, "hedged": e.hedged, "in_caption": e.in_caption,
        "symmetric": e.symmetric, "background": e.background, "confidence": e.confidence,
        "merge_key": merge_key(e),
    }


def merge_key(e: Event) -> str:
    """Events with the same type and sides are one event across a story; a report that it
    did not happen is kept apart from those that it did (`stories.merge`)."""
    return stable_id("merge", e.plover, *sorted(e.actors), "|", *sorted(e.recipients),
                     *(["negated"] if e.negated else []))


def quote_row(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id, "article_id": q.article_id, "start": q.start, "end": q.end, "text": q.text,
        "kind": q.kind, "speaker_id": q.speaker_id, "cue": q.cue, "reported_by": q.reported_by,
    }
