"""Ingest runs: sources -> pipeline -> store, with a summary.

The CLI, the API and the batch engines call `ingest`; it holds the only
loop that ties reading, processing and storing together.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .errors import StoreError
from .records import Article, Reading, Skip
from .stories.similarity import minhash

if TYPE_CHECKING:
    from .store import SQLStore

Progress = Callable[[str], None]


@dataclass
class Summary:
    """What one run did: counts of articles, skips by reason, and what was found."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    events: int = 0
    quotes: int = 0
    actors: int = 0
    tokens: int = 0
    skips: Counter[str] = field(default_factory=Counter)
    skip_messages: dict[str, str] = field(default_factory=dict)

    def add_skip(self, skip: Skip) -> None:
        self.skips[skip.code] += 1
        self.skip_messages.setdefault(skip.code, skip.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles_read": self.read, "articles_stored": self.stored,
            "articles_unchanged": self.unchanged, "republications": self.duplicates,
            "events": self.events,
            "quotes": self.quotes, "actors": self.actors, "tokens": self.tokens,
            "skips": dict(self.skips),
        }


class Reader(Protocol):
    """What reads articles: a `Pipeline`, or a `batch.pool.WorkerPool` (N processes, same readings)."""

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Skip]: ...


def ingest(
    sources: Iterable[Article | Skip],
    *,
    pipeline: Reader,
    store: SQLStore,
    batch_size: int = 32,
    reprocess: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Process and store every article; record every skip. Re-runs change nothing.

    An article whose id (a hash of its text and url) is already stored is
    left as it is unless ``reprocess``. Each article is written in one
    transaction. ``pipeline`` reads one result per article in input order,
    in this process or in N worker processes; either way this loop alone
    decides what is new, stores the readings one by one in input order and
    files republications, so every worker count stores the same database.
    ``progress(source)`` is called as each input item is settled; skips are
    written every ``batch_size``. A failure to store one article is that
    article's skip (E302); a copy of an article that failed is read itself,
    in a second pass after the first.
    """
    run = _Run(store, reprocess=reprocess, progress=progress, flush_every=batch_size)
    pending: Iterable[Article | Skip] = sources
    try:
        while True:  # a second pass reads the copies of articles that failed
            results = pipeline.read(run.triage(pending))
            try:
                for result in results:
                    run.settle(result)
                run.drain()
            finally:
                getattr(results, "close", lambda: None)()
            pending = run.orphans()
            if not pending:
                break
    finally:
        run.close()
    return run.summary


@dataclass(slots=True)
class _Entry:
    """One input item waiting its turn: fresh (being read), copy (of ``original``), skip or unchanged."""

    kind: str
    item: Article | Skip
    original: str | None = None
    signature: Any = None


class _Run:
    """The state of one ingest run.

    `triage` decides what each item is as it is read, from the store and
    what this run has seen so far only (never from what it has stored yet),
    so its decisions do not depend on how far reading runs ahead of
    storing. Items wait in a queue in input order; each fresh article's
    result settles it and the items behind it.
    """

    def __init__(self, store: SQLStore, *, reprocess: bool, progress: Progress | None,
                 flush_every: int) -> None:
        self.store, self.reprocess, self.progress = store, reprocess, progress
        self.flush_every = max(1, flush_every)
        self.summary = Summary()
        self.duplicates = store.duplicate_index()
        self.queue: deque[_Entry] = deque()
        self.reading = 0  # fresh entries in the queue
        self.seen: set[str] = set()
        self.added: set[str] = set()  # put in the duplicate index by this run
        self.stored: set[str] = set()
        self.failed: set[str] = set()
        self.skips: list[Skip] = []
        self.waiting: list[Article] = []  # copies of articles that failed, read in the next pass
        self.retrying: set[str] = set()

    def triage(self, sources: Iterable[Article | Skip]) -> Iterator[Article]:
        """The fresh articles of ``sources``, to be read; every item joins the queue in order."""
        for item in sources:
            entry = self._classify(item)
            if entry.kind == "fresh":
                self.queue.append(entry)
                self.reading += 1
                yield entry.item  # type: ignore[misc]
            elif self.reading:
                self.queue.append(entry)
            else:
                self._finish(entry)

    def _classify(self, item: Article | Skip) -> _Entry:
        if isinstance(item, Skip):
            return _Entry("skip", item)
        if item.id in self.retrying:
            self.retrying.discard(item.id)
        else:
            self.summary.read += 1
        if item.id in self.seen or not self.reprocess and (
                self.store.has_article(item.id) or self.store.is_known_copy(item.id)):
            return _Entry("unchanged", item)
        self.seen.add(item.id)
        signature = minhash(item)
        original = None if self.reprocess else self.duplicates.original(signature)
        if original is not None:
            return _Entry("copy", item, original=original)
        if item.id not in self.duplicates.signatures:
            self.added.add(item.id)
            self.duplicates.add(item.id, signature)  # later copies in this run find it
        return _Entry("fresh", item, signature=signature)

    def settle(self, result: Reading | Skip) -> None:
        """Store the result of the oldest fresh article, then settle the items queued behind it."""
        while self.queue[0].kind != "fresh":
            self._finish(self.queue.popleft())
        entry = self.queue.popleft()
        self.reading -= 1
        article_id = entry.item.id
        if isinstance(result, Skip):
            self.failed.add(article_id)
            self._skip(result)
        else:
            self._store(result, entry)
        self._advance(entry.item)
        while self.queue and self.queue[0].kind != "fresh":
            self._finish(self.queue.popleft())

    def _store(self, result: Reading, entry: _Entry) -> None:
        article_id = result.article.id
        try:
            original = self.store.put_reading(result, signature=entry.signature,
                                              copies=not self.reprocess)
        except StoreError as err:
            self.failed.add(article_id)
            self._skip(Skip(result.article.origin or article_id, err.code, err.reason))
            return
        if original is not None:  # another ingest stored its original a moment ago
            self.summary.duplicates += 1
            return
        self.stored.add(article_id)
        _count(self.summary, result)

    def _finish(self, entry: _Entry) -> None:
        if entry.kind == "skip":
            self._skip(entry.item)  # type: ignore[arg-type]
        elif entry.kind == "unchanged":
            self.summary.unchanged += 1
        elif entry.original not in self.failed and (
                entry.original in self.stored or self.store.has_article(entry.original or "")):
            try:
                self.store.add_source(entry.original, entry.item)  # type: ignore[arg-type]
            except StoreError as err:
                copy = entry.item
                self._skip(Skip(copy.origin or copy.id, err.code, err.reason))  # type: ignore[union-attr]
            else:
                self.summary.duplicates += 1
        else:
            self.waiting.append(entry.item)  # type: ignore[arg-type]
            return  # settled in the next pass
        self._advance(entry.item)

    def _skip(self, skip: Skip) -> None:
        self.skips.append(skip)
        self.summary.add_skip(skip)
        if len(self.skips) >= self.flush_every:
            self._flush()

    def _flush(self) -> None:
        self.store.put_skips(self.skips)
        self.skips = []

    def _advance(self, item: Article | Skip) -> None:
        if self.progress:
            self.progress(item.source if isinstance(item, Skip) else item.origin)

    def drain(self) -> None:
        """Every article has been read: settle what is left and write the last skips."""
        while self.queue:
            self._finish(self.queue.popleft())
        self._flush()

    def orphans(self) -> list[Article]:
        """The copies whose original failed, to be read themselves: the failed originals leave
        the duplicate index (so the first such copy is fresh and the others its copies)."""
        for article_id in self.failed & self.added:
            self.duplicates.remove(article_id)
            self.added.discard(article_id)
        out, self.waiting = self.waiting, []
        self.retrying = {a.id for a in out}
        self.seen -= self.retrying
        return out

    def close(self) -> None:
        """Forget the signatures of articles this run meant to store but did not."""
        for article_id in self.added - self.stored:
            self.duplicates.remove(article_id)


def _count(summary: Summary, reading: Reading) -> None:
    summary.stored += 1
    summary.events += len(reading.events)
    summary.quotes += len(reading.quotes)
    summary.actors += len(reading.actors)
    summary.tokens += reading.tokens
