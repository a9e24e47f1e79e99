"""The trigger lexicon and event word lists (data files, read once) and trigger matching."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.symbols import IDS

from ..datafiles import DATA
from ..datafiles import rows as read_rows
from ..errors import EventwireError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LEXICON_FILE = DATA / "cameo_lexicon.tsv"
#: rows derived from the PETRARCH CAMEO verb dictionary (scripts/dictionaries/verbs.py)
VERBS_FILE = DATA / "cameo_verbs.tsv"
CLASSES_FILE = DATA / "cameo_classes.tsv"
WORDS_FILE = DATA / "event_words.tsv"
#: an object cell starting with this names a synonym set of cameo_classes.tsv ("&weapon")
SET_MARK = "&"
#: the code of a pattern that claims its words for no event
NO_EVENT = "---"
POS_OK = {"V": {"VERB", "AUX"}, "N": {"NOUN", "PROPN"}, "A": {"ADJ"}, "M": {"AUX", "VERB"}}
#: entity labels of names whose words name no event ("Agreement" in NAFTA's name)
NAME_LABELS = {"ORG", "LAW", "EVENT", "WORK_OF_ART", "FAC", "PRODUCT"}
#: dependency labels of a word that modifies a noun rather than naming an event
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
#: an object cell starting with this names a word class of the event words file ("@aid_object")
CLASS_MARK = "@"
#: CAMEO root of appeals: a verb of asking codes one only when it asks for something
APPEAL_ROOT = "02"


@dataclass(frozen=True, slots=True)
class Row:
    """One lexicon pattern."""

    lemma: str
    pos: str
    prep: str | None
    obj: str | None
    cameo: str
    flags: frozenset[str]
    example: str
    line: int
    #: the object of prep when obj is the direct object (derived rows, flag dobj)
    pobj: str | None = None
    #: the project's own row (cameo_lexicon.tsv), which wins over a derived one on a tie
    own: bool = True

    @property
    def specificity(self) -> int:
        """How many conditions beyond the lemma the row sets (preposition, objects)."""
        return int(self.prep is not None) + int(self.obj is not None) + int(self.pobj is not None)


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger token and the lexicon row it matched."""

    token: Token
    row: Row
    prep: Token | None
    obj: Token | None


def _cell(value: str) -> str | None:
    value = value.strip().lower()
    return None if value in ("", "-") else value


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[Row, ...]:
    """Every row of the trigger lexicon, in file order."""
    rows = []
    for n, cells in enumerate(read_rows(LEXICON_FILE), start=1):
        if len(cells) < 7 or cells[1].strip() not in POS_OK:
            raise EventwireError("E203", path=LEXICON_FILE, detail=f"bad row {n}: {cells}")
        flags = frozenset(f for f in cells[5].strip().split(",") if f and f != "-")
        rows.append(Row(cells[0].strip().lower(), cells[1].strip(), _cell(cells[2]), _cell(cells[3]),
                        cells[4].strip(), flags, cells[6].strip(), n))
    return tuple(rows)


@functools.lru_cache(maxsize=1)
def derived() -> tuple[Row, ...]:
    """The rows derived from the CAMEO verb dictionary (columns in the file's header); none for
    report verbs, whose reported noun triggers by itself ("reported an attack by X")."""
    found = []
    reports = words("report_verb")
    for n, cells in enumerate(read_rows(VERBS_FILE), start=1):
        if len(cells) < 7 or cells[1].strip() != "V":
            raise EventwireError("E203", path=VERBS_FILE, detail=f"bad row {n}: {cells}")
        flags = frozenset(f for f in cells[6].strip().split(",") if f and f != "-")
        if cells[0].strip().lower() in reports or _loose(_cell(cells[3]), cells[5].strip()):
            continue
        found.append(Row(cells[0].strip().lower(), "V", _cell(cells[2]), _cell(cells[3]), cells[5].strip(),
                         flags, cells[7].strip() if len(cells) > 7 else "", n, _cell(cells[4]), False))
    return tuple(found)


def _loose(obj: str | None, cameo: str) -> bool:
    """Whether a derived row's object is a loose_object word for its code ("launch a bid": 16)."""
    prefix = words("loose_object").get(obj or "")
    return prefix is not None and cameo.startswith(prefix)


@functools.lru_cache(maxsize=1)
def classes() -> dict[str, frozenset[str]]:
    """The CAMEO synonym sets: "&name" -> members (words, or modifiers then head)."""
    found: dict[str, set[str]] = defaultdict(set)
    for cells in read_rows(CLASSES_FILE):
        if len(cells) >= 2:
            found[cells[0].strip().lower()].add(cells[1].strip().lower())
    return {k: frozenset(v) for k, v in found.items()}


