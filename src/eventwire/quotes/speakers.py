"""Quotes stage: who speaks a direct quote, from the words around its marks (issue 13).

The small parser often mis-parses the sentence around a quote ("Tulsa"
as a verb in "…,” Tulsa police Chief Chuck Jordan said"), so the speaker
of a direct quote is read first from the surface patterns news writing
uses, in this order:

1. after the closing mark: "…,” SPEAKER said", "…,” said SPEAKER",
   "…,” according to SPEAKER";
2. before the opening mark: "SPEAKER said: “…”", "She adds, “…”",
   "Said Ellis: “…”"; a colon with no speech verb names the speaker too:
   "Windsor Mann, editor of …: “…”", or the subject of the clause before it;
3. a dash after the quote: "“…” ― Pamela Padilla".

The speaker phrase's head decides: the rightmost person named in it, else
an organisation (a possessor never: "Obama's former strategist" is not
Obama); a pronoun goes to coreference (actors/coref.py); a description
("the ad's narrator") gives no speaker unless an apposition names one.
Words inside quotation marks never name the speaker.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..actors.coref import first_names, gender_words
from ..datafiles import DATA, read_tsv
from .attribution import FINITE, subject
from .kinds import is_cue, is_mark, last_inside, next_char, previous_char
from .marks import Marked

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .attribution import Resolver

#: tokens a speaker phrase may have
REACH = 12
_CHUNK_END = {",", "(", ";", "—", "–", "―", "--", ":", "who", "whose", "which", "that"}
_DASHES = set("―—–-")
_RANK = {"person": 0, "organization": 1, "group": 1, "country": 2}
_SKIP_ENTS = {"DATE", "TIME"}
_ARTICLES = {"the", "a", "an", "this", "that", "these", "those"}


@functools.lru_cache(maxsize=1)
def org_words() -> frozenset[str]:
    """Words that make a name an organisation's (data/org_words.tsv)."""
    return frozenset(row["word"].lower() for row in read_tsv(DATA / "org_words.tsv"))


@functools.lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, tuple[str, str]]:
    """noun -> (actor kind, refers), for described speakers (data/speaker_nouns.tsv)."""
    return {row["noun"]: (row["kind"], row["refers"]) for row in read_tsv(DATA / "speaker_nouns.tsv")}


@dataclass(slots=True)
class Said:
    """An attribution found for a quote: ``speaker`` may be None (a description)."""

    speaker: str | None
    cue: str | None
    how: str


