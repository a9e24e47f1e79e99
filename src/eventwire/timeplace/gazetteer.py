"""Embedded gazetteer: countries, first-level divisions, US counties, towns down to
1,000 people, regions and landmarks (issues 6 and 18; sources in `gazdata`).

Names are indexed once (lazily, on first lookup) under a folded key. A lookup
ranks same-named places by the evidence the caller gives (see `best`): a
firm qualifier ("Forest City, Iowa"), then the article's countries, then
whether the name is the place's main name, then weight (population).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Collection, Sequence

from ..records import Place
from .gazdata import SMALL, Entry, fold
from .gazindex import Index, open_index

KINDS = ("country", "admin1", "admin2", "city", "region", "landmark")
#: an article country's place yields to a same-named place this many times weightier
HINT_RATIO = 20
#: a place this populous wins even when the name is only one of its alternates ("New York")
BIG = 1_000_000
#: letters an alternate name shares with the main name's start to count as a spelling of it
SPELLING = 4

_OPEN: dict[int, Index] = {}


def _index() -> Index:
    """The name index (`gazindex`), opened once per process (a forked child opens its own)."""
    found = _OPEN.get(os.getpid())
    if found is None:
        _OPEN.clear()
        found = _OPEN[os.getpid()] = open_index()
    return found


@functools.lru_cache(maxsize=1)
def _divisions() -> dict[tuple[str | None, str], Entry]:
    """(country, GeoNames first-level code) -> that division's entry; country -> its entry."""
    out: dict[tuple[str | None, str], Entry] = {}
    for found in _index().of_kinds("country", "admin1"):
        if found.kind == "admin1" and found.admin1:
            out.setdefault((found.country, found.admin1), found)
        elif found.kind == "country":
            out[(found.country, "")] = found
    return out


def division(country: str | None, code: str = "") -> Entry | None:
    """The first-level division (or with no code, the country) of a place's codes."""
    return _divisions().get((country, code))


def warm() -> None:
    """Open the name index now (built first, some seconds, if this machine has none)."""
    _index()


@functools.lru_cache(maxsize=1 << 14)
def entry(gid: str | None) -> Entry | None:
    """The gazetteer entry of an id (a Place's ``gazetteer_id``)."""
    return _index().entry(gid) if gid else None


@functools.lru_cache(maxsize=1 << 16)
def _named(key: str) -> tuple[tuple[Entry, bool], ...]:
    return tuple(_index().names(key))


def candidates(name: str) -> list[tuple[Entry, bool]]:
    """Every gazetteer place called ``name`` (main or alternate name; "Mt." read "Mount")."""
    key = fold(name)
    found = _named(key)
    if not found and " " in key:
        first, rest = key.split(" ", 1)
        if first in _abbrevs():
            found = _named(f"{_abbrevs()[first]} {rest}")
    return list(found)


@functools.lru_cache(maxsize=1)
def _abbrevs() -> dict[str, str]:
    """Abbreviated first words of place names (data/place_words.tsv, kind abbrev)."""
    from ..datafiles import DATA, rows

    pairs = [r[1].strip().split("=", 1) for r in rows(DATA / "place_words.tsv", header=True)
             if r and r[0] == "abbrev" and len(r) > 1 and "=" in r[1]]
    return {a: b for a, b in pairs}


def _fits(entry: Entry, within: tuple[str, str] | None) -> bool:
    """Whether the place lies in a qualifier's (country, admin1 code): "Forest City, Iowa"."""
    if within is None:
        return False
    country, admin1 = within
    return entry.country == country and (not admin1 or entry.admin1 == admin1) \
        and entry.kind not in ("country", "region")


def best(name: str, countries: Sequence[str] = (), hints: Sequence[str] = (),
         within: tuple[str, str] | None = None, kind: str = "") -> tuple[Entry, bool] | None:
    """The likeliest place called ``name`` and whether that is its main name.

    Ranked by ``within`` (a qualifier's country and first-level code, firm),
    ``countries`` (firm: the sentence's own countries), ``kind`` (the kind a place
    noun by the name gives: "Kunduz province" is the province), then ``hints`` (the
    article's countries, which do not make a place beat one over `HINT_RATIO`
    times its weight; a hint "USA:NV" names a division), then main name (or a
    big place), then weight. A town of
    under `SMALL` people is a candidate only when a qualifier, the sentence's
    or the article's countries support it.
    """
    wanted, hinted = set(countries), set(hints)
    found = [(e, m) for e, m in candidates(name)
             if not e.small or _fits(e, within) or e.country in wanted or e.country in hinted]
    if not found:
        return None
    floor = max(e.weight for e, _ in found) / HINT_RATIO

    def rank(item: tuple[Entry, bool]) -> tuple[bool, bool, bool, bool, bool, bool, int]:
        entry, main = item
        hint = entry.country in hinted and entry.weight >= floor
        division = hint and f"{entry.country}:{entry.admin1}" in hinted  # "Clark County" in Nevada
        return (_fits(entry, within), entry.country in wanted, bool(kind) and entry.kind == kind,
                hint, division, main or entry.population >= BIG, entry.weight)

    return max(found, key=rank)


