"""eventwire: who did what to whom, when, where and on whose word, from news text."""

from __future__ import annotations

import logging

from .errors import EventwireError, InputError, StoreError
from .records import (
    Actor,
    Article,
    DateValue,
    Event,
    Mention,
    Place,
    Quote,
    Reading,
    Skip,
)

__all__ = [
    "Actor",
    "Article",
    "DateValue",
    "Event",
    "EventwireError",
    "InputError",
    "Mention",
    "Place",
    "Quote",
    "Reading",
    "Skip",
    "StoreError",
    "__version__",
    "geocode",
    "process",
    "resolve_date",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Heavy parts (spaCy, gazetteer) load only when asked for."""
    if name == "process":
        from .pipeline import process

        return process
    if name in ("resolve_date", "geocode"):
        from . import timeplace

        return getattr(timeplace, name)
    raise AttributeError(name)
