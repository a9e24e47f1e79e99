"""The local engine of `eventwire batch`: a process pool on this machine."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from .chunks import Chunk, process_chunk

_WORKER: dict[str, Any] = {}
#: Seconds between a worker's looks at whether its parent is still there.
WATCH_SECONDS = 0.5


def _init_local(actors_file: str | None, parent: int | None = None) -> None:
    from ..pipeline import Pipeline

    if parent is not None:
        _die_with(parent)
    _WORKER["pipeline"] = Pipeline(actors_file=actors_file)


def _die_with(parent: int) -> None:
    """End this worker when the batch that started it ends, however it ends (kill -9 too):
    Linux's parent-death signal at once, and a watcher thread everywhere."""
    import os
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def _run_local(item: tuple[Chunk, str]) -> dict[str, Any]:
    chunk, out = item
    started = time.time()  # wall clock, comparable across processes
    counts: dict[str, Any] = dict(process_chunk(chunk, _WORKER["pipeline"], Path(out)))
    return {**counts, "started": started, "finished": time.time()}


def run(chunks: list[Chunk], out: Path, *, workers: int, address: str | None = None,
        actors_file: str | None = None, progress: Any = None) -> Counter[str]:
    """A process pool on this machine; each worker loads the model once (``address`` is unused)."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    totals: Counter[str] = Counter()
    context = multiprocessing.get_context("spawn")
    initargs = (actors_file, os.getpid())
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_local, initargs=initargs) as pool:
        first, last = float("inf"), 0.0
        for counts in pool.map(_run_local, [(c, str(out)) for c in chunks]):
            first, last = min(first, counts.pop("started")), max(last, counts.pop("finished"))
            totals.update(counts)
            if progress:
                progress(1)
    if last:
        totals["work_seconds"] = round(last - first, 2)  # type: ignore[assignment]
    return totals
