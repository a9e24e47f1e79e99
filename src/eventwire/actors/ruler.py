"""Entity ruler fed from the gazetteer and the actor dictionary (issue 3).

Runs after the model's NER and repairs what en_core_web_sm gets wrong on news:
country names become GPE, demonyms NORP, capitals and big cities GPE (so
"Kyiv" is a place, not a PERSON), and actor dictionary names get their label.
A match replaces the model's entities it covers or crosses; a longer model
entity that contains the match is kept ("Russian National Guard" stays an ORG).
Each span it sets carries ``kb_id`` ``country:IRN``, ``demonym:IRN``,
``city:RUS`` or ``actor:<dictionary key>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .data import city_names, countries, dictionary, institution_words

if TYPE_CHECKING:
    from spacy.vocab import Vocab

#: Doc extension naming the user actor file the doc was read with (None: shipped only).
ACTORS_FILE_ATTR = "ew_actors_file"
KIND_LABEL = {"person": "PERSON", "organization": "ORG", "country": "GPE", "group": "NORP"}
_MINOR = frozenset({"of", "the", "and", "for", "in", "on", "at", "de", "du", "la", "al", "el", "-"})


def _patterns(actors_file: str | None) -> Iterator[tuple[str, str, str]]:
    """(text, label, kb_id) for every gazetteer name and every name of our own dictionary rows
    (matched as written)."""
    for name, iso3 in city_names():
        yield name, "GPE", f"city:{iso3}"
    for country in countries().by_iso.values():
        for demonym in country.demonyms:
            yield demonym, "NORP", f"demonym:{country.iso3}"
        for name in (country.name, *country.names):
            yield name, "GPE", f"country:{country.iso3}"
    for entry in dictionary(actors_file).entries.values():
        if entry.source != "own":
            continue
        for name in (entry.name, *entry.aliases):
            yield name, KIND_LABEL.get(entry.kind, "ORG"), f"actor:{entry.key}"


def _derived_patterns(actors_file: str | None) -> Iterator[tuple[str, str, str]]:
    """(lower-case text, label, kb_id) of the derived dictionary's names of two or more
    words (matched case-blind, kept only when written capitalised). One-word names are
    left to the model's NER and found by name afterwards: matched anywhere they would
    overrule it on common words ("Target", "Shell") and on namesakes."""
    for entry in dictionary(actors_file).entries.values():
        if entry.source == "own":
            continue
        label = KIND_LABEL.get(entry.kind, "ORG")
        for name in entry.names:
            if " " in name.strip():
                yield name.lower(), label, f"actor:{entry.key}"


def _pattern_words(make_doc, text: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """A derived name's lower-case words: split on spaces when they are only letters (as the
    tokenizer would split them, and much faster for 26,000 names), else tokenized."""
    words = text.split()
    if all(w.isalpha() for w in words):
        return tuple(words)
    return tuple(t.lower_ for t in make_doc(text))


def _capitalised(span: Span) -> bool:
    """Whether every word of a case-blind match is capitalised, as a name is."""
    return all(t.is_title or t.is_upper or not t.is_alpha or t.lower_ in _MINOR for t in span) \
        and (span[0].is_title or span[0].is_upper)


class GazetteerRuler:
    """Phrase-matches gazetteer and dictionary names and merges them into ``doc.ents``."""

    def __init__(self, vocab: Vocab, make_doc, *, actors_file: str | None = None) -> None:  # type: ignore[no-untyped-def]
        self.actors_file = actors_file
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        self.tags: dict[int, tuple[str, str]] = {}
        grouped: dict[str, list[str]] = {}
        for text, label, kb_id in _patterns(actors_file):
            grouped.setdefault(f"{label}|{kb_id}", []).append(text)
        for key, texts in grouped.items():
            label, kb_id = key.split("|", 1)
            self.tags[vocab.strings.add(key)] = (label, kb_id)
            self.matcher.add(key, [make_doc(t) for t in texts])
        #: the derived names: their lower-case words as string hashes (as ``doc.to_array(LOWER)``
        #: gives them) -> (label, kb_id). A dict rather than a second PhraseMatcher, whose 26,000
        #: pattern docs took a worker's start-up seconds to build (issue 16); ``_first`` and
        #: ``_prefixes`` end a search early.
        self.derived: dict[tuple[int, ...], tuple[str, str]] = {}
        for text, label, kb_id in _derived_patterns(actors_file):
            words = _pattern_words(make_doc, text)
            if words:
                self.derived[tuple(hash_string(w) for w in words)] = (label, kb_id)
        self._prefixes = {words[:n] for words in self.derived for n in range(1, len(words))}
        self._first = {words[0] for words in self.derived}

        _warm_tables()

    def _derived_matches(self, doc: Doc) -> Iterator[tuple[int, int, tuple[str, str]]]:
        """(start, end, tag) of every run of words that is a derived name, nested ones too,
        starting at a capitalised word (as `_capitalised` wants a name to)."""
        lower = doc.to_array(LOWER).tolist()
        first = self._first
        for start, word in enumerate(lower):
            if word not in first or not (doc[start].is_title or doc[start].is_upper):
                continue
            for end in range(start + 1, len(lower) + 1):
                words = tuple(lower[start:end])
                tag = self.derived.get(words)
                if tag is not None:
                    yield start, end, tag
                if words not in self._prefixes:
                    break

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(ACTORS_FILE_ATTR, self.actors_file)
        matches = [Span(doc, s, e, label=self.tags[k][0], kb_id=self.tags[k][1])
                   for k, s, e in self.matcher(doc)]
        for s, e, tag in self._derived_matches(doc):
            if _capitalised(span := Span(doc, s, e, label=tag[0], kb_id=tag[1])):
                matches.append(span)
        ents = _join_split_people(doc, list(doc.ents))
        if not matches:
            doc.ents = ents
            return doc
        for span in filter_spans(matches):
            outer = [e for e in ents
                     if e.start <= span.start and span.end <= e.end and len(e) > len(span)]
            if outer and not (span.label_ == "GPE" and _person_of_place(outer[0], span)):
                continue
            ents = [e for e in ents if e.end <= span.start or e.start >= span.end]
            if outer:
                ents.append(Span(doc, outer[0].start, span.start - 1, label="PERSON"))
            ents.append(span)
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


def _join_split_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """One PERSON for a name the model cut in two ("Oleksandr" + "Prokudin")."""
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        if (last is not None and last.label_ == ent.label_ == "PERSON" and last.end == ent.start
                and all(t.is_title for t in doc[last.start:ent.end])):
            out[-1] = Span(doc, last.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _warm_tables() -> None:
    """Load every table the actors stage reads, once, when the pipeline is built."""
    from .data import agent_rules, given_names, max_agent_len, page_words, role_places
    from .filters import place_names, platforms
    from .mentions import (
        byline_words,
        capital_verbs,
        never_actors,
        role_words,
        town_names,
    )

    agent_rules()
    role_places()
    given_names()
    place_names()
    platforms()
    max_agent_len()
    byline_words()
    never_actors()
    page_words()
    capital_verbs()
    role_words()
    town_names()


def _person_of_place(outer: Span, place: Span) -> bool:
    """Whether an entity reads "<Given Surname> of <place>" (a person the model took for an ORG)."""
    doc = outer.doc
    if place.end != outer.end or place.start - outer.start not in (3, 4):
        return False
    if doc[place.start - 1].lower_ != "of":
        return False
    name = doc[outer.start:place.start - 1]
    words = institution_words()
    return all(t.is_title and t.pos_ == "PROPN" and t.lower_ not in words for t in name)


@Language.factory("eventwire_entities", assigns=["doc.ents"], requires=["doc.ents"],
                  default_config={"actors_file": None})
def make_gazetteer_ruler(nlp: Language, name: str, actors_file: str | None) -> GazetteerRuler:
    _register_lexicon(nlp)
    return GazetteerRuler(nlp.vocab, nlp.make_doc, actors_file=actors_file)


def _register_lexicon(nlp: Language) -> None:
    """Hand the actors stage the model's list of English words (the lemmatizer's index)."""
    from .filters import register_lexicon

    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        register_lexicon(lookups.get_table("lemma_index"))


def add_entity_ruler(nlp: Language, *, actors_file: str | None = None) -> None:
    """Add the gazetteer ruler after the model's NER (and the doc extension it sets)."""
    if not Doc.has_extension(ACTORS_FILE_ATTR):
        Doc.set_extension(ACTORS_FILE_ATTR, default=None)
    after = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("eventwire_entities", after=after, config={"actors_file": actors_file})
