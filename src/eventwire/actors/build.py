"""Actors stage, step 4: merged mentions -> Actor records, Mention records and the token map.

Countries and sectors are settled here, organizations before people so a
person's role can lend them its organization's country ("White House
spokesman" -> USA).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..nlp.paragraphs import sentences
from ..records import Actor, Article, Mention, Section, actor_id
from .country import Places, generic, government_role, inner_entry, left_edge, word_country
from .data import dictionary, institution_words, name_key
from .home import place_at_home
from .mentions import (
    COUNTRY,
    GROUP,
    ORG,
    PERSON,
    Candidate,
    acronym_candidates,
    entity_candidates,
    honorific_at,
    surname_candidates,
    title_case_filter,
)
from .merge import canonical_name, cluster, surface_aliases
from .names import person_key
from .refs import definite_references
from .roles import role_spans, sectors_of
from .ruler import ACTORS_FILE_ATTR

if TYPE_CHECKING:
    from .data import Dictionary, Entry

#: a role's institution after "to" is where the person is sent, not whom they serve
_TO_WHOM = re.compile(r"\s+to\s+", re.IGNORECASE)


def _dictionary(doc: Doc) -> Dictionary:
    user_file = doc._.get(ACTORS_FILE_ATTR) if Doc.has_extension(ACTORS_FILE_ATTR) else None
    return dictionary(user_file)


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number (components.paragraphs.sentences) of every token; -1 for none."""
    out = [-1] * len(doc)
    for n, sent in enumerate(sentences(doc)):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _add_roles(doc: Doc, cands: list[Candidate]) -> None:
    """Roles written around each person mention, as found (an office honorific is one too)."""
    people = [c for c in cands if c.kind == PERSON]
    blocked = {i for c in people for i in range(c.start, c.end)}
    named = {i for c in people if c.end - c.start > 1 for i in range(c.start, c.end)}
    for cand in people:
        start = cand.form_start if cand.form_start >= 0 else cand.start
        inner = honorific_at(doc, start, cand.end)
        honorific = doc[start:start + (inner or cand.start - start)].text
        office = bool(honorific) and bool(sectors_of(honorific))
        others = blocked - set(range(start, cand.end))
        for s, e in role_spans(doc, cand.start if office else start, cand.end, others):
            if named & set(range(s, e)) - set(range(start, cand.end)):
                continue  # a role holding someone else's full name is a list, not a title
            if office and e == cand.start:
                e = start + (inner or cand.start - start)
            cand.role_spans.append((s, e))
            cand.roles.append(doc[s:e].text)
        if office and not any(honorific in r for r in cand.roles):
            cand.roles.append(honorific)


def _after_to(doc: Doc, start: int, i: int) -> bool:
    """Whether token ``i`` follows a "to" in the role from ``start`` ("ambassador to the UN")."""
    return any(t.lower_ == "to" for t in doc[start:i])


def actor_key(kind: str, name: str, country: str | None = None) -> str:
    """Id of an actor the dictionary does not know: the same in every article that names it
    so, whatever kind the article's parse gave it. People, and names that read as a
    person's, by given name and surname (`names.person_key`: "Donald J. Trump" = "Donald
    Trump"); other names spelling-blind; a country only for an organization's name that
    does not say whose it is ("Foreign Ministry")."""
    key = person_key(name) if kind == PERSON or _reads_as_person(name) else name_key(name)
    return actor_id("actor", key, country if kind == ORG and generic(name) else None)


def _fullest(group: list[Candidate], name: str) -> str:
    """The name an id is made from: for an organization written both ways, the expansion
    rather than its acronym ("British Transport Police", not "BTP")."""
    if group[0].kind == PERSON:
        return name
    names = [c.name for c in group if c.how != "reference"]
    return max(names, key=lambda n: (len(n.split()), len(n))) if names else name


def _reads_as_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() and w.isalpha()
                                        for w in words) and not generic(name) and not any(
        w.lower() in institution_words() for w in words)


#: countries of people placed by descriptors that make an article international (no home)
INTERNATIONAL_DESCRIPTORS = 2


