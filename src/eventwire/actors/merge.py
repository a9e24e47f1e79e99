"""Actors stage, step 3: merge the mentions of one article into actors (aliases).

Mentions join when they are the same country (any name, demonym or capital),
the same dictionary entry, or the same spelling-blind name ("Ahmad-Reza Radan"
= "Ahmadreza Radan"); a person's full names with the same surname and close
given names join; a lone surname joins the one person with that surname, and
stays apart when two people share it; an acronym joins its expansion ("IRIB"
= "IRIB news agency", "IAEA" = "International Atomic Energy Agency"); an
organization name that ends a single longer one joins it ("Security Council"
= "Russian National Security Council").
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from .data import institution_words, name_key
from .mentions import COUNTRY, GROUP, ORG, PERSON, Candidate
from .names import split_name

GIVEN_NAME_SIMILARITY = 85
SURNAME_SIMILARITY = 88
_MINOR = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "la", "al"})


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _key(cand: Candidate) -> str:
    if cand.kind == COUNTRY and cand.country is not None:
        return f"c:{cand.country.iso3}"
    if cand.entry is not None:
        return f"e:{cand.entry.key}"
    return f"{cand.kind[0]}:{name_key(cand.name)}"


def _join_same_key(cands: list[Candidate], union: _Union) -> None:
    first: dict[str, int] = {}
    for i, cand in enumerate(cands):
        j = first.setdefault(_key(cand), i)
        union.join(i, j)


def _surname_groups(cands: list[Candidate], full: list[int]) -> dict[str, list[int]]:
    """Full-name candidates by surname key; spellings within SURNAME_SIMILARITY share a group
    ("Zelensky" / "Zelenskyy")."""
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in full:
        key = name_key(split_name(cands[i].name)[1])
        near = next((k for k in by_surname if _close_surname(k, key)), key)
        by_surname[near].append(i)
    return by_surname


def _close_surname(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and a[0] == b[0]
                      and fuzz.ratio(a, b) >= SURNAME_SIMILARITY)


def _join_people(cands: list[Candidate], union: _Union) -> None:
    """Full names with one surname and close given names; then each lone surname ("Musk",
    "Mr Trump") joins the one person named in full with that surname, or, when several
    share it, the one named in full clearly most often ("Hillary Clinton" over "Bill
    Clinton" in a story about her); when none stands out, a surname written with an
    honorific ("Mrs Clinton") joins the one named in full last before it, and a bare one
    stays apart.
    """
    full = [i for i, c in enumerate(cands) if c.kind == PERSON and split_name(c.name)[0]]
    by_surname = _surname_groups(cands, full)
    for group in by_surname.values():
        for a in group:
            for b in group:
                if a < b and _close_given(cands[a].name, cands[b].name):
                    union.join(a, b)
    lone = [i for i, c in enumerate(cands)  # "Musk", "De Sa" (a surname with its particle)
            if c.kind == PERSON and not split_name(c.name)[0] and c.entry is None]
    for i in lone:
        key = name_key(cands[i].name)
        named = [j for k, js in by_surname.items() if _close_surname(k, key) for j in js]
        counts = Counter(union.find(j) for j in named)
        ranked = counts.most_common(2)
        if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] > ranked[1][1]):
            union.join(i, ranked[0][0])
        elif ranked and cands[i].honorific_form:  # "Mrs Clinton": the one named last before
            before = [j for j in named if cands[j].start < cands[i].start]
            if before:
                union.join(i, union.find(max(before, key=lambda j: cands[j].start)))
        elif not ranked and not cands[i].honorific_form:
            _join_given_name(cands, union, i, full)


def _join_given_name(cands: list[Candidate], union: _Union, i: int, full: list[int]) -> None:
    """A lone name that is no one's surname but the given name of the one person named in
    full ("Melania said" after "Melania Trump") is that person."""
    key = name_key(cands[i].name)
    owners = {union.find(j) for j in full if name_key(split_name(cands[j].name)[0].split()[0]) == key}
    if len(owners) == 1:
        union.join(i, owners.pop())


def _close_given(a: str, b: str) -> bool:
    given_a, given_b = name_key(split_name(a)[0]), name_key(split_name(b)[0])
    if given_a == given_b:
        return True
    if min(len(given_a), len(given_b)) == 1:  # an initial: "J. Kirby"
        return given_a[0] == given_b[0]
    return fuzz.ratio(given_a, given_b) >= GIVEN_NAME_SIMILARITY


def initials(name: str, *, spell: bool = False) -> str:
    """The first letters of a name's words; with ``spell``, a short word in capitals gives
    all its letters ("US Hispanic Chamber of Commerce" -> USHCC)."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _MINOR]
    return "".join(w.replace(".", "") if spell and _capitals(w) else w[0]
                   for w in words if w[0].isalpha()).upper()


def _capitals(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return " " not in name and 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def _join_orgs(cands: list[Candidate], union: _Union) -> None:
    """Acronyms with their expansions; a short name ending exactly one longer one ("Security
    Council", "the Post"), or one word opening exactly one longer one ("Mondelez")."""
    orgs = [i for i, c in enumerate(cands) if c.kind in (ORG, GROUP)]
    acronyms = {cands[i].name.replace(".", ""): i for i in orgs if is_acronym(cands[i].name)}
    for i in orgs:
        words = cands[i].name.split()
        if len(words) < 2:
            continue
        head = words[0].replace(".", "")
        target = acronyms.get(head) if head in acronyms else acronyms.get(
            initials(cands[i].name), acronyms.get(initials(cands[i].name, spell=True)))
        if target is not None:
            union.join(i, target)
    for i in orgs:
        short = cands[i].name.lower().split()
        if len(short) < 2 and (is_acronym(cands[i].name) or cands[i].entry is not None):
            continue
        owners = {union.find(j) for j in orgs if _ends_with(cands[j].name, short)
                  or (len(short) == 1 and _begins_with(cands[j].name, short[0])
                      and (cands[i].kind != GROUP or _institution_of(cands[j].name)))}
        if len(owners) == 1:
            union.join(i, owners.pop())


def _begins_with(name: str, word: str) -> bool:
    """Whether a longer organization name opens with the one word ("Mondelez International")."""
    words = name.split()
    return len(words) > 1 and words[0].lower() == word


def _institution_of(name: str) -> bool:
    """Whether a name is one word and an institution word ("Republican Party"): the only
    longer name a people's or a party's adjective ("Republican House Speaker") joins, not
    "the Republican national convention"."""
    words = name.split()
    return len(words) == 2 and words[1].lower() in institution_words()


def _ends_with(name: str, short: list[str]) -> bool:
    """Whether ``name`` is capitalised modifiers followed by the words ``short``."""
    words = name.split()
    prefix = words[:-len(short)]
    return (len(words) > len(short) and [w.lower() for w in words[-len(short):]] == short
            and all(w[:1].isupper() for w in prefix))


def cluster(cands: list[Candidate]) -> list[list[Candidate]]:
    """Groups of candidates naming one actor, in order of first mention."""
    union = _Union(len(cands))
    _join_same_key(cands, union)
    _join_people(cands, union)
    _join_orgs(cands, union)
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for i, cand in enumerate(cands):
        groups[union.find(i)].append(cand)
    return [groups[k] for k in sorted(groups)]


def canonical_name(group: list[Candidate]) -> str:
    """The name an actor goes by: our dictionary's or the country's name, acronym, else the
    fullest name written (also for actors of the derived dictionary, whose names are
    restored from upper case and often formal: "Sameh Hassan Shoukry")."""
    for cand in group:
        if cand.entry is not None and cand.entry.source == "own":
            return cand.entry.name
        if cand.kind == COUNTRY and cand.country is not None:
            return cand.country.name
    names = [c.name for c in group]
    if group[0].kind in (ORG, GROUP):
        acronyms = [n for n in names if is_acronym(n)]
        if acronyms and len(set(names)) > 1:
            return acronyms[0]
    return max(names, key=lambda n: (len(n.split()), -names.index(n)))


def surface_aliases(group: list[Candidate], canonical: str) -> list[str]:
    """Every other name form written in the article (demonyms and capitals left out)."""
    seen = {canonical.casefold()}
    out: list[str] = []
    for cand in group:
        if cand.kind == COUNTRY and cand.how in ("demonym", "capital"):
            continue
        if cand.how == "reference":
            continue
        for form in (cand.name, cand.surface, cand.honorific_form):
            if form and form.casefold() not in seen:
                seen.add(form.casefold())
                out.append(form)
    return out
