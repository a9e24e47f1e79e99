"""Is this English? A cheap check on the prose of a page, not on its tables or numbers.

Score tables, meal plans and short pages have few of the commonest English
words among their names and numbers, so the check reads the lines that look
like prose (enough words, mostly letters) and, where there are too few of
those, asks only whether another language's common words outnumber English
ones (data/language_words.tsv).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..datafiles import DATA, read_tsv

_LETTERS = re.compile(r"[^\W\d_]+")
_SAMPLE = 6000
_PROSE_WORDS = 20  # enough prose words to judge by the English share
_MIN_WORDS = 8  # fewer words than this: no judgement, read as English
_SHARE = 0.08  # English share of common words in English prose (real prose: 0.3 to 0.5)


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    rows = read_tsv(DATA / "language_words.tsv")
    langs = {r["lang"] for r in rows}
    return {lang: frozenset(r["word"] for r in rows if r["lang"] == lang) for lang in langs}


def _prose(line: str) -> list[str]:
    """The words of a line that reads as prose: five or more tokens, mostly words, not a
    table row (trafilatura writes cells with " | " between them)."""
    tokens = line.split()
    if "|" in tokens:
        return []
    words = _LETTERS.findall(line.lower())
    if len(tokens) < 5 or len(words) < 0.6 * len(tokens):
        return []
    return words


def _languages(words: list[str]) -> Counter[str]:
    table = _words()
    counts: Counter[str] = Counter()
    for w in words:
        for lang, common in table.items():
            if w in common:
                counts[lang] += 1
    return counts


def looks_english(text: str) -> tuple[bool, str]:
    """(is English, what it looks like): judged on the prose lines when there are enough."""
    sample = text[:_SAMPLE]
    every = _LETTERS.findall(sample.lower())
    if len(every) < _MIN_WORDS:
        return True, "en"
    if sum(1 for w in every if not w.isascii()) > 0.5 * len(every):
        return False, "non-Latin script"
    prose = [w for line in sample.splitlines() for w in _prose(line)]
    words = prose if len(prose) >= _PROSE_WORDS else every
    counts = _languages(words)
    english = counts.pop("en", 0)
    hits = max(counts.values(), default=0)
    if english >= _SHARE * len(words) and english >= hits:
        return True, "en"
    if hits >= 3 and hits > english:
        return False, "a language other than English"
    if len(prose) < _PROSE_WORDS:
        return True, "en"  # too little prose to judge, and no sign of another language
    return False, "a language other than English"
