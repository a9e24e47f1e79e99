"""Draw the actors of a database for a hand review, and list possible duplicates.

Run: .venv/bin/python scripts/review_actors.py DB [--sample 100] [--seed 13] [--dups]

Prints a Markdown table of ``--sample`` actors drawn with ``random.Random(seed)``
from all actors in id order (name, kind, country, sectors, roles, a short window of
the sentence of one mention), with an empty verdict column for the reviewer, then the
counts (actors, actors per article). ``--dups`` lists groups of actors whose name keys
or surname keys clash (eventwire.actors.duplicates.duplicate_groups).
DOCS: docs/review-actors.md
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventwire.actors.duplicates import duplicate_groups  # noqa: E402

WINDOW = 90


def _snippet(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    left, right = max(left, start - WINDOW), min(right, end + WINDOW)
    out = text[left:start] + "**" + text[start:end] + "**" + text[end:right]
    return ("…" if left > 0 else "") + " ".join(out.split()).replace("|", "/") + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dups", action="store_true")
    args = parser.parse_args(argv)
    con = sqlite3.connect(args.db)
    actors = con.execute("SELECT id, name, kind, country, sectors, roles, aliases FROM actors "
                         "ORDER BY id").fetchall()
    texts = dict(con.execute("SELECT id, text FROM articles"))
    print("| # | actor | kind | country | sectors | roles | example | verdict |")
    print("|---|---|---|---|---|---|---|---|")
    for n, row in enumerate(random.Random(args.seed).sample(actors, min(args.sample, len(actors))), 1):
        ident, name, kind, country, sectors, roles, _ = row
        article, start, end = con.execute(
            "SELECT article_id, start, \"end\" FROM mentions WHERE actor_id = ? "
            "ORDER BY article_id, start LIMIT 1", (ident,)).fetchone()
        roles_text = "; ".join(json.loads(roles))[:80].replace("|", "/")
        print(f"| {n} | {name} | {kind} | {country or ''} | {', '.join(json.loads(sectors))} "
              f"| {roles_text} | {_snippet(texts[article], start, end)} | |")
    pairs = con.execute("SELECT COUNT(*) FROM (SELECT DISTINCT article_id, actor_id FROM mentions)")
    n_articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    print(f"\n{len(actors)} actors; {pairs.fetchone()[0]} article-actor pairs for {n_articles} "
          "articles")
    if args.dups:
        keyed = [(i, n, k, json.loads(a), c) for i, n, k, c, _, _, a in actors]
        where: dict[str, set[str]] = {}
        for actor, article in con.execute("SELECT DISTINCT actor_id, article_id FROM mentions"):
            where.setdefault(actor, set()).add(article)
        for why, group in duplicate_groups(keyed, where):
            print(f"duplicate? [{why}]", " / ".join(f"{n} ({k})" for _, n, k in group))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
