"""Time and place: dates relative to publication, places from the gazetteer (issue 6).

`place_events` gives each event the date of its own clause, else of the
clauses above it, else of its sentence (captions: else of the whole
caption), else the article's dateline or publication date (marked
inferred); and the place of its trigger or clause, else of the clauses above
it that do not report it, else the dateline's (lead sentence only) or the
caption's, never just any place of the sentence. Dates and places are found once per article: date
entities and a few date words, and place names in locative positions ("in
Moscow"), as the object of the event's verb ("strike Kyiv") or as where a
movement ends ("travel to Paris"). A country counts only after "in"-like
prepositions or as a destination, never as an actor. See docs/timeplace.md.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy
from spacy.strings import get_string_id

from ..actors.landmarks import at_landmark
from ..actors.landmarks import place_words as landmark_place_words
from ..datafiles import DATA, rows
from ..nlp.paragraphs import sentences
from ..records import Article, DateValue, Event, Place, Quote, Section
from .context import article_countries, dateline_place
from .dates import WORDS_FILE, resolve_date, words
from .gazetteer import entry, geocode, is_place, lookup, place_names, qualifier, warm
from .settle import settle

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..actors.find import ActorTable

__all__ = ["geocode", "is_place", "place_events", "place_names", "resolve_date"]

DATE_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
#: entity labels that may still hide a place (spaCy's small model tags "Kyiv" PERSON)
MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC"})
#: dependents that open a clause of their own: their dates and places are not the head's
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
NOT_PLACE_ACTORS = frozenset({"person", "organization", "group"})
#: a date in these relations modifies a noun ("the 2007 champion", "Sunday's vote"):
#: it dates that noun's event only
ADJ_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})
SPECIFIC = {"landmark": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
#: kinds whose country a sentence's other names are read in ("Tehran, Iran")
WIDE = frozenset({"country", "admin1", "admin2", "landmark"})
#: words between a name and its qualifier ("Forest City, Iowa", "Banki in Nigeria")
QUALIFIER_JOINS = frozenset({",", "in"})
Qualifier = tuple[str, str] | None
#: a place whose preposition hangs this many head steps below the event's verb is the
#: event's ("talks at the White House"); deeper ones ("protests over the victory in the
#: U.S. election") count only when nothing nearer does
NEAR_STEPS = 2
#: relations that name the same thing again, no step further from the verb
SAME_THING = frozenset({"appos", "conj", "compound", "flat"})
DATELINE_ENDS = frozenset({"(", "—", "–", "-", "--", "/"})
DATELINE_CHARS = 80


@functools.lru_cache(maxsize=1)
def place_words() -> dict[str, frozenset[str]]:
    """Prepositions that make their object the event's place (data/place_words.tsv)."""
    return {"any": frozenset(), "city": frozenset(), **landmark_place_words()}


@functools.lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Single words that are dates on their own but often escape the NER."""
    return frozenset({*words().weekdays, *(w for w in words().relative if " " not in w)})


@dataclass(slots=True)
class Mark:
    """A date or place found in the doc: token range, value, and how it attaches."""

    start: int
    end: int
    date: DateValue | None = None
    place: Place | None = None
    role: str = ""  # "any"/"city"/"dest" (after such a preposition), "obj" (direct object)
    governor: int = -1


@dataclass(slots=True)
class Context:
    """What one article offers every event: sentences, date marks, place marks."""

    doc: Doc
    article: Article
    sections: list[Section]
    actors: ActorTable
    sents: list[Span]
    ents: tuple[Span, ...]
    dates: list[Mark]
    countries: tuple[str, ...]
    places: dict[int, list[Mark]] = field(default_factory=dict)
    dateline: DateValue | None = None
    dateline_at: Place | None = None
    headline_at: Place | None = None
    quotes: tuple[Quote, ...] = ()


def place_events(
    doc: Doc, article: Article, sections: list[Section], events: list[Event], actors: ActorTable,
    quotes: Sequence[Quote] = (),
) -> None:
    """Set ``date`` and ``location`` on each event, in place (``quotes``: the article's, whose
    speech acts happen where their cue says they were said)."""
    warm()  # the first article pays for the gazetteer, whether or not it has events
    if not events:
        return
    actor_countries = tuple(sorted({a.country for a in actors.actors if a.country}))
    ents = tuple(doc.ents)  # spaCy rebuilds doc.ents on every access: read it once
    where = dateline_place(doc.text, sections, actor_countries)
    countries = article_countries(ents, actor_countries, where)
    ctx = Context(doc, article, sections, actors, sentences(doc), ents,
                  _date_marks(doc, ents, article.published), countries, dateline_at=where,
                  quotes=tuple(q for q in quotes if q.kind == "direct" and q.cue))
    ctx.dateline = _dateline(ctx)
    ctx.headline_at = _headline_place(ctx)
    for event in events:
        sent = _sentence(ctx, event)
        anchor = _anchor(doc, event, sent)
        clause = _clause(anchor) if anchor is not None else set()
        if event.date is None:
            event.date = _event_date(ctx, event, sent, anchor, clause)
            settle(event, article.published, anchor)
        if event.location is None:
            event.location = _event_place(ctx, event, sent, anchor, clause)


# ------------------------------------------------------------------ parse


def _sentence(ctx: Context, event: Event) -> Span | None:
    """The event's sentence: by index, else the one holding its span."""
    if 0 <= event.sentence < len(ctx.sents):
        sent = ctx.sents[event.sentence]
        if sent.start_char <= event.start < sent.end_char or event.start == event.end:
            return sent
    for sent in ctx.sents:
        if sent.start_char <= event.start < sent.end_char:
            return sent
    return None


