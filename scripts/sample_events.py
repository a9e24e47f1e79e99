"""Print a fixed-seed random sample of stored events for a hand review.

Run: .venv/bin/python scripts/sample_events.py DB [--n 40] [--seed 12]

Each event is printed with its type, CAMEO code, actors, recipients, flags,
evidence and the sentence it was coded from, numbered for docs/review-*.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3


def _names(db: sqlite3.Connection, ids: list[str]) -> list[str]:
    found = []
    for actor_id in ids:
        row = db.execute("select name, country from actors where id = ?", (actor_id,)).fetchone()
        found.append(f"{row[0]} ({row[1] or '-'})" if row else actor_id)
    return found


def _sentence(text: str, sentences: str, k: int, start: int) -> str:
    """The event's sentence, by its index in the article's stored sentence spans."""
    spans = json.loads(sentences or "[]")
    lo, hi = spans[k] if 0 <= k < len(spans) else (start, start + 200)
    return " ".join(text[lo:hi].split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="SQLite database file written by eventwire ingest")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    db = sqlite3.connect(args.db)
    rows = db.execute(
        "select e.id, e.plover, e.cameo, e.actors, e.recipients, e.evidence, e.start, e.\"end\","
        " e.negated, e.hypothetical, e.in_caption, e.background, e.date, a.title, a.text, a.sentences, e.sentence"
        " from events e join articles a on a.id = e.article_id order by e.id").fetchall()
    picked = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    for n, row in enumerate(picked, start=1):
        flags = [f for f, v in zip(("negated", "hypothetical", "in_caption", "background"), row[8:12]) if v]
        print(f"{n}. {row[1]} ({row[2]}) {_names(db, json.loads(row[3]))} -> {_names(db, json.loads(row[4]))}"
              f" [{row[5]}] {' '.join(flags)} date={row[12]}")
        print(f"   article: {row[13]}")
        print(f"   sentence: {_sentence(row[14] or '', row[15], row[16], row[6])}")
    print(f"{len(rows)} events in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
