"""Stories: the same happening told by many outlets, and the same text told twice.

Two mechanisms, both independent of the order articles arrive in:

- *Republications* (wire copy, syndication, small edits) are found before
  any parsing with MinHash/LSH over word shingles (datasketch); the copy is
  stored as one more source (url, outlet, date) of the article it repeats.
- *Stories* link two articles when they were published within
  `WINDOW_DAYS` of each other and share enough of their salient names and
  enough of their content words (`related`). A story is a connected component of those
  links, named after its smallest article id, so a batch gives the same
  stories in any order; a new article only looks at articles that share one
  of its keys within the window (an indexed lookup), so its cost does not
  grow with the database.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from ..records import Fingerprint

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..records import Article

#: How many names and content words stand for an article.
TOP_NAMES = 8
TOP_WORDS = 25
#: Articles further apart than this (publication dates) are never one story.
WINDOW_DAYS = 1
#: Overlaps (shared / size of the smaller list) both needed to link two articles:
#: names alone chain unrelated stories through a famous name, words alone
#: through common vocabulary. Tuned on the shared development sample.
NAME_THRESHOLD = 0.2
WORD_THRESHOLD = 0.3
#: MinHash settings for republication: Jaccard of word 5-shingles.
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with it
SHINGLE = 5
DUPLICATE_THRESHOLD = 0.8
#: LSH finds candidates at a lower similarity, so that copies just above
#: DUPLICATE_THRESHOLD are not missed by chance; each candidate is then checked.
CANDIDATE_THRESHOLD = 0.5

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"}
WORD_POS = {"NOUN", "PROPN", "VERB"}


def fingerprint(doc: Doc) -> Fingerprint:
    """The article's most frequent names (entities) and content lemmas."""
    names: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            text = re.sub(r"^the\s+", "", ent.text.lower()).strip()
            if text:
                names[text] += 1
    words: Counter[str] = Counter(
        t.lemma_.lower() for t in doc if t.pos_ in WORD_POS and t.is_alpha and not t.is_stop
    )
    return Fingerprint(
        names=[n for n, _ in names.most_common(TOP_NAMES)],
        words=[w for w, _ in words.most_common(TOP_WORDS)],
    )


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / min(len(a), len(b))


def similarity(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(name overlap, word overlap) of two fingerprints."""
    return _overlap(a.names, b.names), _overlap(a.words, b.words)


def within_window(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


def related(a: Fingerprint, a_date: date | None, b: Fingerprint, b_date: date | None) -> bool:
    """Do two articles tell the same story? Symmetric, so grouping is order-free."""
    if not within_window(a_date, b_date):
        return False
    names, words = similarity(a, b)
    return names >= NAME_THRESHOLD and words >= WORD_THRESHOLD


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