@functools.lru_cache(maxsize=256)
def _set(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A CAMEO set split into its one-word members and its phrases."""
    members = classes().get(name, frozenset())
    return frozenset(m for m in members if " " not in m), tuple(m for m in members if " " in m)


@functools.lru_cache(maxsize=1)
def by_lemma() -> dict[str, tuple[Row, ...]]:
    """Rows keyed by lemma: the project's rows first (a fitting one always wins: they are the
    ones tuned for news), then the derived ones; most specific first within each."""
    index: dict[str, list[Row]] = defaultdict(list)
    for row in (*lexicon(), *derived()):
        index[row.lemma].append(row)
    return {k: tuple(sorted(v, key=lambda r: (not r.own, -r.specificity, r.obj is None)))
            for k, v in index.items()}


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for cells in read_rows(WORDS_FILE):
        if len(cells) >= 3:
            table[cells[0].strip()][cells[1].strip().lower()] = cells[2].strip()
    return dict(table)


def words(kind: str) -> dict[str, str]:
    """One list of the event words file: word -> value."""
    return _words().get(kind, {})


def _prep_child(token: Token, prep: str) -> Token | None:
    """The particle or preposition ``prep`` on the token; not one of time ("called on Sunday")."""
    for child in token.children:
        if child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ == prep:
            if child.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME")
                                            for o in child.children):
                continue
            return child
    if prep == "for" and token.pos_ == "VERB":  # "called for the department to review": the clause's mark
        for clause in token.children:
            if clause.dep_ in ("advcl", "xcomp", "ccomp") and clause.i > token.i and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == prep), None)
                if mark is not None:
                    return mark
    return None


def _object(token: Token, prep: Token | None) -> Token | None:
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "pobj"):
            return child
    if prep is not None:
        for child in prep.children:
            if child.dep_ == "pobj":
                return child
    return None


def _is(word: Token, lemma: str) -> bool:
    """Whether ``word`` is ``lemma`` (or its plural), a word of the class ``@kind`` (event words
    file), a member of the CAMEO set ``&name``, or the phrase "modifiers head" headed by ``word``."""
    found = word.lemma_.lower()
    if lemma.startswith(CLASS_MARK):
        return found in words(lemma[1:])
    if lemma.startswith(SET_MARK):
        single, phrases = _set(lemma)
        return found in single or word.lower_ in single or any(_is(word, m) for m in phrases)
    if " " in lemma:
        *mods, head = lemma.split()
        if not _is(word, head):
            return False
        near = [c for c in word.children if c.dep_ in ("compound", "amod", "nmod", "nummod", "poss")]
        return all(any(_is(c, m) for c in near) for m in mods)
    return found == lemma or word.lower_ == lemma


def _names(obj: Token, lemma: str) -> bool:
    """Whether ``obj`` is the wanted noun, or a noun compounded with it ("mediation efforts")."""
    if _is(obj, lemma) or any(c.dep_ in ("compound", "amod") and _is(c, lemma) for c in obj.children):
        return True
    if not lemma.startswith((CLASS_MARK, SET_MARK)):
        return False
    if any(c.dep_ == "conj" and _names(c, lemma) for c in obj.children):  # "photographs and arms"
        return True
    part = _prep_child(obj, "of")  # a measure of the class: "tons of food", "$5 worth of goods"
    return part is not None and any(c.dep_ == "pobj" and _names(c, lemma) for c in part.children)


#: entity labels of an object that can be held, freed or captured (people, groups, places)
_VICTIM_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def measured(token: Token) -> list[Token]:
    """A noun and the nouns it is a measure of ("dozens of protesters")."""
    return [token, *(o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj")]


def is_class(token: Token | None, kind: str) -> bool:
    """Whether the noun (or what it measures) is a word of the class, or of a CAMEO set the
    event words file lists for it (kind ``<kind>_set``: "&people", "&refugee", ...)."""
    if token is None:
        return False
    sets = [_set(name)[0] for name in words(f"{kind}_set")]
    for head in measured(token):
        lemma = head.lemma_.lower()
        if lemma in words(kind) or any(lemma in s or head.lower_ in s for s in sets):
            return True
    return False


def _victim(obj: Token | None) -> bool:
    """Whether a trigger's object is someone or somewhere it can be done to (flag ``victim``):
    a noun of the victim class (or a measure of one, "dozens of prisoners"), a person, group
    or place, a personal pronoun, or a list holding one; not "released a trailer",
    "captured the moment", "no official photos have been released"."""
    if obj is None:
        return False
    if obj.ent_type_ in _VICTIM_ENTS or is_class(obj, "victim"):
        return True
    if obj.pos_ == "PRON":
        return obj.lower_ not in words("pronoun_thing")  # "released it"
    return any(c.dep_ == "conj" and _victim(c) for c in obj.children)


def _with_object(token: Token) -> Token | None:
    """The object of a "with" hanging on the trigger or its object ("supplied Syria with arms")."""
    for word in (token, *(c for c in token.children if c.dep_ == "dobj")):
        prep = _prep_child(word, "with")
        found = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if found is not None:
            return found
    return None


def _in_phrase(word: Token, noun: Token) -> bool:
    """Whether ``word`` hangs on ``noun`` through nouns and prepositions only, not through a
    clause of its own: "her defeat in the election on X", not "policies that help make up for"."""
    while word.i != noun.i:
        if word.head.i == word.i:
            return False
        word = word.head
        if word.i != noun.i and word.pos_ in ("VERB", "AUX"):
            return False
    return True


def _fits(token: Token, row: Row) -> Match | None:
    prep = None
    if row.prep is not None:
        prep = _prep_child(token, row.prep)
        dobj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if prep is None and dobj is not None and row.pos == "V":
            prep = _prep_child(dobj, row.prep)
        if prep is None and ("flip" in row.flags or row.pos == "V"):  # "blamed her defeat in the election on X"
            prep = next((p for c in token.children if c.dep_ == "dobj"
                         for p in c.subtree if p.dep_ == "prep" and p.lower_ == row.prep
                         and _in_phrase(p, c)), None)
        if prep is None and not (row.pos == "N" and _prep_child(token.head, row.prep)):
            return None
    elif row.pos == "V" and any(c.dep_ == "prt" for c in token.children):
        return None  # a particle makes another verb ("struck up a talk"); rows name the ones we code
    own = row.obj is None or row.prep is None or prep is None or prep.dep_ == "prt" or "dobj" in row.flags
    obj = _object(token, prep) if own else _object(prep, None)
    if row.pobj is not None:
        pobj = _object(prep, None) if prep is not None else None
        if pobj is None or not _names(pobj, row.pobj):
            return None
    if "victim" in row.flags and not _victim(obj):
        return None
    if row.obj is not None and (obj is None or not _names(obj, row.obj)):
        moved = _with_object(token) if row.obj.startswith(CLASS_MARK) else None
        if moved is None or not _names(moved, row.obj):
            return None
        obj = moved
    return Match(token, row, prep, obj)


def _epistemic(verb: Token) -> bool:
    """Whether the verb under "must" makes it a guess ("must be tired", "must have known")."""
    heads = words("epistemic_head")
    if heads.get(verb.lemma_.lower()) == "root":  # but "must be ready to talk" still asks something
        return not any(g.dep_ == "xcomp" for c in verb.children if c.dep_ == "acomp" for g in c.children)
    return any(c.dep_ == "aux" and heads.get(c.lemma_.lower()) == "aux" for c in verb.children)


@functools.lru_cache(maxsize=1)
def _hashes() -> numpy.ndarray:
    """String ids of every lemma and fixed-up surface form that can start a match: the hash, or
    spaCy's own symbol id for the strings it has one for ("root", "mark" are dependency labels
    too; their tokens carry the symbol id, not the hash: "rooting for")."""
    keys = set(by_lemma()) | set(words("lemma"))
    return numpy.array(sorted({IDS.get(k, hash_string(k)) for k in keys} | {hash_string(k) for k in keys}),
                       dtype=numpy.uint64)


def candidates(doc: Doc) -> list[int]:
    """Indexes of the tokens whose lemma or lower-case form is in the lexicon (one vector pass)."""
    if len(doc) == 0:
        return []
    table = doc.to_array([LEMMA, LOWER])
    hit = numpy.isin(table[:, 0], _hashes()) | numpy.isin(table[:, 1], _hashes())
    return [int(i) for i in numpy.nonzero(hit)[0]]


def match(token: Token) -> Match | None:
    """The most specific lexicon row ``token`` triggers, if any."""
    lemma = words("lemma").get(token.lower_) or token.lemma_.lower()
    if lemma in words("clause_statement") and any(c.dep_ == "ccomp" for c in token.children):
        return None  # "conceded that ...": a statement
    if _feared(token):
        return None  # "concerned that Trump will cancel health plans": a fear, no event
    if lemma in words("naming_verb") and any(c.dep_ == "oprd" for c in token.children):
        return None  # "called the meeting excellent": naming, no call for anything
    if token.dep_ == "npadvmod" and token.pos_ == "NOUN":
        return None  # a measure of place or time: "a hotel just blocks away", "days later"
    if token.pos_ in ("VERB", "AUX") and _poll_share(token):
        return None  # a poll figure: "1 percent support Jill Stein", "backed by 42 percent"
    rows = by_lemma().get(lemma, ())  # and rows keyed by the form itself ("talks", not "talk")
    if token.lower_ != lemma:
        rows = rows + by_lemma().get(token.lower_, ())
    if not rows:
        return None
    near: frozenset[str] | None = None
    for row in rows:
        if token.pos_ not in POS_OK[row.pos] and not (row.pos == "V" and token.dep_ == "ROOT"):
            continue
        if not row.own:  # derived rows are many: a cheap look at the nearby words first
            near = _near_words(token) if near is None else near
            if not _may_fit(row, near):
                continue
        if token.dep_ in MODIFIER_DEPS or (row.pos == "N" and token.dep_ == "attr"):
            continue
        if row.pos == "N" and token.ent_type_ in NAME_LABELS:
            continue  # a word of a name: "the North American Free Trade Agreement"
        if row.pos == "V" and token.dep_ == "conj" and token.head.pos_ == "ADJ":
            continue  # an adjective among adjectives: "fatigued, resigned and not hopeful"
        if row.pos == "M":
            verb = token.head
            reported = verb.dep_ in ("ccomp", "acl", "ROOT", "conj")
            if token.dep_ == "aux" and verb.pos_ in ("VERB", "AUX") and reported and not _epistemic(verb):
                return Match(token, row, None, None)
            continue
        found = _fits(token, row)
        if found is not None and not (row.cameo.startswith(APPEAL_ROOT) and _question(token)):
            return found
    return None


def _feared(token: Token) -> bool:
    """Whether the word is in the future or modal that-clause of a word of fear ("terrified that
    Trump will round up and deport them": fear_head words of the event words file)."""
    clause = token
    for _ in range(3):
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            break
        clause = clause.head
    head = clause.head
    fears = words("fear_head")
    if clause.dep_ != "ccomp" or head.i == clause.i or not (head.lemma_.lower() in fears or head.lower_ in fears):
        return False
    return any(c.dep_ == "aux" and c.lower_ in words("modal") for c in clause.children)  # not a fact:
    # "concerned that Russia is working with Iran" says it is happening


def _poll_share(verb: Token) -> bool:
    """Whether the verb's subject or passive agent is a share of people polled ("1 percent",
    "a majority of voters": words of the event words' poll_share list)."""
    shares = words("poll_share")
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "conj"]  # "Johnson and 1 percent"
    return any(h.lemma_.lower() in shares or h.lower_ in shares for h in heads)


