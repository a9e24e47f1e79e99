"""Chunks of big inputs: planning, reading, the unit of work every engine runs, Parquet output and `load`.

Input files (JSONL, Parquet, WARC; local paths or pyarrow filesystem URLs)
are cut into chunks. Each chunk is read, run through the same `Pipeline`
the CLI uses, and written as Parquet tables partitioned by publication
date (``OUT/<table>/date=YYYY-MM-DD/<chunk>.parquet``), then marked done in
``OUT/_done/``. A rerun skips finished chunks and rewrites unfinished ones
under the same file names, so a killed run loses nothing and duplicates
nothing. Ids are content hashes, so any engine or worker gives the same
rows. `load` puts the tables into a store exactly as `eventwire ingest`
would (`load.load`).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import EventwireError
from ..ingest.jsonl import iter_lines
from ..records import Article, Reading, Skip, stable_id, to_dict

CHUNK_SIZE = 64
TABLES = ("articles", "actors", "mentions", "events", "quotes", "skips")


@dataclass(frozen=True, slots=True)
class Chunk:
    """Records [start, stop) of one input (lines for JSONL, rows for Parquet; a WARC is one chunk);
    ``index`` is its place in the plan, the order `load` stores chunks in (not part of its id)."""

    source: str
    kind: str
    start: int
    stop: int
    index: int = 0

    @property
    def id(self) -> str:
        return stable_id("chunk", self.source, self.kind, self.start, self.stop)


# ------------------------------------------------------------------ input


def _open(source: str, mode: str = "rb") -> Any:
    if "://" in source and not source.startswith("file://"):
        import pyarrow.fs as pafs

        fs, path = pafs.FileSystem.from_uri(source)
        return fs.open_input_stream(path)
    return open(source.removeprefix("file://"), mode)


def _kind(source: str) -> str:
    lower = source.lower()
    if lower.endswith((".warc", ".warc.gz")):
        return "warc"
    if lower.endswith(".parquet"):
        return "parquet"
    if lower.endswith((".jsonl", ".ndjson", ".json", ".jsonl.gz")):
        return "jsonl"
    raise EventwireError("E406", detail=f"batch reads JSONL, Parquet or WARC files, not {source!r}")


def _expand(inputs: list[str]) -> list[str]:
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if "://" not in item and path.is_dir():
            out += sorted(str(p) for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            out.append(item)
    return out


def plan(inputs: list[str], *, chunk_size: int = CHUNK_SIZE) -> list[Chunk]:
    """Cut every input into chunks of at most ``chunk_size`` records."""
    chunks: list[Chunk] = []
    for source in _expand(inputs):
        kind = _kind(source)
        if kind == "warc":
            chunks.append(Chunk(source, kind, 0, 1))
            continue
        if kind == "parquet":
            import pyarrow.parquet as pq

            with _open(source) as handle:
                total = pq.ParquetFile(handle).metadata.num_rows
        else:
            with _open(source) as handle:
                total = sum(1 for _ in iter_lines(handle))
        chunks += [Chunk(source, kind, i, min(i + chunk_size, total), len(chunks) + n)
                   for n, i in enumerate(range(0, total, chunk_size))]
    return chunks


def read_chunk(chunk: Chunk) -> Iterator[Article | Skip]:
    """The articles and skips of one chunk, numbered as `eventwire ingest` numbers them."""
    from ..ingest.jsonl import raw_lines, record_or_skip
    from ..ingest.sources import read_bytes

    if chunk.kind == "warc":
        with _open(chunk.source) as handle:
            yield from read_bytes(handle.read(), name=chunk.source)
        return
    if chunk.kind == "parquet":
        import pyarrow.parquet as pq

        with _open(chunk.source) as handle:
            rows = pq.read_table(handle).slice(chunk.start, chunk.stop - chunk.start).to_pylist()
        for i, row in enumerate(rows, chunk.start + 1):
            yield record_or_skip(row, chunk.source, i)
        return
    with _open(chunk.source) as handle:
        lines = list(islice(iter_lines(handle), chunk.start, chunk.stop))
    if chunk.start == 0 and lines:
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    yield from raw_lines(lines, chunk.source, first=chunk.start + 1)


# ------------------------------------------------------------------ output


def _columns(table: str) -> dict[str, Any]:
    """Arrow types for a table's columns, taken from the store's schema."""
    import pyarrow as pa
    from sqlalchemy import Boolean, Date, Float, Integer

    from ..store import schema

    types: dict[str, Any] = {}
    for column in getattr(schema, table).columns:
        kind = column.type
        types[column.name] = (pa.int64() if isinstance(kind, Integer) else pa.float64() if isinstance(kind, Float)
                              else pa.bool_() if isinstance(kind, Boolean) else pa.date32() if isinstance(kind, Date)
                              else pa.string())
    return types


def _cell(value: Any, kind: Any) -> Any:
    import pyarrow as pa

    if value is None or kind != pa.string():
        return value
    return value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)


def _table(rows: list[dict[str, Any]], name: str, extra: dict[str, Any] | None = None) -> Any:
    import pyarrow as pa

    types = {**_columns(name), **(extra or {})}
    fields = [pa.field(c, t) for c, t in types.items()]
    data = {c: [_cell(r.get(c), t) for r in rows] for c, t in types.items()}
    return pa.Table.from_pydict(data, schema=pa.schema(fields))


def chunk_rows(readings: list[Reading], skips: list[Skip], *, order: dict[int, int] | None = None,
               failed: dict[int, Article] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Flat rows per table; every row carries the partition date of its article.

    Articles and skips also carry ``_seq``, their place in the chunk's input (``order``
    maps ``id()`` of a reading or skip to it), and the skip of an article the pipeline
    failed on carries that article (``failed``, by the skip's ``id()``): `load` replays
    the chunk's input in order, as `eventwire ingest` would have read it.
    """
    from ..store.rows import article_row, event_row, quote_row

    order, failed = order or {}, failed or {}
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for reading in readings:
        article = reading.article
        day = article.published.isoformat() if article.published else "unknown"
        row = article_row(article, article.layout()[0], reading)
        row["reading"] = json.dumps(to_dict(reading), ensure_ascii=False)
        row["ingested_at"] = None  # output depends on the input only, not on when it ran
        tables["articles"].append({**row, "_date": day, "_seq": order.get(id(reading))})
        for actor in reading.actors:
            tables["actors"].append({**to_dict(actor), "article_id": article.id, "_date": day})
        for m in reading.mentions:
            tables["mentions"].append({**to_dict(m), "_date": day})
        tables["events"] += [{**event_row(e), "_date": day} for e in reading.events]
        tables["quotes"] += [{**quote_row(q), "_date": day} for q in reading.quotes]
    for skip in skips:
        article = failed.get(id(skip))
        tables["skips"].append({**to_dict(skip), "created_at": None, "_date": "unknown", "_seq": order.get(id(skip)),
                                "_article": None if article is None else json.dumps(to_dict(article), ensure_ascii=False)})
    return tables


