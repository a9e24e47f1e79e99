"""Who may stand on each side of a coded event (rules in data/event_relevance.tsv and the word
classes of data/event_words.tsv).

An event has an actor: one the text names, or one it leaves unnamed on purpose (an agentless
passive, "was arrested"; an agent noun, "a gunman", "protesters"). It has a recipient unless its
type takes none, it acts on people it does not name ("killed 23 people"), or on an event ("condemned
the attack"). Never the same actor on both ends; "X and Y met" is X with Y, flagged symmetric.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ontology
from .args import argument, prep_objects, subject
from .lexicon import Match, by_lemma, words
from .lexicon import _set as _cameo_set
from .lexicon import is_class as _is_class
from .relevance import needs_recipient, political, relevant, rules
from .roles import domestic

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors.find import ActorTable
    from ..records import Event


#: prepositions of the target of a verb of force whose direct object is what it uses
INSTRUMENT_PREPS = ("into", "at", "against", "on", "upon")


def _coded(m: Match, rule: str) -> bool:
    return any(m.row.cameo.startswith(prefix) for prefix in rules().get(rule, ()))


def unnamed_actor(m: Match) -> bool:
    """Whether the text leaves the actor unnamed on purpose, for an event of a kind only the state,
    armed men or political crowds do: an agentless passive ("a suspect was arrested"), an agent noun
    as subject ("a gunman attacked", "thousands of protesters marched"), or a protest noun that is
    the subject of its clause ("demonstrations turned violent"; not "related to the protest")."""
    if m.row.pos == "N":
        return m.token.dep_ in ("nsubj", "nsubjpass") and _coded(m, "unnamed_noun_code")
    if m.row.pos != "V":
        return False
    subj, passive = subject(m.token)
    if passive:
        return not any(c.dep_ == "agent" for c in m.token.children) and _coded(m, "unnamed_passive_code")
    return _is_class(subj, "agent_noun") and _coded(m, "unnamed_agent_code")


#: prepositions of when and how, whose objects are no target: "congratulated his successor in a phone call"
CIRCUMSTANCE_PREPS = ("in", "during", "after", "before", "since", "amid", "despite", "until", "following")


#: prepositions whose object may be what an event acts on ("responsibility for the attack")
TOPIC_PREPS = ("for", "into", "against", "to", "over", "about", "of")


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ not in CIRCUMSTANCE_PREPS
        for o in p.children if o.dep_ == "pobj"]


def _named_but_lost(obj: Token, nouns: dict, cooperation: bool) -> bool:
    """Whether a direct object names someone the sides did not resolve ("his opponent", "him"),
    not an event, a noun of the lexicon or unnamed people."""
    if obj.pos_ == "PRON":
        return obj.lower_ not in ("it", "this", "that", "them")
    if obj.pos_ not in ("NOUN", "PROPN") or _is_class(obj, "event_noun"):
        return False
    if any(r.pos == "N" for r in nouns.get(obj.lemma_.lower(), ())):
        return False
    if obj.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        return True  # "his opponent", "her rival": one person, not found
    return obj.pos_ == "PROPN" and not (_is_class(obj, "victim") and not cooperation)


def untargeted(m: Match) -> bool:
    """Whether an event may lack a recipient: it acts on people it does not name ("arrested dozens
    of protesters"), on an event, a noun of the trigger lexicon ("condemned the attack",
    "launched an investigation", "appealed for unity", "agreed to postpone the rally"), or an
    intention or refusal acts on no one ("agreed to resign": self_intent_code)."""
    if _coded(m, "partner_code"):
        return False  # a meeting or talks need someone met: "convened a crisis meeting" is not one
    if _coded(m, "matter_code") and m.row.pos == "V" and m.row.obj is None:
        return True  # "investigators are probing the possibility that ..."
    if _coded(m, "clause_code") and m.row.pos == "V" and any(c.dep_ == "ccomp" for c in m.token.children):
        return True  # "complained that some polls were kept open"
    nouns = by_lemma()
    cooperation = ontology.quad_class(m.row.cameo) == 1
    if m.row.pos == "V" and any(_named_but_lost(c, nouns, cooperation) for c in m.token.children if c.dep_ == "dobj"):
        return False  # "accuse his opponent of corruption": the target is there, only not found
    verbs = [m.token, *(c for c in m.token.children if c.dep_ == "xcomp")]  # "agreed to postpone the rally"
    for verb in verbs:
        objects = _objects(verb)
        objects += [o for obj in list(objects) for o in _objects(obj)]  # "responsibility for the attack"
        for obj in objects:
            if _is_class(obj, "victim") and not cooperation:
                return True  # unnamed people suffer force or arrest; thanking "volunteers" is no event
            if obj.dep_ == "pobj" and obj.head.lower_ not in (m.row.prep, *TOPIC_PREPS):
                continue  # "thanked volunteers on a conference call": the call is where, not what
            if _is_class(obj, "event_noun") or any(r.pos == "N" for r in nouns.get(obj.lemma_.lower(), ())):
                return True
    if _coded(m, "self_intent_code") and any(v is not m.token and v.pos_ == "VERB" and not _objects(v) for v in verbs):
        return True  # an intention that acts on no one: "agreed to resign", "declined to step down"
    return m.row.pos == "N" and _coded(m, "unnamed_agent_code")  # "the FBI investigation", not "a meeting"


#: prepositions that name whom words are aimed at ("clashed with Ryan", "his attacks on Machado")
VERBAL_PREPS = ("with", "against", "on", "upon", "at", "over", "into")


def _aimed(m: Match) -> bool:
    """Whether the trigger names whom it is aimed at in its own phrase: a direct object, a passive
    subject, an object of a VERBAL_PREPS preposition, or coordinated subjects of a symmetric row
    ("Trump and Ryan clashed"); not a place it happened in ("fought in Vietnam": war service)."""
    token = m.token
    if any(c.dep_ in ("dobj", "nsubjpass") for c in token.children) or prep_objects(token, VERBAL_PREPS):
        return True
    subj = subject(token)[0]
    return "sym" in m.row.flags and subj is not None and any(c.dep_ == "conj" for c in subj.children)


def verbal(event: Event, table: ActorTable, m: Match) -> Event | None:
    """Persons without arms who "attack" or "clash with" someone do so in words ("Trump attacks
    the FBI"): an assault whose actors are all unarmed persons is a criticism when it names whom
    it is aimed at (`_aimed`), and none at all when it does not ("he had fought in Vietnam") or
    when its trigger is a contest verb ("Trump beat Clinton in Michigan": he won)."""
    if ontology.root(event.cameo) not in rules().get("armed_root", ()) or not event.actors:
        return event
    armed = rules().get("armed_sector", ())
    sides = [table.by_id(a) for a in event.actors]  # persons without arms attack in words
    if any(a is None or a.kind != "person" or any(s in armed for s in a.sectors) for a in sides):
        return event
    if m.row.lemma in rules().get("contest_verb", ()) or not _aimed(m):
        return None
    code = ontology.lookup(next(iter(rules().get("verbal_code", ("111",)))))
    event.cameo, event.plover, event.mode = code.cameo, code.plover, code.mode
    event.quad_class, event.goldstein = code.quad_class, code.goldstein
    return event


def _is_weapon(token: Token) -> bool:
    single, _ = _cameo_set("&weapon")
    return token.lemma_.lower() in single or token.lower_ in single


def thing_object(m: Match, table: ActorTable) -> bool:
    """Whether a verb of force, or one that acts on persons (release, arrest, deport), acts on a
    thing, not on an actor, place or people ("struck conciliatory notes", "fight addiction",
    "hit a record", "capture the moment", "released his letter")."""
    objs = [c for c in m.token.children if c.dep_ == "dobj"]
    on_people = ontology.root(m.row.cameo) in rules().get("armed_root", ()) or _coded(m, "people_object_code")
    if m.row.pos != "V" or not objs or not on_people or m.row.obj is not None:
        return False  # a phrase row says what its object is: "issued warrants", "claimed responsibility"
    if any(argument(o, table, None) for o in prep_objects(m.token, INSTRUMENT_PREPS)):
        return False  # the object is the instrument: "rammed a truck into the consulate"
    for obj in objs:  # the object itself, not a modifier of it ("beating a Trump pinata")
        named = any(o.i in table.token_actor for o in (obj, *(c for c in obj.children if c.dep_ in ("conj", "appos"))))
        if named and obj.pos_ == "PROPN" or obj.i in table.token_actor:
            return False
        if _is_class(obj, "victim") or _is_class(obj, "agent_noun") or obj.ent_type_ in ("GPE", "LOC", "FAC", "NORP"):
            return False
        named = [table.by_id(i) for i in argument(obj, table, None)]
        if obj.pos_ == "NOUN" and any(a is not None and a.kind != "person" for a in named):
            return False  # "Palestinian detainees", "Syrian forces": people or bodies of a named side
        if _is_weapon(obj):
            return False  # "fired shells at ...": the object is what is fired
        if obj.pos_ == "PRON" and obj.lower_ not in ("it", "this", "that"):
            return False  # "killed them"
    return True


def _on_thing(m: Match, table: ActorTable) -> bool:
    """Whether the verb's direct object is a thing ("prevent similar actions"): then a domestic
    event does not act on the country at home."""
    for obj in (c for c in m.token.children if c.dep_ == "dobj"):
        if obj.i in table.token_actor or _is_class(obj, "victim") or _is_class(obj, "agent_noun"):
            return False
        if any(r.pos == "N" for r in by_lemma().get(obj.lemma_.lower(), ())) or _is_class(obj, "event_noun"):
            return False
        return True
    return False


def _at_home(event: Event, table: ActorTable) -> bool:
    """Whether every recipient is the country actor of the one country of all the actors."""
    homes = {a.country for a in (table.by_id(i) for i in event.actors) if a is not None}
    targets = [table.by_id(i) for i in event.recipients]
    return len(homes) == 1 and None not in homes and bool(targets) and all(
        t is not None and t.kind == "country" and t.country in homes for t in targets)


def settle_sides(event: Event, symmetric: bool, m: Match, table: ActorTable,
                 all_events: bool) -> Event | None:
    """The event with its sides settled, or None when they do not make an event."""
    if thing_object(m, table):
        return None
    if m.row.pos == "V" and _coded(m, "object_code") and not any(
            c.dep_ in ("dobj", "nsubjpass") for c in m.token.children):
        return None  # "a hotel just blocks away": blocking needs something blocked
    recipients = [r for r in event.recipients if r not in event.actors]
    together = ontology.root(event.cameo) in rules().get("mutual_root", ())
    if (symmetric or together) and not recipients and len(event.actors) >= 2:
        event.actors, recipients = event.actors[:1], event.actors[1:]  # "X and Y held talks": X with Y
        symmetric = True
    event.recipients = recipients
    if _coded(m, "home_travel_code") and _at_home(event, table):
        return None  # "Clinton plans to visit Charlotte": travel at home
    if not all_events and event.actors and recipients and not relevant(event, table):
        return None  # judged on the named sides: a place of the sentence makes no side political
    if not recipients and ontology.root(event.cameo) in words("domestic_root") and not _on_thing(m, table) and any(
            political(table.by_id(a)) for a in event.actors):
        event.recipients = [r for r in domestic(m.token, table, event.actors) if r not in event.actors]
    if not event.recipients and needs_recipient(event.plover) and not untargeted(m):
        return None
    event.symmetric = symmetric and bool(event.recipients)
    return event
