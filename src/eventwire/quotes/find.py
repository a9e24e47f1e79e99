"""Quotes stage: direct, partial and indirect quotes with speakers (issue 5).

Marks are paired on the plain text (quotes_marks), cues and hedges come from
the parse (attribution); this module decides each quote's kind and speaker
and builds the attribution frames the events stage reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attribution import FINITE, Attribution, Resolver, scan, subject
from .marks import Marked, pair_marks
from ..records import Article, Quote, Section

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..actors.find import ActorTable



@dataclass(slots=True)
class Frame:
    """An attribution frame: text [start, end) is reported by ``source``.

    ``source`` is the reporting actor's id (the outlet or agency that
    reported, "IRIB reported that ..."); ``speaker`` the actor whose words
    they are, where known ("state media quoted Kanaani as saying ...").
    """

    start: int
    end: int
    source: str | None
    speaker: str | None = None
    cue: str | None = None
    hedged: bool = False


@dataclass(slots=True)
class _Found:
    """A quote before it becomes a record."""

    start: int
    end: int
    kind: str
    speaker: str | None
    cue: str | None
    section: int
    source: str | None = None


class _State:
    """What the stage keeps while reading one article."""

    def __init__(self, doc: Doc, text: str, sections: list[Section], table: ActorTable) -> None:
        self.doc, self.sections, self.text = doc, sections, text
        self.resolver = Resolver(doc, table)
        self.cues = scan(doc, resolver=self.resolver)
        self.regions = [k for k, s in enumerate(sections) if s.kind != "caption"]

    def section_of(self, char: int) -> int:
        return next((k for k, s in enumerate(self.sections) if s.start <= char < s.end), -1)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


def _direct(marked: Marked, span: Span) -> bool:
    """A whole statement (a finite verb, or a quote opening its sentence) rather than a fragment."""
    if marked.paragraphs > 1 or any(t.tag_ in FINITE for t in span):
        return True
    first = span[0].sent.start
    doc = span.doc
    while first < span.start and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return first == span.start and len(span) > 2


def _inside(start: int, end: int, spans: list[Marked]) -> bool:
    return any(m.opened <= start and end <= m.closed + 1 for m in spans)


def _window(span: Span) -> tuple[int, int]:
    """Token range from the sentence before a quote to the sentence after it."""
    doc = span.doc
    first, last = span[0].sent.start, span[-1].sent.end
    before = doc[first - 1].sent.start if first > 0 else first
    after = doc[last].sent.end if last < len(doc) else last
    return before, after


def _cue_for(found: _Found, span: Span, state: _State, marks: list[Marked]) -> Attribution | None:
    """The cue of a direct quote: one whose content covers it, else the nearest one close by."""
    outside = [c for c in state.cues if not c.hedged and not _inside(c.cue.idx, c.cue.idx + 1, marks)]
    covering = [c for c in outside if c.start < found.end and found.start < c.end]
    last = state.sections[state.section_of(max(found.start, found.end - 1))]
    low, high = _window(span)
    near = covering or [c for c in outside if last.start <= c.cue.idx < last.end and c.source
                        and low <= c.cue.i < high]
    if not near:
        return None
    return min(near, key=lambda c: min(abs(c.cue.idx - found.start), abs(c.cue.idx - found.end)))


def _speaker_of(att: Attribution | None) -> tuple[str | None, str | None]:
    """(speaker, reporting source) of a cue."""
    if att is None:
        return None, None
    speaker = att.speaker or att.source
    source = att.source if att.source != speaker else None
    return speaker, source


def _subject_person(token: Token, state: _State) -> str | None:
    """The nearest governing subject that names a person (for a quoted fragment)."""
    word = token
    for _ in range(12):
        subj = _doer(word) if word.pos_ in ("VERB", "AUX") else None
        actor = state.resolver.actor(subj) if subj is not None else None
        if actor and state.resolver.kind(actor) == "person":
            return actor
        if word.head is word:
            return None
        word = word.head
    return None


def _doer(verb: Token) -> Token | None:
    """Who does the verb: the "by" agent of a passive, else the subject.

    The subject of a passive is the doer only when raised ("X is said to have praised").
    """
    kids = {c.dep_: c for c in verb.children}
    if "agent" in kids:
        return next((c for c in kids["agent"].children if c.dep_ == "pobj"), None)
    if "nsubjpass" in kids and "xcomp" not in kids:
        return None
    return subject(verb)


def _partial_speaker(found: _Found, span: Span, state: _State) -> tuple[str | None, str | None]:
    """The speaker of a quoted fragment: the innermost cue around it, else a person subject."""
    around = [c for c in state.cues if not c.hedged and c.start <= found.start and found.end <= c.end + 2]
    if around:
        best = min(around, key=lambda c: c.end - c.start)
        return _speaker_of(best)[0], best.word
    return _subject_person(span.root, state), None


def _marked_quotes(state: _State) -> list[_Found]:
    """Direct and partial quotes from the paired marks (title, standfirst and body only)."""
    regions = [(state.sections[k].start, state.sections[k].end) for k in state.regions]
    marks = pair_marks(state.text, regions)
    found: list[_Found] = []
    for marked in marks:
        span = state.span(marked.start, marked.end)
        if span is None or not len(span):
            continue
        quote = _Found(marked.start, marked.end, "partial", None, None, state.section_of(marked.start))
        if _direct(marked, span):
            quote.kind = "direct"
            cue = _cue_for(quote, span, state, marks)
            (quote.speaker, quote.source), quote.cue = _speaker_of(cue), cue.word if cue else None
        else:
            quote.speaker, quote.cue = _partial_speaker(quote, span, state)
            if quote.speaker is None:
                continue
        found.append(quote)
    _carry_speakers(found, state)
    return found


def _quote_only(found: _Found, state: _State) -> bool:
    """Whether the quote is all its paragraph holds (apart from marks and punctuation)."""
    section = state.sections[found.section]
    text = state.text
    before = text[section.start:found.start]
    after = text[found.end:section.end]
    return not any(c.isalnum() for c in before + after)


def _carry_speakers(found: list[_Found], state: _State) -> None:
    """A quote-only paragraph takes the speaker of a quote right before it, or of a
    paragraph that introduces it ("Kirby said:")."""
    regions = state.regions
    for k, quote in enumerate(found):
        if quote.speaker or quote.kind != "direct" or quote.section not in regions:
            continue
        at = regions.index(quote.section)
        if at == 0 or not _quote_only(quote, state):
            continue
        prev = found[k - 1] if k else None
        if prev is not None and prev.kind == "direct" and prev.speaker and prev.section == regions[at - 1]:
            quote.speaker, quote.cue, quote.source = prev.speaker, prev.cue, prev.source
            continue
        cue = _introducer(state, state.sections[regions[at - 1]])
        if cue is not None:
            (quote.speaker, quote.source), quote.cue = _speaker_of(cue), cue.word


def _introducer(state: _State, section: Section) -> Attribution | None:
    """The last cue of a paragraph that ends with a colon."""
    if not state.text[section.start:section.end].rstrip().endswith(":"):
        return None
    cues = [c for c in state.cues if section.start <= c.cue.idx < section.end and c.source and not c.hedged]
    return cues[-1] if cues else None


def _indirect_quotes(state: _State, direct: list[_Found]) -> list[_Found]:
    """Reported speech of people: "X said that ...", "media quoted X as saying ..."."""
    found: list[_Found] = []
    marks = [(q.start, q.end) for q in direct if q.kind == "direct"]
    for cue in state.cues:
        if cue.hedged or cue.end <= cue.start:
            continue
        speaker, source = _speaker_of(cue)
        if state.resolver.kind(speaker) != "person":
            continue
        section = state.section_of(cue.start)
        if section not in state.regions or any(s <= cue.cue.idx < e for s, e in marks):
            continue
        size = cue.end - cue.start
        if any(min(e, cue.end) - max(s, cue.start) > size // 2 for s, e in marks):
            continue
        found.append(_Found(cue.start, cue.end, "indirect", speaker, cue.word, section, source))
    return found


def _frames(found: list[_Found], state: _State) -> list[Frame]:
    """A frame per direct quote and per cue or hedge with content; chains resolved."""
    frames = [Frame(q.start, q.end, q.source or q.speaker, q.speaker, q.cue)
              for q in found if q.kind == "direct"]
    quoted = [(f.start, f.end) for f in frames]
    frames += [Frame(c.start, c.end, c.source, c.speaker, c.word, c.hedged)
               for c in state.cues if c.end > c.start
               and not any(abs(c.start - s) <= 2 and abs(c.end - e) <= 2 for s, e in quoted)]
    _chain(frames, state.resolver)
    return sorted(frames, key=lambda f: (f.start, -f.end))


def _chain(frames: list[Frame], resolver: Resolver) -> None:
    """Inner frames take the outer source: hedges inherit it, reported speech keeps a chain."""
    done: list[Frame] = []
    for frame in sorted(frames, key=lambda f: f.start - f.end):
        outer = next((o for o in reversed(done) if o.start <= frame.start and frame.end <= o.end), None)
        done.append(frame)
        if outer is None:
            continue
        if frame.hedged and frame.source is None and frame.speaker is None:
            frame.source, frame.speaker = outer.source, outer.speaker
        elif not frame.hedged and not outer.hedged and outer.source and outer.source != frame.source:
            if frame.speaker is None and resolver.kind(frame.source) == "person":
                frame.speaker = frame.source
            frame.source = outer.source


def _reported_by(quote: _Found, frames: list[Frame]) -> str | None:
    """The reporting source around a quote, when it is not the speaker."""
    if quote.source and quote.source != quote.speaker:
        return quote.source
    around = [f for f in frames if f.start <= quote.start and quote.end <= f.end + 2]
    for frame in sorted(around, key=lambda f: f.end - f.start):
        if frame.source and frame.source != quote.speaker:
            return frame.source
    return None


def _text(doc: Doc, article: Article) -> str:
    """The doc's text without rebuilding it token by token (the layout it was parsed from)."""
    text = article.layout()[0]
    last = doc[-1] if len(doc) else None
    if last is not None and last.idx + len(last.text_with_ws) == len(text) and text.endswith(last.text):
        return text
    return doc.text


def find_quotes(
    doc: Doc, article: Article, sections: list[Section], actors: ActorTable
) -> tuple[list[Quote], list[Frame]]:
    """Quotes with speakers, and the attribution frames of the article."""
    state = _State(doc, _text(doc, article), sections, actors)
    marked = _marked_quotes(state)
    found = sorted(marked + _indirect_quotes(state, marked), key=lambda q: (q.start, q.end))
    frames = _frames(found, state)
    quotes = [
        Quote(article_id=article.id, start=q.start, end=q.end, text=state.text[q.start:q.end],
              kind=q.kind, speaker_id=q.speaker, cue=q.cue,  # type: ignore[arg-type]
              reported_by=_reported_by(q, frames))
        for q in found
    ]
    return quotes, frames
