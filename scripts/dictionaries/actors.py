"""Builder: the Phoenix actor dictionaries -> data/phoenix_actors.tsv.

Reads Phoenix.Countries.actors.txt (office holders and national institutions),
Phoenix.International.actors.txt (IGOs, NGOs, companies, media and their people) and
Phoenix.MilNonState.actors.txt (armed non-state groups). For each entry:

- names: words joined by ``_`` become a written name, its case restored
  ("BASHAR_AL-ASSAD" -> "Bashar al-Assad", "U.N._SECURITY_COUNCIL" -> "U.N. Security
  Council"); a bracketed acronym becomes an alias; people's aliases lose the titles,
  ranks and country words written before them ("PRESIDENT_BARACK_OBAMA" -> "Barack
  Obama"), and aliases naming something else ("OBAMA_ADMINISTRATION") are dropped;
- kind: organization when a name has an organization word (data/org_words.tsv, our
  sectors.tsv institutions, Phoenix agents that end in one), person for the office
  holders of the country file and for names that start with a given name of one of them
  (or an initial), else organization; armed groups are organizations;
- country: ISO alpha-3 of the first country part of its codes (data/cameo_codes.tsv maps
  the few CAMEO codes that are not ISO; regions and former states give none);
- sectors: of the codes in force on the dictionary's date (January 2014), and every dated
  role in ``roles`` (the actors stage reads the ones in force on an article's date);
- left out: country entries (their aliases are places), role phrases with no name of their
  own ("AMERICAN_VICE_PRESIDENT", "UN_ENVOY"), institution names with no name of their own
  ("THE_SECURITY_COUNCIL": which council?), places standing for a government
  ("MALACANANG_PALACE"), and any name two entries of different countries share.
Entries naming one actor (the same main name, or a shared name of two or more words) merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import agents as agents_builder
from ._phoenix import Raw, chunks, code_table, header, parse_code, read_actor_file, read_tsv, write

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
         "Phoenix.MilNonState.actors.txt")
DICTIONARY_DATE = "20140130"
MIN_GIVEN = 1  # a first word used by this many office holders counts as a given name
MINOR = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "da", "des",
                   "del", "della", "di", "dos", "das", "la", "le", "les", "y", "e", "et", "wa",
                   "van", "von", "der", "den", "al", "el", "bin", "ibn", "bint", "ul", "ud"})
#: words after a person's name that make it another thing ("Obama administration")
NOT_A_PERSON_TAIL = frozenset({"administration", "government", "regime", "family", "camp",
                               "campaign", "era", "cabinet", "supporters", "loyalists", "forces"})
PLACE_WORDS = frozenset({"palace", "city", "province", "island", "islands", "region", "street",
                         "square", "residence", "compound", "capital"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_PAREN = re.compile(r"\(([^)]*)\)")
_INITIALS = re.compile(r"^([A-Za-z]\.)+$")


def key(text: str) -> str:
    """The actors stage's spelling-blind name key (eventwire.actors.data.name_key)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub("", text)


def _word_case(word: str, first: bool, single: bool) -> str:
    low = word.lower()
    if _INITIALS.match(word):
        return word.upper()
    if low in MINOR and not first:
        return low
    letters = re.sub(r"[^A-Za-z]", "", word)
    if (single and len(letters) <= 4) or (letters and not re.search(r"[AEIOUYaeiouy]", letters)):
        return word.upper()
    if len(letters) == 2 and not single and low not in MINOR:
        return word.upper()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    if low.startswith("o'") and len(low) > 2:
        return "O'" + low[2:].capitalize()
    return low.capitalize()


def written(raw_name: str) -> tuple[str, list[str]]:
    """A dictionary name as written text, and the acronyms it gives in brackets."""
    acronyms = [a.strip(" _") for a in _PAREN.findall(raw_name)]
    text = _PAREN.sub(" ", raw_name).replace("_", " ")
    words = [w for w in text.split() if w]
    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        single = len(words) == 1 and len(parts) == 1
        out.append("-".join(_word_case(p, i == 0 and j == 0, single) for j, p in enumerate(parts)))
    clean = [a.replace("_", " ").strip() for a in acronyms if a and " " not in a.strip()]
    return " ".join(out), [a for a in clean if a.isupper() and 2 <= len(a) <= 8]


