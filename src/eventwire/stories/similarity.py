"""Stories: the same happening told by many outlets, and the same text told twice.

Two mechanisms, both independent of the order articles arrive in:

- *Republications* (wire copy, syndication, small edits) are found before
  any parsing with MinHash/LSH over word shingles (datasketch); the copy is
  stored as one more source (url, outlet, date) of the article it repeats.
- *Stories* link two articles when their names (actor ids, so "Trump" and
  "Donald Trump" are one name; names no actor covers by their folded text)
  and their content words are both similar enough, with a bar that rises
  with the days between them (`related`). A story is a connected component
  of those links, named after its smallest article id.

Why this measure (DOCS: docs/stories.md): each side is the cosine of two
term-frequency vectors (title mentions count `TITLE_WEIGHT` times), with
no IDF. An IDF weight is a statistic of the whole database: it changes as
articles arrive, so whether two fixed articles link would depend on what
was stored before them, and grouping would depend on arrival order. The
link here is a function of the two articles and the settings only, so the
components are the same in any order and in any number of runs, and a new
article is compared only with the stored articles that share one of its
names within the window (an indexed lookup): the cost per article does not
grow with the database. What an IDF would do for the commonest words, a
data table does (data/story_words.tsv); MinHash is kept for republications,
where near-identical text, not shared vocabulary, is the question.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from ..records import Fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc

    from ..records import Actor, Article, Mention

#: How many names and content words stand for an article.
TOP_NAMES = 20
TOP_WORDS = 60
#: A name or word in the title counts this many times: headlines say what the story is.
TITLE_WEIGHT = 3
#: MinHash settings for republication: Jaccard of word 5-shingles.
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with it
SHINGLE = 5
DUPLICATE_THRESHOLD = 0.8
#: LSH finds candidates at a lower similarity, so that copies just above
#: DUPLICATE_THRESHOLD are not missed by chance; each candidate is then checked.
CANDIDATE_THRESHOLD = 0.5

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"}
WORD_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


@dataclass(frozen=True, slots=True)
class StoryRules:
    """When two articles are one story (the ``stories.*`` settings; docs/settings.md).

    Two articles at most ``window_days`` apart link when the cosine of their
    names is at least ``name_threshold`` and that of their words at least
    ``word_threshold``, both bars multiplied by ``exp(days / decay_days)``:
    a day apart the bars are a third higher (decay 3), three days apart
    2.7 times as high, so only close retellings link across several days;
    a developing story carries on through the articles between.
    """

    window_days: int = 7
    decay_days: float = 3.0
    name_threshold: float = 0.25
    word_threshold: float = 0.35

    @classmethod
    def from_settings(cls, settings: Any) -> StoryRules:
        return cls(window_days=int(settings["stories.window_days"]),
                   decay_days=float(settings["stories.decay_days"]),
                   name_threshold=float(settings["stories.name_threshold"]),
                   word_threshold=float(settings["stories.word_threshold"]))

    def bar(self, days: int) -> float:
        """How much higher both thresholds are ``days`` apart (inf beyond the window)."""
        if days > self.window_days:
            return math.inf
        return math.exp(days / self.decay_days) if self.decay_days > 0 else 1.0


DEFAULT_RULES = StoryRules()


@cache
def _dull_words() -> frozenset[str]:
    from ..datafiles import DATA, read_tsv

    return frozenset(row["word"].lower() for row in read_tsv(DATA / "story_words.tsv"))


def _is_media(actor: Actor | None) -> bool:
    """News agencies and outlets credited in an article are not what it is about."""
    return actor is not None and actor.kind == "organization" and "MED" in actor.sectors


def fingerprint(doc: Doc, mentions: Iterable[Mention] = (), actors: Iterable[Actor] = (),
                *, title_chars: int = 0) -> Fingerprint:
    """The article's weighted names (actor ids first, else entity text) and content lemmas.

    ``title_chars``: the title's length at the start of the text; what lies
    there counts `TITLE_WEIGHT` times.
    """
    by_id = {a.id: a for a in actors}
    names: Counter[str] = Counter()
    covered: set[int] = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
        if not _is_media(by_id.get(m.actor_id)):
            names[f"a:{m.actor_id}"] += TITLE_WEIGHT if m.start < title_chars else 1
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and ent.start_char not in covered:
            text = re.sub(r"^the\s+", "", ent.text.lower()).strip()
            if text:
                names[f"e:{text}"] += TITLE_WEIGHT if ent.start_char < title_chars else 1
    dull = _dull_words()
    words: Counter[str] = Counter()
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ in WORD_POS and t.is_alpha and not t.is_stop and len(lemma) > 2 and lemma not in dull:
            words[lemma] += TITLE_WEIGHT if t.idx < title_chars else 1
    return Fingerprint(names=_top(names, TOP_NAMES), words=_top(words, TOP_WORDS))


def _top(counts: Counter[str], n: int) -> dict[str, float]:
    """The ``n`` heaviest items, ties broken by the item itself (the same in every run)."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return {k: float(v) for k, v in ranked}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def similarity(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(name cosine, word cosine) of two fingerprints."""
    return cosine(a.names, b.names), cosine(a.words, b.words)


def days_apart(a: date | None, b: date | None) -> int:
    """Days between two publication dates; an unknown date is no distance."""
    return 0 if a is None or b is None else abs((a - b).days)


def related(a: Fingerprint, a_date: date | None, b: Fingerprint, b_date: date | None,
            rules: StoryRules = DEFAULT_RULES) -> bool:
    """Do two articles tell the same story? Symmetric, so grouping is order-free."""
    bar = rules.bar(days_apart(a_date, b_date))
    if math.isinf(bar):
        return False
    names, words = similarity(a, b)
    return names >= rules.name_threshold * bar and words >= rules.word_threshold * bar


# ------------------------------------------------------------------ republications


def shingles(text: str) -> set[bytes]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def minhash(article: Article):  # type: ignore[no-untyped-def]
    """The MinHash of the article's body shingles (datasketch)."""
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    signature.update_batch(list(shingles(article.body)))
    return signature


class DuplicateIndex:
    """An LSH index of article signatures; finds the article a text repeats."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, object] = {}

    def add(self, article_id: str, signature) -> None:  # type: ignore[no-untyped-def]
        if article_id not in self.signatures:
            self.lsh.insert(article_id, signature)
            self.signatures[article_id] = signature

    def remove(self, article_id: str) -> None:
        if self.signatures.pop(article_id, None) is not None:
            self.lsh.remove(article_id)

    def original(self, signature) -> str | None:  # type: ignore[no-untyped-def]
        """The stored article this signature repeats (best Jaccard, ties to the smaller id)."""
        best: tuple[float, str] | None = None
        for candidate in self.lsh.query(signature):
            score = signature.jaccard(self.signatures[candidate])
            if score >= DUPLICATE_THRESHOLD and (best is None or (-score, candidate) < (-best[0], best[1])):
                best = (score, candidate)
        return best[1] if best else None


def signature_from_bytes(data: bytes):  # type: ignore[no-untyped-def]
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint64), scheme=SCHEME)


def signature_bytes(signature) -> bytes:  # type: ignore[no-untyped-def]
    return signature.hashvalues.astype("uint64").tobytes()
