"""The language model: `build` loads it with eventwire's paragraph component.

Modules: `model` (loading, nothing downloaded at run time), `paragraphs`
(sentence starts at paragraph breaks, and `sentences`).
"""

from .model import MODEL, build, load_raw
from .paragraphs import sentences

__all__ = ["MODEL", "build", "load_raw", "sentences"]
