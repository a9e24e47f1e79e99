"""Actors stage: mentions in the parse -> actors with aliases, roles, country and sector.

`find_actors(doc, article, sections)` returns the `ActorTable` of one
article; `add_entity_ruler` adds the component that labels dictionary and
gazetteer names. Modules: `find` (the table), `build`, `mentions`, `merge`,
`refs`, `roles`, `data` (the dictionaries) and `ruler`.
DOCS: docs/actors.md
"""

from .build import actor_key
from .find import ActorTable, find_actors
from .ruler import add_entity_ruler

__all__ = ["ActorTable", "actor_key", "add_entity_ruler", "find_actors"]
