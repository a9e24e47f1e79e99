"""The Ray Data engine for `eventwire batch` (optional extra: pip install 'eventwire[ray]').

Chunks become Ray Data rows; `map_batches` runs `ChunkWorker`, a class
whose constructor loads the model once per worker, so each worker reads,
processes and writes whole chunks with the same code as the local engine.
"""

from __future__ import annotations

import tempfile
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

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[int]]:
        results: dict[str, list[int]] = {"articles": [], "skips": [], "events": []}
        columns = zip(batch["source"], batch["kind"], batch["start"], batch["stop"], batch["index"], strict=True)
        for source, kind, start, stop, index in columns:
            counts = process_chunk(Chunk(str(source), str(kind), int(start), int(stop), int(index)),
                                   self.pipeline, self.out)
            for key in results:
                results[key].append(counts[key])
        return results


def run(chunks: list[Any], out: Path, *, workers: int, address: str | None = None,
            actors_file: str | None = None, progress: Any = None) -> Counter[str]:
    """Run the chunks on Ray (a local cluster of ``workers`` CPUs, or the cluster at ``address``)."""
    try:
        import ray
    except ImportError as err:
        raise EventwireError("E405", feature="--engine ray", extra="ray") from err
    if not ray.is_initialized():
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                   "configure_logging": False}
        if address:
            options["address"] = address
        else:
            options.update(num_cpus=workers, _temp_dir=tempfile.mkdtemp(prefix="eventwire-ray-"))
        ray.init(**options)
    ray.data.DataContext.get_current().enable_progress_bars = False
    data = ray.data.from_items([asdict(c) for c in chunks], override_num_blocks=max(1, len(chunks)))
    results = data.map_batches(
        ChunkWorker, fn_constructor_kwargs={"out": str(out), "actors_file": actors_file},
        batch_size=1, concurrency=workers, num_cpus=1,
    )
    totals: Counter[str] = Counter()
    for row in results.iter_rows():
        totals.update({k: int(v) for k, v in row.items()})
        if progress:
            progress(1)
    return totals
