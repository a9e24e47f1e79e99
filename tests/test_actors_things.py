"""Actors stage: products, works, places, prizes and treaties written like names are no
actors; regional words lend no country; a descriptor's demonym does (issue 13).

Cases are built from the rows of data/not_actor_words.tsv and data/region_words.tsv where
the rule reads only the words; the rules that read the parse get example sentences.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from eventwire.actors.country import word_country
from eventwire.actors.data import regional_demonym
from eventwire.actors.filters import is_product, named_as_place, names_a_work, names_an_award
from eventwire.actors.find import ActorTable, find_actors
from eventwire.datafiles import DATA, read_tsv
from eventwire.records import Article


def _read(nlp, text: str) -> ActorTable:
    article = Article(title="Report", paragraphs=[p.strip() for p in text.split("\n\n") if p.strip()])
    layout, sections = article.layout()
    return find_actors(nlp(layout), article, sections)


def _names(table: ActorTable) -> set[str]:
    return {n for a in table.actors for n in a.names}


def _rows(kind: str) -> list[str]:
    return [r["word"] for r in read_tsv(DATA / "not_actor_words.tsv") if r["kind"] == kind]


def _span(nlp, text: str, name: str, label: str = "ORG") -> Span:
    doc = nlp(text)
    start = next(t.i for t in doc if text[t.idx:].startswith(name))
    end = next(t.i for t in doc if t.idx + len(t) >= text.index(name) + len(name)) + 1
    return Span(doc, start, end, label=label)


@pytest.mark.issue(13)
@pytest.mark.parametrize("word", [r["word"] for r in read_tsv(DATA / "region_words.tsv")])
def test_actors_a_region_word_before_a_demonym_names_no_country(nlp, word):
    joined = "-" if word in ("pan", "meso", "trans", "sub") else " "
    text = f"the {word.title()}{joined}American Trade Union"
    doc = nlp(text)
    american = next(t.i for t in doc if t.text == "American")
    assert regional_demonym(doc, american)
    assert word_country(doc, 0, len(doc), name=True) is None


@pytest.mark.issue(13)
def test_actors_a_country_s_own_two_word_demonym_still_names_it(nlp):
    doc = nlp("the South African Reserve Bank")
    assert word_country(doc, 0, len(doc), name=True) == "ZAF"
    table = _read(nlp, "Justin Trudeau wants to re-negotiate parts of the North American Free "
                       "Trade Agreement. It was the longest drought in North American sports.")
    assert "USA" not in {a.country for a in table.actors}


@pytest.mark.issue(13)
@pytest.mark.parametrize("word", _rows("product_noun"))
def test_actors_a_name_ending_with_a_goods_noun_is_a_product(nlp, word):
    assert is_product(_span(nlp, f"I bought a Zelbor {word.title()} today.", f"Zelbor {word.title()}"))


@pytest.mark.issue(13)
@pytest.mark.parametrize("word", _rows("award") + _rows("law"))
def test_actors_a_prize_or_a_treaty_is_no_actor(nlp, word):
    assert names_an_award(_span(nlp, f"They spoke of the Velmont {word.title()} again.",
                                f"Velmont {word.title()}"))


@pytest.mark.issue(13)
@pytest.mark.parametrize("word", _rows("place_prefix"))
def test_actors_a_part_of_a_known_place_is_a_place(nlp, word):
    assert named_as_place(_span(nlp, f"A motorcade took him to {word.title()} Chicago.",
                                f"{word.title()} Chicago"))


@pytest.mark.issue(13)
@pytest.mark.parametrize("word", _rows("work_alone"))
def test_actors_the_title_before_a_maker_noun_is_a_work(nlp, word):
    span = _span(nlp, f"As results came in, the Velvet Harbour {word} tweeted a picture.",
                 "Velvet Harbour")
    assert names_a_work(span)


@pytest.mark.issue(13)
def test_actors_products_owned_numbered_and_listed_are_no_actors(nlp):
    table = _read(nlp, "Trump flew in a Boeing 757 to Washington. French driver Romain Grosjean "
                       "crashed into the barriers. Consumers complained about Daily Milk "
                       "bars. It went the way of the Cadbury Creme Egg. Birds Eye fish fingers and "
                       "Walkers crisps joined Typhoo and Unilever in raising prices.")
    names = _names(table)
    assert not names & {"Boeing", "Daily Milk", "Cadbury Creme Egg", "Birds Eye", "Walkers"}
    assert {"Romain Grosjean", "Unilever"} <= names


@pytest.mark.issue(13)
def test_actors_titles_of_shows_and_songs_are_no_actors(nlp):
    table = _read(nlp, "Lord Sugar commented on his The Apprentice counterpart's victory. The "
                       "group included Lena Dunham and Will & Grace star Debra Messing. As the "
                       "results came in, the Bad Romance singer tweeted. Pearl Jam singer Eddie "
                       "Vedder sang.")
    names = _names(table)
    assert not names & {"Apprentice", "The Apprentice", "Will & Grace", "Bad Romance"}
    assert {"Lena Dunham", "Debra Messing", "Eddie Vedder"} <= names


@pytest.mark.issue(13)
def test_actors_places_named_as_places_are_no_actors(nlp):
    table = _read(nlp, "Turnout fell in cities like Philadelphia, Raleigh-Durham and Detroit. "
                       "Wrigleyville, the neighborhood around Wrigley Field, was party central. "
                       "Massa crashed out of the Interlagos contest on lap 48. Ryan ushered Trump "
                       "onto the Speaker's Balcony, after Obama had stood on the Truman Balcony. "
                       "Cubs manager Joe Maddon holds the Commissioners' Trophy.")
    names = _names(table)
    assert not names & {"Raleigh-Durham", "Wrigleyville", "Interlagos", "Balcony",
                        "Truman Balcony", "Trophy", "Commissioners' Trophy"}
    assert "Joe Maddon" in names


@pytest.mark.issue(13)
def test_actors_a_descriptor_demonym_gives_a_person_s_country(nlp):
    table = _read(nlp, "The sensational Dutch driver Max Verstappen was third. Sweden's Marcus "
                       "Ericsson crashed. Cleveland Indians pitcher Corey Kluber was tired.")
    country = {a.name: a.country for a in table.actors}
    assert country["Max Verstappen"] == "NLD"
    assert country["Marcus Ericsson"] == "SWE"
    assert country.get("Corey Kluber") != "IND"


@pytest.mark.issue(13)
def test_actors_a_surname_several_people_share_is_the_article_s_own(nlp):
    text = ("Khizr Khan and his wife Ghazala Khan spoke in Manchester. Later Clinton looked to "
            "Khan for support.")
    one, two = _read(nlp, text), _read(nlp, text.replace("Manchester", "Concord"))
    lone = [[a.id for a in t.actors if a.name == "Khan"] for t in (one, two)]
    if lone[0] and lone[1]:
        assert lone[0] != lone[1]


@pytest.mark.issue(13)
def test_actors_a_team_s_plural_demonym_is_no_country(nlp):
    table = _read(nlp, "The Chicago Cubs beat the Cleveland Indians. \"It was a game of ups and "
                       "downs,\" Indians fan Alayna Fodor said.")
    assert "IND" not in {a.country for a in table.actors}


@pytest.mark.issue(13)
def test_actors_a_building_left_or_entered_is_a_place(nlp):
    table = _read(nlp, "Gaga shared a video of her pals at the Javits Center on Tuesday night. "
                       "Some reporters were already leaving the Javits Center in tears. Obama "
                       "visited Google in May and Google said it was great.")
    names = _names(table)
    assert "Javits Center" not in names
    assert "Google" in names


@pytest.mark.issue(13)
def test_actors_outlets_and_based_organizations_have_their_country(nlp):
    table = _read(nlp, "The product's makers, US-based Mondelez International, said it had "
                       "changed the design. He told the Guardian on Saturday, according to Sky "
                       "News and the LA Times.")
    country = {a.name: a.country for a in table.actors}
    assert country["Mondelez International"] == "USA"
    assert country["The Guardian"] == "GBR"
    assert country["Los Angeles Times"] == "USA"


@pytest.mark.issue(13)
def test_actors_people_of_several_described_nationalities_make_no_home(nlp):
    table = _read(nlp, "French driver Romain Grosjean crashed. The Finnish driver Kimi Raikkonen "
                       "spun. Brazil cheered Brazil and the Brazilian crowd in Brazil. Charlie "
                       "Whiting stopped the race.")
    country = {a.name: a.country for a in table.actors}
    assert country["Romain Grosjean"] == "FRA"
    assert country.get("Charlie Whiting") is None
