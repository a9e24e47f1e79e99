"""Quotes stage, step 2: who says or reports what, from the parse (issue 5).

A cue verb ("said", "reported", "added", "quoted ... as saying") or
"according to" attributes a stretch of text to its subject; hedges ("is said
to have", "reportedly", "appears to") mark a stretch as hedged. Speakers are
actor ids from the actors stage; pronouns, bare surnames and "the agency"
style back-references are resolved here when the actors stage left them.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, LOWER

from ..actors.build import actor_key
from ..actors.coref import Coref, gender_words
from ..datafiles import DATA, rows
from ..nlp import sentences
from ..records import Actor, Mention, normalise_text, stable_id

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.strings import StringStore
    from spacy.tokens import Doc, Span, Token

    from ..actors.find import ActorTable

WORDS_FILE = DATA / "quote_words.tsv"
SUBJECTS = ("nsubj", "nsubjpass")
FINITE = {"VBD", "VBZ", "VBP", "MD"}
_NOT_PHRASE = {"relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct"}
_OWN_COMPLEMENT = {"xcomp", "dobj", "attr", "acomp", "oprd"}
_TRAIL_PUNCT = {",", "”", '"', "’", "'", "—", "–", "-", ":"}


@functools.lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """role -> words, from data/quote_words.tsv (read once)."""
    table: dict[str, set[str]] = {}
    for fields in rows(WORDS_FILE, header=True):
        if len(fields) == 2:
            table.setdefault(fields[1].strip(), set()).add(fields[0].strip().lower())
    return {role: frozenset(found) for role, found in table.items()}


def role(word: str, name: str) -> bool:
    return word in words().get(name, frozenset())


@dataclass(slots=True)
class Attribution:
    """A cue and what it attributes: chars [start, end) of the sentence (empty if none)."""

    cue: Token
    word: str
    source: str | None
    speaker: str | None
    start: int = 0
    end: int = 0
    hedged: bool = False


class Resolver:
    """Maps a subject token to an actor id, with the stage's own fall-backs.

    Pronouns go to coreference (`actors.coref.Coref`); ``hint`` is the
    previous speaker and where it spoke, which the quotes stage keeps up to date.
    """

    def __init__(self, doc: Doc, table: ActorTable, quoted: Sequence[tuple[int, int]] = (),
                 *, text: str | None = None, article_id: str = "") -> None:
        self.doc, self.table, self.article_id = doc, table, article_id
        self._sentence_starts: list[int] | None = None
        self.coref = Coref(doc, table, quoted, text=text)
        self.hint: tuple[str, int] | None = None
        self._names: dict[str, set[str]] | None = None
        self.persons = [a for a in table.actors if a.kind == "person"]
        media = {a.id for a in table.actors if _is_media(a)}
        self.media_at = sorted((m.start, m.actor_id) for m in table.mentions if m.actor_id in media)
        self.org_at = sorted((m.start, m.actor_id) for m in table.mentions
                             if self.kind(m.actor_id) in ("organization", "group"))

    def media(self, actor_id: str | None) -> bool:
        """Whether the actor is a news outlet."""
        actor = self.table.by_id(actor_id) if actor_id else None
        return actor is not None and _is_media(actor)

    def kind(self, actor_id: str | None) -> str | None:
        actor = self.table.by_id(actor_id) if actor_id else None
        return actor.kind if actor is not None else None

    def actor(self, token: Token | None) -> str | None:
        """The actor a subject phrase headed by ``token`` names, if any."""
        if token is None:
            return None
        found = self.table.token_actor.get(token.i)
        if found:
            return found
        if token.pos_ == "PRON":
            return self.coref.resolve(token, hint=self.hint)
        # "Iranian state media" is not Iran, "Mr Collett's family" is not Mr Collett
        inside = [a for t in _phrase(token) if (a := self.table.token_actor.get(t.i))
                  and self.kind(a) != "country" and not _possessor(t, token)
                  and not self.coref.quoted(t.idx)]
        people = [a for a in inside if self.kind(a) == "person"]
        if people or inside:
            return (people or inside)[0]
        return self.back_reference(token)

    def back_reference(self, token: Token) -> str | None:
        """ "the agency" -> the outlet meant; a bare surname -> the one person of that name."""
        if role(token.lemma_.lower(), "media_noun"):
            return self._named_with(token) or self._last_media(token.idx)
        return self._surname(token) if token.pos_ == "PROPN" else None

    def _named_with(self, token: Token) -> str | None:
        """ "the agency" -> the last organization named with that word ("Atomic Energy Agency")."""
        word = token.lower_
        before = [actor_id for start, actor_id in self.org_at if start < token.idx
                  and (a := self.table.by_id(actor_id)) is not None
                  and any(word in n.lower().split() for n in a.names)]
        return before[-1] if before else None

    def _last_media(self, char: int) -> str | None:
        """The news outlet "the agency" refers back to: the only one, else the last one named."""
        if not self.media_at:
            return None
        if len({actor_id for _, actor_id in self.media_at}) == 1:
            return self.media_at[0][1]
        before = [actor_id for start, actor_id in self.media_at if start < char]
        return before[-1] if before else None

    def _surname(self, token: Token) -> str | None:
        """The person a bare surname names: the only one, else the one whose name holds
        the others' ("De Sa" and "Rui De Sa"), else the one of the gender an honorific
        before it states ("Mrs. Clinton"), last mentioned before it."""
        hits = [a for a in self.persons if any(n.split()[-1:] == [token.text] for n in a.names)]
        if len(hits) <= 1:
            return hits[0].id if hits else None
        longest = max(hits, key=lambda a: len(a.name.split()))
        if all(set(a.name.split()) <= set(longest.name.split()) for a in hits):
            return longest.id
        gender = gender_words().get(token.doc[token.i - 1].lower_.rstrip(".")) if token.i else None
        if gender:
            hits = [a for a in hits if self.coref.gender(a.id) == gender] or hits
        if len(hits) == 1:
            return hits[0].id
        last = {m.actor_id: m.start for m in self.table.mentions if m.start < token.idx}
        ranked = sorted((last[a.id], a.id) for a in hits if a.id in last)
        return ranked[-1][1] if ranked else None

    def describe(self, words: list[Token], kind: str) -> str:
        """An actor of this article for an unnamed speaker ("ad's narrator", "report"), with a
        mention on its words; the same phrase twice is one actor. Its id is the article's
        own, so unnamed speakers of different articles never merge."""
        name = self.doc[words[0].i:words[-1].i + 1].text
        return self._add(words, Actor(name=name, kind=kind,  # type: ignore[arg-type]
                                      id=stable_id("actor", "described", self.article_id, normalise_text(name))))

    def name_actor(self, words: list[Token], kind: str) -> str:
        """An actor for a name in a speaker slot, with the id any article gives that name."""
        name = self.doc[words[0].i:words[-1].i + 1].text
        return self._add(words, Actor(name=name, kind=kind, id=actor_key(kind, name)))  # type: ignore[arg-type]

    def _add(self, words: list[Token], actor: Actor) -> str:
        """Add ``actor`` (once) and a mention of it on ``words``; its id."""
        actor_id = actor.id
        if self.table.by_id(actor_id) is None:
            self.table.actors.append(actor)
            if self._names is not None:
                self._names.setdefault(actor.name.casefold(), set()).add(actor_id)
        name = actor.name
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        self.table.mentions.append(Mention(self.article_id, start, end, self._sentence(start), name, actor_id))
        for token in self.doc[words[0].i:words[-1].i + 1]:
            self.table.token_actor.setdefault(token.i, actor_id)
        return actor_id

    def _sentence(self, char: int) -> int:
        if self._sentence_starts is None:
            self._sentence_starts = [s.start_char for s in sentences(self.doc)]
        return max(0, bisect.bisect_right(self._sentence_starts, char) - 1)

    def by_name(self, words: list[Token]) -> str | None:
        """The actor a name the actors stage did not map is a spelling of: the same name or
        alias ("Zero Hedge" again), else the one person with that surname."""
        if not words or not all(t.pos_ == "PROPN" for t in words):
            return None
        if self._names is None:
            self._names = {}
            for actor in self.table.actors:
                for name in actor.names:
                    self._names.setdefault(name.casefold(), set()).add(actor.id)
        hits = self._names.get(" ".join(t.text for t in words).casefold(), set())
        if len(hits) == 1:
            return next(iter(hits))
        first = {a.id for a in self.table.actors if a.kind in ("organization", "group")
                 and a.name.split()[:len(words)] == [t.text for t in words]}
        if len(first) == 1:
            return first.pop()  # "Peabody" after "Peabody Energy"
        return self._surname(words[-1])


def _phrase(token: Token) -> list[Token]:
    """The noun phrase headed by ``token``, without clauses or conjoined phrases."""
    found, todo = [], [token]
    while todo:
        word = todo.pop()
        found.append(word)
        todo.extend(c for c in word.children if c.dep_ not in _NOT_PHRASE)
    return sorted(found, key=lambda t: t.i)


def _possessor(token: Token, top: Token) -> bool:
    """Whether ``token`` sits in a possessive modifier below ``top``."""
    for _ in range(8):
        if token.dep_ == "poss":
            return True
        if token.i == top.i or token.head.i == token.i:
            return False
        token = token.head
    return False


def _is_media(actor: Actor) -> bool:
    if "MED" in actor.sectors:
        return True
    return actor.kind == "organization" and any(
        role(n.split()[-1].lower(), "media_noun") for n in actor.names if n.split())


def subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is conjoined to or hangs from
    as a participle ("..., adding that", "..., saying: ", "sings to X before asking her");
    a participle modifying a noun has that noun ("footage of Clinton asking, …")."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:  # of two (a mis-parse: "Son-in-law Darren Mimms said"), the nearer one
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head  # "footage of Clinton asking"; "Teneo issued a statement saying"
            return subject(noun.head) if noun.dep_ == "dobj" and noun.pos_ == "NOUN" else noun
        inherits = verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp", "pcomp") and verb.tag_ == "VBG")
        if not inherits or verb.head.i == verb.i:
            return None
        verb = verb.head
        if verb.dep_ == "prep" and verb.pos_ == "ADP" and verb.head.i != verb.i:
            verb = verb.head
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _content_end(sent: Span) -> int:
    """Char end of the sentence without its closing punctuation and marks."""
    end = sent.end - 1
    while end > sent.start and (sent.doc[end].is_punct or sent.doc[end].is_space):
        end -= 1
    return sent.doc[end].idx + len(sent.doc[end].text)


def _after(doc: Doc, first: Token, sent: Span, verb: Token | None = None) -> tuple[int, int]:
    """Chars from ``first`` (skipping a "that") to the end of the sentence.

    With ``verb``, the span stops before a clause conjoined to the cue verb
    ("said the talks went well and promised more").
    """
    i = first.i
    while i < sent.end - 1 and (doc[i].dep_ == "mark" or doc[i].is_punct):
        i += 1
    end = _content_end(sent)
    if verb is not None:
        joined = [c for c in verb.rights if c.dep_ in ("cc", "conj") and c.i > i]
        if joined:
            stop = joined[0].i - 1
            while stop > i and (doc[stop].is_punct or doc[stop].is_space):
                stop -= 1
            end = min(end, doc[stop].idx + len(doc[stop].text))
    return doc[i].idx, end


def _before(doc: Doc, left: int, sent: Span) -> tuple[int, int] | None:
    """Chars from the sentence start up to the punctuation before token ``left``."""
    k = left - 1
    if k <= sent.start or doc[k].text not in _TRAIL_PUNCT:
        return None
    while k > sent.start and doc[k].text in _TRAIL_PUNCT:
        k -= 1
    first = sent.start
    while first < k and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if not any(doc[i].tag_ in FINITE for i in range(first, k + 1)):
        return None  # "As a candidate, X vowed ...": no clause to attribute
    return doc[first].idx, doc[k].idx + len(doc[k].text)


def content(verb: Token, subj: Token | None) -> tuple[int, int] | None:
    """What the cue attributes: its complement clause, or the clause before it."""
    doc, sent = verb.doc, verb.sent
    target = verb
    said = _as_saying(verb)
    if said is not None:
        target = said
    comp = next((c for c in target.children if c.dep_ == "ccomp"), None)
    if comp is not None and comp.i > target.i:
        return _after(doc, comp.left_edge, sent, verb)
    left = min([verb.i] + ([subj.left_edge.i] if subj is not None else []))
    if comp is not None:
        span = _before(doc, left, sent)
        return span or (comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text))
    addressee = role(verb.lemma_.lower(), "addressee_cue")  # "..., X told reporters."
    if said is None and any(c.dep_ in _OWN_COMPLEMENT and not (addressee and c.dep_ == "dobj")
                            for c in verb.rights):
        return None  # "X vowed to ...": the cue has its own complement
    return _before(doc, left, sent)


def _as_saying(verb: Token) -> Token | None:
    """The "saying" of "quoted X as saying"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            said = next((c for c in prep.children if c.lemma_.lower() == "say"), None)
            if said is not None:
                return said
    return None


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _parties(verb: Token, resolver: Resolver) -> tuple[str | None, str | None]:
    """(source, speaker) of a cue verb: "media quoted X as saying" -> (media, X)."""
    subj = subject(verb)
    if _as_saying(verb) is not None:
        if _passive(verb):
            agent = _child(verb, "agent")
            by = _child(agent, "pobj") if agent is not None else None
            return resolver.actor(by), resolver.actor(subj)
        return resolver.actor(subj), resolver.actor(_child(verb, "dobj"))
    source = resolver.actor(subj)
    return source, (source if resolver.kind(source) == "person" else None)


