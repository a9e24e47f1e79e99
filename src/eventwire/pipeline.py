"""The one library function every shell calls: articles in, readings out.

`Pipeline` loads the model once and is reused across batches (and by each
batch worker); `process` is the convenience wrapper.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from .actors import add_entity_ruler, find_actors
from .errors import EventwireError
from .events import code_events
from .nlp import MODEL, build, sentences
from .quotes import find_quotes
from .records import Article, Reading, Skip
from .stories import fingerprint
from .timeplace import place_events

log = logging.getLogger(__name__)


class Pipeline:
    """Models and tables loaded once; `read` streams articles through every stage."""

    def __init__(
        self, *, model: str = MODEL, actors_file: str | None = None, batch_size: int = 16
    ) -> None:
        self.nlp = build(model)
        add_entity_ruler(self.nlp, actors_file=actors_file)
        self.batch_size = batch_size

    def warm(self) -> None:
        """Load now what the stages load on first use (gazetteer index, date parser), by reading
        one short article: a worker does this before it reports ready."""
        list(self.read([Article(title="Talks resume", paragraphs=[
            "Officials in Paris said on Monday that the talks with Berlin would resume in June."])]))

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Skip]:
        """One Reading per article, or a Skip when an article cannot be processed."""
        pairs = ((self._layout(a), a) for a in articles)
        docs = self.nlp.pipe(((text, (a, s)) for (text, s), a in pairs), as_tuples=True,
                             batch_size=self.batch_size)
        for doc, (article, sections) in docs:
            try:
                yield self.read_doc(doc, article, sections)
            except EventwireError as err:
                yield Skip(article.origin or article.id, err.code, err.reason)
            except Exception as err:  # a bad article never stops a batch
                log.exception("article %s failed", article.id)
                wrapped = EventwireError("E202", detail=f"{type(err).__name__}: {err}")
                yield Skip(article.origin or article.id, wrapped.code, wrapped.reason)

    @staticmethod
    def _layout(article: Article):  # type: ignore[no-untyped-def]
        return article.layout()

    def read_doc(self, doc, article: Article, sections) -> Reading:  # type: ignore[no-untyped-def]
        table = find_actors(doc, article, sections)
        quotes, frames = find_quotes(doc, article, sections, table)
        events = code_events(doc, article, sections, table, frames)
        place_events(doc, article, sections, events, table)
        return Reading(
            article=article,
            actors=table.actors,
            mentions=table.mentions,
            events=events,
            quotes=quotes,
            sentences=[(s.start_char, s.end_char) for s in sentences(doc)],
            tokens=len(doc),
            fingerprint=fingerprint(doc, table.mentions, table.actors, title_chars=len(article.title)),
        )


def process(articles: Iterable[Article], **options: object) -> Iterator[Reading | Skip]:
    """Read ``articles`` with a fresh `Pipeline` (see its options)."""
    return Pipeline(**options).read(articles)  # type: ignore[arg-type]