@functools.lru_cache(maxsize=8192)
def _lookup(name: str, countries: tuple[str, ...], hints: tuple[str, ...],
            within: tuple[str, str] | None, kind: str) -> tuple[Entry, bool] | None:
    return best(name, countries, hints, within, kind)


def lookup(name: str, *, countries: Sequence[str] = (), hints: Sequence[str] = (),
           within: tuple[str, str] | None = None, kind: str = "") -> tuple[Place, bool] | None:
    """Like `geocode`, and whether ``name`` is the place's main name (not an alternate)."""
    if not name or not name.strip():
        return None
    found = _lookup(name.strip(), tuple(sorted(set(countries))), tuple(sorted(set(hints))),
                    within, kind)
    return (found[0].place(), found[1] or _spelling(found[0], name)) if found else None


def _spelling(entry: Entry, name: str) -> bool:
    """Whether ``name`` is a spelling of the place's main name ("Mazar-i-Sharif" of
    "Mazār-e Sharīf"), not another name ("White House" of Casablanca): same first word
    start, same number of words."""
    have, main = fold(name).split(), fold(entry.name).split()
    return len(have) == len(main) and have[0][:SPELLING] == main[0][:SPELLING]


def geocode(name: str, *, countries: Sequence[str] = (), hints: Sequence[str] = (),
            within: tuple[str, str] | None = None, kind: str = "") -> Place | None:
    """The gazetteer place called ``name``, ties broken by the article's ``countries``
    (``kind``: the kind a place noun by the name asks for, see `best`)."""
    found = lookup(name, countries=countries, hints=hints, within=within, kind=kind)
    return found[0] if found else None


def is_place(name: str, *, kinds: Collection[str] = KINDS, main_only: bool = False) -> bool:
    """Whether ``name`` names a gazetteer place of one of ``kinds`` (towns of `SMALL` people up).

    ``main_only`` ignores alternate names ("White House" is one of Casablanca's).
    """
    if not name or not name.strip():
        return False
    return any(entry.kind in kinds and (main or not main_only) and not entry.small
               for entry, main in candidates(name.strip()))


def qualifier(name: str) -> tuple[str, str] | None:
    """The (country, first-level code) a qualifier names: "Iowa" -> ("USA", "IA"), "Iran" ->
    ("IRN", ""); None when the name is no country or division (or several of them)."""
    found = {(e.country, e.admin1 if e.kind == "admin1" else "") for e, main in candidates(name)
             if e.country and (main or e.kind == "country") and e.kind in ("country", "admin1")}
    found |= _state_abbreviation(name)
    return found.pop() if len(found) == 1 else None


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, str]]:
    """AP-style US state abbreviations ("Mich.", "Calif.") from data/state_abbreviations.tsv."""
    from ..datafiles import DATA, rows

    return {fold(abbr): ("USA", code) for abbr, code, *_ in rows(DATA / "state_abbreviations.tsv",
                                                                header=True)}


def _state_abbreviation(name: str) -> set[tuple[str, str]]:
    found = _abbreviations().get(fold(name))
    return {found} if found else set()


def place_names(place: Place) -> set[str]:
    """The place's name and every other name the gazetteer knows for it (a landmark: its city's too)."""
    found = entry(place.gazetteer_id)
    names = {place.name}
    if found is not None:
        names.update(found.names)
        seat = entry(found.seat) if found.seat else None
        if seat is not None:
            names.update(seat.names)
    return names


__all__ = ["BIG", "HINT_RATIO", "KINDS", "SMALL", "Entry", "best", "candidates", "division", "entry",
           "fold", "geocode", "is_place", "lookup", "place_names", "qualifier", "warm"]