class Reader:
    """Token lookups over one article for the surface patterns."""

    def __init__(self, doc: Doc, resolver: Resolver, text: str) -> None:
        self.doc, self.resolver, self.text = doc, resolver, text
        self.table = resolver.table
        self._starts = [t.idx for t in doc]

    def token_at(self, char: int) -> Token | None:
        """The token that covers (or starts after) ``char``."""
        k = bisect.bisect_right(self._starts, char) - 1
        if k < 0:
            return self.doc[0] if len(self.doc) else None
        token = self.doc[k]
        if char >= token.idx + len(token.text) and k + 1 < len(self.doc):
            return self.doc[k + 1]
        return token

    def quoted(self, token: Token) -> bool:
        return self.resolver.coref.quoted(token.idx)

    # ------------------------------------------------------------ speaker phrases

    def speaker_in(self, tokens: list[Token]) -> str | None:
        """The actor a speaker phrase names (see the module docstring)."""
        tokens = [t for t in tokens if not self.quoted(t) and not t.is_space]
        while tokens and (tokens[0].is_punct or tokens[0].pos_ in ("ADV", "CCONJ")):
            tokens = tokens[1:]
        if not tokens or tokens[0].pos_ == "ADP":
            return None  # "said in a statement", "wrote on Twitter": no speaker there
        tokens = _without_compound_title(tokens)
        head, rest = _chunk(tokens)
        found = self._named(head)
        if found is not None:
            return found
        words = [t for t in head if t.pos_ not in ("ADV", "PART") and t.ent_type_ not in _SKIP_ENTS
                 and not t.is_punct]
        if len(words) == 1 and words[0].pos_ == "PRON":
            return self.resolver.coref.resolve(words[0], hint=self.resolver.hint)
        if rest and rest[0].text == ",":
            appos = _chunk(rest[1:])[0]
            people = [a for t in appos if (a := self.table.token_actor.get(t.i)) and self.resolver.kind(a) == "person"]
            found = self._named(appos) or (people[-1] if people else None)
            if found is not None and self.resolver.kind(found) == "person":
                return found
        if not words:
            return None
        found = self.resolver.by_name(words) or self.resolver.back_reference(words[-1])
        return found or self._named_speaker(words) or self._described(tokens[:len(tokens) - len(rest)])

    def _named_speaker(self, words: list[Token]) -> str | None:
        """A name in the speaker slot that the actors stage did not make an actor ("PolitiFact
        says"): an actor of its own, a person when its first word is a known first name, the
        model tagged it PERSON, or it is two or three words with no organisation word
        ("Windsor Mann"), else an organisation."""
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words) or len(words) > 4:
            return None
        while len(words) > 2 and speaker_nouns().get(words[0].lower_, ("", ""))[0] == "person":
            words = words[1:]  # "Pal Asma Kazim": a person noun before the name
        if any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "NORP") for t in words):
            return None
        lower = {t.lower_ for t in words}
        person = words[0].lower_ in first_names() or any(t.ent_type_ == "PERSON" for t in words) or (
            len(words) in (2, 3) and not lower & org_words() and not any(t.ent_type_ == "ORG" for t in words))
        return self.resolver.name_actor(words, "person" if person else "organization")

    def _described(self, phrase: list[Token]) -> str | None:
        """A speaker named by a description whose head noun is in data/speaker_nouns.tsv.

        "the nominee", "the New York businessman" (a definite description with a title
        noun) mean the person named before who holds that role, else the most salient
        person; "the announcer", "a friend", "the report" are a speaker of their own: an
        actor of this article made from the phrase."""
        words = [t for t in phrase if not t.is_punct and t.ent_type_ not in _SKIP_ENTS]
        while words and words[-1].pos_ in ("ADV", "PART", "ADP"):
            words.pop()
        if not words or words[-1].pos_ != "NOUN" or words[-1].tag_ in ("NNS", "NNPS"):
            return None
        noun = words[-1].lemma_.lower()
        row = speaker_nouns().get(noun)
        if row is None:
            return None
        kind, refers = row
        definite = words[0].lower_ in ("the", "this", "that") or any(t.tag_ == "POS" for t in words)
        if definite and kind == "person":
            found = self._role_holder(noun, words[0].idx)
            if found is None and refers == "named":
                found = self.resolver.coref.salient_person(words[0].idx, gender_words().get(noun))
            if found is not None:
                return found
        while words and words[0].pos_ == "DET" and words[0].lower_ in _ARTICLES:
            words = words[1:]
        return self.resolver.describe(words, kind) if words else None

    def _role_holder(self, noun: str, char: int) -> str | None:
        """The person last mentioned before ``char`` whose roles have ``noun`` ("the senator")."""
        holders = {a.id for a in self.resolver.persons if any(noun in r.lower().split() for r in a.roles)}
        if not holders:
            return None
        last = [m for m in self.table.mentions if m.actor_id in holders and m.start < char]
        return max(last, key=lambda m: m.start).actor_id if last else None

    def _named(self, head: list[Token]) -> str | None:
        """The rightmost best-ranked actor on the head chunk, if its last word belongs to one."""
        last = [t for t in head if t.pos_ not in ("ADV", "PART", "PUNCT") and t.ent_type_ not in _SKIP_ENTS]
        if not last or self.table.token_actor.get(last[-1].i) is None:
            return None
        best: tuple[int, int, str] | None = None
        for token in last:
            actor_id = self.table.token_actor.get(token.i)
            kind = self.resolver.kind(actor_id)
            if actor_id and kind in _RANK:
                key = (_RANK[kind], -token.i, actor_id)
                best = key if best is None or key < best else best
        return best[2] if best else None

    # ------------------------------------------------------------ the patterns

    def after(self, marked: Marked, high: int) -> Said | None:
        """ "…,” SPEAKER said", "…,” SPEAKER, APPOSITION, said", "…,” said SPEAKER"
        or "…,” according to SPEAKER". A quote ending in a full stop ends its sentence:
        what follows is the next sentence's, not its attribution."""
        if last_inside(self.text, marked) == ".":
            return None
        nxt, at = next_char(self.text, marked.closed + 1, high, skip_marks=True)
        while nxt in (",", "—", "–", "―") and at < high:
            nxt, at = next_char(self.text, at + 1, high)
        first = self.token_at(at) if nxt else None
        if first is None or first.idx >= high:
            return None
        span = self._until_end(first, high)
        for k, token in enumerate(span):
            if token.lower_ == "according" and k + 1 < len(span) and span[k + 1].lower_ == "to":
                return Said(self.speaker_in(span[k + 2:]), "according to", "after")
            if is_cue(token):
                before = span[:k]
                if len(_chunk(before)[0]) > REACH // 2 or (not before and token.tag_ == "VBG"):
                    return None  # "…,” adding that …": the doer is the clause before
                who = self.speaker_in(before) if before else self.speaker_in(self._phrase_after(token, high))
                return Said(who, token.lemma_.lower(), "after")
            if self._verb(token) and not any(t.text == "," for t in span[:k]):
                return None
        return None

    def _verb(self, token: Token) -> bool:
        """A verb of the sentence, not a mis-tagged name ("Tulsa police Chief …")."""
        return token.pos_ == "VERB" and not token.is_title and token.i not in self.table.token_actor

    def _until_end(self, first: Token, high: int) -> list[Token]:
        """Tokens from ``first`` to the sentence's end or a quotation mark (at most 2 × REACH);
        a quoted nickname of a word or two is passed over (Marcia "Cia" Price)."""
        found: list[Token] = []
        skip_to = -1
        for token in self.doc[first.i:min(len(self.doc), first.i + 2 * REACH)]:
            if token.i <= skip_to:
                continue
            if is_mark(token) and token.i + 2 < len(self.doc) and (
                    nick := next((t.i for t in self.doc[token.i + 1:token.i + 4] if is_mark(t)), None)):
                skip_to = nick
                continue
            if token.idx >= high or is_mark(token) or token.text in (".", "!", "?", ";"):
                break
            found.append(token)
        return found

    def _phrase_after(self, cue: Token, high: int) -> list[Token]:
        """The speaker phrase after an inverted cue ("said Rep. Elijah Cummings of Maryland, …")."""
        found: list[Token] = []
        for token in self.doc[cue.i + 1:min(len(self.doc), cue.i + 1 + REACH)]:
            if token.idx >= high or is_mark(token) or token.text in (".", "!", "?", ";", ":"):
                break
            found.append(token)
        return found

    def before(self, marked: Marked, low: int) -> Said | None:
        """ "SPEAKER said: “…”", "She adds, “…”", or a colon after a name or a clause."""
        prev = previous_char(self.text, marked.opened, low)
        if prev not in (",", ":") and prev not in _DASHES:
            return None
        end = self.token_at(marked.opened)
        if end is None:
            return None
        clause = self.clause_before(end, low)
        if prev in _DASHES:
            return self._dash_before(clause)
        cues = [t for t in clause if is_cue(t)]
        if cues:
            cue = cues[-1]
            at = clause.index(cue)
            who = self._subject_of(cue, clause)
            if who is None:
                pre = _after_last_break(clause[:at])
                who = self.speaker_in(pre or clause[:at]) or self.speaker_in(clause[at + 1:])
            return Said(who, cue.lemma_.lower(), "before")
        if prev != ":":
            return None
        return Said(self._colon_speaker(clause), None, "colon")

    def _dash_before(self, clause: list[Token]) -> Said | None:
        """ "…, including Mitt Romney -- ''…''": the actor named right before the dash."""
        words = [t for t in clause if not t.is_punct]
        actor_id = self.table.token_actor.get(words[-1].i) if words else None
        if actor_id is None or self.resolver.kind(actor_id) not in ("person", "organization", "group"):
            return None
        return Said(actor_id, None, "dash")

    def clause_before(self, end: Token, low: int) -> list[Token]:
        """Tokens from the start of the sentence (or the last quotation) up to ``end``."""
        found: list[Token] = []
        i = end.i - 1
        while i >= 0 and self.doc[i].idx >= low and len(found) < 40:
            token = self.doc[i]
            if is_mark(token) or (token.text in (".", "!", "?") and found):
                break
            found.append(token)
            i -= 1
        found.reverse()
        while found and (found[-1].is_punct or found[-1].is_space):
            found.pop()
        return found

    def _subject_of(self, cue: Token, clause: list[Token]) -> str | None:
        """The doer of a cue: the actor right before a participle ("Hillary Clinton asking, …"),
        else its subject in the sentence (outside quotation marks)."""
        if cue.tag_ == "VBG" and cue.i > 0 and self.doc[cue.i - 1].pos_ in ("PROPN", "NOUN"):
            near = self.table.token_actor.get(self.doc[cue.i - 1].i)
            if near is not None and self.resolver.kind(near) in ("person", "organization", "group"):
                return near
        subj = subject(cue)
        if subj is None or subj.sent != cue.sent or self.quoted(subj):
            return None
        if subj.pos_ == "PRON":
            return self.resolver.coref.resolve(subj, hint=self.resolver.hint)
        return self.speaker_in([t for t in subj.subtree if not self.quoted(t) and t.i <= cue.i])

    def _colon_speaker(self, clause: list[Token]) -> str | None:
        """ "Windsor Mann, editor of …:" names the speaker; "Obama has a message:" its subject does."""
        verbs = [t for t in clause if t.tag_ in FINITE and t.pos_ in ("VERB", "AUX")]
        if not verbs:
            found = self.speaker_in(clause)
            if found is None:
                people = [a for t in clause if (a := self.table.token_actor.get(t.i))
                          and self.resolver.kind(a) == "person" and not self.quoted(t)]
                found = people[0] if people else None
            return found
        verb = verbs[0]
        head = verb.head if verb.pos_ == "AUX" and verb.dep_ in ("aux", "auxpass") else verb
        subj = subject(head)
        if subj is None or subj not in clause:
            return None
        if subj.pos_ == "PRON":
            return self.resolver.coref.resolve(subj, hint=self.resolver.hint)
        return self.speaker_in([t for t in subj.subtree if t in clause])

    def dashed(self, marked: Marked, high: int) -> Said | None:
        """ "“…” ― Pamela Padilla": a dash and a name ending the paragraph."""
        nxt, at = next_char(self.text, marked.closed + 1, high, skip_marks=True)
        if nxt not in _DASHES:
            return None
        first = self.token_at(at + 1)
        if first is None or first.idx >= high:
            return None
        phrase = [t for t in self.doc[first.i:min(len(self.doc), first.i + REACH)] if t.idx < high]
        if any(t.pos_ == "VERB" and t.tag_ in FINITE for t in phrase) or any(is_mark(t) for t in phrase):
            return None
        return Said(self.speaker_in(phrase), None, "dash")


