"""Actors stage: "the agency" style references to an organization or person named earlier.

"The agency reported ..." after "IRIB news agency" is a mention of IRIB when
exactly one organization mentioned before it ends with that noun ("the group":
one armed group the dictionary knows, such as Hamas). "The minister said" is a
mention of the one person named before it whose role has that noun. Such
references become mentions (so quotes and events can use them), not aliases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .data import sector_rules
from .mentions import GROUP, ORG, PERSON, Candidate, role_nouns

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _institution_nouns() -> frozenset[str]:
    return frozenset(r.words[-1] for r in sector_rules().values() if r.weight >= 2)


def _named_by(cand: Candidate, noun: str) -> bool:
    """Whether "the <noun>" can name the candidate's organization: its name ends with the
    noun, or the noun is "group" and the dictionary knows it as an armed group."""
    if cand.name.lower().split()[-1] == noun:
        return True
    return noun == "group" and cand.entry is not None and "REB" in cand.entry.sectors


def _owners(noun: str, before: int, groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """Groups mentioned before token ``before`` that "the <noun>" can name: organizations
    whose name ends with the noun, people whose role does ("the minister")."""
    out = []
    for group in groups:
        earlier = [c for c in group if c.start < before]
        kind = group[0].kind
        roles = [r.lower().split() for c in earlier for r in c.roles]
        if (kind in (ORG, GROUP) and any(_named_by(c, noun) for c in earlier)) or (
                kind == PERSON and any(noun in words for words in roles)):
            out.append(group)
    return out


def definite_references(doc: Doc, groups: list[list[Candidate]]) -> None:
    """Add "the <noun>" mentions to the one organization or person they can refer to."""
    nouns = _institution_nouns() | role_nouns() | {"group"}
    covered = {i for g in groups for c in g for i in range(c.start, c.end)}
    for token in doc[:-1]:
        if token.lower_ != "the" or token.i in covered:
            continue
        noun = doc[token.i + 1]
        if noun.lower_ not in nouns or noun.pos_ != "NOUN" or noun.dep_ == "compound":
            continue
        if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in ("of", "for", "at"):
            continue  # "the director of the FBI" describes someone else
        owners = _owners(noun.lower_, token.i, groups)
        if len(owners) == 1:
            group = owners[0]
            group.append(Candidate(token.i, noun.i + 1, group[0].kind, group[0].name,
                                   doc[token.i:noun.i + 1].text, how="reference"))
