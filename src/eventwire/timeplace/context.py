"""What an article says about where it is: its dateline's place and its countries (issue 18).

A place name is read in the article's own evidence: the countries of its
actors, of the places it names without ambiguity ("Iowa", "Nigeria"; not
"Georgia", which is a country and a state) and of its dateline
("KUNDUZ, Afghanistan --", "WASHINGTON (Reuters) -").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..records import Place, Section
from .gazetteer import geocode, qualifier

if TYPE_CHECKING:
    from spacy.tokens import Span

PLACE_LABELS = frozenset({"GPE", "LOC"})
#: organizations named after their place give its country and division too
ORG_LABELS = frozenset({"ORG", "NORP"})
DATELINE_CHARS = 80
#: a dateline: an upper-case place, an optional qualifier, then a dash, an agency or a colon
DATELINE = re.compile(
    r"\s*([A-Z][A-Z.'\- ]*[A-Z.])(?:, ([A-Z][\w.' ]+?))?\s*(?:\(|--|—|–| - |:)")


def dateline_place(text: str, sections: Iterable[Section],
                   hints: tuple[str, ...] = ()) -> Place | None:
    """The place an article's first body paragraph opens with, in capitals."""
    body = next((s for s in sections if s.kind == "body"), None)
    if body is None:
        return None
    match = DATELINE.match(text[body.start:body.start + DATELINE_CHARS])
    if match is None or len(match.group(1)) < 3:
        return None
    within = qualifier(match.group(2)) if match.group(2) else None
    place = geocode(match.group(1).title(), hints=hints, within=within)
    if place is None or place.kind not in ("city", "admin1", "country", "landmark"):
        return None
    if within is not None and place.country != within[0]:
        return None
    return place


def article_countries(ents: Iterable[Span], actor_countries: Iterable[str],
                      dateline: Place | None) -> tuple[str, ...]:
    """Countries of the article's actors, unambiguous place names (also at the head of
    an organization's name) and dateline; a division named is also given as "USA:NV"
    (see gazetteer.best)."""
    found = set(actor_countries)
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            names = [ent.text]
        elif ent.label_ in ORG_LABELS and len(ent) > 1:  # "the Nevada Republican Party"
            names = [ent[:2].text, ent[:1].text]
        else:
            continue
        for name in names:
            named = qualifier(name)
            if named is not None:
                found.add(named[0])
                place = geocode(name, hints=tuple(found))
                if named[1] and place is not None and place.kind == "admin1":
                    found.add(f"{named[0]}:{named[1]}")  # not "Washington", which is the city
                break
    if dateline is not None and dateline.country:
        found.add(dateline.country)
    return tuple(sorted(found))
