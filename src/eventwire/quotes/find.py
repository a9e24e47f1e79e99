"""Quotes stage: direct, partial and indirect quotes with speakers (issues 5 and 13).

Marks are paired on the plain text (`marks`), each stretch is classed by
its place in the sentence (`kinds`), a direct quote's speaker is read from
the words around its marks (`speakers`), a partial quote keeps the speaker
of the reporting clause around it, and cues and hedges from the parse
(`attribution`) give indirect quotes and the attribution frames the
events stage reads. A quote with no attribution of its own continues the
speaker of the quote before it in its paragraph, or of the paragraph
before when it stands alone. The same quote twice in one article is stored
once. Every step is linear in the article's length, up to sorting and
binary search: an article of 5,000 quote marks costs no more per mark
than a short one.
DOCS: docs/quotes.md
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attribution import Attribution, Resolver, role, scan, subject
from .kinds import closes_statement, is_cue, is_scare, is_title, opens_statement
from .marks import MARKS, Marked, pair_marks
from .speakers import Reader, Said
from ..records import Article, Quote, Section, normalise_text

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
    #: whether an attribution of its own was found (its speaker may still be unknown)
    attributed: bool = False
    marked: Marked | None = None


#: words after a speech verb that make a quote following a comma part of the sentence
_EMBEDDING = frozenset({"that", "as", "including", "like", "such", "whether", "if", "because", "than"})


class _State:
    """What the stage keeps while reading one article."""

    def __init__(self, doc: Doc, text: str, sections: list[Section], table: ActorTable,
                 article_id: str = "") -> None:
        self.doc, self.sections, self.text = doc, sections, text
        self.regions = [k for k, s in enumerate(sections) if s.kind != "caption"]
        self.region_at = {k: n for n, k in enumerate(self.regions)}
        self._section_starts = [s.start for s in sections]
        self.marks = pair_marks(text, [(sections[k].start, sections[k].end) for k in self.regions])
        self.resolver = Resolver(doc, table, [(m.opened, m.closed + 1) for m in self.marks], text=text,
                                 article_id=article_id)
        self.reader = Reader(doc, self.resolver, text)
        self.cues = [c for c in scan(doc, resolver=self.resolver) if not self.resolver.coref.quoted(c.cue.idx)]
        self._cue_chars = [c.cue.idx for c in self.cues]

    def section_of(self, char: int) -> int:
        k = bisect.bisect_right(self._section_starts, char) - 1
        return k if k >= 0 and char < self.sections[k].end else -1

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def cues_in(self, low: int, high: int) -> list[Attribution]:
        """Cues whose cue word lies in chars [low, high)."""
        i = bisect.bisect_left(self._cue_chars, low)
        j = bisect.bisect_left(self._cue_chars, high)
        return self.cues[i:j]

    def covering(self, start: int, end: int, span: Span) -> list[Attribution]:
        """Unhedged cues of the quote's sentences whose content overlaps [start, end)."""
        low, high = span[0].sent.start_char, span[-1].sent.end_char
        return [c for c in self.cues_in(low, high) if not c.hedged and c.start < end and start < c.end]


# ------------------------------------------------------------ marked quotes


def _cue_before(state: _State, marked: Marked, low: int) -> bool:
    """A speech verb between the sentence start (or the last quote) and the opening mark,
    with no word after it that makes the quote its object ("said that, “…”", "including,
    “…”", "things such as, “…”")."""
    end = state.reader.token_at(marked.opened)
    if end is None:
        return False
    clause = state.reader.clause_before(end, low)
    cues = [k for k, t in enumerate(clause) if is_cue(t)]
    return bool(cues) and not any(t.lower_ in _EMBEDDING for t in clause[cues[-1] + 1:])


def _classify(state: _State, marked: Marked, span: Span, section: Section, last_close: int) -> str:
    """direct, partial, title or scare (see `kinds`)."""
    if marked.paragraphs > 1:
        return "direct"
    low, high = section.start, section.end
    opens = opens_statement(state.text, marked, low, _cue_before(state, marked, low), last_close)
    if opens and closes_statement(state.doc, state.text, marked, high, state.reader.token_at):
        return "direct"
    if section.kind != "title" and is_title(span):
        return "title"
    return "scare" if is_scare(span) else "partial"


