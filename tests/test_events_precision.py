"""False events of unseen news and their general causes (issue 12): poll figures, loose objects
of the derived patterns, warnings, war service read as words. Cases come from the rows of
data/event_words.tsv where the rule is data."""

import pytest

from eventwire.events.lexicon import by_lemma, derived, words

#: how a share of people polled is written for each poll_share row
SHARE_PHRASES = {"percent": "42 percent", "%": "42 %", "pct": "42 pct", "cent": "42 per cent",
                 "percentage": "a large percentage", "respondent": "most respondents",
                 "plurality": "a plurality", "majority": "a majority"}


def _plover(reading, plover):
    return [e for e in reading.events if e.plover == plover]


@pytest.mark.parametrize("word", sorted(words("poll_share")))
def test_events_a_poll_share_as_subject_or_agent_is_no_event(read_text, word):
    assert word in SHARE_PHRASES, "say how a share of this row is written"
    share = SHARE_PHRASES[word]
    said = read_text(f"In the poll, {share} of likely voters support Hillary Clinton.")
    assert not _plover(said, "SUPPORT"), [(e.plover, e.evidence) for e in said.events]
    passive = read_text(f"Hillary Clinton was supported by {share} of those responding.")
    assert not _plover(passive, "SUPPORT"), [(e.plover, e.evidence) for e in passive.events]


def test_events_a_poll_share_in_a_coordinated_subject_is_no_event(read_text):
    reading = read_text("Among likely voters, 5 percent prefer Libertarian nominee Gary Johnson "
                        "and 1 percent support the Green Party's Jill Stein.")
    assert not _plover(reading, "SUPPORT")
    assert _plover(read_text("Russia supports Iran."), "SUPPORT")


def _loose_cases():
    cases = []
    for obj, prefix in sorted(words("loose_object").items()):
        lemmas = sorted({r.lemma for r in derived() if r.obj == obj and r.prep is None})
        cases += [(obj, prefix, lemma) for lemma in lemmas[:3]]
    return cases


@pytest.mark.parametrize("obj, prefix, lemma", _loose_cases())
def test_events_a_loose_object_of_the_derived_patterns_codes_nothing(read_text, obj, prefix, lemma):
    assert not [r for r in derived() if r.obj == obj and r.cameo.startswith(prefix)]
    reading = read_text(f"Senator Tim Scott will {lemma} his {obj} for the Senate on Monday.")
    assert not [e for e in reading.events if e.cameo.startswith(prefix)]


@pytest.mark.parametrize("verb, code", sorted(words("advice_verb").items()))
def test_events_a_warning_to_do_something_is_advice(read_text, verb, code):
    reading = read_text(f"China will {verb} North Korea to refrain from further tests.")
    found = [e for e in reading.events if e.trigger == verb]
    assert [e.cameo for e in found] == [code]
    names = {a.id: a.name for a in reading.actors}
    assert [names[i] for i in found[0].recipients] == ["North Korea"]


@pytest.mark.parametrize("verb", sorted(words("advice_verb")))
def test_events_a_warning_that_something_will_happen_is_no_threat(read_text, verb):
    reading = read_text(f"The IMF will {verb} that the Brexit vote could depress growth in Britain.")
    assert not [e for e in reading.events if e.trigger == verb]
    threat = read_text(f"Iran will {verb} the United States.")
    assert [e.plover for e in threat.events if e.trigger == verb] == ["THREATEN"]


@pytest.mark.parametrize("text", [
    "Johnnie Wilson, of Springfield, Va., said he had fought in Vietnam for the nation's rights.",
    "John McCain fought in Vietnam.",
])
def test_events_war_service_of_an_unarmed_person_is_no_criticism(read_text, text):
    assert not read_text(text).events


@pytest.mark.parametrize("text", [
    "Donald Trump attacked Hillary Clinton in Ohio.",
    "Donald Trump clashed with Paul Ryan on Twitter.",
    "Donald Trump and Paul Ryan clashed.",
])
def test_events_words_aimed_at_someone_are_a_criticism(read_text, text):
    assert [e.plover for e in read_text(text).events] == ["ACCUSE"]


@pytest.mark.parametrize("verb", sorted(words("naming_verb")))
def test_events_a_verb_with_an_object_complement_only_names(read_text, verb):
    reading = read_text(f'Barack Obama will {verb} the meeting with Vladimir Putin "excellent".')
    assert not [e for e in reading.events if e.trigger == verb]


@pytest.mark.parametrize("prep", sorted(words("question_prep")))
def test_events_asking_someone_about_something_is_a_question(read_text, prep):
    assert not _plover(read_text(f"Iran asked Russia {prep} the missiles."), "REQUEST")
    assert _plover(read_text("Iran asked Russia to send missiles."), "REQUEST")


