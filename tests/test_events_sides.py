"""Sides the parse hides: instruments of force, targets on a trigger noun's verb, unnamed
agents of a state (events/agents.py, the state_agent rows of data/event_words.tsv)."""

import pytest

from eventwire.events.lexicon import words


def _countries(reading, ids):
    by_id = {a.id: a for a in reading.actors}
    return {by_id[i].country for i in ids if i in by_id}


def _event(reading, plover):
    found = [e for e in reading.events if e.plover == plover]
    assert found, [(e.plover, e.evidence) for e in reading.events]
    return found[0]


def test_events_force_with_an_instrument_acts_on_its_target(read_text):
    reading = read_text("A suicide bomber rammed a truck into a German consulate in Afghanistan.")
    assert "DEU" in _countries(reading, _event(reading, "ASSAULT").recipients)


@pytest.mark.parametrize("text", [
    "Protests are continuing against the victory of Donald Trump.",
    "Thousands of protesters marched in protest against Donald Trump.",
])
def test_events_protest_target_from_its_clause(read_text, text):
    reading = read_text(text)
    assert "USA" in _countries(reading, _event(reading, "PROTEST").recipients)


STATE_AGENTS = sorted(words("state_agent"))


@pytest.mark.parametrize("word", STATE_AGENTS)
def test_events_state_agent_rows_are_state_agents(nlp, word):
    from eventwire.events.agents import state_agent

    plural = {"authority": "authorities"}.get(word, word + "s")
    doc = nlp(f"The {plural} arrested the man.")
    assert state_agent(next(t for t in doc if t.lower_ == plural))


def test_events_state_agent_takes_its_modifier_country(read_text):
    reading = read_text("Afghan investigators arrested a Pakistani diplomat.")
    coerce = _event(reading, "COERCE")
    assert _countries(reading, coerce.actors) == {"AFG"}
    assert "PAK" in _countries(reading, coerce.recipients)


def test_events_state_agent_takes_the_home_country(read_text):
    text = ("The United States and the U.S. Congress were told on Monday. Washington and the United "
            "States agreed.\n\nThe justice department criticized Hillary Clinton.")
    reading = read_text(text)
    accuse = _event(reading, "ACCUSE")
    assert _countries(reading, accuse.actors) == {"USA"}
