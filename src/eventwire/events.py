"""Events stage: CAMEO and PLOVER coding from the parse (issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import Article, Event, Section

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ActorTable
    from .quotes import Frame


def code_events(
    doc: Doc,
    article: Article,
    sections: list[Section],
    actors: ActorTable,
    frames: list[Frame],
) -> list[Event]:
    return []
