"""The progress bar of `eventwire ingest`.

With the number of input items known up front (files and JSON lines,
`ingest.count_records`), it shows a bar, done of total, the rate and the
time left; otherwise (stdin, feeds, WARC) the file being read and the
count from it, the files before it, the count in all and the rate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn,
                           Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items per second, over rich's recent window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} articles/s", style="progress.data.speed")


def _files_text(counts: Counter[str], current: str) -> str:
    before = len(counts) - 1
    return f"{Path(current).name or current}: {counts[current]}" + (f" (after {before} files)" if before else "")


@contextmanager
def ingest_progress(total: int | None) -> Iterator[Callable[[str], None]]:
    """A callback for `service.ingest`'s ``progress``: called with the source of each settled item."""
    from ..ingest.count import source_file

    if total is not None:
        columns = [TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                   TextColumn("ETA"), TimeRemainingColumn()]
    else:
        columns = [SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} done"),
                   RateColumn(), TimeElapsedColumn()]
    counts: Counter[str] = Counter()
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("reading", total=total)

        def advance(source: str) -> None:
            name = source_file(source or "")
            counts[name] += 1
            if total is None:
                bar.update(task, advance=1, description=_files_text(counts, name))
            else:
                bar.advance(task, 1)

        yield advance