def _anchor(doc: Doc, event: Event, sent: Span | None) -> Token | None:
    """The verb that governs the event's trigger (the trigger itself when a verb)."""
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return sent.root if sent is not None else None
    first = event.trigger.lower().split()[0] if event.trigger.strip() else ""
    token = next((t for t in span if first and first in (t.lower_, t.lemma_.lower())), None)
    token = token or next((t for t in span if t.pos_ in ("VERB", "AUX")), span.root)
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT" or token.head.i == token.i:
            break
        token = token.head
    return token


def _clause(anchor: Token) -> set[int]:
    """Token indices of the anchor's clause, without the clauses it embeds."""
    out: set[int] = set()
    stack = [anchor]
    while stack:
        token = stack.pop()
        out.add(token.i)
        for child in token.children:
            verb_conj = child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            if child.dep_ not in CLAUSE_DEPS and not verb_conj:
                stack.append(child)
    return out


def _outer(anchor: Token) -> set[int]:
    """Tokens of the clauses above the anchor's ("In June, X reported that Y received ...")."""
    out: set[int] = set()
    for ancestor in anchor.ancestors:
        out |= _clause(ancestor)
    return out


def _section_of(ctx: Context, char: int) -> Section | None:
    return next((s for s in ctx.sections if s.start <= char < s.end), None)


# ------------------------------------------------------------------ dates


def _date_marks(doc: Doc, ents: tuple[Span, ...], published: date | None) -> list[Mark]:
    """Every resolvable date in the doc: DATE/TIME entities and lone date words."""
    marks = []
    for ent in ents:
        if ent.label_ in DATE_LABELS:
            marks.append(_date_mark(doc, ent.start, ent.end, ent.root, published))
    # lone date words, found on the token arrays (no Token objects for the other tokens)
    lowers = doc.to_array("LOWER")
    for i in numpy.flatnonzero(numpy.isin(lowers, _date_word_ids())).tolist():
        token = doc[i]
        if token.ent_iob_ == "O" and not _name_follows(token):
            marks.append(_date_mark(doc, i, i + 1, token, published))
    targets = _target_words()  # "plans for 2022": a target, never the event's date
    return [m for m in marks if m.date is not None and m.date.precision != "unknown"
            and not (m.date.precision == "year" and doc[m.start].lower_ in targets)]


@functools.lru_cache(maxsize=1)
def _target_words() -> frozenset[str]:
    return frozenset(r[1].strip() for r in rows(WORDS_FILE) if r and r[0] == "target" and len(r) > 1)


@functools.lru_cache(maxsize=1)
def _date_word_ids() -> numpy.ndarray:
    """String ids of the lone date words, as spaCy's LOWER attribute stores them."""
    return numpy.array(sorted(get_string_id(w) for w in _date_words()), dtype=numpy.uint64)


