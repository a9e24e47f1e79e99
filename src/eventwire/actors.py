"""Actors stage: mentions in the parse -> actors with aliases, roles, country, sector.

Placeholder contract (issue 3 fills it in): `find_actors` returns an
`ActorTable` for one article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .records import Actor, Article, Mention, Section

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class ActorTable:
    """The actors of one article and where each is mentioned."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    #: token index -> actor id, for every token inside a mention
    token_actor: dict[int, str] = field(default_factory=dict)

    def by_id(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def at_token(self, i: int) -> Actor | None:
        actor_id = self.token_actor.get(i)
        return self.by_id(actor_id) if actor_id else None


def find_actors(doc: Doc, article: Article, sections: list[Section]) -> ActorTable:
    return ActorTable()
