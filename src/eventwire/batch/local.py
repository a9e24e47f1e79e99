"""The local engine of `eventwire batch`: a process pool on this machine."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from .chunks import Chunk, process_chunk

_WORKER: dict[str, Any] = {}


def _init_local(actors_file: str | None) -> None:
    from ..pipeline import Pipeline

    _WORKER["pipeline"] = Pipeline(actors_file=actors_file)


def _run_local(item: tuple[Chunk, str]) -> dict[str, Any]:
    chunk, out = item
    started = time.time()  # wall clock, comparable across processes
    counts: dict[str, Any] = dict(process_chunk(chunk, _WORKER["pipeline"], Path(out)))
    return {**counts, "started": started, "finished": time.time()}


def run(chunks: list[Chunk], out: Path, *, workers: int, address: str | None = None,
        actors_file: str | None = None, progress: Any = None) -> Counter[str]:
    """A process pool on this machine; each worker loads the model once (``address`` is unused)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    totals: Counter[str] = Counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_local, initargs=(actors_file,)) as pool:
        first, last = float("inf"), 0.0
        for counts in pool.map(_run_local, [(c, str(out)) for c in chunks]):
            first, last = min(first, counts.pop("started")), max(last, counts.pop("finished"))
            totals.update(counts)
            if progress:
                progress(1)
    if last:
        totals["work_seconds"] = round(last - first, 2)  # type: ignore[assignment]
    return totals
