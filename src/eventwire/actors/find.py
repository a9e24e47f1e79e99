"""Actors stage: mentions in the parse -> actors with aliases, roles, country, sector.

`find_actors(doc, article, sections)` returns an `ActorTable` for one article.

Decisions (issue 3):
- Countries: every name, short form or demonym of a country ("Iran",
  "Iranian", "the Islamic Republic", "Russian Federation") is a mention of one
  country actor (kind ``country``) whose id is the same in every article
  (`actors_data.Country.actor_id`). Demonyms and capitals are mentions, not
  aliases.
- A demonym modifying a noun ("Iranian police officials", "Russian and
  Iranian police officials") is a mention of its country actor on the
  demonym's own token, so events find the countries among the tokens of a
  subject's subtree (`ActorTable.actors_in`, `countries_in`). No extra
  "Iranian police" actor is made; an organization with a name of its own
  ("Russian National Guard") is an organization actor whose country comes
  from the demonym.
- A capital is a place, except when it acts: subject of a speech or decision
  verb (data/capital_verbs.tsv: "Moscow said", "Tehran denied") or of a verb
  with an object, agent of a passive ("rejected by Tehran"), or object of a
  speech/decision verb ("accused Moscow"). Then it is a mention of that
  country's country actor (not a separate GOV actor), so events see the
  country directly.
- Places (cities, regions), numbers and dates are never actors; photo credits
  are never parsed (`Article.layout`).
- Ids: the dictionary key when data/actors.tsv (or the user's file) knows the
  actor, else a hash of kind, spelling-blind name and country.
- Country of a person: from the role ("Russian ... Council", "Iran's Chief of
  Police", "White House spokesman"), else the dictionary, else (for people
  with a role) the nearest country mentioned before them in the sentence, or
  a demonym or place of action after them. Sectors: institution words of the
  role (data/sectors.tsv), else the organization named in it, else role nouns,
  else the dictionary.
- Unnamed groups ("Iranian police officials") are no actors: events read
  their countries with `actors_of_tokens(subtree)` and their sectors with
  `ActorTable.sectors_in(tokens)`.

See docs/actors.md for the data files and the dictionary format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .build import build_table
from .roles import sectors_of
from ..records import Actor, Article, Mention, Section

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token


@dataclass
class ActorTable:
    """The actors of one article and where each is mentioned."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    #: token index -> actor id, for every token inside a mention
    token_actor: dict[int, str] = field(default_factory=dict)
    _by_id: dict[str, Actor] = field(default_factory=dict, repr=False)

    def by_id(self, actor_id: str) -> Actor | None:
        if len(self._by_id) != len(self.actors):
            self._by_id = {a.id: a for a in self.actors}
        return self._by_id.get(actor_id)

    def at_token(self, i: int) -> Actor | None:
        actor_id = self.token_actor.get(i)
        return self.by_id(actor_id) if actor_id else None

    def country_actor(self, iso3: str) -> str | None:
        """The id of the country actor for ``iso3``, added unmentioned if the article has none
        (an event placed in Amman acts on Jordan); None for an unknown code."""
        for actor in self.actors:
            if actor.kind == "country" and actor.country == iso3:
                return actor.id
        from .data import countries

        country = countries().by_iso.get(iso3)
        if country is None:
            return None
        self.actors.append(Actor(country.name, "country", iso3, id=country.actor_id))
        return country.actor_id

    def country_of(self, actor_id: str) -> str | None:
        """ISO alpha-3 country of an actor (None when unknown or international)."""
        actor = self.by_id(actor_id)
        return actor.country if actor else None

    def actors_in(self, start: int, end: int) -> list[Actor]:
        """Distinct actors mentioned on tokens [start, end), in text order.

        For a subject phrase pass its subtree: "Russian and Iranian police
        officials" gives the Russia and Iran country actors.
        """
        seen: dict[str, Actor] = {}
        for i in range(start, end):
            actor_id = self.token_actor.get(i)
            if actor_id and actor_id not in seen:
                actor = self.by_id(actor_id)
                if actor is not None:
                    seen[actor_id] = actor
        return list(seen.values())

    def actors_of_tokens(self, tokens: Iterable[Token | int]) -> list[Actor]:
        """Distinct actors mentioned on any of the given tokens (or token indexes)."""
        seen: dict[str, Actor] = {}
        for token in tokens:
            i = token if isinstance(token, int) else token.i
            actor_id = self.token_actor.get(i)
            if actor_id and actor_id not in seen and (actor := self.by_id(actor_id)):
                seen[actor_id] = actor
        return list(seen.values())

    @staticmethod
    def sectors_in(tokens: Iterable[Token]) -> list[str]:
        """Sector codes named by the words of a phrase ("Iranian police officials" -> COP),
        for groups that are no actor of their own."""
        return sectors_of(" ".join(t.text for t in tokens))

    def countries_in(self, start: int, end: int) -> list[str]:
        """Distinct countries of the actors mentioned on tokens [start, end)."""
        out: list[str] = []
        for actor in self.actors_in(start, end):
            if actor.country and actor.country not in out:
                out.append(actor.country)
        return out


def find_actors(doc: Doc, article: Article, sections: list[Section]) -> ActorTable:
    """Actors, mentions and token map of one parsed article."""
    actors, mentions, token_actor = build_table(doc, article, sections)
    return ActorTable(actors=actors, mentions=mentions, token_actor=token_actor)
