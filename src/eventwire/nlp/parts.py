"""Long texts in parts: an article longer than one part is parsed part by part and the parts
joined into one `Doc` with the article's own character offsets.

spaCy refuses texts over ``nlp.max_length`` (E088) and its parser needs
working memory in proportion to the text, so no text handed to it is longer
than `PART_CHARS`. Parts end at a paragraph break where one is near the end,
else at a sentence end, else at a space; a stretch with none (a megabyte
without punctuation or spaces) is cut where no combining mark follows.
DOCS: docs/records.md
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The most characters parsed at once: a tenth of spaCy's default ``max_length``.
PART_CHARS = 100_000
#: The longest stretch read without a sentence end or line break: past it, a text with no
#: punctuation is cut at a space, so no sentence (and no stage's walk over one) grows unbounded.
RUN_CHARS = 5_000
#: Bounds tried in turn, best first: a paragraph break, a line break, a sentence end, a space.
_BOUNDS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),
           re.compile(r"\s+"))
_STOP = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*\s|\n")
_SPACE = re.compile(r"\s+")


def split_parts(text: str, limit: int = PART_CHARS, run: int = RUN_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters, none with a stretch of more than
    ``run`` characters without a sentence end; the pieces join back to ``text``."""
    cuts = [0]
    while len(text) - cuts[-1] > limit:
        cuts.append(_cut(text, cuts[-1], cuts[-1] + limit))
    ends = [*cuts[1:], len(text)]
    out: list[str] = []
    for start, end in zip(cuts, ends, strict=True):
        out += [text[a:b] for a, b in _run_cuts(text, start, end, run)]
    return out


def _run_cuts(text: str, start: int, end: int, run: int) -> list[tuple[int, int]]:
    """[start, end) as spans none of which has a stretch over ``run`` characters without a stop."""
    spans, begin, pos = [], start, start
    while end - pos > run:
        stop = _STOP.search(text, pos, pos + run)
        if stop is not None:
            pos = max(stop.end(), pos + 1)
            continue
        cut = _hard_cut(text, pos, pos + run)
        spans.append((begin, cut))
        begin = pos = cut
    spans.append((begin, end))
    return spans


def _cut(text: str, start: int, end: int) -> int:
    """Where the part starting at ``start`` ends: the last good bound in its second half."""
    floor = start + (end - start) // 2
    for bound in _BOUNDS:
        last = None
        for last in bound.finditer(text, floor, end):
            pass
        if last is not None and last.end() > start:
            return min(last.end(), end)
    return _hard_cut(text, floor, end)


def _hard_cut(text: str, floor: int, end: int) -> int:
    """After the last space in [floor, end), else at ``end`` but never inside a letter."""
    floor = (floor + end) // 2
    last = None
    for last in _SPACE.finditer(text, floor, end):
        pass
    if last is not None:
        return last.end()
    cut = end
    while cut > floor and (unicodedata.combining(text[cut]) or text[cut] in "\u200d\ufe0f"):
        cut -= 1  # never part a letter from its accent or an emoji from its joiner
    return cut


def part_chars(nlp: Language) -> int:
    """The longest part for ``nlp``: `PART_CHARS`, or under half its ``max_length`` if that is lower."""
    return max(1000, min(PART_CHARS, nlp.max_length // 2))


def parse(nlp: Language, text: str, parts: list[str] | None = None) -> Doc:
    """``nlp(text)`` for a text of any length: parsed in ``parts`` (`split_parts`), joined into one Doc."""
    from spacy.tokens import Doc

    parts = split_parts(text, part_chars(nlp)) if parts is None else parts
    if len(parts) == 1:
        return nlp(text)
    batch = max(1, min(16, part_chars(nlp) // max(map(len, parts))))  # short pieces batch, long ones alone
    docs = list(nlp.pipe(parts, batch_size=batch))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # W101: doc extensions are copied below
        joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
    for key, value in docs[0].user_data.items():  # doc-level extensions (the actors file)
        if isinstance(key, tuple) and len(key) == 4 and key[0] == "._." and key[2:] == (None, None):
            joined.user_data[key] = value
    return joined
