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
    table = words()
    word = anchor
    for _ in range(3):
        if word is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ in table.aux for c in word.children):
            return True
        if word is not anchor and word.lemma_.lower() in table.future | table.planned:
            return True
        if word.head is word:
            return False
        word = word.head  # "the talks are scheduled for Monday": the noun's verb plans it
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
