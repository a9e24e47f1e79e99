"""Events stage: CAMEO and PLOVER coding from the parse.

`code_events(doc, article, sections, table, frames)` returns the events of
one article. Modules: `code`, `lexicon` (trigger tables), `args` and
`roles` (actors and recipients), `modality` (negation, hedging, intent),
`ontology` (CAMEO -> PLOVER, quad class, Goldstein).
"""

from .code import code_events

__all__ = ["code_events"]
