"""The article's home country for actors it leaves unplaced (actors/home.py)."""

from eventwire.actors.home import HOME_MENTIONS, HOME_SHARE, home_country
from eventwire.records import Actor, Mention


def _mentions(actors, counts):
    return [Mention("a", i, i + 1, 0, a.name, a.id) for a, n in zip(actors, counts) for i in range(n)]


def test_actors_home_country_needs_a_share_of_the_placed_mentions():
    usa, irn, nobody = Actor("United States", "country", "USA"), Actor("Iran", "country", "IRN"), Actor("X", "person")
    need = HOME_MENTIONS
    assert home_country([usa, nobody], _mentions([usa, nobody], [need, 5])) == "USA"
    assert home_country([usa], _mentions([usa], [need - 1])) is None
    many = int(need / (1 - HOME_SHARE)) + 1
    assert home_country([usa, irn], _mentions([usa, irn], [many, many])) is None


def test_actors_unplaced_people_of_a_one_country_article_take_its_country(read_text):
    text = ("Senate Republicans met President Barack Obama in Washington on Monday. "
            "The White House said the talks with the U.S. Congress went well.\n\n"
            "Newt Gingrich praised the talks.")
    reading = read_text(text)
    gingrich = next(a for a in reading.actors if a.name.endswith("Gingrich"))
    assert gingrich.country == "USA"


def test_actors_unplaced_people_of_a_many_country_article_stay_unplaced(read_text):
    text = ("Iran and Russia agreed to cooperate, Russia said. Iran thanked Russia. "
            "France and Germany met Britain and Italy and Spain.\n\nNewt Gingrich praised the talks.")
    reading = read_text(text)
    gingrich = next(a for a in reading.actors if a.name.endswith("Gingrich"))
    assert gingrich.country is None


def test_actors_a_person_the_dictionary_files_among_armed_groups_keeps_no_home(read_text):
    """Phoenix lists leaders among their groups (OSAMA_BIN_LADEN_ [IMGMUSALQ]): read as a
    person, the row still gives its sectors and its lack of a country."""
    text = ("Senate Republicans met President Barack Obama in Washington on Monday. "
            "The White House said the talks with the U.S. Congress went well.\n\n"
            "In 2004, John Kerry linked his defeat to a videotape of Osama bin Laden.")
    laden = next(a for a in read_text(text).actors if a.name.endswith("Laden"))
    assert (laden.kind, laden.country) == ("person", None)
    assert "REB" in laden.sectors


def test_actors_a_demonym_that_is_the_persons_given_name_places_no_one(read_text):
    """spaCy reads the "Dane" of a second "Dane Chinnery" as a demonym before "Chinnery"."""
    text = "Dane Chinnery, 19, died in the crash on Wednesday. His friends said Dane Chinnery loved football."
    chinnery = next(a for a in read_text(text).actors if a.name == "Dane Chinnery")
    assert chinnery.country is None
