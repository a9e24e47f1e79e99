"""What every list's filters and sort keys mean, and loud errors for values that match nothing.

The CLI, the HTTP API and the web UI pass the same filters to the store; an
unknown event type, country code or actor is error E409 with the closest
valid values (a typo or ``--country Iran`` never returns a silent empty list).
Sort keys are column names, ``-name`` for descending.
DOCS: docs/api.md
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select

from ..datafiles import DATA, read_tsv, rows
from ..errors import EventwireError
from ..records import normalise_text
from . import schema as t


def like(text: str, *, start: str = "%", end: str = "%") -> str:
    """A LIKE pattern matching ``text`` literally (its ``%``, ``_`` and ``\\`` escaped), between
    ``start`` and ``end``; use it with ``escape=LIKE_ESCAPE``. Every filter builds its patterns here."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{start}{escaped}{end}"


LIKE_ESCAPE = "\\"


# kind -> sort key -> the column it orders by (names only; queries map them to columns)
SORTS: dict[str, tuple[str, ...]] = {
    "events": ("date", "type", "cameo", "quad_class", "place", "outlet", "confidence", "mentions", "text"),
    "articles": ("published", "title", "outlet", "tokens"),
    "actors": ("mentions", "articles", "name", "kind", "country"),
    "quotes": ("published", "speaker", "kind", "text"),
    "stories": ("articles", "outlets", "first", "last", "title"),
}
DEFAULT_SORT = {"events": "-date", "articles": "-published", "actors": "-mentions",
                "quotes": "-published", "stories": "-articles"}


def sort_key(kind: str, sort: str | None) -> tuple[str, bool]:
    """(column name, descending) of a sort value such as ``-date``; unknown names are E409."""
    value = sort or DEFAULT_SORT[kind]
    name, descending = value.lstrip("-"), value.startswith("-")
    if name not in SORTS[kind]:
        raise EventwireError("E409", field="sort", value=value, closest=_closest(name, SORTS[kind]))
    return name, descending


def ordered(column: Any, descending: bool) -> Any:
    """``column`` ascending or descending, with empty values last either way."""
    return (column.desc() if descending else column.asc()).nulls_last()


@functools.lru_cache(maxsize=1)
def event_types() -> dict[str, str]:
    """Every PLOVER type and CAMEO code a ``type`` filter may name -> what it is."""
    out: dict[str, str] = {}
    for cells in rows(DATA / "cameo_plover.tsv"):
        if len(cells) > 2 and cells[0].strip().isdigit():
            cameo, plover = cells[0].strip(), cells[1].strip()
            out[cameo] = f"CAMEO {cameo} ({plover})"
            out.setdefault(plover, f"PLOVER {plover}")
    return out


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO alpha-3 code -> name, from the country table."""
    return {r["iso3"]: r["name"] for r in read_tsv(DATA / "countries.tsv") if r.get("iso3")}


def _closest(value: str, choices: Any, labels: dict[str, str] | None = None, limit: int = 3) -> str:
    from rapidfuzz import fuzz, process

    pool = {c: normalise_text(f"{c} {labels[c]}" if labels else c) for c in choices}
    found = process.extract(normalise_text(value), pool, scorer=fuzz.WRatio, limit=limit)
    return ", ".join(f"{c} ({labels[c]})" if labels and labels[c] != c else c for _s, _score, c in found) or "none"


def check_type(value: str | None) -> None:
    if value and value.upper() not in event_types() and value not in event_types():
        raise EventwireError("E409", field="type", value=value,
                             closest=_closest(value, [k for k in event_types() if not k.isdigit()]))


def check_country(value: str | None) -> None:
    if value and value.upper() not in countries():
        by_name = {c: n for c, n in countries().items()}
        raise EventwireError("E409", field="country", value=value, closest=_closest(value, by_name, by_name))


def check_actor(store: Any, field: str, value: str | None) -> list[str]:
    """The ids ``value`` names (id, name or alias); none is E409 with the closest actor names."""
    if not value:
        return []
    ids: list[str] = store.actor_ids(value)
    if ids:
        return ids
    with store.engine.connect() as conn:
        names = sorted({r.name for r in conn.execute(select(t.actors.c.name))})
    raise EventwireError("E409", field=field, value=value, closest=_closest(value, names))


def check_month(value: str | None) -> None:
    if value and not (len(value) == 7 and value[4] == "-" and value.replace("-", "").isdigit()):
        raise EventwireError("E409", field="month", value=value, closest="YYYY-MM, e.g. 2024-03")


def month_of(column: Any, dialect: str) -> Any:
    """``YYYY-MM`` of a date column, in this database's SQL."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def week_of(column: Any, dialect: str) -> Any:
    """The Monday of a date column's week, in this database's SQL."""
    if dialect == "postgresql":
        return func.date_trunc("week", column)
    return func.date(column, "weekday 0", "-6 days")


def month_range(month: str) -> tuple[date, date]:
    """First and last day of ``YYYY-MM``."""
    year, number = int(month[:4]), int(month[5:7])
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def date_range(stmt: Select[Any], column: Any, since: date | None, until: date | None) -> Select[Any]:
    if since:
        stmt = stmt.where(column >= since)
    if until:
        stmt = stmt.where(column <= until)
    return stmt
