"""The one library function every shell calls: articles in, readings out.

`Pipeline` loads the model once and is reused across batches (and by each
batch worker); `process` is the convenience wrapper.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from .actors import add_entity_ruler, find_actors
from .errors import EventwireError
from .events import code_events
from .nlp import MODEL, build, sentences
from .nlp.parts import parse, split_parts
from .quotes import find_quotes
from .records import Article, Reading, Section, Skip
from .stories import fingerprint
from .timeplace import place_events

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


class Pipeline:
    """Models and tables loaded once; `read` streams articles through every stage."""

    def __init__(
        self, *, model: str = MODEL, actors_file: str | None = None, batch_size: int = 16
    ) -> None:
        self.nlp = build(model)
        add_entity_ruler(self.nlp, actors_file=actors_file)
        self.batch_size = batch_size

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Skip]:
        """One Reading per article, or a coded Skip when an article cannot be processed, in order.

        Every step runs per article: a failure of any stage (spaCy's included) is that
        article's skip, and the articles around it are read as usual. An article longer
        than `PART_CHARS` is parsed in parts (`nlp.parts`) and read as one.
        """
        iterator = iter(articles)
        while group := list(islice(iterator, self.batch_size)):
            yield from self._read_group(group)

    def _read_group(self, group: list[Article]) -> Iterator[Reading | Skip]:
        laid: list[tuple[str, list[Section]] | Skip] = []
        for article in group:
            try:
                laid.append(self._layout(article))
            except Exception as err:
                laid.append(_skip(article, err))
        parts = {i: split_parts(item[0]) for i, item in enumerate(laid) if not isinstance(item, Skip)}
        short = [i for i, pieces in parts.items() if len(pieces) == 1]
        docs = dict(zip(short, self._parse_all([parts[i][0] for i in short]), strict=True))
        for i, (article, item) in enumerate(zip(group, laid, strict=True)):
            if isinstance(item, Skip):
                yield item
                continue
            try:
                doc = docs.pop(i) if i in docs else parse(self.nlp, item[0], parts.pop(i))
                if isinstance(doc, Exception):
                    raise doc
                yield self.read_doc(doc, article, item[1])
            except Exception as err:  # a bad article never stops a batch
                yield _skip(article, err)

    def _parse_all(self, texts: list[str]) -> list[Doc | Exception]:
        """The docs of ``texts`` in one `nlp.pipe`; if that fails, each text on its own."""
        try:
            return list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception:
            out: list[Doc | Exception] = []
            for text in texts:
                try:
                    out.append(self.nlp(text))
                except Exception as err:
                    out.append(err)
            return out

    @staticmethod
    def _layout(article: Article) -> tuple[str, list[Section]]:
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
            fingerprint=fingerprint(doc),
        )


def _skip(article: Article, err: Exception) -> Skip:
    """The coded skip of an article some stage failed on (E202 unless the stage coded it)."""
    if not isinstance(err, EventwireError):
        log.warning("article %s failed: %s: %s", article.id, type(err).__name__, str(err)[:200])
        err = EventwireError("E202", detail=f"{type(err).__name__}: {str(err)[:200]}")
    return Skip(article.origin or article.id, err.code, err.reason)


def process(articles: Iterable[Article], **options: object) -> Iterator[Reading | Skip]:
    """Read ``articles`` with a fresh `Pipeline` (see its options)."""
    return Pipeline(**options).read(articles)  # type: ignore[arg-type]
