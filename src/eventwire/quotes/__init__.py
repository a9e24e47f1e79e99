"""Quotes stage: quote marks, speakers and attribution frames.

`find_quotes(doc, article, sections, table)` returns the quotes of one
article and the attribution frames events read their sources from.
Modules: `find`, `marks` (pairing quote marks), `kinds` (direct, partial, title, scare),
`speakers` (who said a direct quote), `attribution` (cues and sources).
DOCS: docs/quotes.md
"""

from .find import Frame, find_quotes

__all__ = ["Frame", "find_quotes"]
