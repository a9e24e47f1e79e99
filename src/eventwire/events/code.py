"""Events stage: CAMEO and PLOVER coding from the parse (issue 4).

Each trigger word (``data/cameo_lexicon.tsv``) gives at most one event, its
actors and recipients as lists of actor ids (never exploded into dyads).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from . import ontology
from ..nlp.paragraphs import sentences
from .agents import state_agent
from .args import argument, controlled, subject
from .lexicon import NO_EVENT, Match, candidates, is_class, match, words
from .modality import Modality, modality
from .discards import discarded
from .relevance import relevant, wire_caption
from .roles import roles
from .sides import settle_sides, unnamed_actor, verbal
from ..records import Article, Event, Section, normalise_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..actors.coref import Coref
    from ..actors.find import ActorTable
    from ..quotes.find import Frame

#: dependency paths along which a noun trigger belongs to a governing trigger
ABSORB_DEPS = {"dobj", "pobj", "prep", "xcomp", "nsubjpass", "attr", "compound", "conj"}


class _Article:
    """What the stage keeps while coding one article."""

    def __init__(self, doc: Doc, sections: list[Section], table: ActorTable, frames: list[Frame]) -> None:
        self.doc, self.sections, self.table = doc, sections, table
        self.frames = sorted(frames, key=lambda f: f.end - f.start)
        self.sents = sentences(doc)
        self.sent_of: dict[int, int] = {}
        for k, sent in enumerate(self.sents):
            self.sent_of.update(dict.fromkeys(range(sent.start, sent.end), k))
        self.events: list[Event] = []
        self._coref: Coref | None = None

    def coref(self) -> Coref:
        """The article's pronoun resolver (`actors.coref`), made when first needed."""
        if self._coref is None:
            from ..actors.coref import Coref

            self._coref = Coref(self.doc, self.table)
        return self._coref

    def frame(self, char: int) -> Frame | None:
        """The innermost attribution frame containing ``char``."""
        return next((f for f in self.frames if f.start <= char < f.end), None)

    def section(self, char: int) -> Section | None:
        """The article part containing ``char``."""
        return next((s for s in self.sections if s.start <= char < s.end), None)


def _absorbed(m: Match, triggers: dict[int, Match]) -> bool:
    """Whether the trigger only spells out a governing trigger ("agreed to cooperate")."""
    token = m.token
    if m.row.pos == "M":
        return False
    if m.row.pos == "V":
        if any(c.dep_ == "aux" and c.i in triggers and triggers[c.i].row.pos == "M" for c in token.children):
            return True
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "called for repealing the law and voiding the deal": as the first
        if first.i != token.i and first.dep_ in ("xcomp", "pcomp", "dobj"):
            token = first
        governor = token.head.head if token.dep_ == "pcomp" else token.head
        head = triggers.get(governor.i) if token.head.i != token.i else None
        if head is None or head.row.cameo == NO_EVENT:
            return False
        speech = token.dep_ == "ccomp" and token.i > governor.i and head.row.pos == "V"
        if token.dep_ in ("xcomp", "dobj", "pcomp") or speech or controlled(token):
            return True
        if m.row.cameo == NO_EVENT:
            return False
        same = ontology.plover(head.row.cameo) == ontology.plover(m.row.cameo)
        return token.dep_ in ("advcl", "acl") and same
    for _ in range(3):
        if token.dep_ not in ABSORB_DEPS or token.head.i == token.i:
            return False
        token = token.head
        owner = triggers.get(token.i)
        if owner is not None:
            return True
    return False


def _reporter(token: Token, state: _Article) -> tuple[str | None, str | None]:
    """(reported_by, speaker) from an attribution frame, else from a governing report verb."""
    found = state.frame(token.idx)
    if found is not None:
        return found.source, found.speaker
    reports = words("report_verb")
    word = token
    for _ in range(4):
        nxt = word.head if word.dep_ in ("ccomp", "conj") else None
        verb = nxt if nxt is not None else next(
            (c for c in word.children if c.dep_ in ("advcl", "parataxis") and c.lemma_.lower() in reports), None)
        if verb is None or verb.i == word.i:
            return None, None
        if verb.lemma_.lower() in reports and not any(c.dep_ == "auxpass" for c in verb.children):
            ids = argument(subject(verb)[0], state.table, None)
            if not ids:
                return None, None
            actor = state.table.by_id(ids[0])
            person = actor is not None and actor.kind == "person"
            return (None, ids[0]) if person else (ids[0], None)
        word = verb
    return None, None


