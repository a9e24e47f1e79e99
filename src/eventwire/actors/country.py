"""Actors stage: the country of an actor, from knowledge first, then from what the text says.

A country is given only when something supports it (issue 13):
- the dictionary (our rows, then the PETRARCH/Phoenix-derived ones);
- a role written with the name: a country, demonym or city in it ("Iranian Foreign
  Minister", "Iran's Chief of Police"), or an actor with a country named in it ("White
  House spokesman", "Clinton spokesman"); "... of Nigeria" right after the name;
- an organization's own name or the words right before it ("Russian National Guard",
  "Iranian state IRIB", "Bank of England");
- for a person whose role is a government office of no named country ("Foreign Ministry
  spokesperson", "First Deputy Interior Minister"): the country of the media or
  government quoting them ("Iranian state media quoted ..."), or of the other officials
  of a list of three or more named together whose roles agree on one country.
Never from a name that merely stands nearby: "Harvey Weinstein ... in Cannes" is no
Frenchman. Otherwise the country stays empty.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .data import (
    DATA,
    countries,
    institution_words,
    name_key,
    read_tsv,
    regional_demonym,
    role_places,
)
from .mentions import COUNTRY, PERSON, Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..records import Actor
    from .data import Dictionary, Entry

GOVERNMENT_LIKE = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})
#: entity labels whose words lend no country to a role ("Brazilian Grand Prix winner")
NOT_A_COUNTRY_SOURCE = frozenset({"EVENT", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "LANGUAGE"})
LIST_SIZE = 3
#: lower-case words a descriptor's demonym may stand before a name (`descriptor_country`)
DESCRIPTOR_WORDS = 2
_NEAR = 4
_LEFT_STOP = frozenset({"VERB", "AUX", "ADP", "CCONJ", "DET"})


@functools.lru_cache(maxsize=1)
def report_verbs() -> frozenset[str]:
    """Verbs whose subject reports what an official said ("quoted", data/report_verbs.tsv)."""
    return frozenset(row["lemma"] for row in read_tsv(DATA / "report_verbs.tsv"))


def _plural_demonym(text: str) -> bool:
    """ "Indians", "Iranians": a people or a team, not a nationality of a role."""
    key = name_key(text)
    return key.endswith("s") and key[:-1] in countries().by_demonym


def word_country(doc: Doc, start: int, end: int, *, name: bool = False) -> str | None:
    """A country named, adjectivised or located (a town, state or province: `role_places`)
    by words in tokens [start, end); last wins.

    With ``name``, the span ends with an organization's name, whose last word
    names no country unless after "of" ("Cleveland Indians" is no Indian team).
    Words after "to" name where someone is sent ("ambassador to Russia"), words of
    events, works and products none ("Brazilian Grand Prix").
    """
    table = countries()
    stop = next((i for i in range(start, end) if doc[i].lower_ == "to"), end)
    for i in range(stop - 1, start - 1, -1):
        token = doc[i]
        if not (token.is_title or token.is_upper) or token.ent_type_ in NOT_A_COUNTRY_SOURCE:
            continue
        for n in (3, 2, 1):
            if name and i == end - 1 and (i - n < 0 or doc[i - n].lower_ != "of"):
                continue
            if i - n + 1 >= start and all(t.is_title or t.is_upper or t.lower_ in ("of", "-")
                                          for t in doc[i - n + 1:i + 1]):
                text = doc[i - n + 1:i + 1].text
                found = table.lookup(text)
                if found and found[1] == "demonym" and regional_demonym(doc, i - n + 1):
                    break  # "North American": a region's, no country's
                if found and not (found[1] == "demonym" and _plural_demonym(text)):
                    return found[0].iso3
                place = role_places().get(name_key(text))
                if place:
                    return place
    return None


def inner_entry(doc: Doc, cand: Candidate, known: Dictionary) -> Entry | None:
    """A dictionary organization named inside a longer name (longest first)."""
    size = cand.end - cand.start
    for n in range(min(size - 1, 4), 0, -1):
        for i in range(cand.start, cand.end - n + 1):
            entry = known.lookup(doc[i:i + n].text)
            if entry is not None and entry.kind != "person":
                return known.resolve(entry)
    return None


def generic(name: str) -> bool:
    """A name made only of institution words ("Foreign Ministry"): which country's is not in it."""
    words = institution_words()
    return all(w.lower() in words for w in name.split())


