"""Actors stage, last step: the article's home country for the actors it leaves unplaced.

News of one country names its own people without saying whose they are: "Republicans kept
up their criticism", "Mr. Gingrich praised Mr. Trump", "Lady Gaga protested". When one
country holds most of the article's placed mentions (HOME_SHARE of them, and at least
HOME_MENTIONS), an actor the text and the dictionaries leave without a country takes it:
people, groups and organizations not in a dictionary (the dictionary's own international
actors stay international; a derived dictionary's actor whose country the article does not
name takes the home country only when it is that one: "Newt Gingrich" in US news), not peoples ("Kurds"), not international bodies, and not a
generic institution ("Foreign Ministry", whose id says whose it is). In an article of
several countries nobody is placed this way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Actor, Mention

HOME_SHARE = 0.6
HOME_MENTIONS = 3
#: sectors of actors that belong to no one country
INTERNATIONAL = frozenset({"IGO", "NGO", "AMN"})


def home_country(actors: list[Actor], mentions: list[Mention]) -> str | None:
    """The country of most placed mentions, when it holds HOME_SHARE of them."""
    by_id = {a.id: a for a in actors}
    return _home(Counter(by_id[m.actor_id].country for m in mentions
                         if m.actor_id in by_id and by_id[m.actor_id].country))


def _home(counts: Counter[str | None]) -> str | None:
    total = sum(counts.values())
    if total < HOME_MENTIONS:
        return None
    iso3, top = counts.most_common(1)[0]
    return iso3 if top >= HOME_SHARE * total else None


def place_at_home(counted: Iterable[tuple[Actor, int]], unplaced: dict[str, str | None]) -> None:
    """Give the home country to the actors still without one (``counted``: each actor with
    its number of mentions; ``unplaced``: id -> the only country the actor may take, None for
    any), marked as a guess (`Actor.home`). Ids stay: the store lets a country given in
    another article win over the guess, and two guesses that disagree leave none
    (store/sql.py), so "Ferrari" is one actor in reports from Brazil and from Germany."""
    counted = list(counted)
    counts: Counter[str | None] = Counter()
    for actor, n in counted:
        if actor.country:
            counts[actor.country] += n
    home = _home(counts)
    if home is None:
        return
    for actor, _ in counted:
        if actor.id not in unplaced or actor.country is not None or INTERNATIONAL & set(actor.sectors):
            continue
        if unplaced[actor.id] in (None, home):
            actor.country, actor.home = home, True
