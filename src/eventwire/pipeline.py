"""The one library function every shell calls: articles in, readings out.

`Pipeline` loads the model once and is reused across batches (and by each
batch worker); `process` is the convenience wrapper.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from .actors import add_entity_ruler, find_actors
from .errors import EventwireError
from .events import code_events
from .nlp import MODEL, build, sentences
from .nlp.parts import parse, part_chars, split_parts
from .quotes import find_quotes
from .records import Actor, Article, Fingerprint, Reading, Section, Skip
from .stories import fingerprint
from .stories.similarity import TOP_NAMES, TOP_WORDS
from .timeplace import place_events

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Articles longer than this many characters are read span by span (`Pipeline._read_spans`).
SPAN_CHARS = 500_000


class Pipeline:
    """Models and tables loaded once; `read` streams articles through every stage."""

    def __init__(
        self, *, model: str = MODEL, actors_file: str | None = None, batch_size: int = 16,
        all_events: bool = False,
    ) -> None:
        """``all_events`` keeps events without a political side (setting events.all_events)."""
        self.all_events = all_events
        self.nlp = build(model)
        add_entity_ruler(self.nlp, actors_file=actors_file)
        self.batch_size = batch_size

    def warm(self) -> None:
        """Load now what the stages load on first use (gazetteer index, date parser), by reading
        one short article: a worker does this before it reports ready."""
        list(self.read([Article(title="Talks resume", paragraphs=[
            "Officials in Paris said on Monday that the talks with Berlin would resume in June."])]))

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Skip]:
        """One Reading per article, or a coded Skip when an article cannot be processed, in order.

        Every step runs per article: a failure of any stage (spaCy's included) is that
        article's skip, and the articles around it are read as usual. An article longer
        than `nlp.parts.PART_CHARS` is parsed in parts and read as one; one longer than
        `SPAN_CHARS` is read span by span and the readings joined, offsets kept.
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
        limit = part_chars(self.nlp)
        parts = {i: split_parts(item[0], limit) for i, item in enumerate(laid) if not isinstance(item, Skip)}
        short = [i for i, pieces in parts.items() if len(pieces) == 1]
        docs = dict(zip(short, self._parse_all([parts[i][0] for i in short]), strict=True))
        for i, (article, item) in enumerate(zip(group, laid, strict=True)):
            if isinstance(item, Skip):
                yield item
                continue
            try:
                if len(item[0]) > SPAN_CHARS:
                    yield self._read_spans(article, *item)
                    continue
                doc = docs.pop(i) if i in docs else parse(self.nlp, item[0], parts.pop(i))
                if isinstance(doc, Exception):
                    raise doc
                yield self.read_doc(doc, article, item[1])
            except Exception as err:  # a bad article never stops a batch
                yield _skip(article, err)

    def _read_spans(self, article: Article, text: str, sections: list[Section]) -> Reading:
        """A very long article read span by span (each parsed in parts), joined into one Reading
        with the article's offsets: memory stays that of one span, whatever the article's length."""
        readings: list[tuple[int, Reading]] = []
        start = 0
        for piece in split_parts(text, SPAN_CHARS, run=SPAN_CHARS):
            inside = [Section(s.kind, max(s.start, start) - start, min(s.end, start + len(piece)) - start, s.index)
                      for s in sections if s.start < start + len(piece) and s.end > start]
            readings.append((start, self.read_doc(parse(self.nlp, piece), article, inside)))
            start += len(piece)
        return join_readings(article, readings)

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
        events = code_events(doc, article, sections, table, frames, all_events=self.all_events)
        place_events(doc, article, sections, events, table, quotes)
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


def join_readings(article: Article, readings: list[tuple[int, Reading]]) -> Reading:
    """Readings of consecutive spans of one article (each with its start offset) as one Reading."""
    joined = Reading(article=article, fingerprint=Fingerprint())
    actors: dict[str, Actor] = {}
    for offset, part in readings:
        first = len(joined.sentences)
        joined.sentences += [(a + offset, b + offset) for a, b in part.sentences]
        joined.mentions += [replace(m, start=m.start + offset, end=m.end + offset, sentence=m.sentence + first)
                            for m in part.mentions]
        joined.events += [replace(e, start=e.start + offset, end=e.end + offset, sentence=e.sentence + first, id="")
                          for e in part.events]
        joined.quotes += [replace(q, start=q.start + offset, end=q.end + offset, id="") for q in part.quotes]
        joined.tokens += part.tokens
        for actor in part.actors:
            known = actors.setdefault(actor.id, actor)
            if known is not actor:
                for key in ("aliases", "roles", "sectors"):
                    getattr(known, key).extend(x for x in getattr(actor, key) if x not in getattr(known, key))
        if part.fingerprint is not None and joined.fingerprint is not None:
            fp = joined.fingerprint
            fp.names = _heaviest(fp.names, part.fingerprint.names, TOP_NAMES)
            fp.words = _heaviest(fp.words, part.fingerprint.words, TOP_WORDS)
    joined.actors = list(actors.values())
    return joined


def _heaviest(a: dict[str, float], b: dict[str, float], n: int) -> dict[str, float]:
    """Two spans' weights summed, the ``n`` heaviest kept (ties by the key, as in every run)."""
    total = {key: a.get(key, 0) + b.get(key, 0) for key in {*a, *b}}
    return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _skip(article: Article, err: Exception) -> Skip:
    """The coded skip of an article some stage failed on (E202 unless the stage coded it)."""
    if not isinstance(err, EventwireError):
        log.warning("article %s failed: %s: %s", article.id, type(err).__name__, str(err)[:200])
        err = EventwireError("E202", detail=f"{type(err).__name__}: {str(err)[:200]}")
    return Skip(article.origin or article.id, err.code, err.reason)


def process(articles: Iterable[Article], **options: object) -> Iterator[Reading | Skip]:
    """Read ``articles`` with a fresh `Pipeline` (see its options)."""
    return Pipeline(**options).read(articles)  # type: ignore[arg-type]