def _name_follows(token: Token) -> bool:
    """'Saturday Night Live', 'Sunday Times': a date word that starts a name."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.is_title and nxt.pos_ in ("PROPN", "NOUN")


def _date_mark(doc: Doc, start: int, end: int, root: Token, published: date | None) -> Mark:
    """Resolve one date span, with its preposition ('in June') and tense."""
    if start > 0 and doc[start - 1].pos_ == "ADP":
        start -= 1
    phrase = doc[start:end].text
    value = resolve_date(phrase, published, future=_is_future(root))
    adjectival = root.dep_ in ADJ_DEPS and root.head.i != root.i \
        and root.head.ent_type_ not in DATE_LABELS and root.head.lower_ not in words().parts
    return Mark(start, end, date=value, role="adj" if adjectival else "", governor=root.head.i)


def _is_future(token: Token) -> bool:
    """Whether the verb a date hangs on is future ('will meet', 'is scheduled to meet')."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    lexicon = words()
    if verb.tag_ == "VBN" and verb.lemma_.lower() in lexicon.planned:
        return True  # "talks are scheduled for Monday"
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in lexicon.aux for c in verb.children):
            return True
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return False
        head = verb.head
        lemma = head.lemma_.lower()
        if verb.dep_ == "xcomp" and (lemma in lexicon.future or head.lower_ == "due") \
                and (lemma != "go" or head.tag_ == "VBG"):
            return True  # "plans to visit on Monday", "is going to vote on Monday"
        verb = head
    return False


def _dateline(ctx: Context) -> DateValue | None:
    """A date stated at the head of the first body paragraph ('MOSCOW, July 1 (Reuters) -')."""
    body = next((s for s in ctx.sections if s.kind == "body"), None)
    if body is None:
        return None
    doc = ctx.doc
    for mark in ctx.dates:
        span = doc[mark.start:mark.end]
        if not body.start <= span.start_char < body.start + DATELINE_CHARS:
            continue
        head = doc.char_span(body.start, span.start_char, alignment_mode="expand")
        after = doc[mark.end].text if mark.end < len(doc) else ""
        if head is not None and any(t.text == "," for t in head) and after in DATELINE_ENDS:
            return mark.date
    return None


def _pick_date(marks: list[Mark], tokens: set[int] | None, lo: int, hi: int,
               anchor: int, own: range) -> DateValue | None:
    """The date in the given tokens (or token range) nearest the anchor.

    A date that only modifies a noun counts when that noun is the event's own.
    """
    found = [m for m in marks if lo <= m.start < hi and (tokens is None or m.end - 1 in tokens)
             and (m.role != "adj" or m.governor in own)]
    if not found:
        return None
    return min(found, key=lambda m: abs(m.start - anchor)).date


def _event_date(ctx: Context, event: Event, sent: Span | None, anchor: Token | None,
                clause: set[int]) -> DateValue:
    """Clause, then sentence, then (captions) the caption, then dateline or publication."""
    at = anchor.i if anchor is not None else 0
    span = ctx.doc.char_span(event.start, event.end, alignment_mode="expand")
    own = range(span.start, span.end) if span is not None else range(at, at + 1)
    found = None
    if sent is not None:
        found = _pick_date(ctx.dates, clause, sent.start, sent.end, at, own) if clause else None
        if found is None and anchor is not None:
            found = _pick_date(ctx.dates, _outer(anchor), sent.start, sent.end, at, own)
        found = found or _pick_date(ctx.dates, None, sent.start, sent.end, at, own)
    section = _section_of(ctx, event.start)
    if found is None and section is not None and (event.in_caption or section.kind == "caption"):
        part = ctx.doc.char_span(section.start, section.end, alignment_mode="expand")
        if part is not None:
            found = _pick_date(ctx.dates, None, part.start, part.end, at, own)
    if found is None and section is not None and section.kind == "body":
        found = ctx.dateline
    if found is not None:
        return dataclasses.replace(found)
    published = ctx.article.published
    return DateValue(published, "day" if published else "unknown", "", inferred=True)


# ------------------------------------------------------------------ places


