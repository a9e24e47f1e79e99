"""Quotes stage, step 1: pair quotation marks in plain text (no model needed).

Straight, curly, single, guillemet and low marks are paired paragraph by
paragraph; an apostrophe inside a word (Iran's, nations') is never a mark, a
mismatched closing mark ('collective security") still closes, and an opening
mark left open at a paragraph end only carries on when the next paragraph
opens again (a quote running over several paragraphs); otherwise it is dropped,
so one stray mark never swallows the rest of an article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DOUBLE, SINGLE = "double", "single"
#: mark -> (family, role); role "open", "close" or "either" (decided by context)
MARKS: dict[str, tuple[str, str]] = {
    '"': (DOUBLE, "either"), "“": (DOUBLE, "open"), "”": (DOUBLE, "close"),
    "„": (DOUBLE, "open"), "«": (DOUBLE, "open"), "»": (DOUBLE, "close"),
    "'": (SINGLE, "either"), "‘": (SINGLE, "open"), "’": (SINGLE, "close"),
    "‚": (SINGLE, "open"), "‹": (SINGLE, "open"), "›": (SINGLE, "close"),
}
_OPEN_BEFORE = set("([{—–-/:") | set(MARKS)
_TRIM_END = set(MARKS) | {","}
_NOT_FIRST = set(",.;:!?)]}")


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch: ``start``/``end`` bound the text between the marks."""

    start: int
    end: int
    opened: int  # char offset of the opening mark
    closed: int  # char offset of the closing mark
    paragraphs: int = 1


@dataclass(slots=True)
class _Open:
    pos: int
    family: str
    mark: str


