"""The Ray Data engine for `eventwire batch` (optional extra: pip install 'eventwire[ray]').

Chunks become Ray Data rows; `map_batches` runs `ChunkWorker`, a class
whose constructor loads the model once per worker, so each worker reads,
processes and writes whole chunks with the same code as the local engine.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import EventwireError
from .chunks import Chunk, process_chunk


class ChunkWorker:
    """One per Ray worker: the pipeline is built once, then reused for every chunk."""

    def __init__(self, out: str, actors_file: str | None = None) -> None:
        from ..pipeline import Pipeline

        self.out = Path(out)
        self.pipeline = Pipeline(actors_file=actors_file)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        results: dict[str, list[Any]] = {"articles": [], "skips": [], "events": [], "started": [], "finished": []}
        columns = zip(batch["source"], batch["kind"], batch["start"], batch["stop"], batch["index"], strict=True)
        for source, kind, start, stop, index in columns:
            started = time.time()  # wall clock, comparable across processes: the run's time after start-up
            counts = process_chunk(Chunk(str(source), str(kind), int(start), int(stop), int(index)),
                                   self.pipeline, self.out)
            for key in ("articles", "skips", "events"):
                results[key].append(counts[key])
            results["started"].append(started)
            results["finished"].append(time.time())
        return results


def run(chunks: list[Any], out: Path, *, workers: int, address: str | None = None,
            actors_file: str | None = None, progress: Any = None) -> Counter[str]:
    """Run the chunks on Ray (a local cluster of ``workers`` CPUs, or the cluster at ``address``).

    A local cluster started here is shut down at the end, so the next run
    gets one of its own size (a second run in the same process used to
    inherit the first one's CPU count: with 1 CPU, 2 workers ran as one).
    """
    try:
        import ray
    except ImportError as err:
        raise EventwireError("E405", feature="--engine ray", extra="ray") from err
    started_here = not ray.is_initialized()
    if started_here:
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                   "configure_logging": False}
        if address:
            options["address"] = address
        else:
            options.update(num_cpus=workers, _temp_dir=tempfile.mkdtemp(prefix="eventwire-ray-"))
        ray.init(**options)
    try:
        return _map(ray, chunks, out, workers=workers, actors_file=actors_file, progress=progress)
    finally:
        if started_here:
            ray.shutdown()


def _map(ray: Any, chunks: list[Any], out: Path, *, workers: int, actors_file: str | None,
         progress: Any) -> Counter[str]:
    """One chunk per block and per call; each actor is given one chunk at a time, so none sits
    on a queue of chunks while another is idle at the end of the run."""
    ray.data.DataContext.get_current().enable_progress_bars = False
    data = ray.data.from_items([asdict(c) for c in chunks], override_num_blocks=max(1, len(chunks)))
    results = data.map_batches(
        ChunkWorker, fn_constructor_kwargs={"out": str(out), "actors_file": actors_file},
        batch_size=1, num_cpus=1,
        compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1),
    )
    totals: Counter[str] = Counter()
    first, last = float("inf"), 0.0
    for row in results.iter_rows():
        first, last = min(first, float(row.pop("started"))), max(last, float(row.pop("finished")))
        totals.update({k: int(v) for k, v in row.items()})
        if progress:
            progress(1)
    if last:
        totals["work_seconds"] = round(last - first, 2)  # type: ignore[assignment]
    return totals