@dataclass(slots=True)
class Words:
    """Word lists the builder sorts names with (all lower case)."""

    titles: frozenset[str]  # honorifics, ranks and role nouns written before a name
    institutions: frozenset[str]  # words that make a name an organization
    generic: frozenset[str]  # words that name no one in particular
    places: frozenset[str]  # country names and demonyms (as words and phrases)
    given: frozenset[str] = frozenset()


def words(data: Path, petrarch: Path) -> Words:
    own = read_tsv(data / "sectors.tsv")
    agent_rows = [(forms, letters) for forms, letters, _ in agents_builder.parse(
        petrarch / agents_builder.SOURCE)]
    agent_words = {w for forms, _ in agent_rows for f in forms for w in f.split()}
    own_words = {w for r in own for w in r["phrase"].lower().split()}
    institution_ends = ({r["phrase"].lower().split()[-1] for r in own if r["weight"] == "2"}
                        - {r["phrase"].lower().split()[-1] for r in own if r["weight"] != "2"})
    institutions = ({r["word"].lower() for r in read_tsv(data / "org_words.tsv")}
                    | institution_ends)
    titles = {w.lower().rstrip(".") for r in read_tsv(data / "honorifics.tsv")
              for w in r["honorific"].split()}
    places: set[str] = set()
    for row in read_tsv(data / "countries.tsv"):
        for name in [row["name"], *row["names"].split("|"), *row["demonyms"].split("|")]:
            places.update(w.lower() for w in name.split() if w)
    return Words(frozenset(titles | own_words | agent_words), frozenset(institutions),
                 frozenset(titles | own_words | agent_words | institutions | MINOR),
                 frozenset(places))


@dataclass(slots=True)
class Role:
    country: str
    sectors: tuple[str, ...]
    start: str
    end: str

    def cell(self) -> str:
        return f"{'+'.join(self.sectors)}@{self.start}-{self.end}"

    def holds_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


def role_of(code: str, table, source: str) -> Role | None:  # type: ignore[no-untyped-def]
    """What one code says: a country, sectors and dates."""
    letters, start, end = parse_code(code)
    parts = chunks(letters)
    if not parts:
        return None
    country, sectors = "", []
    first, rest = parts[0], parts[1:]
    religious_first = first in table.religions and source != FILES[0]
    if not religious_first and first in table.countries:
        country = table.countries[first]
    else:
        rest = parts
    for part in rest:
        found = table.sectors.get(part)
        if found is not None:
            sectors += [s for s in found if s not in sectors]
        elif not country and table.countries.get(part):  # "MNCUSA": a company of the USA
            country = table.countries[part]
    return Role(country, tuple(sectors), start, end)


@dataclass(slots=True)
class Actor:
    name: str
    kind: str
    aliases: list[str]
    roles: list[Role]
    source: str
    country: str = ""
    keys: set[str] = field(default_factory=set)


def _strip_titles(name: str, w: Words) -> str:
    """A person's name without the titles, ranks and country words before it."""
    parts = name.split()
    while len(parts) > 1 and _title_word(parts[0], w):
        parts = parts[1:]
    return " ".join(parts)


def _title_word(word: str, w: Words) -> bool:
    """A title, rank, country word or particle ("President-Elect", "U.S.", "Gen.")."""
    low = word.lower().rstrip(".")
    subparts = [p for p in re.split(r"[-.]", low) if p]
    return (low in w.titles or low in w.places or low in MINOR
            or (bool(subparts) and all(p in w.titles or p in w.places for p in subparts)))


def _is_org(name: str, w: Words) -> bool:
    return any(p.lower() in w.institutions for p in re.split(r"[\s-]+", name))


def _specific(name: str, w: Words) -> bool:
    """Whether a name has a word of its own (not only titles, institutions, countries)."""
    parts = [p.lower().strip(".'’") for p in re.split(r"[\s-]+", name) if p]
    return any(p and p not in w.generic and p not in w.places and p.rstrip("s") not in w.generic
               for p in parts)


def _person_like(name: str, raw: Raw, w: Words, roles: list[Role]) -> bool:
    bare = _strip_titles(name, w).split()
    first = bare[0]
    if raw.source == FILES[0] and len(bare) <= 6:
        return True
    if any(r.start or r.end for r in roles) and 2 <= len(bare) <= 4:
        return True  # a dated office: IGO heads, officials
    return first.lower() in w.given or bool(_INITIALS.match(first)) or len(first) == 1


