"""`eventwire batch` and `eventwire load`: the pipeline over big inputs.

`run(inputs, out, engine=...)` cuts the inputs into chunks (`chunks`) and
hands the unfinished ones to an engine: ``local`` (a process pool,
`local.run`) or ``ray`` (Ray Data, `ray.run`); both take the same
arguments and run `chunks.process_chunk` on each chunk. `load` puts the
output into a store as `eventwire ingest` would have (`load.load`).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import EventwireError
from . import local
from . import ray as ray_engine
from .chunks import CHUNK_SIZE, pending, plan
from .load import load

ENGINES = {"local": local.run, "ray": ray_engine.run}

__all__ = ["ENGINES", "load", "plan", "run"]


def run(inputs: list[str], out: str | Path, *, engine: str = "local", workers: int | None = None,
        address: str | None = None, chunk_size: int = CHUNK_SIZE, actors_file: str | None = None,
        progress: Any = None) -> dict[str, Any]:
    """Process every unfinished chunk of ``inputs`` into ``out``; returns a summary.

    ``progress(total=n)`` is called once with the number of chunks to do, then
    ``progress(1)`` as each finishes.
    """
    out = Path(out)
    chunks = plan(inputs, chunk_size=chunk_size)
    todo = pending(chunks, out)
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    if progress:
        progress(total=len(todo))
    if not todo:
        totals: Counter[str] = Counter()
    elif engine in ENGINES:
        totals = ENGINES[engine](todo, out, workers=workers, address=address, actors_file=actors_file,
                                 progress=progress)
    else:
        raise EventwireError("E406", detail=f"unknown engine {engine!r} (local or ray)")
    seconds = time.perf_counter() - started
    return {"engine": engine, "workers": workers, "chunks": len(chunks), "done_before": len(chunks) - len(todo),
            "processed": len(todo), **dict(totals), "seconds": round(seconds, 2),
            "articles_per_s": round(totals["articles"] / seconds, 2) if todo and seconds else None}