def attribute(token: Token, resolver: Resolver) -> Attribution | None:
    """The attribution a cue verb or "according to" makes, else None."""
    if token.lower_ == "according":
        return _according(token, resolver)
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or not role(lemma, "cue"):
        return None
    if _passive(token) and _as_saying(token) is None:
        return None  # "is said to have ...": a hedge, not a cue
    if _child(token, "neg") is not None:
        return None  # "did not say what ..."
    source, speaker = _parties(token, resolver)
    span = content(token, subject(token))
    start, end = span if span is not None else (0, 0)
    return Attribution(token, lemma, source, speaker, start, end)


def _according(token: Token, resolver: Resolver) -> Attribution | None:
    """ "according to X, ..." and "..., according to X" """
    to = next((c for c in token.children if c.lower_ == "to"), None)
    who = _child(to, "pobj") if to is not None else None
    if who is None:
        return None
    doc, sent = token.doc, token.sent
    source = resolver.actor(who)
    speaker = source if resolver.kind(source) == "person" else None
    after = who.right_edge.i + 1
    if after < sent.end - 1 and doc[after].text == "," and token.i <= sent.start + 1:
        start, end = _after(doc, doc[after + 1], sent)
    else:
        span = _before(doc, token.i, sent)
        start, end = span if span is not None else (sent.start_char, _content_end(sent))
    return Attribution(token, "according to", source, speaker, start, end)


