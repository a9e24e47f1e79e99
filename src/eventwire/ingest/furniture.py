"""Page furniture: captions, photo credits and other non-news text inside article bodies.

Scraped news text carries the page around the story: "Image copyright Getty
Images Image caption ...", "Getty Images 22 <caption>", share buttons,
newsletter boxes, "Read more" links, video players, bylines and embedded
posts, often glued into one run of text with no line breaks. `clean` moves
captions to `Article.captions` and credits to `Article.credits` and drops the
rest, by the rows of data/furniture.tsv (patterns, compiled once) and the
words of data/furniture_words.tsv that tell where a run-on caption ends.
Every reader calls it, so the same page gives the same article whatever its
format.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..datafiles import DATA, read_tsv
from ..records import normalise_text
from .scan import Words, caption_end, list_end, name_end, sentence_end, sentence_start, unmarked_captions

ACTIONS = ("drop", "caption", "credit")
EXTENTS = ("match", "after", "item", "list", "name", "before", "post", "sentence", "block")
_POST_GAP = 12  # words between two embedded posts that belong to the second
_SOCIAL = re.compile(r"[#@]\w|https?://|pic\.twitter\.com")
_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_NUMBER_BEFORE_CAPTION = re.compile(r"(?<![\w.,:/$£€-])(\d{1,3})\s+(?=[\"'A-Z0-9])")
_NUMBERED = re.compile(r"(?<![\w/])(\d{1,3})/(\d{1,3})\s+(?=[\"'A-Z0-9(])")
_JUNK = re.compile(r"^[\W_]*$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of furniture.tsv; ``regex`` is None when it needs the paragraph's numbers;
    ``anchor`` is lowercase text the pattern cannot match without (a cheap first test)."""

    kind: str
    action: str
    extent: str
    pattern: str
    regex: re.Pattern[str] | None
    anchor: str = ""


_ANCHOR = re.compile(r"^(?:\(\?i\))?\\b([A-Za-z][A-Za-z' ]{3,})(?![?*{])")


def _anchor(pattern: str) -> str:
    """The literal words a pattern starts with ("\\bImage copyright\\s+" -> "image copyright")."""
    match = _ANCHOR.match(pattern)
    return match[1].rstrip().rsplit(" ", 1)[0].lower() if match and " " in match[1].strip() else (
        match[1].lower() if match else ""
    )


@dataclass(slots=True)
class Span:
    start: int
    end: int
    rule: Rule
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Cleaned:
    """Body paragraphs, captions and credits, and what was dropped as (kind, text)."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)


# --------------------------------------------------------------- tables


@lru_cache(maxsize=1)
def credit_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(every credit name, those that may lead a caption), longest first."""
    rows = read_tsv(DATA / "furniture_credits.tsv")
    names = sorted({r["name"] for r in rows if r["name"]}, key=len, reverse=True)
    leads = [n for n in names if any(r["name"] == n and r.get("leads") == "1" for r in rows)]
    return tuple(names), tuple(leads)


def _alternation(names: Iterable[str]) -> str:
    return r"(?<![\w@])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])"


def expand(pattern: str) -> str:
    """The pattern with its table placeholders filled in ({repeat} and {of_n} stay)."""
    names, leads = credit_names()
    return (
        pattern.replace("{agency}", _alternation(names))
        .replace("{lead}", _alternation(leads))
        .replace("{month}", r"(?:" + "|".join(_MONTHS) + r")\.?")
    )


