"""False events of unseen news and their general causes (issue 12): poll figures, loose objects
of the derived patterns, warnings, war service read as words. Cases come from the rows of
data/event_words.tsv where the rule is data."""

import pytest

from eventwire.events.lexicon import derived, words

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
