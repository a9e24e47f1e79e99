"""Quotes stage: what a quoted stretch is, from its place in the sentence (issue 13).

- *direct*: a statement of its own. The opening mark starts a sentence or
  paragraph, or follows a colon, a dash, or a comma after a speech verb
  ("she adds, “…”"); the closing mark ends the sentence or is followed by
  punctuation or by an attribution ("…,” Clinton said"). A quote over
  several paragraphs is direct.
- *partial*: words quoted inside a sentence of the writer's ("Trump says
  voter fraud “would be one hell of a way to lose”", "that “…”").
- *title*: the name of a work, show or slogan: every content word
  capitalised ("“American Skin (41 Shots)”"), outside the article title.
- *scare*: one or two words in quotation marks, with no speech cue.

The words that count as cues are the ``cue`` and ``quote_cue`` rows of
data/quote_words.tsv.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .attribution import role
from .marks import MARKS, Marked

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SENTENCE_END = set(".!?…")
_OPENERS = set(":—–―-([")
_STOPS = _SENTENCE_END | {",", ";"}
_DASHES = set("―—–")
_ENDS_INSIDE = {",", ".", "!", "?", "…"}
_AFTER_OK = set(",.;:!?)]—–―-…") | set(MARKS)
#: tokens looked at after a closing mark for an attribution ("…,” a narrator in the ad asks)
AFTER_REACH = 10
_FUNCTION = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
             "is", "as", "vs", "vs.", "de", "la", "le", "du", "von", "van", "but", "nor", "so", "up"}


def is_mark(token: Token) -> bool:
    """A quotation-mark token ("“", "''"), not the apostrophe of "veterans' families"."""
    return bool(token.text) and token.tag_ != "POS" and all(c in MARKS for c in token.text)


def is_cue(token: Token) -> bool:
    """A speech verb that can attribute a quote beside it ("said", "asks", "demanded"); a
    verb form the tagger took for a noun ("PolitiFact says") counts, a real noun ("the
    woman's quotes") does not."""
    if token.pos_ not in ("VERB", "AUX", "NOUN", "PROPN") or token.is_punct:
        return False
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN") and not token.tag_.startswith("VB"):
        prev = token.doc[token.i - 1] if token.i else None
        in_phrase = prev is not None and (prev.pos_ in ("DET", "ADJ", "NUM") or prev.tag_ == "POS")
        if in_phrase or not token.lower_.endswith(("s", "ed")):
            return False
    return role(lemma, "cue") or role(lemma, "quote_cue") or role(token.lower_, "quote_cue")


def previous_char(text: str, start: int, low: int) -> str:
    """The first character before ``start`` (from ``low``) that is no space and no mark of
    the same run (the first ' of a doubled '' mark), or ""."""
    i = start - 1
    while i >= low and text[i] in MARKS and i + 1 == start:
        start, i = i, i - 1
    while i >= low and text[i].isspace():
        i -= 1
    return text[i] if i >= low else ""


def next_char(text: str, end: int, high: int, *, skip_marks: bool = False) -> tuple[str, int]:
    """The first non-space character at or after ``end`` (before ``high``) and its offset;
    with ``skip_marks``, marks right at ``end`` (the second ' of '') are passed over."""
    i = end
    while skip_marks and i < high and text[i] in MARKS:
        i += 1
    while i < high and text[i].isspace():
        i += 1
    return (text[i], i) if i < high else ("", high)


def opens_statement(text: str, marked: Marked, low: int, cue_before: bool, last_close: int = -1) -> bool:
    """Whether the opening mark starts a statement (see the module docstring).

    ``last_close`` is the offset of the closing mark before it in the
    paragraph: a dashed attribution between the two ("…” ― Sonya Herridge “…")
    ends the one statement and so starts the next.
    """
    prev = previous_char(text, marked.opened, low)
    if prev == "" or prev in _SENTENCE_END or prev in _OPENERS or prev in MARKS:
        return True
    if last_close >= low and next_char(text, last_close + 1, marked.opened)[0] in _DASHES:
        return True
    return prev == "," and cue_before


def closes_statement(doc: Doc, text: str, marked: Marked, high: int,
                     token_at: Callable[[int], Token | None]) -> bool:
    """Whether the closing mark ends a statement: punctuation, paragraph end or an attribution."""
    nxt, at = next_char(text, marked.closed + 1, high, skip_marks=True)
    if nxt == "" or nxt in _AFTER_OK or last_inside(text, marked) in _ENDS_INSIDE:
        return True
    first = token_at(at)
    if first is None:
        return False
    for token in doc[first.i:min(len(doc), first.i + AFTER_REACH)]:
        if token.idx >= high or token.text in _STOPS or is_mark(token):
            return False
        if is_cue(token) or token.lower_ == "according":
            return True
        if token.pos_ == "VERB":
            return False
    return False


def last_inside(text: str, marked: Marked) -> str:
    """The last character inside the marks: a comma announces an attribution ("…,” Scott
    Pruitt, the attorney general, said"), a full stop ends the sentence ("…." Presidential
    candidates …)."""
    i = marked.closed - 1
    while i > marked.start and (text[i].isspace() or text[i] in MARKS):
        i -= 1
    return text[i]


def is_title(span: Span, least: int = 2) -> bool:
    """Headline case: every content word capitalised, at least ``least`` of them, no full stop inside."""
    words = [t for t in span if t.is_alpha]
    content = [t for t in words if t.lower_ not in _FUNCTION]
    if len(content) < least or any(t.text == "." for t in span[:-1]):
        return False
    return all(t.text[0].isupper() for t in content)


def is_scare(span: Span) -> bool:
    """One or two words."""
    return sum(1 for t in span if not t.is_punct and not t.is_space) <= 2
