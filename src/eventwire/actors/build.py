"""Actors stage, step 4: merged mentions -> Actor records, Mention records and the token map.

Countries and sectors are settled here, organizations before people so a
person's role can lend them its organization's country ("White House
spokesman" -> USA).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .data import cities, countries, dictionary, institution_words, name_key
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
from .refs import definite_references
from .roles import role_spans, sectors_of
from .ruler import ACTORS_FILE_ATTR
from ..nlp.paragraphs import sentences
from ..records import Actor, Article, Mention, Section, actor_id

if TYPE_CHECKING:
    from .data import Dictionary, Entry

#: a role's institution after "to" is where the person is sent, not whom they serve
_TO_WHOM = re.compile(r"\s+to\s+", re.IGNORECASE)
GOVERNMENT_LIKE = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})
_NEAR = 4
_LEFT_STOP = frozenset({"VERB", "AUX", "ADP", "CCONJ", "DET"})


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
    for cand in people:
        start = cand.form_start if cand.form_start >= 0 else cand.start
        inner = honorific_at(doc, start, cand.end)
        honorific = doc[start:start + (inner or cand.start - start)].text
        office = bool(honorific) and bool(sectors_of(honorific))
        for s, e in role_spans(doc, cand.start if office else start, cand.end,
                               blocked - set(range(start, cand.end))):
            if office and e == cand.start:
                e = start + (inner or cand.start - start)
            cand.role_spans.append((s, e))
            cand.roles.append(doc[s:e].text)
        if office and not any(honorific in r for r in cand.roles):
            cand.roles.append(honorific)


def _word_country(doc: Doc, start: int, end: int, *, name: bool = False) -> str | None:
    """A country named, adjectivised or located (a city) by words in tokens [start, end); last wins.

    With ``name``, the span ends with an organization's name, whose last word
    names no country unless after "of" ("Cleveland Indians" is no Indian team).
    """
    table = countries()
    for i in range(end - 1, start - 1, -1):
        token = doc[i]
        if not (token.is_title or token.is_upper):
            continue
        for n in (2, 1):
            if name and i == end - 1 and (i - n < 0 or doc[i - n].lower_ != "of"):
                continue
            if i - n + 1 >= start:
                text = doc[i - n + 1:i + 1].text
                found = table.lookup(text)
                if found:
                    return found[0].iso3
                city = cities().get(name_key(text))
                if city:
                    return city
    return None


def _after_to(doc: Doc, start: int, i: int) -> bool:
    """Whether token ``i`` follows a "to" in the role from ``start`` ("ambassador to the UN")."""
    return any(t.lower_ == "to" for t in doc[start:i])


def _inner_entry(doc: Doc, cand: Candidate, known: Dictionary) -> Entry | None:
    """A dictionary organization named inside a longer name (longest first)."""
    size = cand.end - cand.start
    for n in range(min(size - 1, 4), 0, -1):
        for i in range(cand.start, cand.end - n + 1):
            entry = known.lookup(doc[i:i + n].text)
            if entry is not None and entry.kind != "person":
                return entry
    return None


def _generic(name: str) -> bool:
    """A name made only of institution words ("Foreign Ministry"): its country is in the context."""
    words = institution_words()
    return all(w.lower() in words for w in name.split())


def _left_edge(doc: Doc, start: int) -> int:
    """Start of the modifiers right before an organization ("Iranian state IRIB")."""
    i = start
    while i > 0 and start - i < _NEAR:
        token = doc[i - 1]
        if (token.is_punct and token.text not in ("'s", "’s")) or token.pos_ in _LEFT_STOP:
            break
        i -= 1
    return i


def _nearest_country(cand: Candidate, country_at: dict[int, str], sent_of: list[int],
                     later: dict[int, str] | None = None) -> str | None:
    """The country of the nearest country (or organization) mention before ``cand`` in its sentence,
    else of the first mention after it that ``later`` allows, else (for people, who pass
    ``later``) the first one of the sentence before (its topic, as a rule).

    A country named after a person is often the other side ("President X
    threatened Russia"), so only demonyms and places of action ("in Sudan")
    count there (``later``).
    """
    sentence = sent_of[cand.start]
    i = cand.start - 1
    while i >= 0 and sent_of[i] == sentence:
        if i in country_at:
            return country_at[i]
        i -= 1
    j = cand.end
    while later and j < len(sent_of) and sent_of[j] == sentence:
        if j in later:
            return later[j]
        j += 1
    first = None
    while later is not None and i >= 0 and sent_of[i] == sentence - 1:  # the sentence before
        first = country_at.get(i, first)
        i -= 1
    return first


def _later_countries(doc: Doc, cands: list[Candidate]) -> dict[int, str]:
    """Tokens that may lend their country to a person named before them: demonyms and
    places of action."""
    out: dict[int, str] = {}
    for cand in cands:
        if cand.kind == COUNTRY and cand.country is not None and cand.how == "demonym":
            out[cand.start] = cand.country.iso3
    for ent in doc.ents:
        root = ent.root
        if root.dep_ != "pobj" or root.head.lower_ not in ("in", "inside", "across", "throughout"):
            continue
        kb = ent.kb_id_
        if kb.startswith(("city:", "country:")):
            out[ent.start] = kb.split(":", 1)[1]
    return out


class _Builder:
    """Turns merged candidate groups into actors, one article at a time."""

    def __init__(self, doc: Doc, cands: list[Candidate], sent_of: list[int],
                 known: Dictionary) -> None:
        self.doc = doc
        self.dictionary = known
        self.cands = cands
        self.sent_of = sent_of
        self.country_at: dict[int, str] = {}
        self.org_at: dict[int, Actor] = {}
        self.person_at: dict[int, Actor] = {}  # people built so far ("Erdogan's spokesman")
        self._later: dict[int, str] | None = None
        for cand in cands:
            if cand.kind == COUNTRY and cand.country is not None:
                for i in range(cand.start, cand.end):
                    self.country_at[i] = cand.country.iso3

    def actor(self, group: list[Candidate]) -> Actor:
        first = group[0]
        name = canonical_name(group)
        entry = next((c.entry for c in group if c.entry is not None), None)
        if first.kind == COUNTRY and first.country is not None:
            return Actor(name, "country", first.country.iso3, id=first.country.actor_id,
                         aliases=surface_aliases(group, name))
        if first.kind == PERSON:
            country, sectors = self._person_country(group), self._person_sectors(group)
        else:
            country, sectors = self._org_country(group), self._org_sectors(group)
        roles = list(dict.fromkeys(r for c in group for r in c.roles))
        kind = entry.kind if entry is not None and entry.kind != "country" else first.kind
        external = {"wikidata": entry.wikidata} if entry is not None and entry.wikidata else {}
        key = entry.key if entry is not None else actor_id(kind, name_key(name), country)
        actor = Actor(name, kind, country, sectors, roles, surface_aliases(group, name),  # type: ignore[arg-type]
                      external, id=key)
        where = self.org_at if first.kind in (ORG, GROUP) else self.person_at
        for cand in group:
            for i in range(cand.start, cand.end):
                where[i] = actor
        return actor

    def _org_country(self, group: list[Candidate]) -> str | None:
        entry = next((c.entry for c in group if c.entry is not None), None)
        if entry is not None:
            return entry.country
        if any(c.how == "ethnic" for c in group):
            return None
        for cand in group:
            found = _word_country(self.doc, _left_edge(self.doc, cand.start), cand.end, name=True)
            if found:
                return found
        for cand in group:  # "White House National Security Council"
            inner = _inner_entry(self.doc, cand, self.dictionary)
            if inner is not None and inner.country:
                return inner.country
        if _generic(group[0].name) and GOVERNMENT_LIKE & set(self._org_sectors(group)):
            return _nearest_country(group[0], self.country_at, self.sent_of)
        return None

    def _org_sectors(self, group: list[Candidate]) -> list[str]:
        """From the dictionary, else the words of its names ("Russian National Guard"),
        else of the words right before it ("state news agency SPA")."""
        entry = next((c.entry for c in group if c.entry is not None), None)
        if entry is not None and entry.sectors:
            return list(entry.sectors)
        for cand in group:
            sectors = sectors_of(self.doc[cand.start:cand.end].text)
            if sectors:
                return sectors
        for cand in group:  # "state news agency SPA"
            left = self.doc[_left_edge(self.doc, cand.start):cand.start].text
            sectors = sectors_of(left, min_weight=2)
            if sectors:
                return sectors
        return []

    def _role_country(self, cand: Candidate) -> str | None:
        for s, e in cand.role_spans:
            for i in range(e - 1, s - 1, -1):
                if i in self.country_at:
                    return self.country_at[i]
                other = self.org_at.get(i) or self.person_at.get(i)
                if other is not None and other.country:
                    return other.country
            found = _word_country(self.doc, s, e)
            if found:
                return found
        return None

    def _person_country(self, group: list[Candidate]) -> str | None:
        for cand in group:
            found = self._role_country(cand)
            if found:
                return found
        entry = next((c.entry for c in group if c.entry is not None), None)
        if entry is not None and entry.country:
            return entry.country
        if not any(c.roles for c in group):
            return None
        near = dict(self.country_at)
        near.update({i: a.country for i, a in self.org_at.items()
                     if a.country and GOVERNMENT_LIKE & set(a.sectors)})
        if self._later is None:
            self._later = _later_countries(self.doc, self.cands)
        later = self._later
        for cand in group:
            found = _nearest_country(cand, near, self.sent_of, later)
            if found:
                return found
        return None

    def _person_sectors(self, group: list[Candidate]) -> list[str]:
        """The organizations named in the roles ("Houthis' military spokesman" -> REB), else
        institution words of the roles ("police"), else role nouns, else the dictionary."""
        roles = [_TO_WHOM.split(r)[0] for c in group for r in c.roles]
        orgs = [self.org_at[i] for c in group for s, e in c.role_spans for i in range(s, e)
                if i in self.org_at and not _after_to(self.doc, s, i)]
        entry = next((c.entry for c in group if c.entry is not None), None)
        tiers = [[x for org in orgs for x in org.sectors],
                 [x for r in roles for x in sectors_of(r, min_weight=2)],
                 [x for r in roles for x in sectors_of(r)],
                 list(entry.sectors) if entry is not None else []]
        for tier in tiers:
            if tier:
                return list(dict.fromkeys(tier))
        return []


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


def _body_start(doc: Doc, sections: list[Section]) -> int:
    """Index of the first token of the body (after title and standfirst)."""
    start = next((s.start for s in sections if s.kind == "body"), 0)
    for token in doc:
        if token.idx >= start:
            return token.i
    return len(doc)


def build_table(
    doc: Doc, article: Article, sections: list[Section]
) -> tuple[list[Actor], list[Mention], dict[int, str]]:
    """Actors (in order of first mention), their mentions and the token -> actor id map."""
    known = _dictionary(doc)
    cands = surname_candidates(doc, acronym_candidates(doc, entity_candidates(doc, known)))
    cands = title_case_filter(doc, cands, _title_end(doc, sections))
    _add_roles(doc, cands)
    groups = cluster(cands, body_start=_body_start(doc, sections))
    definite_references(doc, groups)
    builder = _Builder(doc, cands, _sentence_index(doc), known)
    made = {id(g): builder.actor(g) for g in _order(groups)}
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    token_actor: dict[int, str] = {}
    sent_of = builder.sent_of
    for group in groups:
        actor = actors.setdefault(made[id(group)].id, made[id(group)])
        for cand in sorted(group, key=lambda c: c.start):
            span = doc[cand.start:cand.end]
            mentions.append(Mention(article.id, span.start_char, span.end_char,
                                    sent_of[cand.start], span.text, actor.id))
            for i in range(cand.start, cand.end):
                token_actor[i] = actor.id
    mentions.sort(key=lambda m: m.start)
    return list(actors.values()), mentions, token_actor
