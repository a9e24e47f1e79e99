"""Time and place: dates relative to publication, places from the gazetteer (issue 6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from .records import Article, DateValue, Event, Place, Section

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ActorTable


def resolve_date(phrase: str, published: date | None) -> DateValue:
    return DateValue(None, "unknown", phrase)


def geocode(name: str, *, countries: Sequence[str] = ()) -> Place | None:
    return None


def place_events(
    doc: Doc, article: Article, sections: list[Section], events: list[Event], actors: ActorTable
) -> None:
    """Set ``date`` and ``location`` on each event, in place."""
    for event in events:
        if event.date is None:
            event.date = DateValue(article.published, "day" if article.published else "unknown", inferred=True)
