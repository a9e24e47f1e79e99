"""Actor and recipient lists for one trigger match (verbal, nominal, adjectival)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..actors.roles import sectors_of
from .agents import state_agent
from .args import (
    RECIPIENT_PREPS,
    Pronouns,
    agent,
    argument,
    companions,
    find_prep,
    modifiers,
    place_country,
    prep_objects,
    subject,
)
from .lexicon import Match, by_lemma, is_class, words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors.find import ActorTable

Roles = tuple[list[str], list[str]]
NOUN_PREPS = (*RECIPIENT_PREPS, "of", "between", "among")
ADJ_PREPS = ("about", "over", "by", "at", "with", "to", "for")
#: prepositions of where a meeting is held, not with whom (events of the venue_code words)
VENUE_PREPS = ("at", "in", "on", "into")
#: prepositions on the verb of a trigger noun's clause that name the noun's target
SUBJECT_NOUN_PREPS = ("against", "over")


def _extend(ids: list[str], new: list[str]) -> None:
    ids += [i for i in new if i not in ids]


def _direct_object(match: Match) -> Token | None:
    for child in match.token.children:
        if child.dep_ in ("dobj", "dative") and not (match.row.obj is not None and child == match.obj):
            return child  # a phrase row's own object ("held a meeting") is no party
    if match.obj is not None and match.row.obj is None and match.obj.dep_ == "dobj":
        return match.obj
    return None


def _split(actors: list[str], recipients: list[str], symmetric: bool) -> Roles:
    """A symmetric event of coordinated parties alone ("X and Y met") is X with Y; "X and Y met Z"
    keeps its lists (the event is flagged symmetric, so either side may be read as the actor)."""
    if symmetric and not recipients and len(actors) >= 2:
        return actors[:1], actors[1:]
    return actors, recipients


def _objects(verb: Token) -> list[Token]:
    """The verb's objects and the nouns they are "of" ("dollars of aid for Romania" -> aid)."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for obj in list(found):
        found += prep_objects(obj, ("of",))
    return found


def _condition_party(verb: Token, table: ActorTable, pronouns: Pronouns) -> list[str]:
    """The subject of an "unless/if" clause on the verb: the party the condition is put to."""
    marks = words("condition")
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
            found = argument(subject(child)[0], table, pronouns)
            if found:
                return found
    return []


def _where(verb: Token, table: ActorTable, pronouns: Pronouns, places: bool) -> list[str]:
    """Named places (their country actors, if ``places``, or actors named by them) "in/from" the
    verb or its object; not the other nouns there ("killed in a Taliban raid")."""
    found: list[str] = []
    for holder in [verb, *_objects(verb)]:
        for obj in prep_objects(holder, ("in", "inside", "from")):
            if obj.ent_type_ in ("GPE", "LOC") or obj.i in table.token_actor:
                _extend(found, argument(obj, table, pronouns, places=places))
    return found


def _clause_recipients(verb: Token, table: ActorTable, pronouns: Pronouns) -> list[str]:
    """The object, or the objects of "with/to/against/on ..." of a complement clause."""
    found: list[str] = []
    for obj in _objects(verb):
        _extend(found, argument(obj, table, pronouns))
        for pobj in prep_objects(obj, (*RECIPIENT_PREPS, "for")):
            _extend(found, argument(pobj, table, pronouns))
    for obj in prep_objects(verb, (*RECIPIENT_PREPS, "for", "between")):
        _extend(found, argument(obj, table, pronouns))
    found = found or _condition_party(verb, table, pronouns)
    for child in verb.children:
        if not found and child.dep_ == "xcomp" and child.i > verb.i:
            found = _clause_recipients(child, table, pronouns)
    return found or _where(verb, table, pronouns, True)


def _party(subj: Token | None, table: ActorTable) -> bool:
    """Whether a clause's subject is someone who can be acted on: a name, a pronoun, an agent
    noun ("officials", "the government"); not a thing an actor only modifies ("warned voters that
    a Clinton victory would bring ...", "Britain's exit will sap ...": neither is the target)."""
    if subj is None:
        return False
    if subj.i in table.token_actor or subj.pos_ in ("PRON", "PROPN"):
        return True
    return state_agent(subj) or is_class(subj, "agent_noun") or is_class(subj, "victim") or bool(
        sectors_of(subj.lemma_.lower()))


def _fallback_recipients(token: Token, table: ActorTable, pronouns: Pronouns, places: bool) -> list[str]:
    """Who a clause is about ("demanded that the US cancel ...", "threatened to break ties with
    Russia"), the party an "unless/if" clause puts a condition on, or where it happens
    ("in Montenegro"; a place counts for its country when ``places``)."""
    for child in token.children:
        if child.dep_ == "ccomp" and child.i > token.i and _party(subject(child)[0], table):
            found = argument(subject(child)[0], table, pronouns)
            if found:
                return found
        if child.dep_ == "xcomp" and child.i > token.i:
            found = _clause_recipients(child, table, pronouns)
            if found:
                return found
    return _condition_party(token, table, pronouns) or _where(token, table, pronouns, places)