def _direct_speaker(state: _State, quote: _Found, span: Span) -> None:
    """Speaker and cue of a direct quote from its surroundings, else from a cue covering it."""
    section = state.sections[quote.section]
    marked = quote.marked
    if marked is None:
        return
    said: Said | None = state.reader.after(marked, section.end) or state.reader.before(marked, section.start)
    if said is None:
        cues = [c for c in state.covering(quote.start, quote.end, span) if c.source or c.speaker]
        if cues:
            best = min(cues, key=lambda c: min(abs(c.cue.idx - quote.start), abs(c.cue.idx - quote.end)))
            speaker, source = _speaker_of(best)
            said = Said(speaker, best.word, "cue")
            quote.source = source
    said = said or state.reader.dashed(marked, section.end)
    if said is not None:
        quote.speaker, quote.cue, quote.attributed = said.speaker, said.cue, True


def _speaker_of(att: Attribution | None) -> tuple[str | None, str | None]:
    """(speaker, reporting source) of a cue."""
    if att is None:
        return None, None
    speaker = att.speaker or att.source
    source = att.source if att.source != speaker else None
    return speaker, source


def _partial_speaker(state: _State, quote: _Found, span: Span) -> bool:
    """The speaker of a quoted fragment: the reporting clause around it, person or not,
    else the subject of the verbs above it. False when nothing attributes it."""
    around = [c for c in state.covering(quote.start, quote.end, span)
              if c.start <= quote.start and quote.end <= c.end + 2]
    if around:
        best = min(around, key=lambda c: c.end - c.start)
        quote.speaker, quote.cue, quote.attributed = _speaker_of(best)[0], best.word, True
        return True
    quote.speaker, verb = _governing_subject(span.root, state)
    if verb is not None and (role(verb.lemma_.lower(), "naming_cue") or is_cue(verb)):
        quote.cue, quote.attributed = verb.lemma_.lower(), True  # "praised the talks as “very productive”"
    return quote.speaker is not None


def _governing_subject(token: Token, state: _State) -> tuple[str | None, Token | None]:
    """The nearest subject above a fragment that names an actor, and its verb
    ("Reid called Trump a “leech”")."""
    word = token
    for _ in range(12):
        if word.pos_ in ("VERB", "AUX"):
            subj = _doer(word)
            if subj is not None and not state.resolver.coref.quoted(subj.idx):
                actor = state.resolver.actor(subj)
                if actor:
                    return actor, word
        if word.head.i == word.i:
            return None, None
        word = word.head
    return None, None


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


def _marked_quotes(state: _State) -> list[_Found]:
    """Direct and partial quotes from the paired marks (title, standfirst and body only)."""
    found: list[_Found] = []
    last_close = -1
    for marked in state.marks:
        span = state.span(marked.start, marked.end)
        if span is None or not len(span):
            continue
        k = state.section_of(marked.start)
        if k < 0:
            continue
        kind = _classify(state, marked, span, state.sections[k], last_close)
        last_close = marked.closed
        quote = _Found(marked.start, marked.end, kind, None, None, k, marked=marked)
        if kind == "direct":
            _direct_speaker(state, quote, span)
            if quote.speaker:
                state.resolver.hint = (quote.speaker, quote.end)
        elif kind == "title" or not _partial_speaker(state, quote, span) or (
                kind == "scare" and not quote.attributed):
            continue
        else:
            quote.kind = "partial"
        found.append(quote)
    headings = {id(q) for q in found if _heading(state, q)}
    _carry_speakers(found, state)
    return [q for q in found if id(q) not in headings]


def _heading(state: _State, quote: _Found) -> bool:
    """A direct quote alone in its paragraph that nothing attributes, in headline case with
    two content words or more: a heading in quotation marks ('All Bets Are Off.'), no quote."""
    section = state.sections[quote.section]
    if quote.kind != "direct" or quote.attributed or section.kind == "title":
        return False
    span = state.span(quote.start, quote.end)
    return span is not None and is_title(span) and _only_quotes(state, section, [quote])


# ------------------------------------------------------------ carrying speakers


def _only_quotes(state: _State, section: Section, quotes: list[_Found]) -> bool:
    """Whether the paragraph holds nothing but these quotes (and punctuation)."""
    text, at = state.text, section.start
    for quote in quotes:
        opened, closed = (quote.marked.opened, quote.marked.closed) if quote.marked else (quote.start, quote.end)
        if any(c.isalnum() for c in text[at:opened]):
            return False
        at = closed + 1
    return not any(c.isalnum() for c in text[at:section.end])


