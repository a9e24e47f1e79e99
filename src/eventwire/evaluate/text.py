"""Text folding for the scorer: equal-looking strings compare equal.

Folding applies NFKC, case folding, collapses whitespace and makes curly
and straight quotes (and apostrophes) the same character; quote-blind
folding drops them altogether. `fold_map` also keeps, for every folded
character, its offset in the original text, so a folded match can be
placed back in the article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from ..records import Actor, Reading

QUOTE_CHARS = "'\""


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded: quotes become ' or ", then NFKC and casefold."""
    name = unicodedata.name(ch, "")
    if "QUOTATION MARK" in name or "APOSTROPHE" in name or name.endswith("PRIME"):
        return '"' if "DOUBLE" in name else "'"
    return unicodedata.normalize("NFKC", ch).casefold()


def fold_map(text: str, *, drop_quotes: bool = False) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the offset it came from."""
    out: list[str] = []
    offsets: list[int] = []
    space = True  # drops leading whitespace and collapses runs
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            if c.isspace():
                if not space:
                    out.append(" ")
                    offsets.append(i)
                    space = True
                continue
            if drop_quotes and c in QUOTE_CHARS:
                continue
            out.append(c)
            offsets.append(i)
            space = False
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def fold(text: str | None, *, drop_quotes: bool = False) -> str:
    """The folded form of ``text`` ("" for None)."""
    return fold_map(text or "", drop_quotes=drop_quotes)[0]


def find_spans(
    folded: str, offsets: list[int], needle: str
) -> list[tuple[int, int]]:
    """Original [start, end) spans of every occurrence of folded ``needle``."""
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = folded.find(needle)
    while at >= 0:
        spans.append((offsets[at], offsets[at + len(needle) - 1] + 1))
        at = folded.find(needle, at + 1)
    return spans


def overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``span`` shares at least one character with any of ``spans``."""
    start, end = span
    return any(a < end and start < b for a, b in spans)


def contains_word(folded_text: str, folded_name: str) -> bool:
    """Whether a folded name occurs in folded text, not inside a longer word."""
    if not folded_name:
        return False
    pattern = r"(?<!\w)" + re.escape(folded_name) + r"(?!\w)"
    return re.search(pattern, folded_text) is not None


def actor_names(actor: Actor | None) -> set[str]:
    """Folded name and aliases of an actor (empty for None)."""
    if actor is None:
        return set()
    return {fold(n) for n in actor.names if n}


def side_keys(reading: Reading, actor_ids: Iterable[str]) -> set[str]:
    """What a gold actor/recipient entry may equal: countries, else names (IGOs)."""
    keys: set[str] = set()
    for actor_id in actor_ids:
        actor = reading.actor(actor_id)
        if actor is None:
            continue
        if actor.country:
            keys.add(fold(actor.country))
        keys |= actor_names(actor)
    return keys


def ratio(num: int, den: int) -> float | None:
    """num/den, or None when there was nothing to score."""
    return num / den if den else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall.

    None when there was nothing to recall; 0.0 when the system gave nothing
    (precision None) although something was to be found.
    """
    if recall is None:
        return None
    if precision is None:
        return 0.0
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)
