"""Actors stage: "the agency" style references to an organization named earlier.

"The agency reported ..." after "IRIB news agency" is a mention of IRIB when
exactly one organization mentioned before it ends with that noun ("the group":
one armed group the dictionary knows, such as Hamas). Such
references become mentions (so quotes and events can use them), not aliases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actors_data import sector_rules
from .actors_mentions import GROUP, ORG, Candidate

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
    """Organization groups mentioned before token ``before`` whose name ends with ``noun``."""
    out = []
    for group in groups:
        if group[0].kind not in (ORG, GROUP):
            continue
        if any(c.start < before and _named_by(c, noun) for c in group):
            out.append(group)
    return out


def definite_references(doc: Doc, groups: list[list[Candidate]]) -> None:
    """Add "the <noun>" mentions to the one organization group they can refer to."""
    nouns = _institution_nouns() | {"group"}
    covered = {i for g in groups for c in g for i in range(c.start, c.end)}
    for token in doc[:-1]:
        if token.lower_ != "the" or token.i in covered:
            continue
        noun = doc[token.i + 1]
        if noun.lower_ not in nouns or noun.pos_ != "NOUN" or noun.dep_ == "compound":
            continue
        owners = _owners(noun.lower_, token.i, groups)
        if len(owners) == 1:
            group = owners[0]
            group.append(Candidate(token.i, noun.i + 1, group[0].kind, group[0].name,
                                   doc[token.i:noun.i + 1].text, how="reference"))