def write_chunk(out: Path, chunk: Chunk, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Write a chunk's tables, then its done marker (the last step, so a kill redoes the chunk)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    extra = {"articles": {"reading": pa.string(), "_seq": pa.int64()}, "actors": {"article_id": pa.string()},
             "skips": {"_seq": pa.int64(), "_article": pa.string()}}
    for name, rows in tables.items():
        by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_day[row.pop("_date")].append(row)
        for day, part in by_day.items():
            folder = out / name / f"date={day}"
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{chunk.id}.parquet.tmp"
            pq.write_table(_table(part, name, extra.get(name)), tmp)
            os.replace(tmp, folder / f"{chunk.id}.parquet")
    done = out / "_done"
    done.mkdir(parents=True, exist_ok=True)
    counts = {name: len(rows) for name, rows in tables.items()}
    (done / f"{chunk.id}.json").write_text(json.dumps({"chunk": asdict(chunk), "counts": counts}))


def process_chunk(chunk: Chunk, pipeline: Any, out: Path) -> dict[str, int]:
    """Read, process and write one chunk: the unit of work every engine runs.

    Nothing in the chunk's input stops it: a record the readers or any stage fail on
    is a skip in the chunk's skips table, and the chunk completes.
    """
    items = _chunk_items(chunk)
    order: dict[int, int] = {}
    failed: dict[int, Article] = {}
    skips: list[Skip] = []
    readings: list[Reading] = []
    articles = [(seq, item) for seq, item in enumerate(items) if isinstance(item, Article)]
    for seq, item in enumerate(items):
        if isinstance(item, Skip):
            skips.append(item)
            order[id(item)] = seq
    results = list(pipeline.read([a for _, a in articles]))
    for (seq, article), result in zip(articles, results, strict=True):
        order[id(result)] = seq
        if isinstance(result, Skip):
            failed[id(result)] = article
            skips.append(result)
        else:
            readings.append(result)
    tables = chunk_rows(readings, skips, order=order, failed=failed)
    write_chunk(out, chunk, tables)
    return {"articles": len(readings), "skips": len(skips), "events": len(tables.get("events", []))}


def _chunk_items(chunk: Chunk) -> list[Article | Skip]:
    """The chunk's input; a source that cannot be read at all is one skip, not a failed chunk."""
    try:
        return list(read_chunk(chunk))
    except Exception as err:  # a vanished file, a corrupt Parquet row group, ...
        detail = f"{type(err).__name__}: {err}"[:200]
        return [Skip(chunk.source, "E110", f"cannot read file: {detail}", line=chunk.start + 1)]


def pending(chunks: list[Chunk], out: Path) -> list[Chunk]:
    return [c for c in chunks if not (out / "_done" / f"{c.id}.json").exists()]
