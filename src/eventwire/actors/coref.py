"""Pronoun coreference for speakers: "he", "she", "they", "it" -> the actor meant (issue 13).

Approach: rules on the parse, in the manner of Lappin and Leass's salience
model, because the pinned model has no coreference component and no PyPI
coreference library installs with its model without a download at run time
(fastcoref, coreferee and crosslingual-coreference fetch models or pin old
spaCy). Each actor mentioned before the pronoun, outside quotation marks,
collects salience from its mentions: a base for being mentioned, more as a
subject, more again as the subject of a speech verb, less as a possessor,
inside a prepositional phrase or inside a reported clause; an actor counts
once a sentence (its best mention there, as in Lappin and Leass), and the sum
halves with every sentence back. A "he" or "she" takes the most salient person
whose gender agrees (an unknown gender competes at a discount); "it" and
"they" take organisations, groups and countries. The previous speaker
(a hint from the quotes stage) gains salience, as a following "he said"
mostly continues him. Gender comes from the article first (honorifics and
gendered role words such as "Mrs.", "spokeswoman"; then the pronouns that
follow a person where no other person is near), then from
data/first_names.tsv; data/gender_words.tsv and data/pronouns.tsv hold
the words. Mentions inside quotation marks never count: the speaker of a
quote is never someone named only inside it.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..datafiles import DATA, read_tsv

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Token

    from .find import ActorTable

#: sentences back that still count, and the salience factors of a mention (Lappin and
#: Leass 1994: recency, subject, object, oblique, head noun, not adverbial), plus ours:
#: subject of a speech verb, and a penalty inside a reported or subordinate clause
WINDOW = 6
RECENCY, SUBJECT, OBJECT, OBLIQUE, HEAD, NON_ADVERBIAL = 100.0, 80.0, 50.0, 40.0, 80.0, 50.0
SPEAKER, EMBEDDED = 60.0, -40.0
UNKNOWN_GENDER = 0.8
HINT = 100.0
#: mentions looked back at beyond the window (bounded, so the cost stays linear)
FALLBACK = 200


@functools.lru_cache(maxsize=1)
def pronoun_table() -> dict[str, dict[str, str]]:
    """pronoun -> its gender, number, person and case (data/pronouns.tsv)."""
    return {row["pronoun"]: row for row in read_tsv(DATA / "pronouns.tsv")}


@functools.lru_cache(maxsize=1)
def gender_words() -> dict[str, str]:
    return {row["word"]: row["gender"] for row in read_tsv(DATA / "gender_words.tsv")}


@functools.lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    return {row["name"]: row["gender"] for row in read_tsv(DATA / "first_names.tsv")}


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of speech verbs (the cue rows of data/quote_words.tsv)."""
    return frozenset(row["word"] for row in read_tsv(DATA / "quote_words.tsv")
                     if row["role"] in ("cue", "quote_cue"))


@dataclass(slots=True)
class _Mention:
    start: int
    sentence: int
    actor_id: str
    kind: str
    weight: float
    #: subject of a speech verb
    speaks: bool = False


