"""Story grouping cost per article as the database grows (a benchmark, not a test).

Stores N synthetic articles (no parsing: stories of about six articles, some
thirty articles a day as a news feed brings them, each article with names
and words of its story plus noise) and prints, for each successive
thousand, the mean time to store an article and, of that, the time spent
grouping it (the candidate lookup and links of `store.story_sql`). Flat
figures mean the cost does not grow with the database.

    .venv/bin/python scripts/stories_bench.py [N] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.records import Article, Reading
from eventwire.store import open_store, sql
from eventwire.stories.similarity import Fingerprint

NAMES = [f"name{i}" for i in range(5000)]
WORDS = [f"word{i}" for i in range(3000)]


def synthetic(n: int, seed: int = 7) -> list[Reading]:
    rng = random.Random(seed)
    per_day = 30
    readings = []
    for i in range(n):
        story = (i // 36) * 6 + rng.randrange(6)  # six stories open at a time, ~6 articles each
        story_rng = random.Random(story)
        day = date(2020, 1, 1) + timedelta(days=story * 6 // per_day)
        names, words = story_rng.sample(NAMES, 10), story_rng.sample(WORDS, 30)
        fp = Fingerprint({n: float(rng.randint(1, 5)) for n in rng.sample(names, 6) + rng.sample(NAMES, 2)},
                         {w: float(rng.randint(1, 5)) for w in rng.sample(words, 20) + rng.sample(WORDS, 5)})
        article = Article(title=f"Synthetic article {i}", paragraphs=[f"Body of synthetic article {i}."],
                          published=day + timedelta(days=rng.choice((0, 0, 1))), outlet=f"outlet{i % 40}")
        readings.append(Reading(article=article, fingerprint=fp, tokens=8))
    return readings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--db")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or str(Path(tmp) / "stories.db"))
        readings = synthetic(args.n)
        step = 1000
        grouping = [0.0]
        assign = sql.assign_story

        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            began = time.perf_counter()
            try:
                return assign(*args, **kwargs)
            finally:
                grouping[0] += time.perf_counter() - began

        sql.assign_story = timed
        print("articles stored   ms per article: store + group   of which group")
        for start in range(0, len(readings), step):
            began, grouping[0] = time.perf_counter(), 0.0
            for reading in readings[start : start + step]:
                store.put_reading(reading)
            count = len(readings[start : start + step])
            ms = (time.perf_counter() - began) * 1000 / count
            print(f"{start + step:>15}   {ms:27.2f}   {grouping[0] * 1000 / count:14.2f}")
        print(f"stories: {len(store.stories(limit=1000))}+ (first 1000 listed)")


if __name__ == "__main__":
    main()