def left_edge(doc: Doc, start: int) -> int:
    """Start of the modifiers right before an organization ("Iranian state IRIB")."""
    i = start
    while i > 0 and start - i < _NEAR:
        token = doc[i - 1]
        if (token.is_punct and token.text not in ("'s", "’s")) or token.pos_ in _LEFT_STOP:
            break
        i -= 1
    return i


class Places:
    """What the text says about countries, token by token, for one article."""

    def __init__(self, doc: Doc, cands: list[Candidate]) -> None:
        self.doc = doc
        self.country_at: dict[int, str] = {}
        for cand in cands:
            if cand.kind == COUNTRY and cand.country is not None:
                for i in range(cand.start, cand.end):
                    self.country_at[i] = cand.country.iso3
        self.actor_at: dict[int, Actor] = {}

    def role_country(self, cand: Candidate) -> str | None:
        """A country the roles written with a person name, else "of <country>" after it."""
        doc = self.doc
        for s, e in cand.role_spans:
            stop = next((i for i in range(s, e) if doc[i].lower_ == "to"), e)
            for i in range(stop - 1, s - 1, -1):
                if doc[i].ent_type_ in NOT_A_COUNTRY_SOURCE:
                    continue
                if i in self.country_at and not _plural_demonym(doc[i].text):
                    return self.country_at[i]
                other = self.actor_at.get(i)
                if other is not None and other.country:
                    return other.country
            found = word_country(doc, s, e)
            if found:
                return found
        at = cand.end
        if at + 1 < len(doc) and doc[at].lower_ == "of" and at + 1 in self.country_at:
            return self.country_at[at + 1]
        return None

    def descriptor_country(self, cand: Candidate, *, noun: bool = False,
                           given: frozenset[str] = frozenset()) -> str | None:
        """A demonym or a country's possessive right before a person's name, with at most
        DESCRIPTOR_WORDS lower-case words between ("Dutch driver Max Verstappen", "British
        presenter Chloe Madeley", "Sweden's Marcus Ericsson"): the newspaper's way of saying
        whose the person is (a plural demonym is a team or a people: "Indians pitcher").
        With ``noun``, only a demonym with a lower-case noun between ("French driver X", not
        "Canadian Prime Minister X"). A demonym that is the person's own given name
        (``given``: name keys; "Dane" of Dane Chinnery before a lone "Chinnery") is none."""
        doc = self.doc
        i = (cand.form_start if cand.form_start >= 0 else cand.start) - 1
        if i >= 0 and doc[i].text in ("'s", "’s") and not noun:
            i -= 1
            return self.country_at.get(i) if i >= 0 and doc[i].ent_type_ == "GPE" else None
        if noun and not (i >= 0 and doc[i].is_lower and doc[i].pos_ == "NOUN"):
            return None
        for _ in range(DESCRIPTOR_WORDS):
            if i < 0 or not doc[i].is_lower or doc[i].pos_ not in ("NOUN", "ADJ"):
                break
            i -= 1
        if i < 0 or i in range(cand.start, cand.end) or i not in self.country_at:
            return None
        token = doc[i]
        if token.ent_type_ != "NORP" or _plural_demonym(token.text) or regional_demonym(doc, i):
            return None
        if i == cand.start - 1 and name_key(token.text) in given:
            return None
        return self.country_at[i]

    def based_country(self, cand: Candidate) -> str | None:
        """The country of "<country>-based" right before an organization ("US-based Mondelez
        International", "UK-based Unilever")."""
        doc, at = self.doc, cand.start
        while at > 0 and doc[at - 1].lower_ == "the":
            at -= 1
        if at < 3 or doc[at - 1].lower_ != "based" or doc[at - 2].text not in ("-", "–"):
            return None
        return self.country_at.get(at - 3) or word_country(doc, at - 3, at - 2)

    def located_country(self, cand: Candidate) -> str | None:
        """The one country named in an "in/of" phrase of a generic institution's mention or of
        the noun it possesses: "the Prosecutor General's office in Moscow, Russia", "the
        Interior Ministry of Iraq" (a town alone lends none: it may be a namesake)."""
        end = cand.end
        while end - 1 > cand.start and self.doc[end - 1].tag_ in ("POS", "DT"):
            end -= 1  # the mention may end with its "'s"
        token: Token = self.doc[end - 1]
        holders = [token, token.head] if token.dep_ == "poss" else [token]
        found: set[str] = set()
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                    found |= {self.country_at[t.i] for o in prep.children if o.dep_ == "pobj"
                              for t in o.subtree if t.i in self.country_at}
        return found.pop() if len(found) == 1 else None

    def quoting_country(self, cand: Candidate) -> str | None:
        """The country of whoever reports a person's words: "Iranian state media quoted X"."""
        token: Token = self.doc[cand.end - 1]
        for _ in range(4):
            if token.pos_ == "VERB" or token.head.i == token.i:
                break
            token = token.head
        if token.lemma_ not in report_verbs():
            return None
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None or cand.start <= subject.i < cand.end:
            return None
        found = {self._country_on(t) for t in subject.subtree} - {None}
        return found.pop() if len(found) == 1 else None

    def _country_on(self, token: Token) -> str | None:
        if token.i in self.country_at:
            return self.country_at[token.i]
        actor = self.actor_at.get(token.i)
        if actor is not None and actor.country and (GOVERNMENT_LIKE | {"MED"}) & set(actor.sectors):
            return actor.country
        return None

    def list_country(self, cand: Candidate, people: list[tuple[Candidate, Actor]]) -> str | None:
        """The one country of the other officials in a list of LIST_SIZE or more people
        written "A, B and C" that the person belongs to."""
        members = _list_around(self.doc, cand, [c for c, _ in people])
        if len(members) < LIST_SIZE:
            return None
        found = {a.country for c, a in people if c in members and c is not cand and a.country}
        return found.pop() if len(found) == 1 else None


