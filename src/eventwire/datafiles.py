"""The one reader of the tab-separated tables under data/ (lexicons, word lists, dictionaries).

Lines starting with ``#`` are comments (licences, attributions) and blank
lines are skipped; a missing or unreadable file is error E203.
"""

from __future__ import annotations

import csv
from pathlib import Path

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