def _role(root: Token) -> tuple[str, int] | None:
    """How a name attaches: after a locative preposition, or as a direct object."""
    token = root
    for _ in range(4):  # "in Brazil, India and China", "in Tehran, Iran"
        if token.dep_ not in ("conj", "appos") or token.head.i == token.i:
            break
        token = token.head
    preps = place_words()
    if token.dep_ in ("poss", "compound", "nmod") and token.head.dep_ == "pobj":
        token = token.head  # "in Afghanistan's north", "in the Kunduz province"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj" \
            and token.head.head.lemma_.lower() in preps.get("placenoun", ()):
        token = token.head.head  # "in the northern city of Mazar-i-Sharif"
    if token.dep_ == "pobj":
        prep = token.head.lower_
        kind = "any" if prep in preps["any"] else "city" if prep in preps["city"] else ""
        kind = kind or ("dest" if prep in preps.get("dest", ()) else "")
        return (kind, token.head.head.i) if kind else None
    if token.dep_ == "dobj":
        return "obj", token.head.i
    return None


def _candidates(ctx: Context, sent: Span) -> list[tuple[int, int, Token, bool]]:
    """Spans that may name a place, and whether only a main place name counts for them.

    Place entities (GPE, LOC) take any gazetteer name; other entities and bare proper
    nouns only a main name, so "the White House" is never Casablanca's alternate name.
    """
    out = []
    for ent in ctx.ents:
        if ent.start < sent.start or ent.end > sent.end or ent.label_ in DATE_LABELS:
            continue
        if ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_PLACE_LABELS:
            out.append((ent.start, ent.end, ent.root, ent.label_ not in PLACE_LABELS))
    for token in sent:
        if token.pos_ == "PROPN" and token.ent_iob_ == "O" and token.dep_ in ("pobj", "dobj"):
            start = token.i
            while start > sent.start and token.doc[start - 1].dep_ == "compound" \
                    and token.doc[start - 1].pos_ == "PROPN":
                start -= 1
            out.append((start, token.i + 1, token, True))
    found = []
    for start, end, root, strict in out:
        cut = _trimmed(sent.doc, start, end)
        root = root if cut == end else sent.doc[start:cut].root
        found.append((*_glued(sent, start, cut), root, strict))
    return found


def _trimmed(doc: Doc, start: int, end: int) -> int:
    """The end of a span without the function words the model's entity may run on into
    ("the Zhongnanhai on Monday" tagged "the Zhongnanhai on")."""
    while end - 1 > start and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") \
            and doc[end - 1].text not in (".", ")"):
        end -= 1
    return end


def _glued(sent: Span, start: int, end: int) -> tuple[int, int]:
    """The span grown over hyphen-joined parts of one word ("Mazar-e-Sharif", which the
    parser splits into five tokens and the NER often cuts)."""
    doc = sent.doc
    while start - 2 >= sent.start and doc[start - 1].text == "-" \
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
            and doc[start - 2].is_alpha:
        start -= 2
    while end + 1 < sent.end and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return start, end


def _place_name(ctx: Context, start: int, end: int,
                strict: bool) -> tuple[int, str, Qualifier, str] | None:
    """The span's place name, the qualifier after it ("Forest City, Iowa") and the kind
    a place noun by it asks for ("Kunduz province": admin1), without leading lower-case
    words ("downtown Seattle"); a trailing place noun is tried with the name ("York
    County") and then without ("the Kunduz province"); "the Oval Office of the White
    House" is also tried from after its "of"."""
    found = _name_in(ctx, start, end, strict)
    if found is None and (of := _of_part(ctx, start, end, strict)) is not None:
        found = _name_in(ctx, of, end, strict)
    return found


def _of_part(ctx: Context, start: int, end: int, strict: bool) -> int | None:
    """Where the name after "of" starts, in a span whose part before "of" is itself a
    place name ("the Oval Office of the White House") or a place noun ("the city of
    Kunduz"), not in "the University of Texas"."""
    doc = ctx.doc
    of = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "of"), None)
    if of is None:
        return None
    nouns = place_words().get("placenoun", ())
    if doc[of - 1].lower_ in nouns or _name_in(ctx, start, of, strict) is not None:
        return of + 1
    return None


@functools.lru_cache(maxsize=1)
def _noun_kinds() -> dict[str, str]:
    """Place noun -> the kind of place it asks for (data/place_words.tsv, kind placekind)."""
    pairs = (w.split("=", 1) for w in place_words().get("placekind", ()) if "=" in w)
    return {noun: kind for noun, kind in pairs}


