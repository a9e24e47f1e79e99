"""Actors stage, step 2: roles around a name, and sectors from role and organization words.

A role is the title written next to a name, kept as found: the run of
capitalised words and role nouns right before it ("White House spokesman John
Kirby", "the Secretary of the Russian National Security Council Nikolai
Patrushev") or an appositive ("the new chief commander of the Iranian police
force, Ahmad-Reza Radan"; "Nasser Kanaani, the ministry spokesman"). Sectors
come from data/sectors.tsv: institution words outrank role nouns, so
"commander of the police" is COP, not MIL.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .data import SectorRule, agent_rules, max_agent_len, max_rule_len, page_words, sector_rules
from .mentions import never_actors, role_head, role_nouns, role_words
from .names import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CONNECTORS = frozenset({"of", "the", "for", "'s", "’s", "-", "and"})
_TRIM_LEFT = frozenset({"of", "the", "for", "'s", "’s", "-", "and", "a", "an"})
_TRIM_RIGHT = frozenset({"and", "-", "of", "for", "the", "at", "to", "in", "'s", "’s"})
#: entity labels whose words are no part of a title ("Wednesday afternoon", "9")
_NOT_IN_ROLE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_OPEN_POS = frozenset({"NOUN", "ADJ", "PROPN"})
MAX_ROLE_TOKENS = 12
_NOT_IN_ROLES = frozenset({'"', "“", "”", "«", "»", "``", "''", ";", ":"})
_WORD = re.compile(r"[a-z][a-z-]*")
_POSSESSIVE = re.compile(r"['’]s\b")


def _junk(token: Token) -> bool:
    """Page text, a number or time ("0:53"), a date, a credit or an outlet in capitals
    ("GETTY", "USA TODAY NETWORK"): never part of a role."""
    if token.is_space or token.like_url or token.lower_ in page_words():
        return True
    if any(c.isdigit() for c in token.text) or token.ent_type_ in _NOT_IN_ROLE_ENTS:
        return True
    if token.is_upper and len(token) >= 5 and token.is_alpha:
        return True
    if name_key(token.text) not in _credit_words():
        return False
    doc, i = token.doc, token.i
    credits = never_actors()
    return any(name_key(doc[a:b].text) in credits for a in range(max(0, i - 2), i + 1)
               for b in range(i + 1, min(len(doc), i + 3) + 1))


@functools.lru_cache(maxsize=1)
def _credit_words() -> frozenset[str]:
    """Keys of the words of the picture agencies' and credits' names."""
    from .data import DATA, read_tsv

    return frozenset(name_key(w) for row in read_tsv(DATA / "not_actors.tsv")
                     for w in row["name"].split())


def _role_token(token: Token) -> bool:
    """Whether a token may belong to a title written before a name."""
    if _junk(token):
        return False
    if token.lower_ in CONNECTORS or token.lower_ in role_words():
        return True
    if token.is_punct or token.pos_ == "NUM":
        return False
    return token.pos_ in _OPEN_POS


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading connectors, what comes before "X of" when X is no role ("arrival of
    President-elect" -> "President-elect") and trailing connectors and punctuation; None
    without a role noun or a whole role phrase ("office", "security of" are none)."""
    words = role_words()
    for i in range(start + 1, end):
        if _junk(doc[i]):
            start = i + 1  # page text, numbers, credits inside the span
    for i in range(end - 2, start, -1):
        if doc[i].lower_ == "of" and doc[i - 1].lower_ not in words:
            start = i + 1
            break
    while start < end and (doc[start].lower_ in _TRIM_LEFT or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _TRIM_RIGHT):
        end -= 1
    if start >= end:
        return None
    nouns = role_nouns()
    text = doc[start:end].text
    if not any(t.lower_ in nouns for t in doc[start:end]) and not sectors_of(text):
        return None
    return start, end


def left_role(doc: Doc, start: int, blocked: set[int]) -> tuple[int, int] | None:
    """The title run right before token ``start`` (a name or its honorific)."""
    i = start
    while i > 0 and start - i < MAX_ROLE_TOKENS:
        token = doc[i - 1]
        if token.i in blocked or not _role_token(token):
            break
        i -= 1
        if token.is_sent_start:
            break
    return _trim(doc, i, start) if i < start else None


def _phrase_end(head: Token, limit: int) -> int:
    """End of a role noun and its "of"/"for"/"at" phrases, before any comma or clause."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "in") and child.i == end:
            end = child.right_edge.i + 1
    for i in range(head.i + 1, min(end, limit)):
        if head.doc[i].is_punct or head.doc[i].dep_ in ("relcl", "acl"):
            return i
    return min(end, limit)


def appos_role(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A role noun phrase in apposition with the name, before or after it."""
    root = doc[start:end].root
    head = role_head(root) if root.dep_ == "appos" and root.head.i < start else None
    if head is not None:
        stop = start
        while stop > head.i + 1 and doc[stop - 1].is_punct:
            stop -= 1
        span = _trim(doc, max(head.left_edge.i, stop - MAX_ROLE_TOKENS), stop)
    else:
        child = next((c for c in root.rights
                      if c.dep_ == "appos" and c.i >= end and c.lower_ in role_nouns()), None)
        if child is None:
            return None
        span = _trim(doc, child.left_edge.i, _phrase_end(child, child.i + MAX_ROLE_TOKENS))
    if span is None or any(t.text in _NOT_IN_ROLES for t in doc[span[0]:span[1]]):
        return None
    return span


def role_spans(doc: Doc, start: int, end: int, blocked: set[int]) -> list[tuple[int, int]]:
    """Every role span found around a person mention (form start .. name end)."""
    spans = [s for s in (left_role(doc, start, blocked), appos_role(doc, start, end)) if s]
    return list(dict.fromkeys(spans))


@functools.lru_cache(maxsize=1)
def all_rules() -> dict[tuple[str, ...], SectorRule]:
    return {**agent_rules(), **sector_rules()}


def _matches(words: list[str], rules: dict[tuple[str, ...], SectorRule], longest: int,
             min_weight: int) -> list[SectorRule]:
    found = []
    i = 0
    while i < len(words):
        step = 1
        for n in range(min(longest, len(words) - i), 0, -1):
            rule = rules.get(tuple(words[i:i + n]))
            if rule is not None and rule.weight >= min_weight:
                found.append(rule)
                step = n
                break
        i += step
    return found


def sectors_of(text: str, *, min_weight: int = 1) -> list[str]:
    """Sector codes named by a role or organization text (longest phrases match, the
    highest-weight ones win): our own phrases (data/sectors.tsv) and the PETRARCH/Phoenix
    agents (ours win on the same phrase)."""
    words = _WORD.findall(_POSSESSIVE.sub("", text.lower()))
    found = _matches(words, all_rules(), max(max_rule_len(), max_agent_len()), min_weight)
    if not found:
        return []
    top = max(r.weight for r in found)
    codes: list[str] = []
    for rule in found:
        if rule.weight == top:
            codes += [c for c in rule.sectors if c not in codes]
    return codes
