"""Ingest runs: sources -> pipeline -> store, with a summary.

The CLI, the API and the batch engines call `ingest`; it holds the only
loop that ties reading, processing and storing together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .records import Article, Reading, Skip
from .stories.similarity import minhash

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .store import SQLStore

Progress = Callable[[int], None]


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


def _batches(items: Iterable[Article | Skip], size: int) -> Iterator[list[Article | Skip]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    sources: Iterable[Article | Skip],
    *,
    pipeline: Pipeline,
    store: SQLStore,
    batch_size: int = 32,
    reprocess: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Process and store every article; record every skip. Re-runs change nothing.

    An article whose id (a hash of its text and url) is already stored is
    left as it is unless ``reprocess``. Each article is written in one
    transaction. A republished copy is stored as one more source of its
    original; a copy whose original could not be read is read itself. A
    failure to store one article is that article's skip (E302).
    """
    summary = Summary()
    duplicates = store.duplicate_index()
    for batch in _batches(sources, batch_size):
        skips = [item for item in batch if isinstance(item, Skip)]
        pending = [item for item in batch if isinstance(item, Article)]
        summary.read += len(pending)
        while pending:  # a second round reads the copies of articles that failed
            pending = _round(pending, pipeline, store, duplicates, summary, skips, reprocess=reprocess)
        store.put_skips(skips)
        for skip in skips:
            summary.add_skip(skip)
        if progress:
            progress(len(batch))
    return summary


def _round(articles: list[Article], pipeline: Pipeline, store: SQLStore, duplicates: Any,
           summary: Summary, skips: list[Skip], *, reprocess: bool) -> list[Article]:
    """Read and store the new articles of ``articles``; returns the copies left to read."""
    fresh, copies, signatures = _triage(articles, store, duplicates, summary, reprocess=reprocess)
    stored: set[str] = set()
    for result in pipeline.read(fresh):
        if isinstance(result, Skip):
            skips.append(result)
            continue
        article_id = result.article.id
        try:
            original = store.put_reading(result, signature=signatures.get(article_id), copies=not reprocess)
        except StoreError as err:
            skips.append(Skip(result.article.origin or article_id, err.code, err.reason))
            continue
        if original is not None:  # another ingest stored its original a moment ago
            summary.duplicates += 1
            continue
        stored.add(article_id)
        _count(summary, result)
    for article_id in set(signatures) - stored:
        duplicates.remove(article_id)
    orphans = []
    for original, copy in copies:  # after the batch: the original may be in it
        if original in stored or store.has_article(original):
            try:
                store.add_source(original, copy)
            except StoreError as err:
                skips.append(Skip(copy.origin or copy.id, err.code, err.reason))
                continue
            summary.duplicates += 1
        else:
            orphans.append(copy)
    return orphans


def _triage(
    batch: list[Article], store: SQLStore, duplicates: Any, summary: Summary, *, reprocess: bool
) -> tuple[list[Article], list[tuple[str, Article]], dict[str, Any]]:
    """Split articles into new ones, republished copies (with their original) and known ones."""
    fresh: list[Article] = []
    copies: list[tuple[str, Article]] = []
    signatures: dict[str, Any] = {}
    for item in batch:
        if not reprocess and (store.has_article(item.id) or store.is_known_copy(item.id)
                              or item.id in signatures):
            summary.unchanged += 1
            continue
        signature = minhash(item)
        original = None if reprocess else duplicates.original(signature)
        if original is not None:
            copies.append((original, item))
            continue
        duplicates.add(item.id, signature)  # later copies in this batch find it
        signatures[item.id] = signature
        fresh.append(item)
    return fresh, copies, signatures


def _count(summary: Summary, reading: Reading) -> None:
    summary.stored += 1
    summary.events += len(reading.events)
    summary.quotes += len(reading.quotes)
    summary.actors += len(reading.actors)
    summary.tokens += reading.tokens
