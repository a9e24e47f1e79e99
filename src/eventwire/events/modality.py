"""Modality of a trigger: negated, intended or future, conditional, hedged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import words

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(slots=True)
class Modality:
    negated: bool = False
    #: future, intended or offered: "will attack", "plans to", "ready to host"
    intent: bool = False
    #: the clause is a condition: "if Iran sent troops"
    conditional: bool = False
    #: the clause has a condition: "will attack unless ..."
    conditioned: bool = False
    hedged: bool = False


def _chain(token: Token, limit: int = 3) -> list[Token]:
    """The trigger, the verbs it is the infinitive of ("said to have praised" -> said) and the verb
    it is coordinated with, whose auxiliaries it shares ("will round up and deport")."""
    found = [token]
    while token.dep_ in ("xcomp", "conj") and token.head.i != token.i and len(found) <= limit:
        if token.dep_ == "conj" and (token.pos_ != token.head.pos_ or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
            break  # a clause of its own ("..., and many Democrats accused Comey")
        token = token.head
        found.append(token)
    return found


def _conditional(token: Token) -> bool:
    marks = words("condition")
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "conj", "ccomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _intent(token: Token) -> bool:
    """Whether the trigger is what someone intends, up a chain of infinitives ("a promise to
    appoint a prosecutor to investigate")."""
    for _ in range(4):
        head = token.head
        if token.dep_ in ("dobj", "pobj") and head.i != token.i:
            token = head  # through an object noun: "appoint a prosecutor to investigate"
            continue
        if token.dep_ not in ("xcomp", "acl", "advcl", "relcl") or head.i == token.i:
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False
        lemma = head.lemma_.lower()
        if lemma in words("intent") or (head.pos_ == "ADJ" and lemma in words("ready")):
            return True
        token = head
    return False


def modality(token: Token) -> Modality:
    """How certain the trigger's event is, from its auxiliaries, markers and governors."""
    found = Modality()
    modals, hedges = words("modal"), words("hedge_adverb")
    for word in _chain(token):
        for child in word.children:
            if child.dep_ == "neg":
                found.negated = True
            elif child.dep_ == "aux" and child.lemma_.lower() in modals:
                found.intent = True
            elif child.dep_ == "advmod" and child.lower_ in hedges:
                found.hedged = True
        if word.i != token.i and word.lemma_.lower() in words("hedge_verb"):
            found.hedged = True
    found.intent = found.intent or _intent(token)
    found.conditional = _conditional(token)
    marks = words("condition")
    found.conditioned = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in token.children)
    return found