class _Builder:
    """Turns merged candidate groups into actors, one article at a time."""

    def __init__(self, doc: Doc, cands: list[Candidate], known: Dictionary,
                 day: date | None, article_id: str = "") -> None:
        self.doc = doc
        self.article_id = article_id
        #: surnames of the people the article names in full
        self.full_surnames = {name_key(c.name.split()[-1]) for c in cands
                              if c.kind == PERSON and len(c.name.split()) > 1}
        self.dictionary = known
        self.day = day
        self.places = Places(doc, cands)
        #: countries the article names (names, demonyms, capitals, cities, places)
        self.named_countries = {e.kb_id_.split(":", 1)[1] for e in doc.ents
                                if e.kb_id_.startswith(("country:", "demonym:", "city:"))}
        self.named_countries |= {c.country.iso3 for c in cands if c.country is not None}
        self.org_at: dict[int, Actor] = {}
        self.people: list[tuple[Candidate, Actor]] = []
        self.unplaced: list[tuple[list[Candidate], Actor]] = []
        #: actors no word places -> the only country they may take at home (None: any;
        #: a derived dictionary's country the article does not name: home.place_at_home)
        self.homeless: dict[str, str | None] = {}
        #: people placed only by a descriptor ("Lithuanian fiancee X"): a newspaper says so
        #: of foreigners, so they do not count towards the article's home country
        self.described: set[int] = set()
        #: countries of the descriptors before people's names, whatever else places them:
        #: two or more ("French driver Romain Grosjean", "Finnish driver Kimi Raikkonen") make
        #: the article international, of no home
        self.described_countries: set[str] = set()

    def actor(self, group: list[Candidate]) -> Actor:
        first = group[0]
        name = canonical_name(group)
        entry = _entry_of(group, self.dictionary)
        if first.kind == COUNTRY and first.country is not None:
            return Actor(name, "country", first.country.iso3, id=first.country.actor_id,
                         aliases=surface_aliases(group, name))
        if first.kind == PERSON:
            country, sectors = self._person_country(group, entry), self._person_sectors(group, entry)
        else:
            country, sectors = self._org_country(group, entry), self._org_sectors(group, entry)
        roles = list(dict.fromkeys(r for c in group for r in c.roles))
        kind = entry.kind if entry is not None and entry.kind != "country" else first.kind
        external = {"wikidata": entry.wikidata} if entry is not None and entry.wikidata else {}
        key = entry.key if entry is not None else actor_key(kind, _fullest(group, name), country)
        if entry is None and first.kind == PERSON and " " not in name \
                and name_key(name) in self.full_surnames:
            # a surname left apart because several people named in full share it ("Khan" of
            # Khizr and Ghazala Khan): whose it is only this article can say
            key = actor_id("actor", f"{name_key(name)}@{self.article_id}", None)
        actor = Actor(name, kind, country, sectors, roles, surface_aliases(group, name),  # type: ignore[arg-type]
                      external, id=key)
        for cand in group:
            for i in range(cand.start, cand.end):
                self.places.actor_at[i] = actor
                if first.kind in (ORG, GROUP):
                    self.org_at[i] = actor
            if first.kind == PERSON:
                self.people.append((cand, actor))
        if first.kind == PERSON and country is None and entry is None:
            self.unplaced.append((group, actor))
        if country is None and not (first.kind == ORG and generic(name)) and not any(
                c.how == "ethnic" for c in group):
            if entry is None or entry.country:  # the dictionary's international actors stay so
                self.homeless[actor.id] = entry.country if entry is not None else None
        return actor

    def _org_country(self, group: list[Candidate], entry: Entry | None) -> str | None:
        if entry is not None:
            return self._known_country(entry)
        if any(c.how == "ethnic" for c in group):
            return None
        for cand in group:
            found = (word_country(self.doc, left_edge(self.doc, cand.start), cand.end, name=True)
                     or self.places.based_country(cand))
            if found:
                return found
        for cand in group:  # "White House National Security Council"
            inner = inner_entry(self.doc, cand, self.dictionary)
            if inner is not None and inner.country:
                return inner.country
        if generic(_fullest(group, group[0].name)):  # "the Prosecutor General's office in Moscow, Russia"
            return next(filter(None, (self.places.located_country(c) for c in group)), None)
        return None

    def _org_sectors(self, group: list[Candidate], entry: Entry | None) -> list[str]:
        """From the dictionary, else the words of its names ("Russian National Guard"),
        else of the words right before it ("state news agency SPA")."""
        if entry is not None and entry.sectors_on(self.day):
            return list(entry.sectors_on(self.day))
        for cand in group:
            sectors = sectors_of(self.doc[cand.start:cand.end].text)
            if sectors:
                return sectors
        for cand in group:  # "state news agency SPA"
            left = self.doc[left_edge(self.doc, cand.start):cand.start].text
            sectors = sectors_of(left, min_weight=2)
            if sectors:
                return sectors
        return []

    def _person_country(self, group: list[Candidate], entry: Entry | None) -> str | None:
        given = frozenset(name_key(c.name.split()[0]) for c in group if " " in c.name)
        self.described_countries.update(
            filter(None, (self.places.descriptor_country(c, noun=True) for c in group)))
        for cand in group:
            found = self.places.role_country(cand)
            if found:
                return found
        known = self._known_country(entry)
        if known:
            return known
        found = next(filter(None, (self.places.descriptor_country(c, given=given) for c in group)), None)
        if found:
            self.described.add(id(group[0]))
        return found

    def _known_country(self, entry: Entry | None) -> str | None:
        """The dictionary's country: ours as it is; the derived dictionary's (namesakes
        abound among its 18,000 office holders: "Mike Brown" of Saint Vincent) only when
        the article names that country, its people or one of its places."""
        if entry is None or not entry.country:
            return None
        if entry.source == "own" or entry.country in self.named_countries:
            return entry.country
        return None

    def place_the_rest(self) -> None:
        """People with a government role of no named country: the country of whoever quotes
        them, or of the officials listed with them (once every person is built)."""
        for group, actor in self.unplaced:
            if not government_role(group[0], actor.sectors) and not any(
                    government_role(c, actor.sectors) for c in group):
                continue
            for cand in group:
                found = (self.places.quoting_country(cand)
                         or self.places.list_country(cand, self.people))
                if found:
                    actor.country = found
                    break

    def _person_sectors(self, group: list[Candidate], entry: Entry | None) -> list[str]:
        """The organizations named in the roles ("Houthis' military spokesman" -> REB), else
        institution words of the roles ("police"), else role nouns, else the dictionary
        (its roles in force on the article's date)."""
        roles = [_TO_WHOM.split(r)[0] for c in group for r in c.roles]
        orgs = [self.org_at[i] for c in group for s, e in c.role_spans for i in range(s, e)
                if i in self.org_at and not _after_to(self.doc, s, i)]
        tiers = [[x for org in orgs for x in org.sectors],
                 [x for r in roles for x in sectors_of(r, min_weight=2)],
                 [x for r in roles for x in sectors_of(r)],
                 list(entry.sectors_on(self.day)) if entry is not None else []]
        for tier in tiers:
            if tier:
                return list(dict.fromkeys(tier))
        return []


