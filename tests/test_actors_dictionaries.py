"""Actor and agent dictionaries derived from PETRARCH/Phoenix, and one actor per entity (issue 13)."""

from __future__ import annotations

import datetime
import importlib
import json
import sys
from pathlib import Path

import pytest

from eventwire.actors.data import DatedRole, agent_rules, dictionary
from eventwire.actors.duplicates import duplicate_groups, searched_keys
from eventwire.actors.names import person_key, surname_key
from eventwire.datafiles import DATA, read_tsv

from .conftest import ROOT, SHARED

PETRARCH = SHARED / "data" / "petrarch"
needs_petrarch = pytest.mark.skipif(not PETRARCH.is_dir(), reason="no ../shared/data/petrarch")


def _builders():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return (importlib.import_module("dictionaries.actors"),
                importlib.import_module("dictionaries.agents"),
                importlib.import_module("dictionaries._phoenix"))
    finally:
        sys.path.pop(0)


@needs_petrarch
@pytest.mark.issue(13)
def test_actors_derived_tables_are_what_the_builders_make(tmp_path):
    actors, agents, _ = _builders()
    for name in ("countries.tsv", "sectors.tsv", "org_words.tsv", "honorifics.tsv", "cameo_codes.tsv"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    made = agents.build(PETRARCH, tmp_path) + actors.build(PETRARCH, tmp_path)
    assert {p.name for p in made} == {"phoenix_agents.tsv", "phoenix_actors.tsv", "phoenix_places.tsv"}
    for path in made:
        assert path.read_text(encoding="utf-8") == (DATA / path.name).read_text(encoding="utf-8"), \
            f"{path.name} is stale: run scripts/build_dictionaries.py"


@pytest.mark.issue(13)
@pytest.mark.parametrize("name", ["phoenix_actors.tsv", "phoenix_agents.tsv", "phoenix_places.tsv"])
def test_actors_derived_tables_name_their_source_and_licence(name):
    head = (DATA / name).read_text(encoding="utf-8").splitlines()[:2]
    assert "PETRARCH/Phoenix" in head[0] and "MIT licence" in head[1]
    assert "PETRARCH-LICENSE.md" in head[1] and (DATA / "PETRARCH-LICENSE.md").is_file()


@needs_petrarch
@pytest.mark.issue(13)
def test_actors_cameo_codes_read_as_countries_and_sectors():
    _, _, phoenix = _builders()
    table = phoenix.code_table(DATA)
    iso = {row["iso3"] for row in read_tsv(DATA / "countries.tsv")}
    for row in read_tsv(DATA / "cameo_codes.tsv"):
        if row["kind"] == "country":
            assert row["iso3"] in iso, row
        if row["kind"] in ("sector", "type", "religion"):
            assert table.sectors[row["code"]] == tuple(filter(None, row["sectors"].split("|")))
    actors, _, _ = _builders()
    role = actors.role_of("[NGAGOVAGR 090901-100430]".strip("[]"), table, actors.FILES[0])
    assert (role.country, role.sectors, role.start, role.end) == ("NGA", ("GOV", "AGR"), "20090901",
                                                                  "20100430")
    assert actors.role_of("MNCUSAMED", table, actors.FILES[1]).country == "USA"
    assert actors.role_of("TMPGOV", table, actors.FILES[0]).country == "TLS"


@pytest.mark.issue(13)
def test_actors_dated_roles_give_the_sectors_of_the_article_date():
    buhari = dictionary().lookup("Muhammadu Buhari")
    assert (buhari.country, buhari.source) == ("NGA", "phoenix")
    assert buhari.sectors_on(datetime.date(1984, 6, 1)) == ("GOV",)
    assert buhari.sectors_on(datetime.date(2016, 6, 1)) == ("ELI",)  # the 1985 office had ended
    assert DatedRole.parse("GOV+MIL@20090120-").holds_on("20300101")


@pytest.mark.issue(13)
def test_actors_our_rows_win_over_the_derived_ones():
    known = dictionary()
    own = {row["id"]: row for row in read_tsv(DATA / "actors.tsv")}
    for key in ("barack-obama", "hezbollah", "taliban", "un"):
        entry = known.lookup(own[key]["name"])
        assert entry.key == key and entry.source == "own"
        assert entry.sectors == tuple(filter(None, own[key]["sectors"].split("|")))
    obama = known.lookup("Barack Hussein Obama")  # an alias only the derived rows give
    assert obama is not None and obama.key == "barack-obama"


@pytest.mark.issue(13)
def test_actors_agents_give_sectors_our_phrases_win():
    from eventwire.actors.roles import sectors_of

    own = {tuple(r["phrase"].split()): r for r in read_tsv(DATA / "sectors.tsv")}
    assert all(words not in agent_rules() for words in own)
    assert sectors_of("rebel commander") == ["REB"]
    assert sectors_of("archbishop") == ["REL"]
    assert sectors_of("chief commander of the Iranian police force") == ["COP"]


def test_actors_person_keys_ignore_middle_names_and_short_given_names():
    assert person_key("Donald J. Trump") == person_key("Donald Trump")
    assert person_key("Phil Seary") == person_key("Philip Seary")
    assert person_key("Bashar al-Assad") == person_key("Bashar al Assad")
    assert surname_key("Ursula von der Leyen") == "vonderleyen"
    assert person_key("Bill Clinton") != person_key("Hillary Clinton")


def test_actors_duplicate_groups_find_spellings_and_surnames():
    actors = [("1", "Donald Trump", "person", [], "USA"), ("2", "Donald J. Trump", "person", [], None),
              ("3", "Musk", "person", [], None), ("4", "Elon Musk", "person", [], None),
              ("5", "Bill Clinton", "person", [], "USA"), ("6", "Hillary Clinton", "person", [], "USA"),
              ("7", "Clinton", "person", [], None), ("8", "Foreign Ministry", "organization", [], "IRN"),
              ("9", "Foreign Ministry", "organization", [], "CHN")]
    groups = {(why, tuple(a[0] for a in g)) for why, g in duplicate_groups(
        actors, {"3": {"a"}, "4": {"b"}})}
    assert groups == {("person", ("2", "1")), ("surname-elsewhere", ("4", "3"))}


def _readings(pipeline, records: list[dict]) -> list:
    from eventwire.errors import EventwireError
    from eventwire.ingest.jsonl import article_from_record

    articles = []
    for record in records:
        try:
            articles.append(article_from_record(record, "x"))
        except EventwireError:
            continue
    return [r for r in pipeline.read(articles) if hasattr(r, "actors")]


def _check_duplicates(readings, report: Path | None = None) -> dict[str, list]:
    """Every actor of the readings, merged by id as the store does; the groups found."""
    from eventwire.actors.names import name_key
    from eventwire.records import actor_id, normalise_text, stable_id

    merged: dict[str, tuple[str, str, str, list[str], str | None]] = {}
    where: dict[str, set[str]] = {}
    for reading in readings:
        for actor in reading.actors:
            if actor.id == stable_id("actor", "described", reading.article.id,
                                     normalise_text(actor.name)):
                continue  # an unnamed speaker of the quotes stage ("the company"): one article's
            if actor.id == actor_id("actor", f"{name_key(actor.name)}@{reading.article.id}", None):
                continue  # a surname several people named in full share ("Khan"): one article's
            old = merged.get(actor.id)
            aliases = sorted(set(actor.aliases) | set(old[3] if old else []))
            merged[actor.id] = (actor.id, actor.name, actor.kind, aliases,
                                actor.country or (old[4] if old else None))
            where.setdefault(actor.id, set()).add(reading.article.id)
    groups = duplicate_groups(merged.values(), where)
    out: dict[str, list] = {"searched": [searched_keys(merged.values())], "actors": [len(merged)]}
    for why, group in groups:
        out.setdefault(why, []).append([name for _, name, _ in group])
    text = json.dumps(out, indent=1, ensure_ascii=False)
    print(text)  # what was searched and found (pytest -s shows it)
    if report is not None:
        report.write_text(text, encoding="utf-8")
    return out
