"""`eventwire eval --stories FILE.jsonl`: story grouping scored with B-cubed.

Each JSONL line carries a story label (`--label-field`, default
`category`); the file is ingested into a throwaway database and the
stories eventwire forms are compared with the labels. A line whose label
is missing or null is ingested (it may link others) but not scored: it
has no true story to be right or wrong about.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..errors import EventwireError


def bcubed(truth: list[Hashable], found: list[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against labels."""
    n = len(truth)
    if n == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pairs = Counter(zip(truth, found, strict=True))
    by_truth = Counter(truth)
    by_found = Counter(found)
    precision = sum(pairs[(t, f)] / by_found[f] for t, f in zip(truth, found, strict=True)) / n
    recall = sum(pairs[(t, f)] / by_truth[t] for t, f in zip(truth, found, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _labels(path: Path, field: str) -> dict[int, Any]:
    labels: dict[int, Any] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                label = json.loads(line).get(field)
            except (json.JSONDecodeError, AttributeError):
                continue
            if label is not None and label != "":
                labels[number] = label
    return labels


def story_of_origin(store: Any) -> dict[str, str]:
    """origin (file:line) -> story id, for stored articles and their republished copies."""
    from ..store import schema as t

    a, s = t.articles.c, t.article_sources.c
    with store.engine.connect() as conn:
        out = {r.origin: r.story_id or r.id for r in conn.execute(select(a.origin, a.story_id, a.id))}
        rows = conn.execute(select(s.origin, a.story_id, a.id).join(t.articles, a.id == s.article_id))
        out.update({r.origin: r.story_id or r.id for r in rows})
    return out


def evaluate_stories(path: str | Path, pipeline: Any, *, label_field: str = "category") -> dict[str, Any]:
    """Ingest a labelled JSONL file and score the stories formed."""
    from ..ingest import read_paths
    from ..service import ingest
    from ..store import open_store

    path = Path(path)
    labels = _labels(path, label_field)
    if not labels:
        raise EventwireError("E401", path=path, detail=f"no JSON lines with a {label_field!r} field")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "stories.db"))
        ingest(read_paths([path]), pipeline=pipeline, store=store)
        stories = story_of_origin(store)
        store.close()
    truth, found = [], []
    for number, label in sorted(labels.items()):
        story = stories.get(f"{path}:{number}")
        if story is not None:
            truth.append(label)
            found.append(story)
    return {"articles": len(found), "labels": len(set(truth)), "stories": len(set(found)),
            **bcubed(truth, found)}