def verb_roles(match: Match, table: ActorTable, pronouns: Pronouns) -> Roles:
    """Subject acts on object or prepositional objects; passives and "from" rows reversed."""
    token, row = match.token, match.row
    subj, passive = subject(token)
    if passive:
        return argument(agent(token), table, pronouns), argument(subj, table, pronouns)
    actors = argument(subj, table, pronouns)
    actors += [a for a in companions(token, table, pronouns) if a not in actors]
    if "flip" in row.flags:  # "received drones from Iran": the giver acts on the subject
        giver = find_prep(match, row.prep or "from")
        if giver is not None or row.prep:
            return argument(giver, table, pronouns), actors
        return argument(_direct_object(match), table, pronouns), actors
    recipients: list[str] = []
    if row.prep is not None and row.obj is None and match.prep is not None and match.prep.dep_ != "prt":
        # a row's preposition names its target: "blamed her defeat on Comey", "sided with Russia"
        recipients = argument(find_prep(match, row.prep), table, pronouns)
    obj = _direct_object(match)
    recipients = recipients or [r for r in argument(obj, table, pronouns) if obj is None
                                or r not in _venues(match, table, obj)]
    if not recipients:
        preps = RECIPIENT_PREPS if row.prep is None else (row.prep, *RECIPIENT_PREPS)
        venue = any(row.cameo.startswith(p) for p in words("venue_code"))
        if venue:
            preps = tuple(p for p in preps if p not in VENUE_PREPS)  # "meet at the White House": a place
        if row.obj is not None:  # a phrase row's object may carry the target: "issued warrants for X"
            preps = (*preps, "for")
        holders = [token] + [c for c in token.children if c.dep_ == "dobj"]
        if row.prep is not None:  # "called for sanctions against Nigeria"
            holders += prep_objects(token, (row.prep,))
        holders += [o for o in prep_objects(token, ("in",)) if any(
            r.pos == "N" for r in by_lemma().get(o.lemma_.lower(), ()))]  # "marched in protest against X"
        if match.obj is not None and match.obj not in holders:  # "engaged in a firefight with X"
            holders.append(match.obj)
        if row.obj is not None and match.obj is not None and not venue:
            # whom the phrase row's object is of comes first: "tightened the blockade of Serbia
            # with Albania's help"
            for obj in prep_objects(match.obj, ("of",)):
                _extend(recipients, argument(obj, table, pronouns))
        for holder in holders if not recipients else ():
            for obj in prep_objects(holder, (*preps, "between")):
                _extend(recipients, argument(obj, table, pronouns))
        if not recipients and row.obj is not None and match.obj is not None and not venue:
            # the phrase row's object names its target by a modifier ("voiding the Iran nuclear deal"),
            # never by its possessor, its owner ("given America's security briefings")
            named = modifiers(match.obj, table, ("compound", "amod", "nmod"))
            recipients = [a for a in named if a not in actors]
    against = _against(subj, table) if subj is not None else []  # "anti-Trump activists held protests"
    if against:
        recipients = [a for a in against if a not in actors] + [r for r in recipients if r not in against]
    if not recipients:
        places = "sym" not in row.flags
        _extend(recipients, _fallback_recipients(token, table, pronouns, places))
    return _split(actors, recipients, "sym" in row.flags)


def _light_subject(token: Token) -> Token | None:
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in words("light"):
        return subject(head)[0]
    return None


def _against(token: Token, table: ActorTable) -> list[str]:
    """Actors named in an "anti-" modifier of the noun: the ones it is against."""
    found: list[str] = []
    doc = token.doc
    for child in token.children:
        if child.dep_ not in ("compound", "amod", "nmod"):
            continue
        before = [doc[i].lower_ for i in range(max(child.left_edge.i - 2, 0), child.left_edge.i)]
        words = [w.lower_ for w in child.subtree] + before[-2:]
        if any(w.startswith("anti") for w in words):
            _extend(found, [table.token_actor[w.i] for w in child.subtree if w.i in table.token_actor])
    return found


@functools.lru_cache(maxsize=1)
def _landmark_names() -> frozenset[str]:
    """Every name and alias of data/landmarks.tsv, lower case ("white house", "oval office")."""
    from ..actors.landmarks import LANDMARKS_FILE
    from ..datafiles import read_tsv

    found: set[str] = set()
    for row in read_tsv(LANDMARKS_FILE):
        found.update(n.strip().lower() for n in [row["name"], *row.get("aliases", "").split("|")] if n.strip())
    return frozenset(found)


def _venues(match: Match, table: ActorTable, noun: Token | None = None) -> set[str]:
    """Actors a meeting noun's landmark modifier names: where it is held, not who meets
    ("their Oval Office meeting", "held a White House transition meeting")."""
    if not any(match.row.cameo.startswith(p) for p in words("venue_code")):
        return set()
    noun = noun if noun is not None else match.token
    found: set[str] = set()
    if noun.i in table.token_actor:
        return found  # the object is a name itself: "visited the White House"
    for child in noun.children:
        if child.dep_ != "compound":
            continue
        actor = table.by_id(table.token_actor.get(child.i, ""))
        names = {actor.name.lower(), *(a.lower() for a in actor.aliases)} if actor is not None else set()
        if actor is not None and names & _landmark_names():
            found.add(actor.id)
    return found