def _pronouns(state: _Article, speaker: str | None, sentence: int) -> Callable[[Token], list[str]]:
    """A resolver for pronoun arguments: the speaker for "we", else the latest actors before."""

    def resolve(token: Token) -> list[str]:
        """Actor ids a pronoun stands for."""
        lower = token.lower_
        if lower in words("pronoun_self"):
            return [speaker] if speaker else []
        if lower not in words("pronoun_back") or (lower in words("pronoun_demonstrative") and token.dep_ != "nsubj"):
            return []
        if token.dep_ in ("poss", "nsubj", "nsubjpass"):
            word = token.head.head if token.dep_ != "poss" else token.head
            for _ in range(6):
                subj = subject(word)[0] if word.pos_ in ("VERB", "AUX") else None
                owned = token.dep_ == "poss" and subj is not None and subj.i == token.head.i  # "his government": not the government
                if subj is not None and subj.pos_ != "PRON" and not owned:
                    found = argument(subj, state.table, None)
                    if lower not in words("pronoun_person") or _persons(found, state):
                        return found
                    break  # "after her meeting with Obama, the White House announced": not her
                if word.head.i == word.i:
                    break
                word = word.head
        if lower in words("pronoun_person"):
            found = _person_pronoun(token, state, resolve)
            if found:
                return found
        for event in reversed(state.events):
            if sentence - event.sentence <= 2 and event.actors:
                return list(event.actors)
        return []

    return resolve


def _persons(ids: list[str], state: _Article) -> bool:
    """Whether the actor ids are all persons (what "he", "she", "her" can stand for)."""
    found = [state.table.by_id(i) for i in ids]
    return bool(found) and all(a is not None and a.kind == "person" for a in found)


def _person_pronoun(token: Token, state: _Article, resolve: Callable[[Token], list[str]]) -> list[str]:
    """The person a "he/she/him/her" stands for, never the subject of the pronoun's own verb
    ("Trump ... deriding him"): the one other person named before it in its sentence, else
    the actors stage's coreference (salience and gender: `actors.coref`), made only then. The
    subject of its own verb may be a pronoun too ("he was rooting for him"): ``resolve`` reads it."""
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ in ("prep", "dative") else token.head
    own = subject(verb)[0] if token.dep_ not in ("nsubj", "nsubjpass", "poss") else None  # "rooting for him"
    own_ids = set(argument(own, state.table, resolve if own is not None and own.dep_ in ("nsubj", "nsubjpass") else None)
                  ) if own is not None and own.i != token.i else set()  # "he was rooting for him": not he
    near: list[str] = []
    for i in range(token.i - 1, token.sent.start - 1, -1):
        actor = state.table.at_token(i)
        if actor is not None and actor.kind == "person" and actor.id not in own_ids and actor.id not in near:
            near.append(actor.id)
    if len(near) == 1:
        return near
    found = state.coref().resolve(token)
    actor = state.table.by_id(found) if found is not None else None
    if actor is not None and actor.kind == "person" and found not in own_ids:
        return [found]
    from ..actors.coref import pronoun_table

    wanted = pronoun_table().get(token.lower_, {}).get("gender")
    agreeing = [p for p in near if state.coref().gender(p) == wanted]
    return agreeing[:1] if wanted in ("m", "f") and agreeing else near[:1]  # "he ... for him": not Mrs Clinton


def _contexts(code: ontology.Code, sent: Span) -> list[str]:
    found = list(code.contexts)
    table = words("context")
    for token in sent:
        context = table.get(token.lemma_.lower()) or table.get(token.lower_)
        if context and context not in found:
            found.append(context)
    return found


def _recode(cameo: str, mood: Modality) -> tuple[str, bool, bool]:
    """Intended actions are coded as intent: cooperative -> 03x (AGREE), hostile -> 13x (THREATEN).

    A refused or negated intended cooperation is a rejection; an action under a
    condition is hypothetical unless it is announced ("will attack unless ..." is a threat).

    Returns (cameo, negated, hypothetical).
    """
    root = ontology.root(cameo)
    if mood.negated and mood.intent and ontology.quad_class(cameo) in (1, 2):
        return "120", False, False
    if mood.conditional or (mood.conditioned and not mood.intent):
        return cameo, mood.negated, True
    if not mood.intent or root in ("01", "02", "03", "13"):
        return cameo, mood.negated, False
    intended = words("intent_code").get(root)
    if intended is None or mood.negated:
        return cameo, mood.negated, True
    return intended, False, False


