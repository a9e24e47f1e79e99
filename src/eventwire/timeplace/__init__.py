"""Dates relative to publication and places from the embedded gazetteer.

`place_events` dates and places the events of one article; `resolve_date`
and `geocode` are the library calls behind it. Modules: `places`,
`dates`, `gazetteer`.
DOCS: docs/timeplace.md
"""

from .dates import resolve_date
from .gazetteer import geocode
from .places import place_events

__all__ = ["geocode", "place_events", "resolve_date"]
