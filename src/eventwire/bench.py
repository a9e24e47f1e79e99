"""`eventwire bench`: the pipeline's throughput against raw spaCy on the same articles.

A benchmark, not a test: it prints figures, it asserts nothing.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import Article

SHARED_NEWS = Path("..") / "shared" / "data" / "news_giveme5w1h" / "articles.jsonl"
SHARED_POLNEAR = Path("..") / "shared" / "data" / "polnear-dev" / "text"
EXAMPLES = Path("examples")


@dataclass
class Run:
    name: str
    articles: int
    tokens: int
    seconds: float
    peak_mb: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "articles": self.articles, "tokens": self.tokens,
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.articles / self.seconds, 2) if self.seconds else None,
            "tokens_per_s": round(self.tokens / self.seconds, 1) if self.seconds else None,
            "peak_rss_mb": round(self.peak_mb, 1),
        }


def _peak_mb() -> float:
    from .batch.pool import peak_mb

    return peak_mb()


def load_articles(path: str | None, limit: int | None) -> list[Article]:
    from .ingest import read_paths

    source = Path(path) if path else (SHARED_NEWS if SHARED_NEWS.exists() else EXAMPLES)
    articles = [a for a in read_paths([source]) if isinstance(a, Article)]
    return articles[:limit] if limit else articles


def _timed(name: str, n: int, work: Callable[[], int]) -> Run:
    """Time ``work``, which returns the number of tokens it read."""
    start = time.perf_counter()
    tokens = work()
    seconds = time.perf_counter() - start
    return Run(name, n, tokens, seconds, _peak_mb())


def bench(*, path: str | None = None, limit: int | None = None, batch_size: int = 16,
          repeat: int = 1) -> dict[str, Any]:
    """Raw `nlp.pipe`, the full pipeline, and the pipeline with storage, on the same articles."""
    from .nlp.model import load_raw
    from .pipeline import Pipeline
    from .service import ingest
    from .store import open_store

    articles = load_articles(path, limit)
    texts = [a.layout()[0] for a in articles]
    raw_nlp = load_raw()
    pipeline = Pipeline(batch_size=batch_size)
    list(raw_nlp.pipe(texts[:4]))  # warm both up: first batches pay one-off costs
    list(pipeline.read(articles[:4]))
    runs: list[Run] = []
    for _ in range(repeat):
        runs.append(_timed("raw nlp.pipe", len(texts),
                           lambda: sum(len(d) for d in raw_nlp.pipe(texts, batch_size=batch_size))))
        runs.append(_timed("eventwire pipeline", len(articles),
                           lambda: sum(getattr(r, "tokens", 0) for r in pipeline.read(articles))))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        runs.append(_timed("pipeline + SQLite store", len(articles), lambda: ingest(
            articles, pipeline=pipeline, store=store, batch_size=batch_size).tokens))
        store.close()
    raw = min((r for r in runs if r.name == "raw nlp.pipe"), key=lambda r: r.seconds)
    full = min((r for r in runs if r.name == "eventwire pipeline"), key=lambda r: r.seconds)
    stored = runs[-1]
    return {
        "articles": len(articles),
        "runs": [r.as_dict() for r in runs],
        "ratio_full_to_raw": round(raw.seconds / full.seconds, 3),
        "ratio_stored_to_raw": round(raw.seconds / stored.seconds, 3),
    }


def render(report: dict[str, Any]) -> str:
    lines = [f"{report['articles']} articles"]
    for run in report["runs"]:
        lines.append(
            f"  {run['name']:<26} {run['articles_per_s']:>8} articles/s {run['tokens_per_s']:>10} tokens/s"
            f"  peak RSS {run['peak_rss_mb']} MB"
        )
    lines.append(f"ratio full/raw: {report['ratio_full_to_raw']:.2f}   "
                 f"with storage/raw: {report['ratio_stored_to_raw']:.2f}   (target >= 0.80)")
    return "\n".join(lines)


def bench_engine(*, engine: str, path: str | None = None, limit: int | None = None,
                 workers: tuple[int, ...] = (1, 2), chunk_size: int = 8, copies: int = 3) -> dict[str, Any]:
    """Batch throughput with 1 and 2 workers, start-up and model loading included and excluded, against raw spaCy.

    The input is written ``copies`` times (each copy under its own URL, so a distinct
    article) to let the workers' start-up weigh less against the work.
    """
    import json

    from .batch import run
    from .nlp.model import load_raw

    articles = load_articles(path, limit)
    texts = [a.layout()[0] for a in articles]
    raw_nlp = load_raw()
    list(raw_nlp.pipe(texts[:4]))
    raw = _timed("raw nlp.pipe", len(texts), lambda: sum(len(d) for d in raw_nlp.pipe(texts, batch_size=16)))
    raw_rate = len(texts) / raw.seconds
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        source.write_text("\n".join(json.dumps({
            "title": a.title, "text": "\n\n".join(a.paragraphs), "published": a.published.isoformat()
            if a.published else None, "url": f"{a.url or a.id}#copy{k}", "outlet": a.outlet})
            for k in range(copies) for a in articles), encoding="utf-8")
        for n in workers:
            summary = run([str(source)], Path(tmp) / f"out{n}", engine=engine, workers=n, chunk_size=chunk_size)
            rate = summary["articles"] / summary["seconds"]
            work = summary.get("work_seconds") or summary["seconds"]
            rows.append({"workers": n, "articles": summary["articles"], "seconds": summary["seconds"],
                         "startup_seconds": round(summary["seconds"] - work, 2),
                         "articles_per_s": round(rate, 2), "ratio_to_raw_1_process": round(rate / raw_rate, 3),
                         "articles_per_s_after_startup": round(summary["articles"] / work, 2)})
    for key in ("articles_per_s", "articles_per_s_after_startup"):
        one = rows[0][key]
        for row in rows:
            row[key.replace("articles_per_s", "scaling_efficiency")] = (
                round(row[key] / (one * row["workers"]), 3) if one else None)
    return {"engine": engine, "articles": len(articles) * copies, "raw_articles_per_s": round(raw_rate, 2),
            "runs": rows}


def render_engine(report: dict[str, Any]) -> str:
    lines = [f"{report['engine']} engine, {report['articles']} articles; raw nlp.pipe (1 process) "
             f"{report['raw_articles_per_s']} articles/s"]
    for row in report["runs"]:
        lines.append(f"  {row['workers']} worker(s): {row['articles_per_s']} articles/s in {row['seconds']} s "
                     f"(ratio to raw {row['ratio_to_raw_1_process']}, scaling efficiency {row['scaling_efficiency']}); "
                     f"after {row['startup_seconds']} s start-up and model loading: "
                     f"{row['articles_per_s_after_startup']} articles/s, efficiency "
                     f"{row['scaling_efficiency_after_startup']}")
    return "\n".join(lines)


def bench_workers(*, path: str | None = None, limit: int | None = None,
                  workers: tuple[int, ...] = (1, 2), repeat: int = 1) -> dict[str, Any]:
    """`eventwire ingest` with storage, in 1 and N processes: articles/s and scaling efficiency.

    Each run starts from an empty SQLite file and stores every article as the
    CLI does (`service.ingest` over `batch.pool.open_reader`). Rates are given
    with start-up (worker processes, model loading, warm-up) included and
    excluded. The default input is both shared samples (news and PolNeAR,
    180 articles), so that the few seconds of start-up weigh about as they do
    in a real run rather than swamping a short one. With ``repeat``, the runs
    alternate (1, 2, 1, 2, ...) and each worker count reports its median run,
    with every run's seconds beside it: on a shared virtual machine the same
    work's CPU seconds can differ by a third from one minute to the next, and
    alternating spreads that drift over both counts.
    """
    if path is None and SHARED_NEWS.exists() and SHARED_POLNEAR.exists():
        articles = [a for p in (SHARED_NEWS, SHARED_POLNEAR) for a in load_articles(str(p), None)]
        articles = articles[:limit] if limit else articles
    else:
        articles = load_articles(path, limit)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    runs: dict[int, list[dict[str, Any]]] = {n: [] for n in workers}
    for _ in range(repeat):
        for n in workers:
            runs[n].append(_ingest_run(n, articles))
    rows = []
    for n in workers:
        ordered = sorted(runs[n], key=lambda r: r["seconds"])
        rows.append({**ordered[len(ordered) // 2], "seconds_all": [r["seconds"] for r in runs[n]]})
    one_cpu = next((r["cpu_seconds"] for r in rows if r["workers"] == 1), None)
    for row in rows:  # what the work costs in all processes together: 1.0 means no overhead for the pool
        row["cpu_efficiency"] = round(one_cpu / row["cpu_seconds"], 3) if one_cpu else None
    for key in ("articles_per_s", "articles_per_s_after_startup"):
        one = next((r[key] for r in rows if r["workers"] == 1), None)
        for row in rows:
            row[key.replace("articles_per_s", "scaling_efficiency")] = (
                round(row[key] / (one * row["workers"]), 3) if one else None)
    return {"articles": len(articles), "load_average": load, "cpus": os.cpu_count(), "repeat": repeat,
            "runs": rows}


def _ingest_run(n: int, articles: list[Article]) -> dict[str, Any]:
    """One `eventwire ingest` of ``articles`` into a new SQLite file with ``n`` workers, timed."""
    from .batch.pool import open_reader
    from .service import ingest
    from .store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        start, cpu = time.perf_counter(), time.process_time()
        with open_reader(n, expected=len(articles)) as reader:
            if hasattr(reader, "wait_ready"):
                reader.wait_ready()  # each worker has loaded its model and warmed up
            else:
                reader.warm()
            ready = time.perf_counter() - start
            summary = ingest(articles, pipeline=reader, store=store)
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu + sum(getattr(reader, "cpu_seconds", {}).values())
            memory = max(reader.peak_mb.values()) if hasattr(reader, "peak_mb") else _peak_mb()
        store.close()
    return {"workers": n, "articles": summary.stored, "seconds": round(seconds, 2),
            "startup_seconds": round(ready, 2),
            "articles_per_s": round(summary.stored / seconds, 2),
            "articles_per_s_after_startup": round(summary.stored / (seconds - ready), 2),
            "cpu_seconds": round(cpu, 2), "peak_rss_mb_per_worker": round(memory, 1)}


def render_workers(report: dict[str, Any]) -> str:
    lines = [f"eventwire ingest with storage (SQLite), {report['articles']} articles, {report['cpus']} CPUs, "
             f"load average {report['load_average']} at the start (measure on a quiet machine)"]
    for row in report["runs"]:
        lines.append(
            f"  {row['workers']} worker(s): {row['articles_per_s']} articles/s in {row['seconds']} s, "
            f"scaling efficiency {row['scaling_efficiency']}; after {row['startup_seconds']} s start-up: "
            f"{row['articles_per_s_after_startup']} articles/s, efficiency {row['scaling_efficiency_after_startup']}; "
            f"CPU {row['cpu_seconds']} s in all (1 worker's / this: {row['cpu_efficiency']}); "
            f"peak RSS {row['peak_rss_mb_per_worker']} MB per worker"
            + (f"; median of runs of {row['seconds_all']} s" if len(row.get("seconds_all", ())) > 1 else ""))
    return "\n".join(lines)
