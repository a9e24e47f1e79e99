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
    transaction.
    """
    summary = Summary()
    duplicates = store.duplicate_index()
    for batch in _batches(sources, batch_size):
        skips = [item for item in batch if isinstance(item, Skip)]
        fresh, copies, signatures = _triage(batch, store, duplicates, summary, reprocess=reprocess)
        stored: set[str] = set()
        for result in pipeline.read(fresh):
            if isinstance(result, Skip):
                skips.append(result)
                continue
            store.put_reading(result, signature=signatures.get(result.article.id))
            stored.add(result.article.id)
            _count(summary, result)
        for article_id in set(signatures) - stored:
            duplicates.remove(article_id)
        for original, copy in copies:  # after the batch: the original may be in it
            if original in stored or store.has_article(original):
                store.add_source(original, copy)
                summary.duplicates += 1
            else:
                skips.append(Skip(copy.origin or copy.id, "E202",
                                  "article could not be processed: it repeats an article that failed"))
        store.put_skips(skips)
        for skip in skips:
            summary.add_skip(skip)
        if progress:
            progress(len(batch))
    return summary


def _triage(
    batch: list[Article | Skip], store: SQLStore, duplicates: Any, summary: Summary, *, reprocess: bool
) -> tuple[list[Article], list[tuple[str, Article]], dict[str, Any]]:
    """Split a batch into new articles, republished copies (with their original) and known ones."""
    fresh: list[Article] = []
    copies: list[tuple[str, Article]] = []
    signatures: dict[str, Any] = {}
    for item in batch:
        if not isinstance(item, Article):
            continue
        summary.read += 1
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