def _confidence(token: Token, m: Match, actors: list[str], recipients: list[str], flagged: bool) -> float:
    """Main-clause, well-argued events first (the PLOVER scorer takes the top one per sentence)."""
    if m.row.pos == "M" or (m.row.pos == "N" and token.dep_ in ("dobj", "nsubjpass")):
        token = token.head  # judge a demand or a light verb's noun by its clause
    head = token.head
    main = token.dep_ == "ROOT" or (
        token.dep_ in ("ccomp", "conj", "xcomp") and (head.dep_ == "ROOT" or head.lemma_.lower() in words("report_verb")))
    score = 0.3 + 0.25 * main + 0.15 * bool(actors) + 0.15 * bool(recipients)
    score -= 0.1 * (m.row.pos != "V") + 0.1 * flagged
    return round(max(0.05, min(score, 0.95)), 2)


def _evidence(m: Match) -> Span:
    """The trigger phrase: the trigger word with its particle or object when they are close."""
    wanted = (m.prep if m.row.prep else None, m.obj if m.row.obj else None)
    parts = [m.token] + [t for t in wanted if t is not None and abs(t.i - m.token.i) <= 4]
    return m.token.doc[min(t.i for t in parts):max(t.i for t in parts) + 1]


def _mode(code: ontology.Code, m: Match) -> str:
    """The CAMEO code, refined: a meeting placed "in <city or country>" is a visit (042)."""
    if ontology.base(code.cameo) == "040" and m.row.pos == "V":
        for child in m.token.children:
            placed = any(o.dep_ == "pobj" and o.ent_type_ == "GPE" for o in child.children)
            if child.dep_ == "prep" and child.lower_ in ("in", "at") and placed:
                return "042"
    return code.cameo


