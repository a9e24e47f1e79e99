"""Chunks of big inputs: planning, reading, the unit of work every engine runs, Parquet output and `load`.

Input files (JSONL, Parquet, WARC; local paths or pyarrow filesystem URLs)
are cut into chunks. Each chunk is read, run through the same `Pipeline`
the CLI uses, and written as Parquet tables partitioned by publication
date (``OUT/<table>/date=YYYY-MM-DD/<chunk>.parquet``), then marked done in
``OUT/_done/``. A rerun skips finished chunks and rewrites unfinished ones
under the same file names, so a killed run loses nothing and duplicates
nothing. Ids are content hashes, so any engine or worker gives the same
rows. `load` puts the tables into a store exactly as `eventwire ingest`
would (republications included).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import EventwireError
from ..records import Article, Reading, Skip, reading_from_dict, stable_id, to_dict

CHUNK_SIZE = 64
TABLES = ("articles", "actors", "mentions", "events", "quotes", "skips")


@dataclass(frozen=True, slots=True)
class Chunk:
    """Records [start, stop) of one input (lines for JSONL, rows for Parquet; a WARC is one chunk)."""

    source: str
    kind: str
    start: int
    stop: int

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
                total = sum(1 for _ in handle)
        chunks += [Chunk(source, kind, i, min(i + chunk_size, total)) for i in range(0, total, chunk_size)]
    return chunks


def read_chunk(chunk: Chunk) -> Iterator[Article | Skip]:
    """The articles and skips of one chunk, numbered as `eventwire ingest` numbers them."""
    from ..ingest.jsonl import json_lines, record_or_skip
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
        lines = [
            (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw).rstrip("\n")
            for n, raw in enumerate(handle) if chunk.start <= n < chunk.stop
        ]
    yield from json_lines(lines, chunk.source, first=chunk.start + 1)


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


def chunk_rows(readings: list[Reading], skips: list[Skip]) -> dict[str, list[dict[str, Any]]]:
    """Flat rows per table; every row carries the partition date of its article."""
    from ..store.rows import article_row, event_row, quote_row

    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for reading in readings:
        article = reading.article
        day = article.published.isoformat() if article.published else "unknown"
        row = article_row(article, article.layout()[0], reading)
        row["reading"] = json.dumps(to_dict(reading), ensure_ascii=False)
        row["ingested_at"] = None  # output depends on the input only, not on when it ran
        tables["articles"].append({**row, "_date": day})
        for actor in reading.actors:
            tables["actors"].append({**to_dict(actor), "article_id": article.id, "_date": day})
        for m in reading.mentions:
            tables["mentions"].append({**to_dict(m), "_date": day})
        tables["events"] += [{**event_row(e), "_date": day} for e in reading.events]
        tables["quotes"] += [{**quote_row(q), "_date": day} for q in reading.quotes]
    for skip in skips:
        tables["skips"].append({**to_dict(skip), "created_at": None, "_date": "unknown"})
    return tables


def write_chunk(out: Path, chunk: Chunk, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Write a chunk's tables, then its done marker (the last step, so a kill redoes the chunk)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    extra = {"articles": {"reading": pa.string()}, "actors": {"article_id": pa.string()}}
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
    """Read, process and write one chunk: the unit of work every engine runs."""
    items = list(read_chunk(chunk))
    skips = [i for i in items if isinstance(i, Skip)]
    readings: list[Reading] = []
    for result in pipeline.read([i for i in items if isinstance(i, Article)]):
        (skips if isinstance(result, Skip) else readings).append(result)  # type: ignore[arg-type]
    tables = chunk_rows(readings, skips)
    write_chunk(out, chunk, tables)
    return {"articles": len(readings), "skips": len(skips), "events": len(tables.get("events", []))}


def pending(chunks: list[Chunk], out: Path) -> list[Chunk]:
    return [c for c in chunks if not (out / "_done" / f"{c.id}.json").exists()]


# ------------------------------------------------------------------ load


def stored_readings(out: str | Path) -> Iterator[Reading]:
    """Every Reading a batch wrote, in a stable order."""
    import pyarrow.parquet as pq

    for path in sorted(Path(out).glob("articles/date=*/*.parquet")):
        for text in pq.read_table(path, columns=["reading"]).column("reading").to_pylist():
            yield reading_from_dict(json.loads(text))


def load(out: str | Path, store: Any) -> dict[str, int]:
    """Put a batch's output into a store, as `eventwire ingest` would (idempotent)."""
    import pyarrow.parquet as pq

    from ..stories.similarity import minhash

    index = store.duplicate_index()
    counts: Counter[str] = Counter()
    for reading in stored_readings(out):
        article = reading.article
        counts["articles"] += 1
        if store.has_article(article.id) or store.is_known_copy(article.id):
            counts["unchanged"] += 1
            continue
        signature = minhash(article)
        original = index.original(signature)
        if original is not None:
            store.add_source(original, article)
            counts["republications"] += 1
            continue
        store.put_reading(reading, signature=signature)
        index.add(article.id, signature)
        counts["stored"] += 1
    skips = []
    for path in sorted(Path(out).glob("skips/date=*/*.parquet")):
        for row in pq.read_table(path).to_pylist():
            skips.append(Skip(row["source"], row["code"], row["message"], line=row["line"], id=row["id"]))
    store.put_skips(skips)
    counts["skips"] = len(skips)
    return dict(counts)
