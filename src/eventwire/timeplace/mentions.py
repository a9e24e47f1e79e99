"""Every place an article names, resolved in the article's context (issue 18).

`place_events` gives events the place of their clause; `place_mentions`
lists every place name the same reading finds, wherever it stands ("Voters
in Pennsylvania", "states like Minnesota"), for tests, exports and people
who want to see everything. Same candidates, qualifiers, article countries
and dateline as the events get.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..nlp.paragraphs import sentences
from ..records import Place, Section
from .context import article_countries, dateline_place
from .gazetteer import geocode, warm
from .places import WIDE, Context, _candidates, _place_name

if TYPE_CHECKING:
    from spacy.tokens import Doc


def place_mentions(doc: Doc, sections: list[Section],
                   actor_countries: Iterable[str] = ()) -> list[tuple[int, int, Place]]:
    """(start char, end char, place) of every place name in ``doc``, in text order."""
    warm()
    ents = tuple(doc.ents)
    own = tuple(sorted(set(actor_countries)))
    where = dateline_place(doc.text, sections, own)
    none: Any = None
    ctx = Context(doc, none, sections, none, sentences(doc), ents, [],
                  article_countries(ents, own, where))
    out: list[tuple[int, int, Place]] = []
    for sent in ctx.sents:
        named = []
        for start, end, _root, strict in _candidates(ctx, sent):
            found = _place_name(ctx, start, end, strict)
            if found is not None:
                named.append((found[0], end, *found[1:]))
        local = tuple(sorted({p.country for *_, name, _w, kind in named
                              if (p := geocode(name, kind=kind)) and p.kind in WIDE and p.country}))
        for start, _end, name, within, kind in named:
            place = geocode(name, countries=local, hints=ctx.countries, within=within, kind=kind)
            if place is not None:
                out.append((doc[start].idx, doc[start].idx + len(name), place))
    return sorted({(a, b, p.gazetteer_id): (a, b, p) for a, b, p in out}.values(),
                  key=lambda m: m[0])
