"""Name keys that say when two written names are one actor's, within and across articles.

- `name_key`: spelling-blind (accents, case, hyphens, dots, spaces dropped).
- `person_key`: a person's given name and surname, middle names and initials dropped
  ("Donald J. Trump" = "Donald Trump", "James B. Comey" = "James Comey") and short
  given names read as full ones ("Phil" = "Philip", data/nicknames.tsv); the id of a
  person the dictionary does not know is made from it, so every article that names
  them in full gives the same id.
(`duplicates.duplicate_groups` finds the actors of a store whose names clash.)
"""

from __future__ import annotations

import functools
import re
import unicodedata

_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von", "de", "da",
                        "der", "den", "du", "la", "le", "di", "dos", "del"})
#: particles that are also given names when they open a name ("Ben Carson", "Van Morrison")
_GIVEN_PARTICLES = frozenset({"ben", "abu", "el", "van"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Spelling-blind key for names: accents, case, hyphens, dots and spaces dropped."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub("", text)


def _words(name: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w) for w in name.replace("’", "'").split()]
    words = [w for w in words if w and name_key(w)]
    while len(words) > 2 and name_key(words[-1]) in _SUFFIXES:
        words = words[:-1]
    return words


def split_name(name: str) -> tuple[str, str]:
    """A written name's given names and its surname with the particles before it
    ("Rui De Sa" -> ("Rui", "De Sa"); "De Sa" -> ("", "De Sa"))."""
    words = name.split()
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in _PARTICLES and not (
            i == 1 and words[0].lower() in _GIVEN_PARTICLES and words[0][:1].isupper()):
        i -= 1
    return " ".join(words[:max(i, 0)]), " ".join(words[max(i, 0):])


def surname_key(name: str) -> str:
    """Key of the surname: the last word, with the particles before it ("al-Assad" and
    "Bashar al Assad" both give "alassad"; "von der Leyen" gives "vonderleyen")."""
    words = _words(name)
    if not words:
        return ""
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return name_key("".join(words[i:]))


def person_key(name: str) -> str:
    """Key of a person's first given name and surname; a one-word name is its own key."""
    words = _words(name)
    if len(words) < 2:
        return name_key(name)
    surname = surname_key(name)
    given = next((w for w in words if len(name_key(w)) > 1), words[0])
    if name_key(given) == surname or len(surname) < 2:
        return name_key(name)
    key = name_key(given)
    return nicknames().get(key, key) + "|" + surname


@functools.lru_cache(maxsize=1)
def nicknames() -> dict[str, str]:
    """Short given names -> full ones (data/nicknames.tsv): "phil" -> "philip"."""
    from ..datafiles import DATA, read_tsv

    return {row["nickname"]: row["given"] for row in read_tsv(DATA / "nicknames.tsv")}
