"""Lists as flat tables (CSV cells, JSON lines) and events as GDELT or PLOVER, for exports.

The CLI's ``export`` and list commands and the API's ``/api/export/{kind}``
write what a list shows, through `Queries.rows` (the same filters and sort,
no row cap): one flat row per item, with actor lists as ``;``-joined names
beside their ids.
DOCS: docs/api.md
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

COLUMNS: dict[str, list[str]] = {
    "events": ["id", "date", "date_precision", "plover", "cameo", "quad_class", "goldstein", "mode",
               "actors", "actor_ids", "recipients", "recipient_ids", "trigger", "evidence",
               "location_name", "location_country", "lat", "lon", "reported_by", "speaker", "negated",
               "hypothetical", "hedged", "in_caption", "confidence", "num_mentions", "num_articles",
               "num_sources", "outlet", "title", "url", "article_id"],
    "articles": ["id", "published", "outlet", "title", "url", "tokens"],
    "actors": ["id", "name", "kind", "country", "sectors", "roles", "aliases", "mentions", "articles"],
    "quotes": ["id", "published", "speaker", "speaker_id", "kind", "text", "cue", "outlet", "title",
               "article_id"],
    "stories": ["id", "articles", "outlets", "first", "last", "title"],
}


def cell(value: Any) -> Any:
    """One CSV cell: names for actors, ``;``-joined lists, JSON for anything else nested."""
    if isinstance(value, dict):
        return value.get("name") or value.get("id") or ""
    if isinstance(value, list):
        return "; ".join(str(cell(v)) for v in value)
    return "" if value is None else value


def flat(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row as its list's CSV columns."""
    out = {c: cell(row.get(c)) for c in COLUMNS[kind]}
    if kind == "events":
        for side in ("actor", "recipient"):
            out[f"{side}_ids"] = "; ".join(a["id"] for a in row.get(f"{side}s") or [])
    return out


def json_default(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def event_lines(store: Any, fmt: str, *, sort: str | None = None, mentions: bool = False,
                flagged: bool = True, **filters: Any) -> Iterator[str]:
    """The filtered events as GDELT 2.0 rows or PLOVER JSON lines (article by article).

    Each event of a story is one row with its NumMentions, NumSources and
    NumArticles, unless ``mentions`` (every report, counts of 1). GDELT rows
    leave out negated and hypothetical events unless ``flagged``.
    """
    from .. import exports
    from .rebuild import readings

    chosen: dict[str, tuple[int, int, int]] = {}
    articles: set[str] = set()
    for row in store.rows("events", sort=sort, mentions=mentions, **filters):
        chosen[row["id"]] = (row["num_mentions"], row["num_sources"], row["num_articles"])
        articles.add(row["article_id"])
    if not chosen:
        return
    items = readings(store.engine, ids=articles)
    if fmt == "gdelt":
        for cells in exports.gdelt_rows(items, counts=chosen, flagged=flagged):
            yield "\t".join(cells) + "\n"
        return
    for record in exports.plover_records(items, counts=chosen):
        if mentions:
            for key in ("num_mentions", "num_sources", "num_articles"):
                record.pop(key, None)
        yield json.dumps(record, ensure_ascii=False) + "\n"
