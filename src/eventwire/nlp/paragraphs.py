"""Sentence starts at paragraph breaks, so no sentence spans two sections."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("eventwire_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Make each line-break token a sentence of its own.

    The parser keeps sentence starts set before it, so a title, a caption
    and the paragraph after it are never parsed as one sentence. (Marking
    the word after the break instead makes the parser split that word off.)
    """
    for token in doc[1:]:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = True
    return doc


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences without the whitespace-only ones; list index = sentence index."""
    return [s for s in doc.sents if not all(t.is_space for t in s)]
