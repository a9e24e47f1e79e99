"""Story grouping cost per article as the database grows (a benchmark, not a test).

Stores N synthetic articles (no parsing: stories of about six articles, some
thirty articles a day as a news feed brings them, each article with names
and words of its story plus noise) and prints the mean time to store and
group an article for each successive thousand. Flat figures mean the cost
does not grow with the database.

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
from eventwire.store import open_store
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
        print("articles stored   ms per article (store + group)")
        for start in range(0, len(readings), step):
            began = time.perf_counter()
            for reading in readings[start : start + step]:
                store.put_reading(reading)
            ms = (time.perf_counter() - began) * 1000 / len(readings[start : start + step])
            print(f"{start + step:>15}   {ms:6.2f}")
        print(f"stories: {len(store.stories(limit=1000))}+ (first 1000 listed)")


if __name__ == "__main__":
    main()