def _advice(m: Match, state: _Article, actors: list[str], pronouns: Callable[[Token], list[str]]) -> str | None:
    """A warning's code when it is not a threat: the advice_verb's code for a warning to do
    something ("warned officials to boost security"), NO_EVENT for a warning that something will
    happen whose clause's subject is not the warner's side ("warned that the vote could hurt
    growth"; "warned that its police will no longer tolerate rallies" stays a threat), None
    otherwise ("warned North Korea"). Only the lexicon's plain row: a phrase row says more."""
    advice = words("advice_verb").get(m.row.lemma)
    if advice is None or m.row.obj is not None or m.row.prep is not None or m.row.pos != "V":
        return None
    children = list(m.token.children)
    if any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in children):
        return advice
    clause = next((c for c in children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    subj = subject(clause)[0]
    if subj is None:
        return NO_EVENT
    if subj.lower_ in words("pronoun_self") or state_agent(subj) or is_class(subj, "agent_noun"):
        return None
    own = set(argument(subj, state.table, pronouns))
    return None if own and own <= set(actors) else NO_EVENT


def _permitted(m: Match, state: _Article) -> bool:
    """Whether a named actor permits a named actor: the subject is a name, a state agent or a
    pronoun of one ("it" is often a state; not "this", "which": "the test, which allows ..."), and the one permitted, the
    direct object or the subject of what it may do, names an actor ("Palestinian workers")."""
    subj = subject(m.token)[0]
    if subj is None or subj.tag_ in ("WDT", "WP"):
        return False
    named = bool(argument(subj, state.table, None)) or state_agent(subj) or (
        subj.pos_ == "PRON" and (subj.lower_ not in words("pronoun_thing") or subj.lower_ == "it"))
    objs = [c for c in m.token.children if c.dep_ in ("dobj", "dative")]
    objs += [s for c in m.token.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
    return named and any(argument(o, state.table, None) for o in objs)


def _code(m: Match, state: _Article, article: Article) -> Event | None:
    """One event for one trigger match, or None when the code has no PLOVER type."""
    token = m.token
    if m.row.cameo == NO_EVENT:
        return None  # a pattern that claims its words for no event ("avoid incidents")
    reported_by, speaker = _reporter(token, state)
    frame = state.frame(token.idx)
    sentence = state.sent_of.get(token.i, 0)
    resolve = _pronouns(state, speaker, sentence)
    actors, recipients = roles(m, state.table, resolve, speaker)
    mood = modality(token)
    cameo, negated, hypothetical = _recode(m.row.cameo, mood)
    advice = _advice(m, state, actors, resolve)
    if advice == NO_EVENT:
        return None  # "warned that the Brexit vote could depress growth": no threat to anyone
    cameo = advice or cameo
    code = ontology.lookup(cameo)
    if ontology.root(m.row.cameo) == "03" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in words("undo_verb") for c in token.children):
        return None  # "vowed to dismantle Obama's legacy", "promising to repeal the law": no cooperation
    if ontology.root(m.row.cameo) == "12" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in words("statement_verb") for c in token.children):
        return None  # "declined to comment": no rejection
    addressed = m.row.prep is not None and m.prep is not None and (
        m.prep.dep_ == "mark" or any(c.dep_ == "pobj" for c in m.prep.children))
    if ontology.root(m.row.cameo) == "02" and m.row.pos == "V" and m.row.obj is None and not addressed and any(
            c.dep_ == "xcomp" for c in token.children) and not any(c.dep_ in ("dobj", "dative") for c in token.children):
        return None  # "sought to play down their differences": an attempt, no appeal to anyone
        # ("called on the justice department to investigate" is one: the row's preposition names whom)
    if m.row.lemma in words("permit_verb") and m.row.pos == "V" and not _permitted(m, state):
        return None  # "he never allowed journalists to fly", "it allowed me to go": no concession
    if m.row.pos == "M" and (not recipients or actors == recipients):
        return None  # "must" is a demand only when someone is told by someone else
    if not code.plover:
        return None
    if not actors and not unnamed_actor(m):
        return None  # no actor named, and none left unnamed on purpose ("was arrested", "a gunman")
    code = ontology.lookup(_mode(code, m))
    phrase = _evidence(m)
    start, end = phrase.start_char, phrase.end_char
    section = state.section(token.idx)
    return Event(
        article_id=article.id, sentence=sentence, start=start, end=end,
        evidence=phrase.text, trigger=token.lemma_.lower(), cameo=code.cameo,
        plover=code.plover, mode=code.mode, contexts=_contexts(code, state.sents[sentence]),
        quad_class=code.quad_class, goldstein=code.goldstein, actors=actors, recipients=recipients,
        reported_by=reported_by, speaker=speaker, negated=negated, hypothetical=hypothetical,
        hedged=mood.hedged or bool(frame and frame.hedged),
        in_caption=section is not None and section.kind == "caption",
        confidence=_confidence(token, m, actors, recipients, negated or hypothetical),
    )


def _key(event: Event, state: _Article) -> tuple[str, int, str]:
    """Same words, same trigger, same code: a repeated caption or paragraph codes once."""
    sent = state.sents[event.sentence]
    return normalise_text(sent.text), event.start - sent.start_char, event.cameo


def _codable(i: int, state: _Article, skip: set[int]) -> bool:
    """Whether token ``i`` may trigger: not in a discarded sentence, nor in a caption that is
    not a wire photo caption of a dated action (credits and furniture never reach the parse)."""
    sentence = state.sent_of.get(i, 0)
    if sentence in skip:
        return False
    section = state.section(state.doc[i].idx)
    return section is None or section.kind != "caption" or wire_caption(
        state.doc.text[section.start:section.end])


def code_events(
    doc: Doc,
    article: Article,
    sections: list[Section],
    actors: ActorTable,
    frames: list[Frame],
    *,
    all_events: bool = False,
) -> list[Event]:
    """The events the trigger lexicon finds in ``doc``, in text order; only those with a political
    side (`relevance`) unless ``all_events``."""
    state = _Article(doc, sections, actors, frames)
    skip = discarded(state.sents)
    if skip is None:
        return []  # a story-level discard phrase: sport, entertainment
    triggers: dict[int, Match] = {}
    for i in candidates(doc):
        found = match(doc[i]) if _codable(i, state, skip) else None
        if found is not None:
            triggers[i] = found
    seen: set[tuple[str, int, str]] = set()
    kept: list[Event] = []
    for m in triggers.values():
        if _absorbed(m, triggers):
            continue
        event = _code(m, state, article)
        key = _key(event, state) if event is not None else None
        if event is None or key in seen:
            continue
        seen.add(key)
        state.events.append(event)  # every coded event resolves later pronouns
        said = verbal(replace(event), actors, m)
        event = settle_sides(said, "sym" in m.row.flags, m, actors, all_events) if said else None
        if event is not None and (all_events or relevant(event, actors)):
            kept.append(event)
    return kept
