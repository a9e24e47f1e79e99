"""Unnamed agents of a state as event sides: "Afghan police", "Seattle police", "the justice
department", "investigators" (issue 12).

Unnamed groups are no actors (actors/find.py): an event reads the country they belong to.
A noun phrase names a state agent when its words have a state sector in the sector tables
(data/sectors.tsv under the PETRARCH agents: police -> COP, justice department -> JUD) or
its head is a plural `state_agent` word of data/event_words.tsv ("investigators",
"authorities"). A singular role noun ("the president") is one person, whom coreference
may find, not the state: a singular noun counts only when it is a `state_body` word
("the justice department", "police", "the consulate").
Its country: a demonym, country or place among its modifiers ("Afghan police", "Seattle
police"), else the article's home country (`actors.home`: most of the placed mentions),
else none.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..actors.home import home_country
from ..actors.roles import sectors_of
from .lexicon import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors.find import ActorTable

#: token, table -> the country actor ids a place stands for
Places = Callable[["Token", "ActorTable"], list[str]]
#: sectors of the state: an unnamed group with one of them belongs to a country
STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})
MODIFIER_DEPS = ("compound", "amod", "nmod")


def _phrase(token: Token) -> str:
    """The noun with its compound and adjective modifiers ("justice department")."""
    parts = [c for c in token.children if c.dep_ in MODIFIER_DEPS and c.i < token.i] + [token]
    return " ".join(t.lower_ for t in sorted(parts, key=lambda t: t.i))


def common_noun(token: Token) -> bool:
    """A common noun, also when the model tags a lower-case one as a name ("called on the justice
    department": justice/NNP department/NNP)."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_lower)


def state_agent(token: Token) -> bool:
    """Whether a common noun names an unnamed agent of a state."""
    lemma = token.lemma_.lower()
    if not common_noun(token) and not (token.pos_ == "PROPN" and lemma in words("state_body")):
        return False  # a body's own name not in the dictionaries counts too: "the German Consulate"
    if token.tag_ != "NNS" and lemma not in words("state_body"):
        return False  # one person named by a role ("the president said") is someone, not the state
    if lemma in words("state_agent") or token.lower_ in words("state_agent"):
        return True
    return _state_phrase(_phrase(token))


@functools.lru_cache(maxsize=8192)
def _state_phrase(phrase: str) -> bool:
    return bool(STATE_SECTORS & set(sectors_of(phrase)))


def _modifier_country(token: Token, table: ActorTable, place_country: Places) -> str | None:
    from ..actors.data import countries

    for child in token.children:
        if child.dep_ not in MODIFIER_DEPS or not (child.is_title or child.is_upper):
            continue
        found = countries().lookup(child.text)
        if found:
            return table.country_actor(found[0].iso3)
        if child.ent_type_ in ("GPE", "LOC"):
            placed = place_country(child, table)
            if placed:
                return placed[0]
    return None


def _home(table: ActorTable) -> str | None:
    """The article's home country, computed once per actor table."""
    cached = table.__dict__.get("_events_home")
    if cached is None:
        cached = table.__dict__["_events_home"] = (home_country(table.actors, table.mentions),)
    return cached[0]


def agent_country(token: Token, table: ActorTable, place_country: Places) -> list[str]:
    """The country actor an unnamed state agent belongs to, or nothing (``place_country``:
    the country actors a place token stands for, `args.place_country`)."""
    if not state_agent(token):
        return []
    found = _modifier_country(token, table, place_country)
    if found is None:
        home = _home(table)
        found = table.country_actor(home) if home else None
    return [found] if found else []