def _rules(rule):
    from eventwire.events.relevance import rules

    return sorted(rules()[rule])


@pytest.mark.parametrize("prefix", _rules("home_travel_code"))
def test_events_a_visit_to_the_actors_own_country_is_travel_at_home(read_text, prefix):
    for verb, lemma in (("visited", "visit"), ("hosted", "host")):  # rows of 042 and 043
        assert any(r.cameo.startswith(prefix) for r in by_lemma()[lemma])
        home = read_text(f"Hillary Clinton {verb} Charlotte, North Carolina on Sunday.")
        assert not [e for e in home.events if e.cameo.startswith(prefix)]
        abroad = read_text(f"Vladimir Putin {verb} Ankara, Turkey on Sunday.")
        assert [e for e in abroad.events if e.cameo.startswith(prefix)]


@pytest.mark.parametrize("text", [
    'President Barack Obama describes White House transition talks with Donald Trump as "excellent".',
    'Donald Trump called his predecessor "a very good man" following their Oval Office meeting.',
])
def test_events_a_landmark_modifying_a_meeting_is_where_not_who(read_text, text):
    reading = read_text(text)
    names = {a.id: a.name for a in reading.actors}
    for event in reading.events:
        sides = {names.get(i, i) for i in event.actors + event.recipients}
        assert not sides & {"White House", "Oval Office"}, (event.plover, sides)


def test_events_a_person_pronoun_is_no_organisation(read_text):
    reading = read_text("Aung San Suu Kyi met Barack Obama on Monday.\n\nAfter her meeting with Obama, "
                        "the White House announced that the United States would ease sanctions on Burma.")
    names = {a.id: a.name for a in reading.actors}
    meetings = [e for e in reading.events if e.plover == "CONSULT" and e.evidence == "meeting"]
    assert all("White House" not in {names.get(i) for i in e.actors} for e in meetings)


@pytest.mark.parametrize("verb", sorted(words("permit_verb")))
def test_events_a_permission_needs_named_sides(read_text, verb):
    assert not read_text(f'"By locking in China," Mr. Obama said, "it now {verb}ed me to go to India."').events
    assert not read_text(f"Donald Trump never {verb}ed journalists to fly on his plane.").events
    reading = read_text(f"Israel {verb}ed Palestinian workers to enter.")
    assert [e.plover for e in reading.events if e.trigger == verb] == ["CONCEDE"]
    titled = read_text(f"The Federal Minister for Interior Aftab Ahmad Khan Sherpao {verb}ed opposition "
                       "leader Maulana Fazl-ur-Rehman to hold a rally.")  # the name is an apposition
    assert [e.plover for e in titled.events if e.trigger == verb] == ["CONCEDE"]


@pytest.mark.parametrize("text", [
    "Donald Trump is warning voters that a Hillary Clinton victory would bring back the scandal.",
    "Ed Rendell agreed that the Democratic Party's vacancy rules should be modernized.",
])
def test_events_a_thing_an_actor_modifies_in_a_clause_is_no_recipient(read_text, text):
    reading = read_text(text)
    names = {a.id: a.name for a in reading.actors}
    for event in reading.events:
        assert not {names.get(i) for i in event.recipients} & {"Hillary Clinton", "Democratic Party"}


def test_events_a_clause_subject_that_names_people_is_the_recipient(read_text):
    reading = read_text("Greece demanded that its European Community partners refuse to recognize Macedonia.")
    names = {a.id: a.name for a in reading.actors}
    assert [[names[i] for i in e.recipients] for e in reading.events if e.trigger == "demand"] == [
        ["European Community"]]


@pytest.mark.parametrize("word", sorted(words("fear_head")))
def test_events_what_someone_fears_is_no_event(read_text, word):
    verb = {"fear": "fears", "worry": "worries"}.get(word)
    head = verb if verb else f"is {word}"
    reading = read_text(f"Iran {head} that Israel will attack and destroy its nuclear sites.")
    assert not [e for e in reading.events if e.trigger in ("attack", "destroy")]
    assert [e for e in read_text("Israel will attack Iran.").events if e.trigger == "attack"]


@pytest.mark.parametrize("text", [
    "The Republican candidate hailed James Comey's original letter.",
    "The Democratic nominee praised Barack Obama.",
])
def test_events_one_member_of_a_group_is_not_the_group(read_text, text):
    reading = read_text(text)
    groups = {a.id for a in reading.actors if a.kind == "group"}
    assert not [e for e in reading.events if groups & set(e.actors)]
