"""`eventwire load`: a batch's output into a store, exactly as `eventwire ingest` would have stored it.

`load` replays the batch's input in the order `ingest` reads it (chunks in
plan order, records in input order within a chunk) through the same
`service.ingest` loop, with a stand-in for the pipeline that hands back
what the batch read for each article. So republications (wire copies, also
across chunks), copies of articles that failed, stories and actor merges
come out table by table as from one ingest of the same input.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..records import Article, Reading, Skip, reading_from_dict

#: Articles handed to the store at a time (as `eventwire ingest` does).
BATCH = 32


class Replay:
    """Stands in for `Pipeline` in `service.ingest`: the batch's reading (or skip) of each article."""

    def __init__(self) -> None:
        self.results: dict[tuple[str, str], Reading | Skip] = {}
        self._recent: deque[tuple[str, str]] = deque()

    def remember(self, article: Article, result: Reading | Skip) -> None:
        """Keep ``result`` until the ingest loop is well past it (memory stays bounded); by id and
        origin, as the same text may come twice (the second is then unchanged)."""
        key = (article.id, article.origin)
        self.results[key] = result
        self._recent.append(key)
        while len(self._recent) > 8 * BATCH:
            self.results.pop(self._recent.popleft(), None)

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Skip]:
        for article in articles:
            found = self.results.get((article.id, article.origin))
            yield found if found is not None else Skip(
                article.origin or article.id, "E202", "article could not be processed: not in the batch output")


def _chunk_order(out: Path) -> list[str]:
    """Ids of the finished chunks, in the order the plan made them."""
    marked = []
    for path in (out / "_done").glob("*.json"):
        chunk = json.loads(path.read_text()).get("chunk", {})
        marked.append(((chunk.get("index", 0), chunk.get("source", ""), chunk.get("start", 0)), path.stem))
    return [stem for _key, stem in sorted(marked)]


def _files(out: Path, table: str) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(out.glob(f"{table}/date=*/*.parquet")):
        found[path.stem].append(path)
    return found


def _rows(paths: list[Path], columns: list[str] | None = None) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in paths:
        table = pq.read_table(path)
        names = [c for c in (columns or table.column_names) if c in table.column_names]
        rows += table.select(names).to_pylist()
    return rows


def replayed(out: str | Path, replay: Replay) -> Iterator[Article | Skip]:
    """The batch's input as `ingest` reads it: articles (their results kept in ``replay``) and skips."""
    out = Path(out)
    articles, skips = _files(out, "articles"), _files(out, "skips")
    for chunk_id in _chunk_order(out):
        entries: list[tuple[int, int, Any]] = []
        for n, row in enumerate(_rows(articles.get(chunk_id, []), ["reading", "_seq"])):
            entries.append((_seq(row, n), 0, reading_from_dict(json.loads(row["reading"]))))
        for n, row in enumerate(_rows(skips.get(chunk_id, []))):
            entries.append((_seq(row, n), 1, row))
        for _seq_, _kind, entry in sorted(entries, key=lambda e: (e[0], e[1])):
            yield _entry(entry, replay)


def _seq(row: dict[str, Any], n: int) -> int:
    seq = row.get("_seq")
    return seq if seq is not None else 1_000_000_000 + n  # output of an older batch: file order


def _entry(entry: Any, replay: Replay) -> Article | Skip:
    if isinstance(entry, Reading):
        replay.remember(entry.article, entry)
        return entry.article
    skip = Skip(entry["source"], entry["code"], entry["message"], line=entry["line"], id=entry["id"])
    if not entry.get("_article"):
        return skip
    article = reading_from_dict({"article": json.loads(entry["_article"])}).article
    replay.remember(article, skip)  # the pipeline failed on it: ingest stores this skip
    return article


def load(out: str | Path, store: Any) -> dict[str, int]:
    """Put a batch's output into a store, as `eventwire ingest` would (idempotent)."""
    from ..service import ingest

    replay = Replay()
    summary = ingest(replayed(out, replay), pipeline=replay, store=store, batch_size=BATCH)  # type: ignore[arg-type]
    return {"articles": summary.read, "stored": summary.stored, "unchanged": summary.unchanged,
            "republications": summary.duplicates, "skips": sum(summary.skips.values())}


def stored_readings(out: str | Path) -> Iterator[Reading]:
    """Every Reading a batch wrote, in a stable order."""
    import pyarrow.parquet as pq

    for path in sorted(Path(out).glob("articles/date=*/*.parquet")):
        for text in pq.read_table(path, columns=["reading"]).column("reading").to_pylist():
            yield reading_from_dict(json.loads(text))