def _chunk(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """The head chunk of a phrase (up to a comma, bracket, preposition or relative word),
    without a possessor ("Obama's former strategist" -> "former strategist"), and the rest."""
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if k and (token.lower_ in _CHUNK_END or (token.pos_ == "ADP" and token.tag_ != "POS")):
            break
        k += 1
    head, rest = tokens[:k], tokens[k:]
    owners = [i for i, t in enumerate(head) if t.tag_ == "POS"]
    if owners and owners[-1] + 1 < len(head):
        head = head[owners[-1] + 1:]
    return head, rest


def _without_compound_title(tokens: list[Token]) -> list[Token]:
    """The phrase without a hyphenated title before a name ("Son-in-law Darren Mimms",
    "Mother-of-two Jane Doe"): its preposition would end the head chunk at the title."""
    k = 0
    while k + 2 < len(tokens) and tokens[k + 1].text == "-" and tokens[k].is_alpha:
        k += 2
    if k and k + 1 < len(tokens) and tokens[k].is_alpha and tokens[k + 1].is_title:
        return tokens[k + 1:]
    return tokens


def _after_last_break(tokens: list[Token]) -> list[Token]:
    """The tokens after the last comma, dash, colon or semicolon."""
    breaks = [i for i, t in enumerate(tokens) if t.text in (",", ";", ":", "--") or t.text in _DASHES]
    return tokens[breaks[-1] + 1:] if breaks else tokens


__all__ = ["Reader", "Said"]
