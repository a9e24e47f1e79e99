"""Landmarks that stand for a government when they act (issue 18).

"The Kremlin said" is Russia's government speaking; "talks at the Kremlin" name
a place. The landmarks and what each stands for are one table,
data/landmarks.tsv (column ``stands_for``: ISO3 and CAMEO sector, "RUSGOV"), read
here as actor dictionary rows, and by the gazetteer as places. A landmark named
after a preposition of place (data/place_words.tsv, kinds ``landmark_at`` and
``landmark_on``) or as where its subject goes is a place and no actor's mention.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..datafiles import DATA, read_tsv, rows

if TYPE_CHECKING:
    from spacy.tokens import Span

LANDMARKS_FILE = DATA / "landmarks.tsv"
PLACE_WORDS_FILE = DATA / "place_words.tsv"


def landmark_key(name: str) -> str:
    """The dictionary key of a landmark's actor: "White House" -> "white-house"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@functools.lru_cache(maxsize=1)
def landmark_actor_rows() -> tuple[dict[str, str], ...]:
    """Actor dictionary rows (data/actors.tsv columns) of the landmarks that stand for
    someone: the government, legislature or military of their country."""
    out = []
    for row in read_tsv(LANDMARKS_FILE):
        code = row.get("stands_for", "")
        if len(code) < 6:
            continue
        names = [n.strip() for n in (row.get("acting_names") or "").split("|") if n.strip()]
        names = names or [row["name"], *(a.strip() for a in row.get("aliases", "").split("|"))]
        name = names[0] if row.get("acting_names") else row["name"]
        aliases = "|".join(n for n in names if n and n != name)
        out.append({"id": landmark_key(row["name"]), "name": name, "kind": "organization",
                    "country": code[:3], "sectors": code[3:], "aliases": aliases, "wikidata": ""})
    return tuple(out)


@functools.lru_cache(maxsize=1)
def landmark_keys() -> frozenset[str]:
    return frozenset(r["id"] for r in landmark_actor_rows())


@functools.lru_cache(maxsize=1)
def place_words() -> dict[str, frozenset[str]]:
    """data/place_words.tsv: kind -> its words (read here for the actors and places stages)."""
    table: dict[str, set[str]] = {}
    for row in rows(PLACE_WORDS_FILE, header=True):
        if len(row) > 1:
            table.setdefault(row[0], set()).add(row[1].strip())
    return {k: frozenset(v) for k, v in table.items()}


def at_landmark(span: Span) -> bool:
    """Whether the name is the object of a preposition of place ("talks at the White
    House", "protests outside the Kremlin") or where one's own movement ends ("heading to
    Capitol Hill"): where something happens, not who acts ("pressure on the White House", "a
    letter to the White House" and "a statement from the Kremlin" name the actor)."""
    token = span.root
    for _ in range(4):  # "at the White House and the Pentagon"
        if token.dep_ not in ("conj", "appos") or token.head.i == token.i:
            break
        token = token.head
    words = place_words()
    if token.dep_ == "compound" and token.head.dep_ == "pobj" \
            and token.head.head.lower_ in words.get("landmark_at", ()):
        token = token.head  # "at the Capitol Hill Club" ("White House spokesman": who)
    if token.dep_ == "dobj":  # "leaving Capitol Hill" ("visited the White House": its host)
        return token.head.lemma_.lower() in words.get("landmark_verb", ())
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in words.get("landmark_at", ()):
        return True
    the = span[0].lower_ == "the" or (span.start > 0 and span.doc[span.start - 1].lower_ == "the")
    if prep.lower_ in words.get("landmark_on", ()) and not the:
        return True  # "on Capitol Hill", "on Whitehall" ("pressure on the White House": who)
    verb = prep.head  # a movement of the subject itself, not of a thing sent ("a letter")
    return prep.lower_ in words.get("dest", ()) and verb.lemma_.lower() in words.get("motion", ()) \
        and not any(c.dep_ == "dobj" for c in verb.children)