def classify(raw: Raw, names: list[str], w: Words, roles: list[Role]) -> str | None:
    """person | organization, or None for what is no actor of its own."""
    main = names[0]
    if not any(r.sectors for r in roles):
        return None  # a country, territory or place entry: its aliases are places
    if raw.source == FILES[2]:
        return "organization"
    if main.lower().split()[-1] in PLACE_WORDS:
        return None
    if "CountryInfo" in raw.comment:
        return "person" if not _is_org(main, w) else None
    if _is_org(main, w):
        return "organization" if _specific(main, w) else None
    if not _specific(main, w):
        return None  # a role phrase: "American Vice President", "UN envoy"
    if any(c.upper().startswith("MNC") for c in raw.codes) and not _INITIALS.match(main.split()[0]):
        return "organization"  # a company, unless written with an initial ("E. Slack")
    if _person_like(main, raw, w, roles):
        return "person"
    return "organization"


def _names(raw: Raw) -> list[str]:
    """Written names of an entry (main first), acronyms in brackets included."""
    out: list[str] = []
    for raw_name in raw.names:
        if "," in raw_name or ";" in raw_name or not re.search(r"[A-Za-z]", raw_name):
            continue
        name, acronyms = written(raw_name)
        for form in (name, *acronyms):
            if form and form not in out:
                out.append(form)
    return out


def _person_names(names: list[str], w: Words) -> list[str]:
    out: list[str] = []
    for name in names:
        if name.lower().split()[-1] in NOT_A_PERSON_TAIL or _is_org(name, w):
            continue
        bare = _strip_titles(name, w)
        if " " not in bare and "." not in bare:
            bare = bare.capitalize() if bare.isupper() else bare
        if bare and _specific(bare, w) and bare not in out:
            out.append(bare)
    return out


def _country(roles: list[Role]) -> str:
    counts = Counter(r.country for r in roles if r.country)
    if not counts:
        return ""
    first = next(r.country for r in roles if r.country)
    best = max(counts.values())
    return first if counts[first] == best else counts.most_common(1)[0][0]


def entries(petrarch: Path, data: Path) -> list[Actor]:
    """Every entry of the three files that names an actor, before merging."""
    table = code_table(data)
    w = words(data, petrarch)
    raws = [(raw, name) for name in FILES for raw in read_actor_file(petrarch / name)]
    given = Counter(r.names[0].replace("_", " ").split()[0].lower() for r, _ in raws
                    if "CountryInfo" in r.comment and r.names[0].strip("_ "))
    w.given = frozenset(g for g, n in given.items() if n >= MIN_GIVEN and g not in w.generic)
    out: list[Actor] = []
    for raw, source in raws:
        roles = [r for c in raw.codes if (r := role_of(c, table, source)) is not None]
        names = _names(raw)
        kind = classify(raw, names, w, roles) if names else None
        if kind == "person":
            names = _person_names(names, w)
        elif kind == "organization":  # people the group is coded by are no name of it
            names = names[:1] + [n for n in names[1:] if n.split()[0].lower() not in w.given
                                 and not _title_word(n.split()[0], w) and _specific(n, w)]
        if kind is None or not names:
            continue
        actor = Actor(names[0], kind, names[1:], roles, source.split(".")[1])
        actor.country = _country(roles)
        out.append(actor)
    return out


def _full_keys(actor: Actor) -> set[str]:
    """Keys of the names of two or more words (a lone surname is no proof of identity)."""
    return {key(n) for n in (actor.name, *actor.aliases) if len(n.split()) > 1 or actor.kind != "person"}


def merge(found: list[Actor]) -> list[Actor]:
    """One actor per real-world one: entries sharing a full name (same kind, no country
    clash) merge; names shared by actors of different countries are dropped from both."""
    merged: list[Actor] = []
    by_key: dict[tuple[str, str], Actor] = {}
    for actor in found:
        keys = sorted(_full_keys(actor))  # sorted: the same merges in every run
        same = next((by_key[(actor.kind, k)] for k in keys if (actor.kind, k) in by_key), None)
        if same is not None and (not same.country or not actor.country
                                 or same.country == actor.country):
            for name in (actor.name, *actor.aliases):
                if name != same.name and name not in same.aliases:
                    same.aliases.append(name)
            same.roles += actor.roles
            same.country = same.country or actor.country
            target = same
        else:
            merged.append(actor)
            target = actor
        for k in keys:
            by_key.setdefault((actor.kind, k), target)
    return _drop_shared(merged)


