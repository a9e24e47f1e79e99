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


def _rule_cases(rule):
    from eventwire.events.relevance import rules

    return sorted(rules()[rule])


@pytest.mark.parametrize("prefix", _rule_cases("matter_code"))
def test_events_matter_code_needs_no_recipient(read_text, prefix):
    assert prefix == "09"  # the sentence below is an investigation
    reading = read_text("British investigators are probing the possibility that the driver fell asleep.")
    assert [e for e in reading.events if e.cameo.startswith(prefix)]


@pytest.mark.parametrize("prefix", _rule_cases("clause_code"))
def test_events_clause_code_needs_no_recipient(read_text, prefix):
    reading = read_text("The Russian government complained that the polls were kept open too long.")
    assert [e for e in reading.events if e.cameo.startswith(prefix)]
    reading = read_text("The Russian government complained.")
    assert not [e for e in reading.events if e.cameo.startswith(prefix)]


def test_events_circumstance_is_no_target(read_text):
    reading = read_text("President Obama congratulated his successor in a phone call.")
    assert not [e for e in reading.events if e.plover == "SUPPORT" and not e.recipients]


def test_events_person_pronoun_is_the_person_named_before_it(read_text):
    reading = read_text("Donald Trump spoke about Barack Obama and derided him for his remarks.")
    accuse = _event(reading, "ACCUSE")
    names = {a.id: a.name for a in reading.actors}
    assert [names[i] for i in accuse.recipients] == ["Barack Obama"]


def _eval_adjectives():
    from eventwire.events.lexicon import lexicon

    return sorted(r.lemma for r in lexicon() if r.pos == "A" and "eval" in r.flags and r.cameo.startswith("11"))


@pytest.mark.parametrize("adjective", _eval_adjectives())
def test_events_evaluative_adjective_in_a_quote_accuses_its_subject(pipeline, adjective):
    from eventwire.records import Article

    texts = [f'"Iran is {adjective}," Russian Foreign Minister Sergei Lavrov said.']
    readings = list(pipeline.read([Article(title="Report", paragraphs=texts)]))
    accuse = _event(readings[0], "ACCUSE")
    assert _countries(readings[0], accuse.actors) == {"RUS"}
    assert _countries(readings[0], accuse.recipients) == {"IRN"}


def test_events_a_time_phrase_is_no_rows_preposition_and_the_object_noun_names_the_target(read_text):
    reading = read_text("The Kenyan government on Sunday called for sanctions against Nigeria.")
    request = _event(reading, "REQUEST")
    assert request.trigger == "call" and "NGA" in _countries(reading, request.recipients)


def test_events_a_meeting_place_is_no_partner(read_text):
    reading = read_text("Donald Trump and Barack Obama met at the White House.")
    consult = _event(reading, "CONSULT")
    names = {a.id: a.name for a in reading.actors}
    assert {names[i] for i in consult.actors + consult.recipients} == {"Donald Trump", "Barack Obama"}


@pytest.mark.parametrize("text, plover", [
    ("Barack Obama sought to play down their differences.", "REQUEST"),
    ("On Friday night, Hillary Clinton thanked volunteers on a nationwide conference call.", "SUPPORT"),
    ('The British minister said: "I asked him what happened."', "REQUEST"),
])
def test_events_not_events(read_text, text, plover):
    reading = read_text(text)
    assert not [e for e in reading.events if e.plover == plover]


def test_events_one_person_named_by_a_role_is_not_the_state(nlp):
    from eventwire.events.agents import state_agent

    doc = nlp("The president said that officials and the ministry agreed.")
    by_word = {t.lower_: t for t in doc}
    assert not state_agent(by_word["president"])
    assert state_agent(by_word["officials"]) and state_agent(by_word["ministry"])


@pytest.mark.parametrize("prefix", _rule_cases("object_code"))
def test_events_object_code_needs_an_object(read_text, prefix):
    assert prefix == "144"  # the sentences below block
    reading = read_text("Donald Trump owns a hotel just blocks away on Pennsylvania Avenue.")
    assert not [e for e in reading.events if e.cameo.startswith(prefix)]
    reading = read_text("Russian protesters blocked the road to the Ukrainian embassy.")
    assert [e for e in reading.events if e.cameo.startswith(prefix)]


def test_events_a_target_named_but_not_found_is_no_untargeted_event(read_text):
    reading = read_text("Donald Trump will continue to accuse his opponent of corruption.")
    assert not [e for e in reading.events if e.plover == "ACCUSE" and not e.recipients]


def _contest_verbs() -> list[str]:
    from eventwire.events.relevance import rules

    return sorted(rules()["contest_verb"])


@pytest.mark.parametrize("lemma", _contest_verbs())
def test_events_contest_verbs_between_unarmed_persons_are_no_event(read_text, lemma):
    """A contest verb between persons without arms is winning, neither force nor criticism;
    the same verb with an armed actor is still force."""
    won = read_text(f"Donald Trump and Mike Pence {lemma} Hillary Clinton in Michigan.")
    assert not [e for e in won.events if e.trigger.lower().startswith(lemma[:4])]
    armed = read_text(f"Egyptian police {lemma} protesters in Cairo.")
    assert [e for e in armed.events if e.trigger.lower().startswith(lemma[:4])
            and e.plover == "ASSAULT"]