def _joined(doc: Doc, end: int, start: int) -> bool:
    """Whether only a comma and/or "and" stand between tokens [end, start)."""
    between = [t.lower_ for t in doc[end:start]]
    return bool(between) and all(w in (",", "and") for w in between) and len(between) <= 2


def _list_around(doc: Doc, cand: Candidate, people: list[Candidate]) -> list[Candidate]:
    """The people written in one list with ``cand`` (by their roles' and names' spans)."""
    def span(c: Candidate) -> tuple[int, int]:
        starts = [s for s, _ in c.role_spans if s < c.start] + [c.form_start if c.form_start >= 0
                                                                 else c.start]
        return min(starts), c.end

    ordered = sorted(people, key=lambda c: c.start)
    at = ordered.index(cand)
    members = [cand]
    i = at
    while i > 0 and _joined(doc, span(ordered[i - 1])[1], span(ordered[i])[0]):
        i -= 1
        members.insert(0, ordered[i])
    j = at
    while j + 1 < len(ordered) and _joined(doc, span(ordered[j])[1], span(ordered[j + 1])[0]):
        j += 1
        members.append(ordered[j])
    return members


def government_role(cand: Candidate, sectors: list[str]) -> bool:
    """Whether a person's roles are a government office that names no country."""
    return cand.kind == PERSON and bool(cand.roles) and bool(GOVERNMENT_LIKE & set(sectors))
