"""Entity ruler fed from the gazetteer and the actor dictionary (issue 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def add_entity_ruler(nlp: Language, *, actors_file: str | None = None) -> None:
    """Placeholder until the actors stage lands: adds nothing."""
    return None