UNNAMED_PASSIVE = {  # a sentence per unnamed_passive_code row: the event done by someone unnamed
    "09": "The driver was investigated on suspicion of manslaughter.",
    "17": "At least one suspect had been arrested in Kabul.",
    "0841": "Three Egyptian prisoners were released on Monday.",
    "14": "Similar demonstrations were also held in Los Angeles and Chicago on Saturday.",
}


@pytest.mark.parametrize("prefix", _rule_cases("unnamed_passive_code"))
def test_events_unnamed_passive_code_keeps_an_agentless_passive(read_text, prefix):
    reading = read_text(UNNAMED_PASSIVE[prefix])
    assert [e for e in reading.events if e.cameo.startswith(prefix) and not e.actors]


@pytest.mark.parametrize("text", [
    "Senator Dianne Feinstein called on the Justice Department to investigate the leak.",
    "Senator Dianne Feinstein called for the Justice Department to review its procedures.",
    "Angela Merkel called on Russia to withdraw its troops.",
])
def test_events_an_appeal_to_someone_to_act_names_whom(read_text, text):
    """"called on/for X to ..." is an appeal to X, not an attempt ("sought to ...")."""
    reading = read_text("The U.S. Congress met in Washington on Monday.\n\n" + text)
    request = _event(reading, "REQUEST")
    assert request.recipients and request.actors


def test_events_a_lower_case_state_body_tagged_as_a_name_is_a_state_agent(read_text):
    text = ("The United States and the U.S. Congress were told on Monday. Washington and the United "
            "States agreed.\n\nSenator Dianne Feinstein called on the justice department to act.")
    reading = read_text(text)
    assert _countries(reading, _event(reading, "REQUEST").recipients) == {"USA"}


def test_events_a_definite_role_noun_is_the_person_of_that_role(read_text):
    reading = read_text("President-elect Donald Trump arrived in Washington on Monday.\n\n"
                        "The president-elect also met with House Speaker Paul Ryan.")
    consult = _event(reading, "CONSULT")
    names = {a.id: a.name for a in reading.actors}
    assert [names[i] for i in consult.actors] == ["Donald Trump"]


def test_events_a_control_verbs_infinitive_is_its_complement(read_text):
    """"invited her in a phone call to visit him": one invitation, not a visit by the inviter."""
    reading = read_text("Prime Minister Theresa May said on Thursday that Donald Trump had invited her "
                        "in a phone call to visit him.")
    assert _event(reading, "REQUEST").trigger == "invite"
    assert not [e for e in reading.events if e.trigger == "visit"]


@pytest.mark.parametrize("quality", sorted(words("conduct_quality")))
def test_events_questioning_a_quality_of_conduct_criticizes_whose_it_is(read_text, quality):
    reading = read_text(f"Russia questioned the {quality} of the Ukrainian government.")
    accuse = _event(reading, "ACCUSE")
    assert _countries(reading, accuse.recipients) == {"UKR"}


def test_events_questioning_a_person_is_no_criticism(read_text):
    reading = read_text("British police questioned the suspect for hours.")
    assert not [e for e in reading.events if e.plover == "ACCUSE"]


def test_events_a_state_body_named_by_its_country_is_that_country(read_text):
    """"the German Consulate", a name the dictionaries do not have, is Germany's."""
    reading = read_text("Taliban insurgents struck at the German Consulate.")
    assert _countries(reading, _event(reading, "ASSAULT").recipients) == {"DEU"}


@pytest.mark.parametrize("word", sorted(words("unrest")))
def test_events_putting_down_unrest_is_repression(read_text, word):
    reading = read_text(f"Egyptian police suppressed the {word} in Cairo on Monday.")
    assert [e for e in reading.events if e.cameo == "175"], [(e.cameo, e.evidence) for e in reading.events]


def test_events_suppressing_a_thing_is_no_repression(read_text):
    reading = read_text("The Egyptian government suppressed the report.")
    assert not [e for e in reading.events if e.cameo == "175"]


def test_events_a_pronoun_object_is_not_its_verbs_subject(read_text):
    """"he was rooting for him": him is neither he nor a woman named before."""
    reading = read_text("Mrs Hillary Clinton lost to Donald Trump. After Trump's defeat of Hillary Clinton, "
                        "Barack Obama said he was rooting for him.")
    support = [e for e in reading.events if e.plover == "SUPPORT"]
    names = {a.id: a.name for a in reading.actors}
    assert [(names[e.actors[0]], names[e.recipients[0]]) for e in support] == [("Barack Obama", "Donald Trump")]


def test_events_a_possessed_state_body_is_its_owners_country(read_text):
    reading = read_text("The U.S. Congress met in Washington on Monday.\n\n"
                        "Angela Merkel said her government condemned Russia.")
    accuse = _event(reading, "ACCUSE")
    assert _countries(reading, accuse.actors) == {"DEU"}


#: how each comitative row of data/event_words.tsv joins a second party to a subject
COMITATIVE_PHRASES = {"along": "along with", "together": "together with", "alongside": "alongside"}


@pytest.mark.parametrize("word", sorted(words("comitative")))
def test_events_a_comitative_phrase_adds_a_party(read_text, word):
    assert word in COMITATIVE_PHRASES, "say how a phrase of this row is written"
    reading = read_text(f"Iran, {COMITATIVE_PHRASES[word]} Russia, condemned Israel on Monday.")
    event = next(e for e in reading.events if e.plover == "ACCUSE")
    assert {reading.actor(i).country for i in event.actors} == {"IRN", "RUS"}
    assert {reading.actor(i).country for i in event.recipients} == {"ISR"}
