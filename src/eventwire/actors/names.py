"""Name keys that say when two written names are one actor's, within and across articles.

- `name_key`: spelling-blind (accents, case, hyphens, dots, spaces dropped).
- `person_key`: a person's given name and surname, middle names and initials dropped
  ("Donald J. Trump" = "Donald Trump", "James B. Comey" = "James Comey") and short
  given names read as full ones ("Phil" = "Philip", data/nicknames.tsv); the id of a
  person the dictionary does not know is made from it, so every article that names
  them in full gives the same id.
- `duplicate_groups`: actors of a store (or of many readings) whose names clash, for
  the duplicate test and scripts/review_actors.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von", "de", "da",
                        "der", "den", "du", "la", "le", "di", "dos", "del"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_POSSESSIVE = re.compile(r"['’]s?$")
#: words of names that say whose they are not, set by the actors stage (data.institution_words)
_GENERIC_WORDS: set[str] = set()
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Spelling-blind key for names: accents, case, hyphens, dots and spaces dropped."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub("", text)


def _words(name: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w) for w in name.replace("’", "'").split()]
    words = [w for w in words if w and name_key(w)]
    while len(words) > 2 and name_key(words[-1]) in _SUFFIXES:
        words = words[:-1]
    return words


def generic(name: str) -> bool:
    """A name made only of institution words ("Foreign Ministry", "Senate")."""
    if not _GENERIC_WORDS:
        from .data import institution_words

        _GENERIC_WORDS.update(institution_words())
    return all(w.lower() in _GENERIC_WORDS for w in name.split())


def surname_key(name: str) -> str:
    """Key of the surname: the last word, with the particles before it ("al-Assad" and
    "Bashar al Assad" both give "alassad"; "von der Leyen" gives "vonderleyen")."""
    words = _words(name)
    if not words:
        return ""
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return name_key("".join(words[i:]))


def person_key(name: str) -> str:
    """Key of a person's first given name and surname; a one-word name is its own key."""
    words = _words(name)
    if len(words) < 2:
        return name_key(name)
    surname = surname_key(name)
    given = next((w for w in words if len(name_key(w)) > 1), words[0])
    if name_key(given) == surname or len(surname) < 2:
        return name_key(name)
    key = name_key(given)
    return nicknames().get(key, key) + "|" + surname


@functools.lru_cache(maxsize=1)
def nicknames() -> dict[str, str]:
    """Short given names -> full ones (data/nicknames.tsv): "phil" -> "philip"."""
    from ..datafiles import DATA, read_tsv

    return {row["nickname"]: row["given"] for row in read_tsv(DATA / "nicknames.tsv")}


def _keyed(actors: Sequence[tuple[str, str, str, list[str], str | None]]
           ) -> dict[str, dict[str, set[str]]]:
    """name key / person key / surname -> actor ids, over names and aliases. A name that
    says whose it is not ("Foreign Ministry", "Senate": `generic`) is keyed with its
    country, since two countries' ministries are two actors."""
    index: dict[str, dict[str, set[str]]] = {"name": defaultdict(set), "person": defaultdict(set),
                                             "surname": defaultdict(set)}
    for ident, name, kind, aliases, country in actors:
        if kind == "country":
            continue
        for form in (name, *aliases):
            if len(form.split()) > 1 or form == name:
                key = name_key(form)
                index["name"][f"{key}|{country or ''}" if generic(form) else key].add(ident)
        if kind == "person" and len(_words(name)) > 1:
            index["person"][person_key(name)].add(ident)
            index["surname"][surname_key(name)].add(ident)
    return index


def duplicate_groups(
    actors: Iterable[tuple[str, str, str, list[str], str | None]],
    articles: dict[str, set[str]] | None = None,
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Groups of actors (id, name, kind) that look like one, each with why: "name" (the
    same spelling-blind name or full-name alias), "person" (the same given name and
    surname), "surname" (a one-word person name that is the surname of exactly one person
    named in full, in an article that names them in full too) or "surname-elsewhere" (the
    article of the one-word name never writes the full name: only other articles do).

    ``actors``: (id, name, kind, aliases, country); ``articles``: id -> the articles
    that mention it (without it every surname group is "surname"). Names shared by two
    people in full ("Bill Clinton", "Hillary Clinton") are no duplicates; a lone surname
    they share is ambiguous and is not listed.
    """
    actors = list(actors)
    about = {a[0]: (a[0], a[1], a[2]) for a in actors}
    index = _keyed(actors)
    found: list[tuple[str, frozenset[str]]] = []
    for kind in ("name", "person"):
        found += [(kind, frozenset(ids)) for ids in index[kind].values() if len(ids) > 1]
    for ident, name, kind, _, _ in actors:
        if kind != "person" or len(_words(name)) != 1:
            continue
        owners = index["surname"].get(surname_key(name), set()) - {ident}
        if len(owners) == 1:
            owner = next(iter(owners))
            shared = articles is None or bool(articles.get(ident, set()) & articles.get(owner, set()))
            found.append(("surname" if shared else "surname-elsewhere", frozenset(owners | {ident})))
    out: dict[frozenset[str], str] = {}
    for why, ids in found:
        out.setdefault(ids, why)
    return sorted(((why, sorted((about[i] for i in ids), key=lambda a: a[1]))
                   for ids, why in out.items()), key=lambda g: (g[0], g[1][0][1]))


def searched_keys(actors: Iterable[tuple[str, str, str, list[str], str | None]]) -> dict[str, int]:
    """How many distinct keys of each kind `duplicate_groups` compared (for the record)."""
    index = _keyed(list(actors))
    return {kind: len(keys) for kind, keys in index.items()}