def _noun_kind(doc: Doc, begin: int, stop: int) -> str:
    """The kind a place noun right after the name ("Kunduz province") or before it with
    "of" ("the province of Kunduz") asks for; "" when there is none."""
    kinds = _noun_kinds()
    if stop < len(doc) and doc[stop].lower_ in kinds:
        return kinds[doc[stop].lower_]
    if begin >= 2 and doc[begin - 1].lower_ == "of" and doc[begin - 2].lower_ in kinds:
        return kinds[doc[begin - 2].lower_]
    return ""


def _name_in(ctx: Context, start: int, end: int,
             strict: bool) -> tuple[int, str, Qualifier, str] | None:
    """`_place_name` without the "of" retry."""
    doc = ctx.doc
    words = place_words()
    comma = next((i for i in range(start + 1, end) if doc[i].text == ","), None)
    if comma is not None:  # one entity "Forest City, Iowa"
        tries = [(comma, qualifier(doc[comma + 1:end].text))]
    else:  # "Forest City, Iowa" as two names; "Arlington Virginia", "Washington DC" as one
        tries = [(end, _qualifier_after(doc, end))]
        tries += [(end - k, q) for k in (2, 1) if end - k > start
                  and (q := qualifier(doc[end - k:end].text)) is not None]
        if end - start > 1 and doc[end - 1].lower_ in words.get("placenoun", ()):
            tries.append((end - 1, tries[0][1]))  # "the Kunduz province"
    for stop, within in tries:
        begin = start
        while begin < stop:
            name = doc[begin:stop].text
            kind = _noun_kind(doc, begin, stop)
            found = lookup(name, hints=ctx.countries, within=within, kind=kind)
            if found is not None and (found[1] or not strict):
                return begin, name, within, kind
            if (doc[begin].is_title or doc[begin].is_upper) \
                    and doc[begin].lower_ not in words.get("prefix", ()):
                break
            begin += 1
    return None


def _qualifier_after(doc: Doc, end: int) -> Qualifier:
    """A country or first-level division right after a name: ", Iowa", ", Mich.", " in Nigeria"."""
    if end + 1 >= len(doc) or doc[end].text not in QUALIFIER_JOINS:
        return None
    for size in (4, 3, 2, 1):
        words = doc[end + 1:min(end + 1 + size, len(doc))]
        if len(words) == size and (words[0].is_title or words[0].is_upper) \
                and not any(t.is_punct and t.text != "." for t in words):
            found = qualifier(words.text)
            if found is not None:
                return found
    return None


def _place_marks(ctx: Context, index: int, sent: Span) -> list[Mark]:
    """Places of one sentence (computed once per sentence)."""
    if index in ctx.places:
        return ctx.places[index]
    marks: list[Mark] = []
    found: list[tuple[int, int, tuple[str, int], str, Qualifier, str]] = []
    for start, end, root, strict in _candidates(ctx, sent):
        how = _role(root)
        named = _place_name(ctx, start, end, strict) if how is not None else None
        if how is None or named is None:
            continue
        if strict and _is_named_actor(ctx, start, end) \
                and not _landmark(named[1], ctx.doc[start:end]):
            continue  # "the Kremlin said" is an actor; "talks at the White House" a place
        found.append((named[0], end, how, *named[1:]))
    local = tuple(sorted({p.country for *_, name, _w, kind in found
                          if (p := geocode(name, kind=kind)) and p.kind in WIDE and p.country}))
    for start, end, (role, governor), name, within, kind in found:
        place = geocode(name, countries=local, hints=ctx.countries, within=within, kind=kind)
        if place is None or (place.kind in ("country", "region") and role not in ("any", "dest")):
            continue
        marks.append(Mark(start, end, place=place, role=role, governor=governor))
    ctx.places[index] = marks
    return marks


def _landmark(name: str, span: Span) -> bool:
    """A landmark named where something happens ("at the White House"; not "pressure on
    the Kremlin", which names the government: `actors.landmarks.at_landmark`)."""
    found = lookup(name)
    return found is not None and found[0].kind == "landmark" and at_landmark(span)


def _is_named_actor(ctx: Context, start: int, end: int) -> bool:
    """A person or organization the actors stage found there is not a place."""
    for i in range(start, end):
        actor = ctx.actors.at_token(i) if ctx.actors.token_actor else None
        if actor is not None and actor.kind in NOT_PLACE_ACTORS:
            return True
    return False