def hedge(token: Token) -> Attribution | None:
    """A hedged stretch: "is said to have ...", "appears to ...", "reportedly ..."."""
    lemma = token.lemma_.lower()
    head = None
    if token.dep_ == "advmod" and role(token.lower_, "hedge_adverb"):
        head = token.head
    elif token.pos_ in ("VERB", "AUX") and (role(lemma, "hedge_passive") or role(lemma, "hedge_raising")):
        raising = role(lemma, "hedge_raising") or _passive(token)
        head = token if raising and _child(token, "xcomp") is not None else None
    if head is None:
        return None
    left, right = head.left_edge, head.right_edge
    while right.i > left.i and (right.is_punct or right.is_space):
        right = right.doc[right.i - 1]
    return Attribution(token, lemma, None, None, left.idx, right.idx + len(right.text), hedged=True)


def scan(doc: Doc, resolver: Resolver) -> list[Attribution]:
    """Every cue and hedge of the doc, in text order (one pass over the tokens)."""
    lemmas, lowers = _hashes(doc.vocab.strings)
    table = doc.to_array([LEMMA, LOWER])
    hits = numpy.flatnonzero(numpy.isin(table[:, 0], lemmas) | numpy.isin(table[:, 1], lowers))
    found: list[Attribution] = []
    for i in hits.tolist():
        token = doc[i]
        made = hedge(token) or attribute(token, resolver)
        if made is not None:
            found.append(made)
    return found


def _hashes(strings: StringStore) -> tuple[numpy.ndarray, numpy.ndarray]:
    """String hashes of the lemmas and lower-case words that can start a cue or hedge."""
    vocab = words()
    lemmas = vocab["cue"] | vocab["hedge_passive"] | vocab["hedge_raising"]
    lowers = vocab["hedge_adverb"] | {"according"}
    return (numpy.array(sorted(strings[w] for w in lemmas), dtype=numpy.uint64),
            numpy.array(sorted(strings[w] for w in lowers), dtype=numpy.uint64))
