"""Discard phrases: sentences (or whole stories) about sport, entertainment and the like code no event.

``data/cameo_discards.tsv`` is derived from the Phoenix discards;
``data/event_discards.tsv`` holds the project's own phrases and the derived
ones it keeps out (scope ``keep``). Matching is on lower-case word n-grams.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..datafiles import DATA, rows

if TYPE_CHECKING:
    from spacy.tokens import Span

DERIVED_FILE = DATA / "cameo_discards.tsv"
OWN_FILE = DATA / "event_discards.tsv"
WORD = re.compile(r"[a-z0-9']+")


@functools.lru_cache(maxsize=1)
def phrases() -> dict[tuple[str, ...], str]:
    """Word tuple -> scope ("sentence" or "story") of every phrase in use."""
    found: dict[tuple[str, ...], str] = {}
    for path in (DERIVED_FILE, OWN_FILE):
        for cells in rows(path):
            if len(cells) < 2 or cells[0].strip() == "phrase":
                continue
            key = tuple(WORD.findall(cells[0].lower()))
            if not key:
                continue
            if cells[1].strip() == "keep":
                found.pop(key, None)
            else:
                found[key] = cells[1].strip()
    return found


@functools.lru_cache(maxsize=1)
def _lengths() -> tuple[int, ...]:
    return tuple(sorted({len(k) for k in phrases()}))


def scope(text: str) -> str | None:
    """The widest scope of a discard phrase in ``text``: "story", "sentence" or None."""
    words = WORD.findall(text.lower())
    table, found = phrases(), None
    for n in _lengths():
        for i in range(len(words) - n + 1):
            hit = table.get(tuple(words[i:i + n]))
            if hit == "story":
                return hit
            found = found or hit
    return found


def discarded(sents: list[Span]) -> set[int] | None:
    """Indexes of the sentences that code no event; None when the whole story is discarded."""
    skip: set[int] = set()
    for k, sent in enumerate(sents):
        hit = scope(sent.text)
        if hit == "story":
            return None
        if hit:
            skip.add(k)
    return skip