def _pick_place(marks: list[Mark], allowed: set[int] | None, anchor: int,
                governors: set[int]) -> Place | None:
    """Most specific place (city before country), then the nearest to the anchor.

    Objects and destinations count only when they depend on one of ``governors``.
    """
    found = []
    for mark in marks:
        if allowed is not None and mark.start not in allowed:
            continue
        if mark.role in ("obj", "dest") and mark.governor not in governors:
            continue
        found.append(mark)
    if not found:
        return None
    best = min(found, key=lambda m: (SPECIFIC.get(m.place.kind, 3) if m.place else 3,
                                     abs(m.start - anchor)))
    return dataclasses.replace(best.place) if best.place else None


def _event_place(ctx: Context, event: Event, sent: Span | None, anchor: Token | None,
                 clause: set[int]) -> Place | None:
    """The trigger's own place, then its clause's ('met in Moscow', 'strike Kyiv'), then the
    clauses above it except those reporting it ('officials in Baghdad said'), then deeper in
    its clause, then the dateline (lead sentence only), then (captions) the caption's."""
    if sent is None:
        return None
    index = next((i for i, s in enumerate(ctx.sents) if s.start == sent.start), -1)
    marks = _place_marks(ctx, index, sent)
    at = anchor.i if anchor is not None else sent.start
    here = [m for m in marks if m.role != "dest"]
    span = ctx.doc.char_span(event.start, event.end, alignment_mode="expand")
    trigger = {t.i for t in span} if span is not None else set()
    # the trigger's own place ("airstrikes on Kunduz"), then one the verb governs, not one
    # deep in a noun's phrase
    found = _pick_place([m for m in here if m.governor in trigger], None, at, trigger)
    if found is None and clause and anchor is not None:
        near = [m for m in here if _steps(ctx.doc, m.governor, anchor) <= NEAR_STEPS]
        found = _pick_place(near, clause, at, {anchor.i}) or _destination(marks, anchor)
    loose = [m for m in marks if m.role not in ("obj", "dest")]
    said = _speech_act(event)
    if found is None and anchor is not None and loose:  # "opened fire in Seattle and wounded five"
        found = _pick_place(loose, _outer(anchor) - (set() if said else _reporting(anchor)), at,
                            set())
    if found is None and clause and anchor is not None:  # the parser hangs many a place on the
        found = _pick_place(here, clause, at, {anchor.i})  # nearest noun: "protest against X in Y"
    if found is None and said:  # 'In Michigan, he said: "Clinton is guilty."'
        found = _cue_place(ctx, event)
    lead = _is_lead(ctx, sent) or _kind_at(ctx, event.start) == "standfirst"
    if found is None and ctx.dateline_at is not None and _is_lead(ctx, sent):
        found = dataclasses.replace(ctx.dateline_at)
    if lead and ctx.headline_at is not None and (found is None or _inside(ctx.headline_at, found)):
        found = dataclasses.replace(ctx.headline_at)  # "... a consulate in Afghanistan"
    if found is None and anchor is None and loose:
        found = _pick_place(loose, None, at, set())
    if found is None and (event.in_caption or _kind_at(ctx, event.start) == "caption"):
        found = _caption_place(ctx, event, at)
    return found


def _headline_place(ctx: Context) -> Place | None:
    """The one most specific place the title puts its event in ("Five shot in Seattle"):
    the lead sentence's event is the headline's. None when the title names none, or two
    of the same rank ("from Paris to Berlin")."""
    title = next((s for s in ctx.sections if s.kind == "title"), None)
    if title is None:
        return None
    marks = [m for i, sent in enumerate(ctx.sents) if title.start <= sent.start_char < title.end
             for m in _place_marks(ctx, i, sent) if m.place is not None and m.role in ("any", "city")]
    if not marks:
        return None
    rank = min(SPECIFIC.get(m.place.kind, 3) for m in marks if m.place)
    ids = {m.place.gazetteer_id for m in marks if m.place and SPECIFIC.get(m.place.kind, 3) == rank}
    best = next(m.place for m in marks if m.place and SPECIFIC.get(m.place.kind, 3) == rank)
    return best if len(ids) == 1 else None


