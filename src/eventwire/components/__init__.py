"""spaCy components, one per module; `register` adds them to a Language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def register(nlp: Language, *, actors_file: str | None = None) -> None:
    """Add eventwire's components to ``nlp`` (called once per Language)."""
    from . import paragraphs  # noqa: F401  (registers the factory)
    from .entity_ruler import add_entity_ruler

    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("eventwire_paragraphs", before=before)
    add_entity_ruler(nlp, actors_file=actors_file)
