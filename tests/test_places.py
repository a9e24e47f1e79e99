"""Places where the text puts them (issue 18): a hand-annotated table of place mentions in
the shared news articles, read in their articles' context, and the ambiguous kinds by rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.datafiles import read_tsv
from eventwire.timeplace.gazetteer import entry, fold, geocode, place_names, qualifier

from .conftest import NEWS

TABLE = Path(__file__).with_name("places_table.tsv")
#: share of the table's mentions that must come out right
TARGET = 0.95


def _rows() -> list[dict[str, str]]:
    return read_tsv(TABLE)


def _records(ids: set[str]) -> dict[str, dict]:
    out = {}
    with NEWS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["dId"][:8] in ids:
                out[record["dId"][:8]] = record
    return out


def _mention_span(text: str, phrase: str, mention: str) -> tuple[int, int]:
    at = text.find(phrase)
    assert at >= 0, f"phrase not in the article: {phrase!r}"
    inside = phrase.find(mention)
    assert inside >= 0, f"mention {mention!r} not in its phrase {phrase!r}"
    return at + inside, at + inside + len(mention)


def _right(place, row: dict[str, str]) -> bool:
    names = {fold(n) for n in place_names(place)}
    found = entry(place.gazetteer_id)
    return (fold(row["place"]) in names and (place.country or "") == row["iso3"]
            and place.kind == row["kind"]
            and (not row["admin1"] or (found is not None and found.admin1 == row["admin1"])))


@pytest.fixture(scope="module")
def resolved(nlp):
    return resolve(nlp)


def resolve(nlp) -> list[tuple[dict[str, str], object]]:
    """Each table row with the place the article's reading gives its mention (or None)."""
    from eventwire.actors import find_actors
    from eventwire.ingest.jsonl import article_from_record
    from eventwire.timeplace.mentions import place_mentions

    rows = _rows()
    out = []
    for key, record in _records({r["article"] for r in rows}).items():
        article = article_from_record(record, key)
        text, sections = article.layout()
        doc = nlp(text)
        table = find_actors(doc, article, sections)
        found = place_mentions(doc, sections, [a.country for a in table.actors if a.country])
        for row in (r for r in rows if r["article"] == key):
            start, end = _mention_span(text, row["phrase"], row["mention"])
            place = next((p for a, b, p in found if a < end and start < b), None)
            out.append((row, place))
    return out


def test_places_table_is_big_and_reads_every_article(resolved):
    assert len(_rows()) >= 60 and len(resolved) == len(_rows())
    kinds = {r["kind"] for r in _rows()}
    assert {"country", "admin1", "admin2", "city", "region", "landmark"} <= kinds


def test_places_table_mentions_resolve_in_context(resolved):
    wrong = [(r["article"], r["mention"], r["place"], p) for r, p in resolved
             if p is None or not _right(p, r)]
    right = len(resolved) - len(wrong)
    assert right / len(resolved) >= TARGET, "\n".join(map(str, wrong))


@pytest.mark.parametrize(("name", "within", "hints", "want", "country", "kind"), [
    ("Florida", None, ("USA",), "Florida", "USA", "admin1"),
    ("Florida", None, (), "Florida", "USA", "admin1"),
    ("Forest City", "Iowa", (), "Forest City", "USA", "city"),
    ("York County", "Maine", (), "York County", "USA", "admin2"),
    ("York", None, (), "York", "GBR", "city"),
    ("Banki", None, ("NGA",), "Banki", "NGA", "city"),
    ("Asia", None, ("PHL",), "Asia", None, "region"),
    ("northeast Asia", None, (), "Northeast Asia", None, "region"),
    ("the Middle East", None, (), "Middle East", None, "region"),
    ("the Sahel", None, (), "Sahel", None, "region"),
    ("the Kremlin", None, (), "Moscow", "RUS", "landmark"),
    ("the White House", None, (), "Washington", "USA", "landmark"),
    ("Georgia", None, ("USA",), "Georgia", "USA", "admin1"),
    ("Georgia", None, ("GEO", "RUS"), "Georgia", "GEO", "country"),
    ("Paris", "Texas", (), "Paris", "USA", "city"),
])
def test_places_context_decides(name, within, hints, want, country, kind):
    place = geocode(name, hints=hints, within=qualifier(within) if within else None)
    assert place is not None and fold(want) in {fold(n) for n in place_names(place)}
    assert (place.country, place.kind) == (country, kind)


def test_places_small_towns_need_the_articles_support():
    assert geocode("Banki") is None or geocode("Banki").country != "NGA"
    assert geocode("Forest City", within=qualifier("Iowa")).country == "USA"
    assert qualifier("Georgia") is None  # a country and a state: no qualifier on its own
    assert qualifier("Mich.") == ("USA", "MI") and qualifier("Iowa") == ("USA", "IA")