def _carry_speakers(found: list[_Found], state: _State) -> None:
    """A direct quote with no attribution of its own continues a neighbour's speaker: the
    quote before it in the paragraph, the next one when only space separates them, the
    speech verb before it in the paragraph ("…, Schiff said. “…”"), or, for a paragraph
    of quotes alone, the last quote or speech verb of the paragraph before."""
    by_section: dict[int, list[_Found]] = {}
    for quote in found:
        by_section.setdefault(quote.section, []).append(quote)
    for k in sorted(by_section):
        quotes = by_section[k]
        for i, quote in enumerate(quotes):
            if quote.attributed or quote.kind != "direct":
                continue
            donor = next((q for q in reversed(quotes[:i]) if q.attributed), None)
            donor = donor or _running_on(state, found, quote)
            if donor is None and i + 1 < len(quotes) and quotes[i + 1].attributed and _adjacent(state, quote, quotes[i + 1]):
                donor = quotes[i + 1]
            donor = donor or _cue_donor(state, state.sections[k].start, quote.start, k)
            donor = donor or _subject_donor(state, quote)
            if donor is None and _only_quotes(state, state.sections[k], quotes):
                donor = _previous_paragraph(state, k, by_section)
            if donor is not None:
                quote.speaker, quote.cue, quote.source = donor.speaker, donor.cue, donor.source
                quote.attributed = True


def _running_on(state: _State, found: list[_Found], quote: _Found) -> _Found | None:
    """An attributed quote of an earlier paragraph that runs on into this one and ends right
    before the quote (a paragraph opening with the rest of the last paragraph's quote)."""
    before = [q for q in found if q.section < quote.section and q.end <= quote.start and q.attributed]
    last = max(before, key=lambda q: q.end, default=None)
    if last is None or state.section_of(last.end - 1) != quote.section:
        return None
    return last if _adjacent(state, last, quote) else None


def _adjacent(state: _State, one: _Found, two: _Found) -> bool:
    """Only space and punctuation between two quotes."""
    return not any(c.isalnum() for c in state.text[one.end:two.start])


def _cue_donor(state: _State, low: int, high: int, section: int) -> _Found | None:
    """The last unhedged speech verb with a speaker in chars [low, high), as a quote."""
    cues = [c for c in state.cues_in(low, high) if not c.hedged and (c.speaker or c.source)]
    if not cues:
        return None
    speaker, source = _speaker_of(cues[-1])
    return _Found(cues[-1].start, cues[-1].end, "indirect", speaker, cues[-1].word, section, source, True)


def _subject_donor(state: _State, quote: _Found) -> _Found | None:
    """The person the sentence right before the quote, in its paragraph, is about: its
    subject ("His former partner, Lawrence B. Cummings, called him a master. “He …”")."""
    first = state.reader.token_at(quote.marked.opened if quote.marked else quote.start)
    section = state.sections[quote.section]
    if first is None or first.sent.start == 0:
        return None
    before = state.doc[first.sent.start - 1].sent
    if before.start_char < section.start:
        return None
    root = before.root
    subj = subject(root) if root.pos_ in ("VERB", "AUX") else None
    if subj is None or state.resolver.coref.quoted(subj.idx):
        return None
    actor = state.resolver.actor(subj)
    if actor is None or state.resolver.kind(actor) != "person":
        return None
    return _Found(before.start_char, before.end_char, "indirect", actor, None, quote.section, None, True)


def _previous_paragraph(state: _State, k: int, by_section: dict[int, list[_Found]]) -> _Found | None:
    """The last attributed quote of the paragraph right before, else its last speech verb."""
    at = state.region_at.get(k, 0)
    if at == 0:
        return None
    before = state.regions[at - 1]
    quotes = [q for q in by_section.get(before, []) if q.attributed]
    if quotes:
        return quotes[-1]
    section = state.sections[before]
    return _cue_donor(state, section.start, section.end, before)


# ------------------------------------------------------------ indirect quotes and frames


def _overlaps_half(spans: list[tuple[int, int]], ends: list[int], start: int, end: int) -> bool:
    """Whether sorted, disjoint ``spans`` cover more than half of [start, end)."""
    size = end - start
    i = bisect.bisect_right(ends, start)
    covered = 0
    while i < len(spans) and spans[i][0] < end:
        covered += min(end, spans[i][1]) - max(start, spans[i][0])
        i += 1
    return covered > size // 2


def _indirect_quotes(state: _State, direct: list[_Found]) -> list[_Found]:
    """Reported speech: "X said that ...", "media quoted X as saying ...", "Teneo issued
    a statement saying ..."; the speaker is a person, an organisation or a group. What a
    news outlet or a country reports is a frame (the events' ``reported_by``), no quote."""
    found: list[_Found] = []
    spans = sorted((q.start, q.end) for q in direct if q.kind == "direct")
    ends = [e for _, e in spans]
    for cue in state.cues:
        if cue.hedged or cue.end <= cue.start:
            continue
        speaker, source = _speaker_of(cue)
        if state.resolver.kind(speaker) not in ("person", "organization", "group") or state.resolver.media(speaker):
            continue
        section = state.section_of(cue.start)
        if section not in state.region_at or _overlaps_half(spans, ends, cue.start, cue.end):
            continue
        found.append(_Found(cue.start, cue.end, "indirect", speaker, cue.word, section, source, True))
    return found