class Coref:
    """Resolves pronouns of one article to actor ids."""

    def __init__(self, doc: Doc, table: ActorTable, quoted: Sequence[tuple[int, int]] = (),
                 *, text: str | None = None) -> None:
        self.doc, self.table = doc, table
        self.text = doc.text if text is None else text
        self._quoted = sorted(quoted)
        self._quote_starts = [s for s, _ in self._quoted]
        self._sent_starts = [s.start_char for s in doc.sents]
        self.mentions = self._mentions()
        self._starts = [m.start for m in self.mentions]
        self._genders: dict[str, str | None] | None = None
        self._resolved: dict[int, str | None] | None = None
        #: names and resolved pronouns in text order, once the pass has run
        self._seen: list[_Mention] = []
        self._seen_starts: list[int] = []

    # ------------------------------------------------------------ building

    def quoted(self, char: int) -> bool:
        """Whether ``char`` lies inside a quotation (marks included)."""
        k = bisect.bisect_right(self._quote_starts, char) - 1
        return k >= 0 and char < self._quoted[k][1]

    def sentence(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def _mentions(self) -> list[_Mention]:
        found: list[_Mention] = []
        for mention in sorted(self.table.mentions, key=lambda m: m.start):
            actor = self.table.by_id(mention.actor_id)
            if actor is None or self.quoted(mention.start):
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            found.append(_Mention(mention.start, self.sentence(mention.start), actor.id, actor.kind,
                                  _weight(span.root), _speaks(span.root)))
        return found

    # ------------------------------------------------------------ gender

    def gender(self, actor_id: str) -> str | None:
        """m, f or None for a person actor."""
        if self._genders is None:
            self._genders = self._all_genders()
        return self._genders.get(actor_id)

    def _all_genders(self) -> dict[str, str | None]:
        votes = self._pronoun_votes()
        words: dict[str, list[str]] = {}
        for mention in self.table.mentions:
            words.setdefault(mention.actor_id, []).extend(self._words_at(mention.start, mention.end))
        genders: dict[str, str | None] = {}
        for actor in self.table.actors:
            if actor.kind != "person":
                continue
            said = words.get(actor.id, []) + [w for r in actor.roles for w in r.lower().replace(".", " ").split()]
            genders[actor.id] = _decide(_stated(said), _first_name(actor.names), votes[actor.id])
        return genders

    def _words_at(self, start: int, end: int) -> list[str]:
        """The first word of a mention and the word before it ("Mrs. Clinton", "spokeswoman X")."""
        words = self.text[start:end].lower().replace(".", " ").split()[:1]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.start > 0:
            words.append(self.doc[span.start - 1].lower_.rstrip("."))
        return words

    def _pronoun_votes(self) -> dict[str, Counter[str]]:
        """Per person, the m/f pronouns later in a sentence whose subject it is, or subject of
        the next sentence, where no other person is named ("Clinton said her plan ...",
        "Melanie thought it outrageous. She …")."""
        votes: dict[str, Counter[str]] = {a.id: Counter() for a in self.table.actors}
        table = pronoun_table()
        for token in self.doc:
            row = table.get(token.lower_)
            if row is None or row["gender"] not in ("m", "f") or self.quoted(token.idx):
                continue
            here = self.sentence(token.idx)
            back = 1 if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT" else 0
            low = self._sent_starts[max(0, here - back)]
            people = [m for m in self._before(token.idx, low) if m.kind == "person"]
            if len({m.actor_id for m in people}) == 1 and people[0].weight >= RECENCY + SUBJECT:
                votes[people[0].actor_id][row["gender"]] += 1
        return votes

    # ------------------------------------------------------------ resolving

    def _before(self, char: int, low: int) -> list[_Mention]:
        """Mentions that start in [low, char)."""
        i = bisect.bisect_left(self._starts, low)
        j = bisect.bisect_left(self._starts, char)
        return self.mentions[i:j]

    def resolve(self, token: Token, *, hint: tuple[str, int] | None = None) -> str | None:
        """The actor a third-person pronoun outside quotation marks refers to, or None.

        All such pronouns are resolved once, in text order, so each resolved
        pronoun adds to its actor's salience for the next ("She said she …").
        ``hint`` (the previous speaker and where it spoke) is used for a
        pronoun the pass did not meet.
        """
        if self._resolved is None:
            self._resolved = self._chain()
        if token.i in self._resolved:
            return self._resolved[token.i]
        row = pronoun_table().get(token.lower_)
        if row is None or row["person"] != "3":
            return None
        seen = self.mentions[:bisect.bisect_left(self._starts, token.idx)]
        return self._pick(token, row, seen, hint)

    def _chain(self) -> dict[int, str | None]:
        """Resolve every third-person pronoun outside quotes, in order, adding each as a mention."""
        table = pronoun_table()
        pronouns = [t for t in self.doc if t.lower_ in table and table[t.lower_]["person"] == "3"
                    and t.pos_ == "PRON" and not self.quoted(t.idx)]
        seen = self._seen
        speaker: tuple[str, int] | None = None
        resolved: dict[int, str | None] = {}
        k = 0
        for token in pronouns:
            while k < len(self.mentions) and self.mentions[k].start < token.idx:
                seen.append(self.mentions[k])
                speaker = _speaker_update(speaker, self.mentions[k])
                k += 1
            row = table[token.lower_]
            found = self._pick(token, row, seen, speaker if _speaks(token) else None)
            resolved[token.i] = found
            if found is not None:
                kind = next((m.kind for m in reversed(seen) if m.actor_id == found), "person")
                mention = _Mention(token.idx, self.sentence(token.idx), found, kind, _weight(token))
                seen.append(mention)
                speaker = _speaker_update(speaker, mention)
        seen.extend(self.mentions[k:])
        self._seen_starts = [m.start for m in seen]
        return resolved

    def salient_person(self, char: int, gender: str | None = None) -> str | None:
        """The most salient person before ``char`` (names and resolved pronouns), of
        ``gender`` when given: what "the nominee said" most likely means."""
        if self._resolved is None:
            self._resolved = self._chain()
        seen = self._seen[:bisect.bisect_left(self._seen_starts, char)]
        row = {"gender": gender or "m", "person": "3"}
        scores = self._scores(char, row, seen, None)
        if gender is None:
            row = {"gender": "f", "person": "3"}
            for actor_id, score in self._scores(char, row, seen, None).items():
                scores[actor_id] = max(score, scores.get(actor_id, 0.0))
        return max(scores.items(), key=lambda kv: kv[1])[0] if scores else None

    def _pick(self, token: Token, row: dict[str, str], seen: list[_Mention],
              hint: tuple[str, int] | None) -> str | None:
        """The most salient agreeing actor among the mentions ``seen`` before the pronoun."""
        last: dict[str, int] = {}
        scores = self._scores(token.idx, row, seen, hint, last)
        if not scores:
            return self._fallback(seen, row) if row["gender"] in ("m", "f") else None
        return max(scores.items(), key=lambda kv: (kv[1], last.get(kv[0], 0)))[0]

    def _scores(self, char: int, row: dict[str, str], seen: list[_Mention],
                hint: tuple[str, int] | None, last: dict[str, int] | None = None) -> dict[str, float]:
        """Salience of each agreeing actor among ``seen`` at ``char``."""
        last = {} if last is None else last
        here = self.sentence(char)
        low = self._sent_starts[max(0, here - WINDOW)]
        best: dict[tuple[str, int], float] = {}
        for mention in reversed(seen):
            if mention.start < low:
                break
            if _agrees(row, mention.kind):
                key = (mention.actor_id, mention.sentence)
                best[key] = max(best.get(key, 0.0), mention.weight)
                last.setdefault(mention.actor_id, mention.start)
        scores: dict[str, float] = {}
        for (actor_id, sentence), weight in best.items():
            scores[actor_id] = scores.get(actor_id, 0.0) + weight * 0.5 ** (here - sentence)
        if hint is not None and hint[0] in scores:
            scores[hint[0]] += HINT * 0.5 ** (here - self.sentence(hint[1]))
        if row["gender"] in ("m", "f"):
            scores = self._by_gender(scores, row["gender"])
        return scores

    def _by_gender(self, scores: dict[str, float], gender: str) -> dict[str, float]:
        kept: dict[str, float] = {}
        for actor_id, score in scores.items():
            known = self.gender(actor_id)
            if known == gender:
                kept[actor_id] = score
            elif known is None:
                kept[actor_id] = score * UNKNOWN_GENDER
        return kept

    def _fallback(self, seen: list[_Mention], row: dict[str, str]) -> str | None:
        """Beyond the window: the last person of that gender named before."""
        for mention in seen[:-FALLBACK - 1:-1]:
            if mention.kind == "person" and self.gender(mention.actor_id) in (row["gender"], None):
                return mention.actor_id
        return None


def _speaks(token: Token) -> bool:
    """Whether the token is the subject of a speech verb."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in speech_verbs()


def _speaker_update(speaker: tuple[str, int] | None, mention: _Mention) -> tuple[str, int] | None:
    return (mention.actor_id, mention.start) if mention.speaks else speaker


def _agrees(row: dict[str, str], kind: str) -> bool:
    """Whether a pronoun can refer to an actor of ``kind``."""
    if row["gender"] in ("m", "f"):
        return kind == "person"
    if row["gender"] == "n":
        return kind in ("organization", "country", "group")
    return kind in ("organization", "group")  # "they"


def _weight(root: Token) -> float:
    """Salience of one mention from its place in the parse."""
    weight = RECENCY
    dep = root.dep_
    if dep in ("nsubj", "nsubjpass"):
        weight += SUBJECT + (SPEAKER if _speaks(root) else 0.0)
    elif dep in ("dobj", "attr", "oprd"):
        weight += OBJECT
    elif dep in ("dative", "pobj"):
        weight += OBLIQUE
    if dep not in ("poss", "compound", "nmod", "amod"):
        weight += HEAD
    if not (dep == "pobj" and root.head.head.pos_ in ("VERB", "AUX")):
        weight += NON_ADVERBIAL
    head = root
    for _ in range(10):
        if head.dep_ in ("ccomp", "advcl"):
            weight += EMBEDDED
            break
        if head.head.i == head.i:
            break
        head = head.head
    return weight


def _stated(words: list[str]) -> str | None:
    """The one gender the honorifics and role words beside a person's mentions state."""
    found = {gender_words()[w] for w in words if w in gender_words()}
    return found.pop() if len(found) == 1 else None


def _first_name(names: list[str]) -> str | None:
    """The gender of the first given name among the names ("Hillary Clinton"; a person
    known by a given name alone, "Melanie", counts when no longer name is known)."""
    split = [[w for w in (x.strip(".").lower() for x in n.split()) if w not in gender_words()] for n in names]
    longest = max((len(w) for w in split), default=0)
    for words in split:
        if words and len(words) == longest and words[0] in first_names():
            return first_names()[words[0]]
    return None


def _decide(stated: str | None, named: str | None, votes: Counter[str]) -> str | None:
    """The article's own word first, then the first name, then the pronouns that follow."""
    if stated or named:
        return stated or named
    ranked = votes.most_common()
    top, count = ranked[0] if ranked else (None, 0)
    other = ranked[1][1] if len(ranked) > 1 else 0
    return top if top and count > other else None