def _role(text: str, i: int, start: int, end: int) -> str:
    """Whether the mark at ``i`` can open, close, both ("either") or neither ("none")."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isalnum() and nxt.isalnum():
        return "none"  # inside a word: an apostrophe
    if MARKS[text[i]][0] == SINGLE and _clitic(text, i, end):
        return "none"  # "Trump 's background", "do n't": a clitic split off by a space
    can_open = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if can_open and can_close:
        return "either"
    return "open" if can_open else "close" if can_close else "none"


_CLITICS = ("s", "t", "re", "ll", "ve", "d", "m")


def _clitic(text: str, i: int, end: int) -> bool:
    """A single mark that begins a clitic ('s, 're, 'll …) followed by no letter."""
    for clitic in _CLITICS:
        after = i + 1 + len(clitic)
        if text[i + 1:after].lower() == clitic and (after >= end or not text[after].isalnum()):
            return True
    return False


def _kind(text: str, i: int, start: int, end: int, stack: list[_Open]) -> str:
    """The role the mark at ``i`` plays here: open, close or skip."""
    family, fixed = MARKS[text[i]]
    context = _role(text, i, start, end)
    if context == "none" and family == SINGLE:
        return "skip"
    has_family = any(o.family == family for o in stack)
    if family == SINGLE and has_family and fixed != "open" and _possessive(text, i, start, end):
        return "skip"
    if fixed == "open" and text[i] == "“" and any(o.mark == "„" for o in stack):
        return "close"  # German „…“
    if fixed == "open":
        if context == "close" and stack:
            return "close"
        inner = next((o for o in reversed(stack) if o.family == family), None)
        if inner is not None and _straight(inner.mark) and context == "open":
            return "open"  # "… the question: “As you know …” …": a curly quote nested in a straight one
        return "reopen" if has_family else "open"
    if fixed == "close":
        if family == SINGLE and not has_family:
            return "skip"  # a possessive or elided apostrophe
        return "close" if stack else "skip"
    if has_family:
        return "reopen" if context == "open" else "close"  # a clear opener: an earlier mark was lost
    if family == SINGLE:
        return "open" if context in ("open", "either") else "skip"
    if context == "close":
        return "close" if stack else "skip"
    return "open"


def _possessive(text: str, i: int, start: int, end: int) -> bool:
    """An s' inside a single-quoted stretch that a later single mark can still close."""
    if i == start or text[i - 1] not in "sS" or (i + 1 < end and not text[i + 1].isspace()):
        return False
    for k in range(i + 1, end):
        if text[k] in ("'", "’") and _role(text, k, start, end) in ("close", "either"):
            return True
    return False


def _close(stack: list[_Open], family: str) -> _Open | None:
    """Pop down to the innermost opening mark of ``family`` (else of any family for a double)."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].family == family:
            found = stack[k]
            del stack[k:]
            return found
    if family == DOUBLE and stack:
        found = stack[0]
        stack.clear()
        return found
    return None


def _scan(text: str, start: int, end: int, carried: _Open | None) -> tuple[list[tuple[int, int]], _Open | None]:
    """Pairs (open, close) of outermost marks in [start, end), and the mark left open."""
    stack: list[_Open] = [carried] if carried is not None else []
    pairs: list[tuple[int, int]] = []
    for i in range(start, end):
        if text[i] not in MARKS:
            continue
        kind = _kind(text, i, start, end, stack)
        if kind == "reopen":
            outer = stack[0] if stack else None
            lost = _close(stack, MARKS[text[i]][0])  # the unclosed opener ends here
            if lost is not None and lost is outer and _sentence_before(text, lost.pos, i):
                pairs.append((lost.pos, i))  # paragraphs run together: “One. “Two.
            kind = "open"
        if kind == "open":
            stack.append(_Open(i, MARKS[text[i]][0], text[i]))
        elif kind == "close":
            outer = stack[0] if stack else None
            found = _close(stack, MARKS[text[i]][0])
            if found is not None and found is outer:
                pairs.append((found.pos, i))
    return pairs, (stack[0] if stack else None)


def _straight(mark: str) -> bool:
    return mark in "\"'"


def _sentence_before(text: str, opened: int, i: int) -> bool:
    """Whether the text from an unclosed opener to ``i`` ends a sentence of three words or
    more (a new paragraph of the same quote opens again)."""
    k = i - 1
    while k > opened and text[k].isspace():
        k -= 1
    return text[k] in ".!?" and len(text[opened + 1:k].split()) >= 3


def _opens_at_start(text: str, start: int, end: int, family: str, mark: str | None = None) -> int | None:
    """Offset of an opening mark of ``family`` that begins the paragraph, if any; with
    ``mark``, only of the same style (straight or typographic): a quote running over
    paragraphs keeps its marks, so a stray straight mark is not continued by a curly one."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i >= end or text[i] not in MARKS:
        return None
    family_here, fixed = MARKS[text[i]]
    opens = fixed != "close" and _role(text, i, start, end) in ("open", "either")
    same_style = mark is None or _straight(mark) == _straight(text[i])
    return i if family_here == family and opens and same_style else None


def pair_marks(text: str, regions: Iterable[tuple[int, int]]) -> list[Marked]:
    """Quoted stretches of ``text`` inside ``regions`` (paragraph char ranges, in order)."""
    spans = sorted((max(0, s), min(len(text), e)) for s, e in regions)
    found: list[Marked] = []
    carried: _Open | None = None
    count = 1
    for k, (start, end) in enumerate(spans):
        begin = start
        if carried is not None:
            again = _opens_at_start(text, start, end, carried.family, carried.mark)
            begin, count = (again + 1 if again is not None else start), count + 1
        pairs, left = _scan(text, begin, end, carried)
        for opened, closed in pairs:
            paragraphs = count if carried is not None and opened == carried.pos else 1
            found.append(_marked(text, opened, closed, paragraphs))
        if left is not None and _continues(text, spans, k, left):
            count = count if left is carried else 1
            carried = left
        else:
            carried, count = None, 1
    return [m for m in found if m.end > m.start and _in_phase(text, m)]


def _in_phase(text: str, marked: Marked) -> bool:
    """False for a pair that holds the text between two quotes (", he said: ")."""
    return text[marked.start] not in _NOT_FIRST and text[marked.end - 1] != ":"


def _continues(text: str, spans: list[tuple[int, int]], k: int, left: _Open) -> bool:
    """A mark left open carries on only if the next paragraph opens with the same family."""
    if k + 1 >= len(spans):
        return False
    start, end = spans[k + 1]
    return _opens_at_start(text, start, end, left.family, left.mark) is not None


def _marked(text: str, opened: int, closed: int, paragraphs: int) -> Marked:
    """Trim whitespace and stray marks inside the pair."""
    start, end = opened + 1, closed
    while start < end and (text[start].isspace() or text[start] in MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_END):
        end -= 1
    return Marked(start, end, opened, closed, paragraphs)
