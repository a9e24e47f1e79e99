"""Event arguments from the dependency parse: who acts, on whom.

Argument heads become actor ids through the actors stage's token map; an
unmapped head is resolved through its modifiers ("Russian and Iranian police
officials"), appositions ("the commander, Ahmad-Reza Radan") and, failing
those, its "of/in" phrases ("the rule of law in the Russian Federation").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .agents import agent_country, common_noun
from .lexicon import Match

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors.find import ActorTable

#: a pronoun resolver: token -> actor ids (the caller knows the speaker and earlier events)
Pronouns = Callable[["Token"], list[str]]

NEAR_DEPS = ("appos", "compound", "amod", "poss", "nmod", "conj")
FAR_PREPS = ("of", "in", "from", "at", "by")
RECIPIENT_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "over")
SUBJECT_DEPS = ("nsubj", "csubj")
INHERIT_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acomp")


def _add(ids: list[str], new: list[str]) -> None:
    for actor_id in new:
        if actor_id not in ids:
            ids.append(actor_id)


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the words coordinated with it ("Brazil, India and China"), also by a
    comitative phrase on it ("Trump, along with Mike Pence, met Ryan": event_words.tsv)."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found += conjuncts(child)
        elif child.dep_ == "prep":
            found += [c for o in _comitative(child) for c in conjuncts(o)]
    return found


def _comitative(prep: Token) -> list[Token]:
    """The objects of "alongside X", "along with X", "together with X"."""
    from .lexicon import words

    kinds = words("comitative")
    word = prep.lower_
    if word == "with" and any(c.dep_ == "advmod" and c.lower_ in kinds for c in prep.children):
        return [c for c in prep.children if c.dep_ == "pobj"]
    if word not in kinds:
        return []
    inner = [w for w in prep.children if w.dep_ == "prep" and w.lower_ == "with"] or [prep]
    return [c for w in inner for c in w.children if c.dep_ == "pobj"]


def _near(token: Token, table: ActorTable, depth: int, deps: tuple[str, ...] = NEAR_DEPS) -> list[str]:
    ids: list[str] = []
    named = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named and "appos" in deps and token.pos_ == "NOUN":  # "Trump's wife, Melania": the name is the person
        for child in named:
            _add(ids, head_actors(child, table, None, 2))
        return ids
    for child in token.children:
        if child.dep_ not in deps or _anti(child):
            continue  # "anti-Trump activists" are not Trump's
        mapped = table.token_actor.get(child.i)
        if mapped and _one_of_group(token, child, table.by_id(mapped)):
            continue  # "the Republican candidate hailed ...": one person, not the party
        if mapped:
            linked = [c for c in child.children if c.dep_ in ("nmod", "compound") and c.i in table.token_actor]
            for part in [*conjuncts(child), *linked]:
                _add(ids, head_actors(part, table, None, 2))
        elif depth < 3:
            _add(ids, _near(child, table, depth + 1))
    return ids


def _one_of_group(token: Token, modifier: Token, actor: object) -> bool:
    """Whether a singular common noun with a group adjective names one member, not the group
    ("the Democratic nominee", "a Palestinian man"; "Palestinian detainees" are the group's)."""
    return (token.tag_ == "NN" and modifier.dep_ == "amod" and actor is not None
            and getattr(actor, "kind", None) == "group")


def _anti(modifier: Token) -> bool:
    """Whether a modifier is written "anti-X" ("anti-Trump", "anti - Trump")."""
    doc = modifier.doc
    start = modifier.left_edge.i
    before = [doc[i].lower_ for i in range(max(start - 2, 0), start)]
    return any(w.startswith("anti") for w in [t.lower_ for t in modifier.subtree] + before[-2:])


def _far(token: Token, table: ActorTable, depth: int) -> list[str]:
    ids: list[str] = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in FAR_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                _add(ids, head_actors(obj, table, None, depth + 1))
    return ids


def head_actors(
    token: Token, table: ActorTable, pronouns: Pronouns | None, depth: int = 0, places: bool = True
) -> list[str]:
    """Actor ids for one argument head (not its conjuncts); a place stands for its country if ``places``."""
    mapped = table.token_actor.get(token.i)
    if mapped:
        return [mapped]
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$", "DT"):
        return pronouns(token) if pronouns else []
    ids = _near(token, table, 0)
    if not ids and depth < 2:
        ids = _far(token, table, depth)
    if not ids and places and token.ent_type_ in ("GPE", "LOC", "FAC"):
        ids = place_country(token, table)
    if not ids and token.pos_ in ("NOUN", "PROPN") and token.i not in table.token_actor:
        ids = _owner_country(token, table, pronouns) or agent_country(token, table, place_country)  # "Seattle police", "the justice department"
    if not ids and common_noun(token) and token.i not in table.token_actor:
        ids = role_holder(token, table)  # "the president-elect met ...": the person of that role
    if not ids and token.dep_ == "attr" and depth < 2:
        subj = subject(token.head)[0]
        if subj is not None and subj.i != token.i:
            ids = head_actors(subj, table, pronouns, depth + 1)
    return ids


def _owner_country(token: Token, table: ActorTable, pronouns: Pronouns | None) -> list[str]:
    """The country of the person a possessive pronoun on a state body stands for ("Trudeau said
    his government is prepared to ...": Canada's, not the article's home country)."""
    from .agents import state_agent

    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is None or pronouns is None or owner.lower_ not in ("his", "her") or not state_agent(token):
        return []
    for actor_id in pronouns(owner):
        actor = table.by_id(actor_id)
        found = table.country_actor(actor.country) if actor is not None and actor.country else None
        if found:
            return [found]
    return []


#: determiners of a definite description ("the president-elect"), not "a president"
DEFINITE = ("the", "this", "that")


def role_holder(token: Token, table: ActorTable) -> list[str]:
    """The person a definite singular description names by the role the article gave them:
    "the president-elect" after "President-elect Donald Trump", "the speaker" after "House
    Speaker Paul Ryan"; the one of that role mentioned last before it, else no one."""
    if token.tag_ not in ("NN", "NNP") or not any(
            c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
        return []
    words = [t for t in token.doc[token.left_edge.i:token.i + 1] if t.dep_ != "det" and not t.is_punct]
    if any(t.i in table.token_actor or t.ent_type_ in ("GPE", "NORP", "ORG") for t in words):
        return []  # "the German consulate", "the Trump campaign": a body, not a person's role
    phrase = token.doc[words[0].i:token.i + 1].text.lower() if words else ""
    if not phrase:
        return []
    holders = {a.id for a in table.actors if a.kind == "person" and any(
        r.lower() == phrase or r.lower().endswith(" " + phrase) for r in a.roles)}
    before = [m for m in table.mentions if m.actor_id in holders and m.start < token.idx]
    return [max(before, key=lambda m: m.start).actor_id] if before else []


def modifiers(token: Token, table: ActorTable,
              deps: tuple[str, ...] = ("poss", "compound", "amod", "nmod")) -> list[str]:
    """Actors named in a noun's possessor and modifiers ("Russia-Iran military partnership")."""
    return _near(token, table, 0, deps)


def place_country(token: Token, table: ActorTable) -> list[str]:
    """A place standing for its country ("to strike Kyiv", "arrived in Amman"): that country's actor
    (the article's countries hint the geocoder: "strike Moscow" in a story about Russia)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    countries = {a.country for a in table.actors if a.kind == "country" and a.country}
    hints = tuple(sorted({a.country for a in table.actors if a.country}))
    iso, main = _place_iso(doc[start:end].text, hints)
    if iso is None or (iso not in countries and not (main and token.ent_type_ == "GPE")):
        return []  # a new country only for a place's own name ("White House" is also Casablanca)
    found = table.country_actor(iso)
    return [found] if found else []


def _place_iso(name: str, countries: tuple[str, ...]) -> tuple[str | None, bool]:
    """(country of the place called ``name``, whether that is the place's main name)."""
    try:
        from ..timeplace.gazetteer import lookup
    except ImportError:
        return None, False
    # the article's countries only hint: "strike Moscow" in a story with a US actor is not Idaho
    found = lookup(name, hints=countries)
    return (found[0].country, found[1]) if found is not None else (None, False)


def argument(
    token: Token | None, table: ActorTable, pronouns: Pronouns | None, places: bool = True
) -> list[str]:
    """Actor ids for an argument and every word coordinated with it."""
    ids: list[str] = []
    if token is not None:
        for part in conjuncts(token):
            _add(ids, head_actors(part, table, pronouns, places=places))
        _add(ids, _other_country(token, ids, table))
    return ids


def _other_country(token: Token, ids: list[str], table: ActorTable) -> list[str]:
    """Headline commas ("Iran, Russia's police to cooperate"): an apposition naming another
    country's actor cannot rename the head, so it is a coordinated party."""
    countries = {_country(i, table) for i in ids}
    if not countries or None in countries:
        return []
    found: list[str] = []
    for child in token.children:
        if child.dep_ == "appos":
            other = head_actors(child, table, None)
            if other and all(_country(i, table) not in countries for i in other):
                found += other
    return found


def _country(actor_id: str, table: ActorTable) -> str | None:
    actor = table.by_id(actor_id)
    return actor.country if actor is not None else None


def subject(token: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of a verb (inherited through xcomp/advcl/conj) and whether it is passive."""
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                return token.head, False
            return child, False
    for child in token.children:
        if child.dep_ in ("nsubjpass", "csubjpass"):
            return child, True
    if depth > 3:
        return None, False
    if token.dep_ == "relcl":
        return token.head, False
    if token.dep_ in INHERIT_DEPS and token.head.i != token.i:
        head = token.head
        if token.dep_ == "pcomp":
            head = head.head
        obj = controller(head) if token.dep_ == "xcomp" or controlled(token) else None
        if obj is not None:
            return obj, False
        found, passive = subject(head, depth + 1)
        reduced = token.dep_ == "advcl" and token.tag_ == "VBN"  # "Asked about ..., Trump said": he was asked
        return found, (passive and token.dep_ == "conj") or reduced
    return None, False


def controller(head: Token) -> Token | None:
    """The object of an object-control verb ("urged Iran to ..." -> Iran)."""
    from .lexicon import words

    if head.lemma_.lower() not in words("control"):
        return None
    for child in head.children:
        if child.dep_ in ("dobj", "dative"):
            return child
    return None


def controlled(token: Token) -> bool:
    """Whether an infinitive the parse hangs on a control verb as an adverbial clause is its
    complement ("invited her in a phone call to visit him": she is to visit)."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and (
        controller(token.head) is not None)


def agent(token: Token) -> Token | None:
    """The "by" phrase of a passive verb or of a nominal ("attempt by Wagner")."""
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions hanging on ``token``."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps and not _comitative(child):
            found += [o for o in child.children if o.dep_ == "pobj"]
    return found


def companions(token: Token, table: ActorTable, pronouns: Pronouns | None) -> list[str]:
    """Parties a comitative phrase on a verb adds to its subject ("Iran, along with Russia,
    condemned Israel", "Merkel met Putin alongside Macron")."""
    ids: list[str] = []
    for child in token.children:
        if child.dep_ == "prep":
            for obj in _comitative(child):
                _add(ids, argument(obj, table, pronouns))
    return ids


def find_prep(match: Match, prep: str) -> Token | None:
    """The object of ``prep`` on the trigger or inside its direct object ("received drones from X")."""
    if match.prep is not None and match.prep.dep_ == "mark" and match.prep.lower_ == prep:
        return subject(match.prep.head)[0]  # "called for the department to review": who is to act
    places = [match.token] + [c for c in match.token.children if c.dep_ in ("dobj", "attr")]
    for place in places:
        for word in [place, *place.subtree] if place is not match.token else [place]:
            objs = prep_objects(word, (prep,))
            if objs:
                return objs[0]
    return None