def _near_words(token: Token) -> frozenset[str]:
    """Lemmas and forms of the words two steps below ``token`` (where its conditions look)."""
    found: set[str] = set()
    for child in token.children:
        found.update((child.lemma_.lower(), child.lower_))
        for grand in child.children:
            found.update((grand.lemma_.lower(), grand.lower_))
            for great in grand.children:
                if great.dep_ in ("pobj", "conj", "compound", "amod"):
                    found.update((great.lemma_.lower(), great.lower_))
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def _heads(cell: str) -> frozenset[str]:
    """The words one of which must be near for an object cell to match ("" for any)."""
    head = cell.split()[-1]
    if head.startswith(SET_MARK):
        single, phrases = _set(head)
        return single | frozenset(p.split()[-1] for p in phrases)
    return frozenset(("",)) if head.startswith(CLASS_MARK) else frozenset((head,))


def _may_fit(row: Row, near: frozenset[str]) -> bool:
    """False when a derived row cannot match: its preposition or object head is not near."""
    if row.prep is not None and row.prep not in near:
        return False
    for cell in (row.obj, row.pobj):
        if cell is not None:
            heads = _heads(cell)
            if "" not in heads and heads.isdisjoint(near):
                return False
    return True


def _question(token: Token) -> bool:
    """Whether the verb asks a question ("asked him if he was hurt"), not for something."""
    marks = words("question_mark")
    if not any(c.dep_ == "xcomp" for c in token.children) and any(
            c.dep_ == "prep" and c.lower_ in words("question_prep") for c in token.children):
        return True  # "asked Clinton about her email scandal"
    return any(c.dep_ == "ccomp" and (any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
                                      or c.left_edge.tag_ in ("WP", "WRB"))  # "asked him what happened"
               for c in token.children)