def _inside(small: Place, big: Place) -> bool:
    """Whether ``small`` is a more specific place within ``big`` (a country or division)."""
    if big.kind not in ("country", "admin1") or small.country != big.country \
            or SPECIFIC.get(small.kind, 3) >= SPECIFIC[big.kind]:
        return False
    if big.kind == "country":
        return True
    inner, outer = entry(small.gazetteer_id), entry(big.gazetteer_id)
    return inner is not None and outer is not None and inner.admin1 == outer.admin1


@functools.lru_cache(maxsize=1)
def _speech_roots() -> frozenset[str]:
    """CAMEO roots of acts done by saying (data/place_words.tsv, kind speechact)."""
    return place_words().get("speechact", frozenset())


def _speech_act(event: Event) -> bool:
    """An act its speaker does by saying it ("Clinton is guilty": an accusation), which
    happens where it was said; what a speaker reports others did does not."""
    return bool(event.speaker) and event.speaker in event.actors \
        and event.cameo[:2] in _speech_roots()


def _cue_place(ctx: Context, event: Event) -> Place | None:
    """The place of the clause that introduces the direct quote holding the event
    ('In Michigan, he said: "..."'), found at the quote's cue verb."""
    quote = next((q for q in ctx.quotes if q.start <= event.start < q.end), None)
    if quote is None or quote.cue is None:
        return None
    for index, sent in enumerate(ctx.sents):
        if not (sent.start_char < quote.start < sent.end_char
                or sent.start_char < quote.end <= sent.end_char + 1):
            continue
        cue = next((t for t in sent if not quote.start <= t.idx < quote.end
                    and t.lemma_.lower() == quote.cue), None)
        if cue is None:
            continue
        marks = [m for m in _place_marks(ctx, index, sent) if m.role != "dest"]
        marks = [m for m in marks if not quote.start <= ctx.doc[m.start].idx < quote.end]
        return _pick_place(marks, _clause(cue), cue.i, {cue.i})
    return None


def _reporting(anchor: Token) -> set[int]:
    """Tokens of the clauses that report the anchor's ("a spokesman in Potsdam said that
    police fought ..."): where the words were said is not where the event happened."""
    out: set[int] = set()
    token = anchor
    for ancestor in anchor.ancestors:
        if token.dep_ in ("ccomp", "parataxis") and ancestor.lemma_.lower() in _speech_verbs():
            out |= _clause(ancestor)
        token = ancestor
    return out


@functools.lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """Verbs that report speech (the quotes stage's cues, data/quote_words.tsv)."""
    return frozenset(r[0].strip() for r in rows(DATA / "quote_words.tsv", header=True)
                     if len(r) > 1 and r[1].strip() == "cue")


def _steps(doc: Doc, governor: int, anchor: Token) -> int:
    """Head steps from a place's governor up to the anchor (99 when it is not below it)."""
    if governor < 0:
        return 99
    token, steps = doc[governor], 0
    for _ in range(3 * NEAR_STEPS):
        if token.i == anchor.i:
            return steps
        if token.head.i == token.i or steps > NEAR_STEPS:
            break
        steps += token.dep_ not in SAME_THING  # "the commander, Radan, in Tehran": one step
        token = token.head
    return 99


def _is_lead(ctx: Context, sent: Span) -> bool:
    """Whether the sentence is the first of the body (the one the dateline heads)."""
    body = next((s for s in ctx.sections if s.kind == "body"), None)
    return body is not None and sent.start_char <= body.start < sent.end_char


def _destination(marks: list[Mark], anchor: Token) -> Place | None:
    """Where a movement ends ("will travel to Paris", "sent troops to Syria")."""
    if anchor.lemma_.lower() not in place_words().get("motion", ()):
        return None
    ends = [m for m in marks if m.role == "dest" and m.governor == anchor.i]
    return _pick_place(ends, None, anchor.i, {anchor.i})


def _kind_at(ctx: Context, char: int) -> str:
    section = _section_of(ctx, char)
    return section.kind if section is not None else ""


def _caption_place(ctx: Context, event: Event, at: int) -> Place | None:
    """A caption's place may sit in another of its sentences ('Tehran, Iran, Jan. 7')."""
    section = _section_of(ctx, event.start)
    if section is None:
        return None
    for index, sent in enumerate(ctx.sents):
        if section.start <= sent.start_char < section.end and not sent.start <= at < sent.end:
            found = _pick_place([m for m in _place_marks(ctx, index, sent) if m.role != "obj"],
                                None, at, set())
            if found is not None:
                return found
    return None