def test_places_landmarks_table_resolves_every_city():
    from eventwire.timeplace.gazdata import LANDMARKS_FILE

    for row in read_tsv(LANDMARKS_FILE):
        found = entry(f"landmark:{row['name']}")
        assert found is not None and found.seat, row["name"]
        seat = entry(found.seat)
        assert seat is not None and seat.name == row["city"] and seat.country == row["iso3"]
        assert found.lat is not None and abs(found.lat - seat.lat) < 1 and abs(found.lon - seat.lon) < 1


def test_places_event_place_is_the_clause_s(read_text):
    reading = read_text("U.S. Secretary of State Antony Blinken met Chinese Foreign Minister "
                        "Wang Yi in Forest City, Iowa, on Tuesday, days after talks in Beijing.")
    (event,) = [e for e in reading.events if e.trigger == "meet"]
    assert event.location is not None and event.location.name == "Forest City"
    assert event.location.country == "USA"  # the qualifier's town, not the clause-less Beijing


def test_places_dateline_places_the_lead_sentence(read_text):
    reading = read_text("FORT WORTH, Texas (Reuters) - Mexican President Andres Manuel Lopez "
                        "Obrador criticized the United States on Monday.")
    places = [e.location for e in reading.events]
    assert places and all(p is not None and p.name == "Fort Worth" for p in places)


def _place_words(kind: str) -> list[str]:
    from eventwire.datafiles import DATA, rows

    return [r[1].strip() for r in rows(DATA / "place_words.tsv", header=True)
            if r and r[0] == kind and len(r) > 1]


@pytest.mark.parametrize("pair", _place_words("placekind"))
def test_places_place_noun_asks_for_its_kind(nlp, pair):
    from eventwire.timeplace.places import _noun_kind

    noun, kind = pair.split("=", 1)
    after = nlp(f"Police arrested two men in Kunduz {noun} on Monday.")
    at = next(t.i for t in after if t.text == "Kunduz")
    assert _noun_kind(after, at, at + 1) == kind
    before = nlp(f"Police arrested two men in the {noun} of Kunduz on Monday.")
    at = next(t.i for t in before if t.text == "Kunduz")
    assert _noun_kind(before, at, at + 1) == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Police arrested two men in Kunduz province on Monday.", "admin1"),
    ("Police arrested two men in the Afghan province of Kunduz on Monday.", "admin1"),
    ("Police arrested two men in the city of Kunduz on Monday.", "city"),
    ("Police arrested two men in Washington state on Monday.", "admin1"),
])
def test_places_place_noun_decides_province_or_city(read_text, text, kind):
    (event,) = [e for e in read_text(text).events if e.trigger == "arrest"]
    assert event.location is not None and event.location.kind == kind


@pytest.mark.parametrize("root", _place_words("speechact"))
def test_places_speech_acts_are_the_speaker_s(root):
    from eventwire.records import Event
    from eventwire.timeplace.places import _speech_act

    said = Event("a", 0, 0, 1, "", "say", f"{root}0", "", actors=["x"], speaker="x")
    assert _speech_act(said)
    assert not _speech_act(Event("a", 0, 0, 1, "", "say", f"{root}0", "", actors=["y"], speaker="x"))
    assert not _speech_act(Event("a", 0, 0, 1, "", "attack", "190", "", actors=["x"], speaker="x"))


def test_places_quoted_speech_act_is_where_it_was_said(read_text):
    reading = read_text('In Michigan, however, Trump said: "You can\'t review all those emails '
                        'in eight days. Hillary Clinton is guilty."', published=None)
    (event,) = [e for e in reading.events if e.trigger == "guilty"]
    assert event.location is not None and event.location.name == "Michigan"


def test_places_headline_places_the_lead_sentence(read_text):
    reading = read_text("Seattle police revealed they are investigating a shooting.\n\n"
                        "Police are investigating a shooting in Portland.",
                        title="Five shot in Seattle close to protest")
    lead, other = sorted((e for e in reading.events if e.trigger == "investigate"),
                         key=lambda e: e.start)
    assert lead.location is not None and lead.location.name == "Seattle"
    assert other.location is not None and other.location.name == "Portland"


def test_places_headline_refines_the_lead_s_country(read_text):
    reading = read_text("A suicide bomber has rammed a truck into a German consulate in "
                        "Afghanistan, killing at least six civilians.",
                        title="Afghanistan: Fatal attack on German consulate in Mazar-e-Sharif")
    (event,) = [e for e in reading.events if e.trigger == "ram"]
    assert event.location is not None and event.location.kind == "city"
    assert event.location.country == "AFG"
