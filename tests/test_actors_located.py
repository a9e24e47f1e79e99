"""A generic institution (a name of institution words only) takes the country named in its
own "in/of" phrase, or in that of the noun it possesses."""

import pytest


@pytest.mark.parametrize("text, name, iso3", [
    ("The envoy attended a session of the Prosecutor General's office in Moscow, Russia.",
     "Prosecutor General", "RUS"),
    ("Officials of the Interior Ministry in Baghdad, Iraq, met the envoy.", "Interior Ministry", "IRQ"),
    ("The envoy visited the Foreign Ministry's office in Kabul, Afghanistan.", "Foreign Ministry", "AFG"),
])
def test_actors_generic_institution_takes_its_phrase_country(read_text, text, name, iso3):
    reading = read_text(text)
    actor = next(a for a in reading.actors if a.name.endswith(name))
    assert actor.country == iso3


def test_actors_generic_institution_without_country_phrase_stays_unplaced(read_text):
    reading = read_text("The envoy attended a session of the Prosecutor General's office.")
    actor = next((a for a in reading.actors if a.name.endswith("Prosecutor General")), None)
    assert actor is None or actor.country is None