def _drop_shared(actors: list[Actor]) -> list[Actor]:
    owners: dict[str, set[int]] = defaultdict(set)
    for i, actor in enumerate(actors):
        for name in (actor.name, *actor.aliases):
            owners[key(name)].add(i)
    out = []
    for i, actor in enumerate(actors):
        names = [n for n in dict.fromkeys((actor.name, *actor.aliases)) if owners[key(n)] == {i}]
        if not names or key(names[0]) != key(actor.name):
            if not [n for n in names if len(n.split()) > 1 or actor.kind != "person"]:
                continue
        actor.name, actor.aliases = names[0], names[1:]
        out.append(actor)
    return out


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-")


def sectors_on(roles: list[Role], day: str) -> list[str]:
    """Sectors of the dated roles in force on ``day``, else of the undated ones."""
    dated = [r for r in roles if (r.start or r.end) and r.holds_on(day)]
    chosen = dated or [r for r in roles if not r.start and not r.end]
    return list(dict.fromkeys(s for r in chosen for s in r.sectors))


def rows(actors: list[Actor]) -> list[list[str]]:
    out, ids = [], set()
    for actor in actors:
        ident = _slug(actor.name) or "actor"
        n = 2
        while ident in ids:
            ident, n = f"{_slug(actor.name)}-{n}", n + 1
        ids.add(ident)
        roles = list(dict.fromkeys(r.cell() for r in actor.roles if r.sectors))
        out.append([ident, actor.name, actor.kind, actor.country,
                    "|".join(sectors_on(actor.roles, DICTIONARY_DATE)), "|".join(actor.aliases),
                    "|".join(roles), actor.source])
    return out


def places(petrarch: Path, data: Path) -> list[list[str]]:
    """(name, ISO alpha-3) of the aliases of the country entries: cities, provinces and
    other names that CAMEO codes as that country ("Kandahar", "Helmand", "Chicago");
    a name two countries share is left out."""
    table = code_table(data)
    owners: dict[str, set[str]] = defaultdict(set)
    spelling: dict[str, str] = {}
    for raw in read_actor_file(petrarch / FILES[0]):
        roles = [r for c in raw.codes if (r := role_of(c, table, FILES[0])) is not None]
        countries_ = {r.country for r in roles}
        if len(countries_) != 1 or any(r.sectors for r in roles) or "" in countries_:
            continue
        for raw_name in raw.names:
            name, _ = written(raw_name)
            if name and "," not in name and re.search(r"[A-Za-z]{3}", name):
                owners[key(name)] |= countries_
                spelling.setdefault(key(name), name)
    return [[spelling[k], next(iter(c))] for k, c in sorted(owners.items()) if len(c) == 1]


def build(petrarch: Path, data: Path) -> list[Path]:
    head = header(data / "phoenix_places.tsv", FILES[0], ["name", "iso3"], [
        "name: a place or other name the country entries give a country (cities, provinces,",
        "regions); iso3: ISO 3166-1 alpha-3. Read for the places named in roles and in",
        "organizations' names (\"police chief of Balkh province\"), never as country mentions."])
    place_rows = write(data / "phoenix_places.tsv", head, places(petrarch, data))
    actors = merge(entries(petrarch, data))
    head = header(data / "phoenix_actors.tsv", ", ".join(FILES),
                  ["id", "name", "kind", "country", "sectors", "aliases", "roles", "source"], [
        "Columns as in actors.tsv (our own rows, which win over these), plus roles: every dated",
        "CAMEO role as SECTORS@FROM-TO (sectors joined by +, dates YYYYMMDD, empty: open), and",
        "source: the Phoenix file. sectors: the roles in force in January 2014. The dictionaries",
        "date from 2014: offices held then may have ended, so roles are data, not truth."])
    return [write(data / "phoenix_actors.tsv", head, rows(actors)), place_rows]
