"""Which coded events are stored: political sides, required recipients, wire captions.

The rules are data (``data/event_relevance.tsv``): the actor kinds and sector
codes that make a side political, the PLOVER types that need no recipient,
and the patterns of a photo caption that describes a dated action.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..datafiles import DATA, read_tsv

if TYPE_CHECKING:
    from ..actors.find import ActorTable
    from ..records import Actor, Event

RULES_FILE = DATA / "event_relevance.tsv"


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, frozenset[str]]:
    """rule -> its values (kind, sector, no_recipient, caption)."""
    found: dict[str, set[str]] = {}
    for row in read_tsv(RULES_FILE):
        found.setdefault(row["rule"], set()).add(row["value"])
    return {k: frozenset(v) for k, v in found.items()}


@functools.lru_cache(maxsize=1)
def _captions() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in sorted(rules().get("caption", ())))


def political(actor: Actor | None) -> bool:
    """A country, or an actor whose sectors include a political one."""
    if actor is None:
        return False
    if actor.kind in rules().get("kind", ()) or any(s in rules().get("sector", ()) for s in actor.sectors):
        return True
    national = actor.kind in rules().get("national_kind", ()) and bool(actor.country)
    return national and not any(s in rules().get("other_sector", ()) for s in actor.sectors)


def needs_recipient(plover: str) -> bool:
    """Whether an event of this PLOVER type must have a recipient."""
    return plover not in rules().get("no_recipient", ())


def relevant(event: Event, table: ActorTable) -> bool:
    """A political actor, or a non-political one acting on a political recipient."""
    if not event.actors:  # an unnamed actor: judged by the sides module when the event is made
        return True
    if any(political(table.by_id(a)) for a in event.actors):
        return True
    return bool(event.actors) and any(political(table.by_id(r)) for r in event.recipients)


def wire_caption(text: str) -> bool:
    """Whether a caption is a wire photo caption describing a dated action."""
    text = text.strip()
    return any(p.search(text) for p in _captions())