def _entry_of(group: list[Candidate], known: Dictionary) -> Entry | None:
    entry = next((c.entry for c in group if c.entry is not None), None)
    return known.resolve(entry) if entry is not None else None


def _order(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """Organizations and groups first (people borrow their country), then the rest."""
    first = [g for g in groups if g[0].kind in (ORG, GROUP)]
    return first + [g for g in groups if g[0].kind not in (ORG, GROUP)]


def _title_end(doc: Doc, sections: list[Section]) -> int:
    """Index of the first token after the title."""
    end = next((s.end for s in sections if s.kind == "title"), 0)
    for token in doc:
        if token.idx >= end:
            return token.i
    return len(doc)


def build_table(
    doc: Doc, article: Article, sections: list[Section]
) -> tuple[list[Actor], list[Mention], dict[int, str]]:
    """Actors (in order of first mention), their mentions and the token -> actor id map."""
    known = _dictionary(doc)
    cands = surname_candidates(doc, acronym_candidates(doc, entity_candidates(doc, known)), known)
    cands = title_case_filter(doc, cands, _title_end(doc, sections))
    _add_roles(doc, cands)
    groups = cluster(cands)
    definite_references(doc, groups)
    builder = _Builder(doc, cands, known, article.published, article.id)
    made = {id(g): builder.actor(g) for g in _order(groups)}
    builder.place_the_rest()
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    token_actor: dict[int, str] = {}
    sent_of = _sentence_index(doc)
    for group in groups:
        actor = actors.setdefault(made[id(group)].id, made[id(group)])
        for cand in sorted(group, key=lambda c: c.start):
            span = doc[cand.start:cand.end]
            mentions.append(Mention(article.id, span.start_char, span.end_char,
                                    sent_of[cand.start], span.text, actor.id))
            for i in range(cand.start, cand.end):
                token_actor[i] = actor.id
    mentions.sort(key=lambda m: m.start)
    counts = Counter(m.actor_id for m in mentions)
    for group in groups:
        if id(group[0]) in builder.described:
            counts[made[id(group)].id] = 0
    if len(builder.described_countries) < INTERNATIONAL_DESCRIPTORS:
        place_at_home([(a, counts[a.id]) for a in actors.values()], builder.homeless)
    return list(actors.values()), mentions, token_actor