@lru_cache(maxsize=1)
def trailing_credit() -> re.Pattern[str]:
    """A photo credit where a caption ends ("... in London Getty", "... the tram Steve Parsons/PA")."""
    return re.compile(expand(r"\s*(?P<credit>(?:[A-Z][\w'-]*\s?){0,3}/\s?{agency}|{agency})(?=\s+[\"'A-Z0-9]|\s*$)"))


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rows of furniture.tsv, compiled once."""
    found = []
    for row in read_tsv(DATA / "furniture.tsv"):
        action, extent, pattern = row["action"], row["extent"], row["pattern"]
        if action not in ACTIONS or extent not in EXTENTS:
            raise ValueError(f"furniture.tsv: bad action/extent in row {row}")
        full = expand(pattern)
        regex = None if "{repeat}" in full or "{of_n}" in full else re.compile(full)
        found.append(Rule(row["kind"], action, extent, full, regex, _anchor(pattern)))
    return tuple(found)


@lru_cache(maxsize=256)
def _numbered(pattern: str, numbers: tuple[str, ...]) -> re.Pattern[str]:
    alt = r"(?:" + "|".join(numbers) + r")(?!\d)"
    return re.compile(pattern.replace("{repeat}", alt).replace("{of_n}", alt))


_NOT_A_COUNT = frozenset(w.lower() for w in _MONTHS) | {"no", "number", "game", "page", "flight", "route"}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s*$")


def _after_date_word(text: str, pos: int) -> bool:
    """A number at ``pos`` that belongs to the word before it ("Nov. 2", "Game 7")."""
    match = _WORD_BEFORE.search(text, max(0, pos - 12), pos)
    return bool(match) and match[1].lower() in _NOT_A_COUNT


def _paragraph_numbers(text: str) -> dict[str, tuple[str, ...]]:
    """Numbers that stand before captions more than once: gallery counts and totals."""
    counts = Counter(m[1] for m in _NUMBER_BEFORE_CAPTION.finditer(text) if not _after_date_word(text, m.start()))
    totals = Counter(m[2] for m in _NUMBERED.finditer(text) if int(m[1]) <= int(m[2]))
    return {
        "{repeat}": tuple(sorted(n for n, c in counts.items() if c >= 2)),
        "{of_n}": tuple(sorted(n for n, c in totals.items() if c >= 2)),
    }


def _regex(rule: Rule, numbers: dict[str, tuple[str, ...]]) -> re.Pattern[str] | None:
    if rule.regex is not None:
        return rule.regex
    key = "{repeat}" if "{repeat}" in rule.pattern else "{of_n}"
    return _numbered(rule.pattern, numbers[key]) if numbers[key] else None


# --------------------------------------------------------------- spans


def _markers(text: str, skip_blocks: bool = False) -> list[tuple[re.Match[str], Rule]]:
    numbers = _paragraph_numbers(text)
    lower = text.lower()
    found = []
    for rule in rules():
        if (skip_blocks and rule.extent == "block") or (rule.anchor and rule.anchor not in lower):
            continue
        regex = _regex(rule, numbers)
        if regex is None:
            continue
        found += [
            (m, rule) for m in regex.finditer(text)
            if m.end() > m.start() and not (rule.regex is None and _after_date_word(text, m.start()))
        ]
    found.sort(key=lambda mr: (mr[0].start(), -(mr[0].end() - mr[0].start())))
    return found


def _groups(match: re.Match[str]) -> tuple[list[str], list[str]]:
    named = match.groupdict()
    caption = [named["caption"]] if named.get("caption") else []
    credit = [named["credit"]] if named.get("credit") else []
    return caption, credit


def _extent(text: str, match: re.Match[str], rule: Rule, floor: int, limit: int, words: Words) -> Span:
    """The span a marker covers, with the captions and credits it yields.

    The text a marker points at (after it, before it, around it) takes the row's
    action; text before a credit is that credit's caption.
    """
    captions, credits = _groups(match)
    start, end = match.start(), match.end()
    target = ""
    if rule.extent in ("after", "item", "list", "name"):
        if rule.extent == "list":
            end = max(end, list_end(text, match.end(), limit, words))
        elif rule.extent == "name":
            end = max(end, name_end(text, match.end(), limit, words))
        else:
            item = rule.extent == "item" and match.re.match(text, limit) is not None  # another item next
            end = max(end, caption_end(text, match.end(), limit, words, item=item))
        target = text[match.end():end]
        stop = len(text) if rule.extent == "item" else limit  # an item's credit may look like a lead
        if rule.action == "caption" and (tail := trailing_credit().match(text, end, stop)):
            credits.append(tail.group("credit"))
            end = tail.end()
    elif rule.extent in ("before", "post"):
        start = max(floor, sentence_start(text, match.start(), floor))
        if rule.extent == "post":
            start = _post_start(text, start, match.start(), floor)
        target = text[start:match.start()]
        if not target.strip() and rule.action == "credit":
            start, target = _isolated_sentence(text, match.start(), floor)
    elif rule.extent == "sentence":
        start = max(floor, sentence_start(text, match.start(), floor))
        end = min(limit, max(end, sentence_end(text, match.end(), limit)))
    elif rule.extent == "match" and not (captions or credits):
        target = match.group(0)
    if target.strip() and rule.action != "drop":
        credit_text = rule.action == "credit" and rule.extent != "before"
        (credits if credit_text else captions).append(target)
    return Span(start, end, rule, captions, credits)


def _post_start(text: str, start: int, at: int, floor: int) -> int:
    """Where an embedded post ends at ``at`` begins: its own sentence at least, the sentences
    before it that carry #tags, @names or links, and a few words more up to the furniture
    before it (a run of posts)."""
    if not text[start:at].strip() and start > floor:
        start = sentence_start(text, start - 1, floor)
    while start > floor:
        earlier = sentence_start(text, start - 1, floor)
        if earlier >= start or not _SOCIAL.search(text, earlier, start):
            break
        start = earlier
    if floor and len(text[floor:start].split()) <= _POST_GAP:
        start = floor
    return start


def _isolated_sentence(text: str, at: int, floor: int) -> tuple[int, str]:
    """A credit right after a full sentence: that sentence is its caption when nothing but
    furniture (or the start of the paragraph) stands before it."""
    head = text[floor:at].rstrip()
    if not head:
        return at, ""
    start = sentence_start(text, floor + len(head) - 1, floor)
    if start <= floor and (floor > 0 or start == 0):
        return floor, text[floor:at]
    return at, ""


def _spans(text: str, words: Words, skip_blocks: bool = False) -> list[Span]:
    markers = _markers(text, skip_blocks)
    spans: list[Span] = []
    floor = 0
    for i, (match, rule) in enumerate(markers):
        if match.start() < floor:
            continue
        limit = next((m.start() for m, _ in markers[i + 1:] if m.start() >= match.end()), len(text))
        span = _extent(text, match, rule, floor, limit, words)
        if rule.extent == "block":
            inner = _clean_text(text[span.start:span.end], words, default="caption", skip_blocks=True)
            span.captions += inner.captions
            span.credits += inner.credits
        spans.append(span)
        floor = span.end
    return spans


# --------------------------------------------------------------- paragraphs


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t-–—|:;,")
    return "" if _JUNK.match(text) else text


def _clean_text(text: str, words: Words, *, default: str = "body", skip_blocks: bool = False) -> Cleaned:
    """One paragraph: its spans of furniture, the body between them, run-on captions in that body."""
    out = Cleaned()
    cursor = 0
    for span in [*_spans(text, words, skip_blocks), None]:
        gap_end = span.start if span else len(text)
        _gap(text[cursor:gap_end], words, default, out)
        if span is None:
            break
        out.captions += [c for c in map(_tidy, span.captions) if c]
        out.credits += [c for c in map(_tidy, span.credits) if c]
        if span.rule.action == "drop":
            out.dropped.append((span.rule.kind, text[span.start:span.end]))
        else:
            out.moved.append((span.rule.kind, text[span.start:span.end]))
        cursor = max(cursor, span.end)
    return out


def _gap(gap: str, words: Words, default: str, out: Cleaned) -> None:
    if not _tidy(gap):
        return
    if default == "caption":
        out.captions.append(_tidy(gap))
        return
    cursor = 0
    for start, end in unmarked_captions(gap, words):
        if (body := _tidy(gap[cursor:start])):
            out.paragraphs.append(body)
        if (caption := _tidy(gap[start:end])):
            out.captions.append(caption)
            out.moved.append(("caption", caption))
        cursor = end
    if (body := _tidy(gap[cursor:])):
        out.paragraphs.append(body)


def clean(
    paragraphs: Iterable[str], *, captions: Iterable[str] = (), credits: Iterable[str] = ()
) -> Cleaned:
    """Paragraphs with their furniture taken out; captions and credits found are added to
    the given ones (each kept once), body paragraphs that repeat a caption are dropped."""
    paragraphs = [p for p in paragraphs if p and p.strip()]
    words = Words.of(paragraphs, trailing_credit())
    out = Cleaned(captions=[], credits=[])
    seen_captions: set[str] = set()
    seen_credits: set[str] = set()
    _add(out.captions, seen_captions, captions)
    _add(out.credits, seen_credits, credits)
    for paragraph in paragraphs:
        part = _clean_text(paragraph, words)
        out.paragraphs += part.paragraphs
        _add(out.captions, seen_captions, part.captions)
        _add(out.credits, seen_credits, [c.strip("()[] ") for c in part.credits])
        out.dropped += part.dropped
        out.moved += part.moved
    out.paragraphs = [p for p in out.paragraphs if normalise_text(p) not in seen_captions]
    return out


def _add(items: list[str], seen: set[str], new: Iterable[str]) -> None:
    for text in new:
        key = normalise_text(text)
        if key and key not in seen:
            seen.add(key)
            items.append(text.strip())


def clean_caption(text: str) -> tuple[list[str], list[str]]:
    """A caption from a page's markup: (its captions, its credits), furniture words dropped
    ("Image caption", "Photograph: Name/Agency", "(Photo: AP)")."""
    part = _clean_text(text, Words.of([text], trailing_credit()), default="caption")
    return part.captions, [c.strip("()[] ") for c in part.credits]
