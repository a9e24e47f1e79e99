"""Sentence starts at paragraph breaks, so no sentence spans two sections."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "eventwire_paragraphs", assigns=["token.is_sent_start"], requires=[]
)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start.

    The parser keeps sentence starts set before it, so titles, captions and
    paragraphs never run into each other.
    """
    previous_break = False
    for token in doc:
        if previous_break and not token.is_space:
            token.is_sent_start = True
            previous_break = False
        if token.is_space and "\n" in token.text or token.whitespace_ == "\n":
            previous_break = True
        elif "\n" in token.text_with_ws and not token.is_space:
            previous_break = True
    return doc
