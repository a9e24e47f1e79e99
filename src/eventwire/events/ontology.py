"""CAMEO codes -> PLOVER type, mode and context, quad class and Goldstein score.

The table is data (``data/cameo_plover.tsv``, derived from the official
CAMEO2PLOVER-2021 conversion table, CC BY-SA 4.0); it is read once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..datafiles import DATA, rows
from ..errors import EventwireError

TABLE_FILE = DATA / "cameo_plover.tsv"


@dataclass(frozen=True, slots=True)
class Code:
    """What one CAMEO code means in PLOVER and on the Goldstein scale."""

    cameo: str
    plover: str
    mode: str | None
    contexts: tuple[str, ...] = field(default=())
    quad_class: int = 0
    goldstein: float = 0.0
    description: str = ""


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Code]:
    """Every CAMEO code of the derived table, keyed by code."""
    codes: dict[str, Code] = {}
    for cells in rows(TABLE_FILE):
        cells = [c.strip() for c in cells] + [""] * (7 - len(cells))
        try:
            quad, goldstein = int(cells[4]), float(cells[5])
        except ValueError as err:
            raise EventwireError("E203", path=TABLE_FILE, detail=f"bad row {cells}") from err
        contexts = tuple(c for c in cells[3].split(",") if c)
        codes[cells[0]] = Code(cells[0], cells[1], cells[2] or None, contexts, quad, goldstein, cells[6])
    return codes


@functools.lru_cache(maxsize=512)
def lookup(cameo: str) -> Code:
    """The code itself, else its nearest listed parent (0312 -> 031 -> 03)."""
    codes = table()
    for size in range(len(cameo), 1, -1):
        found = codes.get(cameo[:size])
        if found is not None:
            return found if found.cameo == cameo else _as(found, cameo)
    raise EventwireError("E203", path=TABLE_FILE, detail=f"no CAMEO code {cameo!r} or parent")


def _as(parent: Code, cameo: str) -> Code:
    return Code(cameo, parent.plover, parent.mode, parent.contexts, parent.quad_class,
                parent.goldstein, parent.description)


def plover(cameo: str) -> str:
    """The PLOVER 2021 event type ("" for public statements, which PLOVER leaves out)."""
    return lookup(cameo).plover


def quad_class(cameo: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return lookup(cameo).quad_class


def goldstein(cameo: str) -> float:
    """The Goldstein score (-10 .. +10) of the code."""
    return lookup(cameo).goldstein


def root(cameo: str) -> str:
    """The two-digit CAMEO root ("0312" -> "03")."""
    return cameo[:2]


def base(cameo: str) -> str:
    """The three-digit CAMEO base code ("0312" -> "031")."""
    return cameo[:3]
