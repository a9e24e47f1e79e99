"""Benchmark the HTTP API on a large database (not a test).

Builds a database of N articles (default 10,000) by copying the readings
of the examples (read once with the real pipeline) under new ids, with
publication and event dates spread over two years and each copy a story of
its own (as distinct articles would be), then times each
API call in-process (no response cache) and prints median and 95th percentile
per endpoint, cold and warm.

    .venv/bin/python scripts/api_bench.py [--articles 10000] [--db /tmp/bench.db] [--repeat 15]

The target: every cold median under 300 ms. Facet counts and series are kept
per filters until the database changes: "cold" drops them before every call
(what the first visitor after a write waits for), "warm" reuses them.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def seed_readings(examples: Path) -> list:
    """The examples read by the real pipeline."""
    from eventwire.ingest import read_paths
    from eventwire.pipeline import Pipeline
    from eventwire.records import Reading

    return [r for r in Pipeline().read(a for a in read_paths([examples]) if not hasattr(a, "code"))
            if isinstance(r, Reading)]


def copy_reading(reading, n: int, day: date):  # type: ignore[no-untyped-def]
    """The reading as article number ``n``: new ids, dates moved to ``day``."""
    old = reading.article
    article = dataclasses.replace(old, id="", url=f"https://bench.invalid/{n}", published=day,
                                  title=f"{old.title} ({n})")
    shift = day - (old.published or day)
    aid = article.id
    events = []
    for e in reading.events:
        when = e.date
        if when is not None and when.value is not None:
            when = dataclasses.replace(when, value=when.value + shift)
        events.append(dataclasses.replace(e, id="", article_id=aid, date=when))
    return dataclasses.replace(
        reading, article=article, events=events, fingerprint=None,  # each copy its own story
        mentions=[dataclasses.replace(m, article_id=aid) for m in reading.mentions],
        quotes=[dataclasses.replace(q, id="", article_id=aid) for q in reading.quotes],
    )


def build(db: Path, n: int, examples: Path) -> None:
    from eventwire.store import open_store

    seeds = seed_readings(examples)
    if not seeds:
        sys.exit(f"no readable examples under {examples}")
    store = open_store(str(db))
    start = date(2023, 1, 1)
    began = time.perf_counter()
    for i in range(n):
        store.put_reading(copy_reading(seeds[i % len(seeds)], i, start + timedelta(days=(i * 7) % 730)))
    store.close()
    print(f"built {db}: {n} articles from {len(seeds)} seeds in {time.perf_counter() - began:.0f}s")


def calls(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """One URL per endpoint, with ids and names taken from the database."""
    article = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    actors = client.get("/api/actors", params={"limit": 2}).json()["items"]
    top = actors[0]["id"] if actors else "none"
    second = actors[1]["id"] if len(actors) > 1 else top
    word = article["title"].split()[0]
    return {
        "articles": "/api/articles",
        "articles?search": f"/api/articles?search={word}",
        "articles?since": "/api/articles?since=2024-01-01&until=2024-03-31",
        "article/{id}": f"/api/articles/{article['id']}",
        "actors": "/api/actors",
        "actors?name": f"/api/actors?name={actors[0]['name'][:4] if actors else 'a'}",
        "actor/{id}": f"/api/actors/{top}",
        "events": "/api/events",
        "events?actor": f"/api/events?actor={top}",
        "events?quad_class,since": "/api/events?quad_class=1&since=2024-01-01",
        "events?search": f"/api/events?search={word}",
        "events?page 50": "/api/events?cursor=" + _cursor(2500),
        "quotes": "/api/quotes",
        "dyad": f"/api/dyad?a={top}&b={second}",
        "network": "/api/network",
        "places": "/api/places",
        "search": f"/api/search?q={word}",
        "stories": "/api/stories",
        "events?sort=type": "/api/events?sort=type",
        "facets/events": "/api/facets/events",
        "facets/events?quad_class": "/api/facets/events?quad_class=4",
        "facets/articles": "/api/facets/articles",
        "facets/actors": "/api/facets/actors",
        "facets/quotes": "/api/facets/quotes",
        "facets/stories": "/api/facets/stories",
        "series/events": "/api/series/events?interval=week",
        "export/events csv (since)": "/api/export/events?since=2024-06-01&until=2024-06-30",
        "counts": "/api/counts",
        "ui /": "/",
    }


def _cursor(offset: int) -> str:
    from eventwire.api.common import encode_cursor

    return encode_cursor(offset)


def _times(client, url: str, repeat: int, forget: Any) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        forget()
        began = time.perf_counter()
        answer = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 200:
            sys.exit(f"{url}: HTTP {answer.status_code} {answer.text[:200]}")
    return sorted(times)


def _p(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def run(db: Path, repeat: int) -> dict[str, tuple[float, float, float, float]]:
    """Per endpoint: cold median and p95 (the store's kept facet counts dropped before every
    call; no response cache), then warm median and p95 (kept counts reused)."""
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    app = create_app(str(db))  # no response cache (`serve.cache`): every call reaches the store
    store = app.state.store
    client = TestClient(app)
    out = {}
    for name, url in calls(client).items():
        cold = _times(client, url, repeat, lambda: store.__dict__.pop("_facet_cache", None))
        warm = _times(client, url, repeat, lambda: None)
        out[name] = (*_p(cold), *_p(warm))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-api-bench.db"))
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true", help="Build the database even if it exists.")
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build(args.db, args.articles, args.examples)
    results = run(args.db, args.repeat)
    width = max(map(len, results))
    print(f"{'endpoint':<{width}}  cold p50  cold p95  warm p50  warm p95  (ms)")
    for name, (median, p95, warm, warm95) in results.items():
        flag = "" if median < 300 else "  SLOW"
        print(f"{name:<{width}}  {median:8.1f}  {p95:8.1f}  {warm:8.1f}  {warm95:8.1f}{flag}")
    worst = max(m for m, *_rest in results.values())
    print(f"worst cold median {worst:.1f} ms ({'ok' if worst < 300 else 'over'} the 300 ms target)")


if __name__ == "__main__":
    main()