def noun_roles(match: Match, table: ActorTable, pronouns: Pronouns) -> Roles:
    """Possessor, modifier or "by" phrase acts; "on/against/with/of" phrases receive."""
    token = match.token
    actors = modifiers(token, table)
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ == "PRON":
            _extend(actors, argument(child, table, pronouns))
    _extend(actors, argument(agent(token), table, pronouns))
    if not actors:
        _extend(actors, argument(_light_subject(token), table, pronouns))
    recipients: list[str] = []
    for obj in prep_objects(token, NOUN_PREPS):
        _extend(recipients, argument(obj, table, pronouns))
    if not recipients and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        for obj in prep_objects(token.head, SUBJECT_NOUN_PREPS):  # "protests are continuing against X"
            _extend(recipients, argument(obj, table, pronouns))
    against = _against(token, table)  # "anti-Trump demonstrations": Trump is the target
    light = _light_subject(token)
    if light is not None:
        against += [a for a in _against(light, table) if a not in against]  # "anti-Trump activists held protests"
    if any(match.row.cameo.startswith(p) for p in words("target_modifier_code")):
        against += [a for a in actors if (table.by_id(a) is not None and table.by_id(a).kind == "person")
                    and any(c.dep_ == "compound" and table.token_actor.get(c.i) == a for c in token.children)]
    actors = [a for a in actors if a not in against and a not in _venues(match, table)]
    _extend(recipients, against)
    recipients = [r for r in recipients if r not in actors] or recipients
    return _split(actors, recipients, "sym" in match.row.flags)


def adjective_roles(match: Match, table: ActorTable, pronouns: Pronouns, speaker: str | None) -> Roles:
    """"We are concerned that X ..." (subject judges) or "X is harmful" (the speaker judges X)."""
    token = match.token
    holder = token.head if token.dep_ in ("acomp", "amod", "oprd") else token
    subj = subject(holder)[0] if holder.i != token.i else subject(token)[0]
    if token.dep_ == "amod":
        subj = token.head
    if "eval" in match.row.flags:
        recipients = argument(subj, table, pronouns)
        for obj in prep_objects(token, ("to", "for")):
            _extend(recipients, argument(obj, table, pronouns))
        return ([speaker] if speaker else []), recipients
    actors = argument(subj, table, pronouns)
    recipients: list[str] = []
    for child in token.children:
        if child.dep_ == "ccomp":
            _extend(recipients, argument(subject(child)[0], table, pronouns))
    for obj in prep_objects(token, ADJ_PREPS):
        _extend(recipients, argument(obj, table, pronouns))
    return actors, recipients


def demand_roles(match: Match, table: ActorTable, pronouns: Pronouns, speaker: str | None) -> Roles:
    """"X said (that) Y must ...": X demands of Y; without a governing clause the speaker demands."""
    verb = match.token.head
    recipients = argument(subject(verb)[0], table, pronouns)
    word = verb
    for _ in range(4):
        if word.dep_ not in ("ccomp", "acl", "relcl", "advcl") or word.head.i == word.i:
            break
        word = word.head
        if word.pos_ in ("NOUN", "PROPN") and word.dep_ in ("dobj", "attr"):
            word = word.head  # "issued a reminder that ...": the issuer demands
        found = argument(subject(word)[0], table, pronouns)
        if found:
            return found, recipients
    return ([speaker] if speaker else []), recipients


def _sentence_place(token: Token, table: ActorTable, actors: list[str]) -> list[str]:
    """The country actor of the first place named in the trigger's sentence ("bombers killed 23
    people ... in Tel Aviv"), other than the actors themselves."""
    for word in token.sent:
        if word.ent_type_ in ("GPE", "LOC") and word.ent_iob_ == "B" and word.i not in table.token_actor:
            found = [i for i in place_country(word, table) if i not in actors]
            if found:
                return found
    return []


def _home(actors: list[str], table: ActorTable) -> list[str]:
    """The country actor of the first actor's country, for domestic events without a target."""
    first = table.by_id(actors[0]) if actors else None
    if first is None or not first.country:
        return []
    home = table.country_actor(first.country)
    return [home] if home else []


def domestic(token: Token, table: ActorTable, actors: list[str]) -> list[str]:
    """Where an event without a named target acts: the sentence's first place, else the actor's home."""
    return _sentence_place(token, table, actors) or _home(actors, table)


def roles(match: Match, table: ActorTable, pronouns: Pronouns, speaker: str | None) -> Roles:
    """(actor ids, recipient ids) for a match; never exploded into dyads."""
    if match.row.pos == "M":
        return demand_roles(match, table, pronouns, speaker)
    if match.row.pos == "N":
        actors, recipients = noun_roles(match, table, pronouns)
    elif match.row.pos == "A":
        actors, recipients = adjective_roles(match, table, pronouns, speaker)
    else:
        actors, recipients = verb_roles(match, table, pronouns)
    return actors, recipients
