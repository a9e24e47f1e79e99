"""Quote steps on an article with many quote marks (a benchmark, not a test; issue 17).

Builds synthetic articles with N quotation marks in three layouts (many short
paragraphs of attributed quotes, one paragraph holding every quote, and
straight marks scattered with no structure), parses each once, then times
the quote steps alone (`quotes.find_quotes`: pairing, kinds, speakers,
coreference, indirect quotes, frames) and every stage after the parse
(`Pipeline.read_doc`). The parse is spaCy's cost and is printed apart.
Flat seconds per thousand marks across N mean the steps are linear.

    .venv/bin/python scripts/quotes_bench.py [N ...]      (default: 1000 5000)
"""

from __future__ import annotations

import argparse
import random
import time

from eventwire.actors import find_actors
from eventwire.pipeline import Pipeline
from eventwire.quotes import find_quotes
from eventwire.records import Article

FIRST = ["Anna", "John", "Maria", "David", "Sarah", "Peter", "Laura", "Mark"]
LAST = ["Keller", "Moreau", "Silva", "Novak", "Brennan", "Okafor", "Lindqvist", "Haddad"]


def _paragraph(i: int, rng: random.Random) -> str:
    """Eight marks: two direct quotes, a partial quote and a scare quote."""
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return (f'"Round {i} of the talks went well," said {who}, a spokesman. '
            f'She added: "We expect part {i} to close soon." '
            f'Officials called plan {i} "a serious step forward" and "fine".')


def article(marks: int, layout: str, seed: int = 7) -> Article:
    """A synthetic article with about ``marks`` quotation marks."""
    rng = random.Random(seed)
    if layout == "scattered":
        words = [rng.choice(["the", "minister", "said", "talks", "Geneva", "on", "Monday", "and"])
                 for _ in range(marks * 3)]
        for k in range(0, len(words), 3):
            words[k] = '"' + words[k] if rng.random() < 0.5 else words[k] + '"'
        body = " ".join(words)
        return Article(title="Scattered marks", paragraphs=[body[i:i + 2000] for i in range(0, len(body), 2000)])
    paragraphs = [_paragraph(i, rng) for i in range(max(1, marks // 8))]
    if layout == "one-paragraph":
        paragraphs = [" ".join(paragraphs)]
    return Article(title="Quote marks", paragraphs=paragraphs)


def run(pipeline: Pipeline, marks: int, layout: str) -> dict[str, float]:
    item = article(marks, layout)
    text, sections = item.layout()
    start = time.perf_counter()
    doc = pipeline.nlp(text)
    parsed = time.perf_counter()
    table = find_actors(doc, item, sections)
    actors = time.perf_counter()
    quotes, _ = find_quotes(doc, item, sections, table)
    quoted = time.perf_counter()
    pipeline.read_doc(doc, item, sections)
    done = time.perf_counter()
    return {"marks": sum(text.count(c) for c in '"“”'), "chars": len(text), "parse_s": parsed - start,
            "quotes_s": quoted - actors, "stages_s": done - quoted, "quotes": len(quotes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    args = parser.parse_args()
    pipeline = Pipeline()
    warm = Article(title="Warm up", paragraphs=["\"We are ready,\" the minister said in Geneva."])
    pipeline.read_doc(pipeline.nlp(warm.layout()[0]), warm, warm.layout()[1])  # loads the gazetteer
    print(f"{'layout':<14}{'marks':>7}{'chars':>8}{'parse s':>9}{'quotes s':>10}{'stages s':>10}"
          f"{'quotes':>8}{'quotes s/1k marks':>19}")
    for layout in ("paragraphs", "one-paragraph", "scattered"):
        for size in args.sizes:
            r = run(pipeline, size, layout)
            per = r["quotes_s"] / max(1, r["marks"]) * 1000
            print(f"{layout:<14}{r['marks']:>7}{r['chars']:>8}{r['parse_s']:>9.2f}{r['quotes_s']:>10.2f}"
                  f"{r['stages_s']:>10.2f}{r['quotes']:>8}{per:>19.3f}")


if __name__ == "__main__":
    main()
