"""Quotes stage: direct, partial and indirect quotes with speakers (issue 5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .records import Article, Quote, Section

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ActorTable


@dataclass(slots=True)
class Frame:
    """An attribution frame: text [start, end) is reported by ``source``.

    ``source`` is the reporting actor's id (the outlet or agency that
    reported, "IRIB reported that ..."); ``speaker`` the actor whose words
    they are, where known ("state media quoted Kanaani as saying ...").
    """

    start: int
    end: int
    source: str | None
    speaker: str | None = None
    cue: str | None = None
    hedged: bool = False


def find_quotes(
    doc: Doc, article: Article, sections: list[Section], actors: ActorTable
) -> tuple[list[Quote], list[Frame]]:
    return [], []