def _frames(found: list[_Found], state: _State) -> list[Frame]:
    """A frame per direct quote and per cue or hedge with content; chains resolved."""
    frames = [Frame(q.start, q.end, q.source or q.speaker, q.speaker, q.cue)
              for q in found if q.kind == "direct"]
    starts = sorted((f.start, f.end) for f in frames)
    frames += [Frame(c.start, c.end, c.source, c.speaker, c.word, c.hedged)
               for c in state.cues if c.end > c.start and not _near(starts, c.start, c.end)]
    _chain(frames, state.resolver)
    return sorted(frames, key=lambda f: (f.start, -f.end))


def _near(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span of sorted ``spans`` starts and ends within 2 chars of [start, end)."""
    i = bisect.bisect_left(spans, (start - 2, -1))
    while i < len(spans) and spans[i][0] <= start + 2:
        if abs(spans[i][1] - end) <= 2:
            return True
        i += 1
    return False


def _chain(frames: list[Frame], resolver: Resolver) -> None:
    """Inner frames take the outer source: hedges inherit it, reported speech keeps a chain.

    One sweep in text order with a stack of the frames still open.
    """
    stack: list[Frame] = []
    for frame in sorted(frames, key=lambda f: (f.start, f.start - f.end)):
        while stack and stack[-1].end < frame.end:
            stack.pop()
        outer = stack[-1] if stack else None
        stack.append(frame)
        if outer is None:
            continue
        if frame.hedged and frame.source is None and frame.speaker is None:
            frame.source, frame.speaker = outer.source, outer.speaker
        elif not frame.hedged and not outer.hedged and outer.source and outer.source != frame.source:
            if frame.speaker is None and resolver.kind(frame.source) == "person":
                frame.speaker = frame.source
            frame.source = outer.source


def _reported_by(found: list[_Found], frames: list[Frame]) -> dict[int, str | None]:
    """Per quote (by index), the reporting source around it when it is not the speaker."""
    out: dict[int, str | None] = {}
    events = sorted([(f.start, 0, -f.end, k) for k, f in enumerate(frames)] +
                    [(q.start, 1, -q.end, k) for k, q in enumerate(found)])
    stack: list[Frame] = []
    for start, is_quote, neg_end, k in events:
        while stack and stack[-1].end + 2 < start:
            stack.pop()
        if not is_quote:
            stack.append(frames[k])
            continue
        quote = found[k]
        if quote.source and quote.source != quote.speaker:
            out[k] = quote.source
            continue
        around = [f for f in reversed(stack[-8:]) if f.start <= start and quote.end <= f.end + 2]
        out[k] = next((f.source for f in sorted(around, key=lambda f: f.end - f.start)
                       if f.source and f.source != quote.speaker), None)
    return out


# ------------------------------------------------------------ the stage


_NO_MARKS = str.maketrans("", "", "".join(MARKS))


def _once(found: list[_Found], text: str) -> list[_Found]:
    """The same quote twice in one article is kept once: the first, with a speaker if either has one."""
    kept: dict[tuple[str, str], _Found] = {}
    for quote in found:
        words = normalise_text(text[quote.start:quote.end].translate(_NO_MARKS)).strip(" .,;:!?")
        key = (quote.kind if quote.kind == "indirect" else "quoted", words)
        first = kept.get(key)
        if first is None:
            kept[key] = quote
        elif first.speaker is None and quote.speaker is not None:
            first.speaker, first.cue, first.source = quote.speaker, quote.cue, quote.source
    return sorted(kept.values(), key=lambda q: (q.start, q.end))


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
    state = _State(doc, _text(doc, article), sections, actors, article.id)
    marked = _marked_quotes(state)
    found = _once(marked + _indirect_quotes(state, marked), state.text)
    frames = _frames(found, state)
    reported = _reported_by(found, frames)
    quotes = [
        Quote(article_id=article.id, start=q.start, end=q.end, text=state.text[q.start:q.end],
              kind=q.kind, speaker_id=q.speaker, cue=q.cue,  # type: ignore[arg-type]
              reported_by=reported.get(k))
        for k, q in enumerate(found)
    ]
    return quotes, frames
