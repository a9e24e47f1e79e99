"""An event's date checked against the article's publication: future, background.

A date after publication is the event's own only when the text is about the
future (the event is then hypothetical); otherwise the event is dated by the
publication. An event dated in a year before the publication's, that the
article only recalls, is background (lists and charts can leave it out).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..records import DateValue, Event
from .dates import words

if TYPE_CHECKING:
    from spacy.tokens import Token


def _future(anchor: Token | None) -> bool:
    """Whether the trigger's clause speaks of the future ("will meet", "is scheduled to")."""
    if anchor is None:
        return False
    table = words()
    word = anchor
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in table.aux for c in word.children):
            return True
        lemma = word.lemma_.lower()
        if word.i != anchor.i and lemma in table.future | table.planned:
            return True
        if word.i == anchor.i and word.tag_ == "VBN" and lemma in table.planned:
            return True  # the governing verb is a plan's participle: "the talks are scheduled for Monday"
        if word.head.i == word.i:
            return False
        word = word.head  # "the talks are expected to be held on Monday": a verb above plans it
    return False


def settle(event: Event, published: date | None, anchor: Token | None) -> None:
    """Future dates: hypothetical, or else the publication date; past years: background."""
    found = event.date
    if published is None or found is None or found.value is None or found.precision == "unknown":
        return
    if found.value > published:
        if event.hypothetical or _future(anchor):
            event.hypothetical = True
        else:
            event.date = DateValue(published, "day", "", inferred=True)
        return
    event.background = not found.inferred and found.value.year < published.year
