"""Counting functions of the scorer for title, captions, credits, actors and quotes.

Each returns counts, ``{name: (numerator, denominator)}``, never rates, so
files can be summed before dividing (micro-averaging). Pure: no model.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from .text import actor_names, contains_word, find_spans, fold, fold_map, overlaps
from ..records import Actor, Reading

Counts = dict[str, tuple[int, int]]


def count_title(gold_title: str | None, title: str) -> Counts:
    """Title accuracy: folded equality (not scored when the gold has none)."""
    if gold_title is None:
        return {"accuracy": (0, 0)}
    return {"accuracy": (int(fold(gold_title) == fold(title)), 1)}


def count_strings(gold: Iterable[str], system: Iterable[str]) -> Counts:
    """Precision and recall over distinct folded strings (captions, credits)."""
    gold_set = {fold(s) for s in gold if fold(s)}
    system_set = {fold(s) for s in system if fold(s)}
    hits = len(gold_set & system_set)
    return {"precision": (hits, len(system_set)), "recall": (hits, len(gold_set))}


# --------------------------------------------------------------- actors


def _gold_forms(gold_actor: dict[str, Any], text: str) -> set[str]:
    """Surface forms of a gold actor: aliases, plus its name where the text uses it."""
    forms = {fold(a) for a in gold_actor.get("aliases") or [] if fold(a)}
    name = fold(gold_actor.get("name"))
    if name and contains_word(text, name):
        forms.add(name)
    return forms


def _best_actor(gold_actor: dict[str, Any], system: list[tuple[Actor, set[str]]]) -> Actor | None:
    """The system actor sharing most names with the gold actor (first on ties)."""
    wanted = {fold(gold_actor.get("name"))} | {fold(a) for a in gold_actor.get("aliases") or []}
    wanted.discard("")
    best: Actor | None = None
    best_shared = 0
    for actor, names in system:
        shared = len(wanted & names)
        if shared > best_shared:
            best, best_shared = actor, shared
    return best


def _role_hits(gold_roles: Sequence[str], actor: Actor | None) -> int:
    """Gold roles found, case-folded, inside some role the system recorded."""
    roles = [fold(r) for r in actor.roles] if actor else []
    return sum(1 for g in gold_roles if fold(g) and any(fold(g) in r for r in roles))


def _actor_counts(gold_actors: list[dict[str, Any]], system: list[tuple[Actor, set[str]]]) -> Counts:
    """Recall, country, sector and role counts over the gold actors."""
    found = country = country_n = sector = sector_n = roles = roles_n = 0
    for gold in gold_actors:
        roles_n += len(gold.get("roles") or [])
        actor = _best_actor(gold, system)
        if actor is None:
            continue
        found += 1
        roles += _role_hits(gold.get("roles") or [], actor)
        if gold.get("country"):
            country_n += 1
            country += int(fold(actor.country) == fold(gold["country"]))
        if gold.get("sector"):
            sector_n += 1
            sectors = {fold(s) for s in actor.sectors}
            sector += int(any(fold(s) in sectors for s in gold["sector"]))
    return {
        "recall": (found, len(gold_actors)),
        "country_accuracy": (country, country_n),
        "sector_accuracy": (sector, sector_n),
        "role_recall": (roles, roles_n),
    }


def _pair_counts(gold_actors: list[dict[str, Any]], system_names: list[set[str]], text: str) -> Counts:
    """Alias pairs: gold same-actor pairs vs pairs of gold forms the system joins."""
    forms_of = [_gold_forms(g, text) for g in gold_actors]
    gold_pairs = {frozenset(p) for forms in forms_of for p in itertools.combinations(forms, 2)}
    every_form = set().union(*forms_of) if forms_of else set()
    joined: set[frozenset[str]] = set()
    for names in system_names:
        inside = sorted(names & every_form)
        joined |= {frozenset(p) for p in itertools.combinations(inside, 2)}
    right = sum(1 for pair in joined if any(pair <= forms for forms in forms_of))
    return {
        "alias_pair_precision": (right, len(joined)),
        "alias_pair_recall": (len(gold_pairs & joined), len(gold_pairs)),
    }


def count_actors(gold: dict[str, Any], reading: Reading, text: str) -> Counts:
    """All actor counts for one file; ``text`` is the article's folded layout text."""
    gold_actors = [a for a in gold.get("actors") or [] if isinstance(a, dict)]
    system = [(actor, actor_names(actor)) for actor in reading.actors]
    counts = _actor_counts(gold_actors, system)
    counts.update(_pair_counts(gold_actors, [names for _, names in system], text))
    every_name = set().union(*(names for _, names in system)) if system else set()
    violations = sum(1 for name in gold.get("not_actors") or [] if fold(name) in every_name)
    counts["not_actor_violations"] = (violations, 0)
    return counts


# --------------------------------------------------------------- quotes


def _quote_matches(needle: str, reading: Reading) -> list[int]:
    """Indexes of system quotes whose quote-blind folded text contains ``needle``."""
    return [i for i, q in enumerate(reading.quotes) if needle and needle in fold(q.text, drop_quotes=True)]


def _speaker_right(gold_speaker: str | None, quote_ids: list[int], reading: Reading) -> bool:
    """Whether any matching system quote is attributed to the gold speaker."""
    wanted = fold(gold_speaker)
    for i in quote_ids:
        speaker = reading.quotes[i].speaker_id
        if speaker and wanted in actor_names(reading.actor(speaker)):
            return True
    return False


def _quote_right(index: int, reading: Reading, gold_spans: list[tuple[int, int]], needles: list[str]) -> bool:
    """A system quote is right when it overlaps some gold quote in the article."""
    quote = reading.quotes[index]
    if overlaps((quote.start, quote.end), gold_spans):
        return True
    text = fold(quote.text, drop_quotes=True)
    return bool(text) and any(n in text or text in n for n in needles)


def count_quotes(gold: dict[str, Any], reading: Reading, layout_text: str) -> Counts:
    """Quote recall and speaker counts over required gold quotes; precision over system quotes."""
    gold_quotes = [q for q in gold.get("quotes") or [] if isinstance(q, dict)]
    needles = [fold(q.get("contains"), drop_quotes=True) for q in gold_quotes]
    found = speakers = required = 0
    for quote, needle in zip(gold_quotes, needles, strict=True):
        if quote.get("optional"):
            continue
        required += 1
        hits = _quote_matches(needle, reading)
        if hits:
            found += 1
            speakers += int(_speaker_right(quote.get("speaker"), hits, reading))
    folded, offsets = fold_map(layout_text, drop_quotes=True)
    spans = [s for n in needles for s in find_spans(folded, offsets, n)]
    right = sum(1 for i in range(len(reading.quotes)) if _quote_right(i, reading, spans, needles))
    return {
        "precision": (right, len(reading.quotes)),
        "recall": (found, required),
        "speaker_accuracy": (speakers, found),
    }
