"""Actors stage: actors of many articles whose names clash, for the duplicate test and
scripts/review_actors.py (issue 13).

DOCS: docs/actors.md
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .data import institution_words
from .names import _words, name_key, person_key, surname_key


def generic(name: str) -> bool:
    """A name made only of institution words ("Foreign Ministry", "Senate")."""
    words = institution_words()
    return all(w.lower() in words for w in name.split())


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
