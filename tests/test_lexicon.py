"""The trigger lexicon row by row: every row fires on a sentence made from its example."""

from __future__ import annotations

import pytest

from eventwire.events import ontology
from eventwire.events.lexicon import lexicon, match, words


@pytest.fixture(scope="module")
def row_docs(nlp):
    """One generated sentence per lexicon row, all parsed in one nlp.pipe call."""
    rows = lexicon()
    texts = [f"France {r.example}" if r.example.endswith(".") else f"France {r.example} Germany." for r in rows]
    return list(zip(rows, nlp.pipe(texts, batch_size=64), strict=True))


def test_lexicon_every_row_fires(row_docs):
    silent = []
    for row, doc in row_docs:
        fired = [m.row for m in (match(t) for t in doc) if m is not None]
        if row not in fired:
            silent.append(f"line {row.line}: {row.lemma} {row.pos} -> {doc.text!r} fired {[r.line for r in fired]}")
    assert not silent, "\n".join(silent)


def test_lexicon_every_row_is_a_candidate(row_docs):
    """The vector pass that picks candidate tokens finds every row's trigger, also the lemmas
    spaCy has a symbol id for ("root", "mark": dependency labels too)."""
    from eventwire.events.lexicon import candidates

    missed = []
    for row, doc in row_docs:
        fired = [t for t in doc if (m := match(t)) is not None and m.row == row]
        if fired and not {t.i for t in fired} & set(candidates(doc)):
            missed.append(f"line {row.line}: {row.lemma} in {doc.text!r}")
    assert not missed, "\n".join(missed)


def test_lexicon_codes_are_known_cameo_codes():
    unknown = [r.cameo for r in lexicon() if r.cameo not in ontology.table() and ontology.lookup(r.cameo) is None]
    assert unknown == []
    assert all(ontology.lookup(r.cameo).quad_class in (1, 2, 3, 4) for r in lexicon())


def test_lexicon_covers_every_cameo_root():
    roots = {r.cameo[:2] for r in lexicon()}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_lexicon_rows_are_unique():
    keys = [(r.lemma, r.pos, r.prep, r.obj) for r in lexicon()]
    assert len(keys) == len(set(keys))


def test_lexicon_event_words_lists_load():
    assert "will" in words("modal")
    assert words("context")["drone"] == "military"
    assert words("intent_code")["18"].startswith("13")


def test_lexicon_ontology_maps_cameo_to_plover():
    assert ontology.plover("042") == "CONSULT" and ontology.lookup("042").mode == "visit"
    assert ontology.plover("163") == "COERCE"
    assert ontology.plover("0312") == "AGREE" and "military" in ontology.lookup("0312").contexts
    assert ontology.plover("020") == "REQUEST"
    assert ontology.plover("010") == ""
    assert ontology.quad_class("051") == 1 and ontology.quad_class("190") == 4
    assert ontology.goldstein("190") == -10.0 and ontology.goldstein("057") > 0
    assert ontology.lookup("1384").plover == "THREATEN"  # listed code
    assert ontology.lookup("0871").cameo == "0871"


@pytest.fixture(scope="module")
def thing_docs(nlp):
    """Each row that wants a victim, with a thing as its object instead: "France released
    the new trailer on Monday.", "France captured the moment on Monday."."""
    rows = [r for r in lexicon() if "victim" in r.flags]
    texts = [f"France {r.example.split()[0]} the {thing} on Monday."
             for r in rows for thing in ("new trailer", "moment")]
    docs = list(nlp.pipe(texts))
    return [(row, docs[2 * i:2 * i + 2]) for i, row in enumerate(rows)]


def test_lexicon_victim_rows_want_someone_not_something(thing_docs):
    assert len(thing_docs) >= 3
    fired = [f"line {row.line}: {doc.text!r}" for row, docs in thing_docs for doc in docs
             if any((m := match(t)) is not None and m.row == row for t in doc)]
    assert not fired, "\n".join(fired)


@pytest.mark.parametrize("text,lemma,prep,fires", [
    ("France blamed its defeat in the election on Germany.", "blame", "on", True),
    ("France pushed policies that help make up for lost trade.", "push", "for", False),
    ("France called the remarks a wake-up call to its allies.", "call", "for", False),
])
def test_lexicon_preposition_on_the_object_stays_in_its_phrase(nlp, text, lemma, prep, fires):
    """A row's preposition may hang deep in the object's phrase, never in a clause of its own."""
    found = [m.row for m in (match(t) for t in nlp(text)) if m is not None]
    assert any(r.lemma == lemma and r.prep == prep for r in found) == fires, found


@pytest.mark.parametrize("pronoun", sorted(words("pronoun_thing")))
def test_lexicon_victim_rows_want_no_thing_pronoun(nlp, pronoun):
    """Each pronoun of a thing (event words, kind pronoun_thing) is no one to release."""
    doc = nlp(f"France released {pronoun} on Monday.")
    assert not [m for m in (match(t) for t in doc) if m is not None and "victim" in m.row.flags]
