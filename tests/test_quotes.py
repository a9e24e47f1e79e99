"""Quotes stage: mark pairing (no model), speakers, kinds, frames, and the seed article."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quotes.marks import MARKS, pair_marks

from .conftest import GOLD_DIR


def _regions(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _quoted(text: str) -> list[str]:
    return [text[m.start:m.end] for m in pair_marks(text, _regions(text))]


# ------------------------------------------------------------ mark pairing


@pytest.mark.parametrize("text, inner", [
    ('He said "we won" today.', "we won"),
    ("He said “we won” today.", "we won"),
    ("He said ‘we won’ today.", "we won"),
    ("He said 'we won' today.", "we won"),
    ("Il a dit « on a gagné » hier.", "on a gagné"),
    ("Er sagte „wir haben gewonnen“ heute.", "wir haben gewonnen"),
    ("Er sagte ‚gewonnen‘ heute.", "gewonnen"),
])
def test_quotes_marks_every_style(text, inner):
    assert _quoted(text) == [inner]


def test_quotes_marks_apostrophes_are_not_marks():
    text = "Iran’s police and the nations' security, Russia's view and the ministers’ aides."
    assert _quoted(text) == []


def test_quotes_marks_mismatched_marks_close():
    assert _quoted("to enforce ‘collective security.’ ") == ["collective security."]
    assert _quoted('to enforce "collective security.’"') == ["collective security.’"[:-1]]
    assert _quoted("the ‘mixed\" end and more") == ["mixed"]


def test_quotes_marks_unbalanced_mark_stays_in_its_paragraph():
    text = 'He said "this never closes.\nNext paragraph says "hello" plainly.\nLast one.'
    assert _quoted(text) == ["hello"]


def test_quotes_marks_quote_over_paragraphs_is_one():
    text = '"First part of it.\n"Second part.\n"Third part," he said.'
    (marked,) = pair_marks(text, _regions(text))
    assert marked.paragraphs == 3
    assert text[marked.start:marked.end].startswith("First part")
    assert text[marked.start:marked.end].endswith("Third part")


def test_quotes_marks_nested_quote_gives_the_outer_one():
    assert _quoted('He said "they called it \'a farce\' openly" then.') == [
        "they called it 'a farce' openly"]


_PIECES = st.sampled_from(sorted(MARKS) + ["a", "b", " ", "\n", ",", ".", "Iran", "s", "'s "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_quotes_marks_random_text_never_breaks(pieces):
    text = "".join(pieces)
    regions = _regions(text)
    for marked in pair_marks(text, regions):
        assert 0 <= marked.opened < marked.start <= marked.end <= marked.closed <= len(text)
        assert text[marked.opened] in MARKS and text[marked.closed] in MARKS


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=5))
def test_quotes_marks_any_regions_stay_inside_text(text, regions):
    for marked in pair_marks(text, regions):
        assert 0 <= marked.start <= marked.end <= len(text)


# ------------------------------------------------------------ with the model


def _speaker(reading, quote):
    actor = reading.actor(quote.speaker_id) if quote.speaker_id else None
    return actor.name if actor else None


def _by_text(reading, needle):
    return next(q for q in reading.quotes if needle in q.text)


def test_quotes_speaker_after_quote_with_cue(read_text):
    reading = read_text('"We will respond to any attack," White House spokesman John Kirby said in a statement.')
    quote = _by_text(reading, "We will respond")
    assert (quote.kind, _speaker(reading, quote), quote.cue) == ("direct", "John Kirby", "say")


def test_quotes_speaker_before_quote_with_colon(read_text):
    reading = read_text('German Chancellor Olaf Scholz said: "We will not send troops to Ukraine."')
    quote = _by_text(reading, "We will not send troops")
    assert quote.kind == "direct" and _speaker(reading, quote) == "Olaf Scholz"


def test_quotes_pronoun_speaker_resolves_to_last_person(read_text):
    reading = read_text('Prime Minister Narendra Modi arrived in Paris. "We are ready to work with France," he said.')
    assert _speaker(reading, _by_text(reading, "We are ready")) == "Narendra Modi"


def test_quotes_quote_only_paragraphs_continue_the_speaker(read_text):
    reading = read_text(
        '"The relationship is strong," Russian Foreign Minister Sergei Lavrov said.\n\n'
        '"Nothing can shake it."\n\n"We will keep it that way."\n\nOther news followed.')
    speakers = {_speaker(reading, q) for q in reading.quotes if q.kind == "direct"}
    assert len([q for q in reading.quotes if q.kind == "direct"]) == 3
    assert speakers == {"Sergei Lavrov"}


def test_quotes_quote_over_paragraphs_is_one_quote(read_text):
    reading = read_text('"The first paragraph of a long statement goes on.\n\n'
                        '"The second one ends it," Russian Foreign Minister Sergei Lavrov said.')
    (quote,) = [q for q in reading.quotes if q.kind == "direct"]
    assert "first paragraph" in quote.text and "second one" in quote.text
    assert _speaker(reading, quote) == "Sergei Lavrov"


def test_quotes_partial_quote_of_person_subject(read_text):
    reading = read_text('Indian Prime Minister Narendra Modi praised the talks as "very productive" on Monday.')
    quote = _by_text(reading, "very productive")
    assert quote.kind == "partial" and _speaker(reading, quote) == "Narendra Modi"


@pytest.mark.parametrize("text", [
    "According to Israeli Defense Minister Yoav Gallant, the army will expand the operation.",
    "The army will expand the operation, according to Israeli Defense Minister Yoav Gallant.",
    "Israeli Defense Minister Yoav Gallant said that the army will expand the operation.",
])
def test_quotes_indirect_quote_with_speaker(read_text, text):
    reading = read_text(text)
    quote = _by_text(reading, "army will expand the operation")
    assert quote.kind == "indirect" and _speaker(reading, quote) == "Yoav Gallant"
    assert "according" not in quote.text and "said" not in quote.text


def test_quotes_media_quoted_person_as_saying(read_text):
    reading = read_text("Moscow is open to talks, Russian state media quoted Kremlin spokesman "
                        "Dmitry Peskov as saying on Friday.")
    quote = _by_text(reading, "Moscow is open to talks")
    assert quote.kind == "indirect" and _speaker(reading, quote) == "Dmitry Peskov"
    assert quote.cue == "quote"


def test_quotes_never_from_captions(read_text):
    reading = read_text("Leaders met in Geneva on Monday.",
                        captions=['"We are ready," John Kirby said at the White House.'])
    assert reading.quotes == []


def test_quotes_no_junk_from_apostrophes(read_text):
    reading = read_text("Iran’s nuclear programme and the nations' security were discussed "
                        "by the ministers' aides in Russia's capital.")
    assert reading.quotes == []


# ------------------------------------------------------------ frames


def _frames(pipeline, text):
    from eventwire import actors, quotes
    from eventwire.records import Article

    article = Article(title="Report", paragraphs=[p for p in text.split("\n\n") if p])
    layout, sections = article.layout()
    doc = pipeline.nlp(layout)
    table = actors.find_actors(doc, article, sections)
    found, frames = quotes.find_quotes(doc, article, sections, table)
    named = [(layout[f.start:f.end], _name(table, f.source), _name(table, f.speaker), f.hedged)
             for f in frames]
    return found, named


def _name(table, actor_id):
    actor = table.by_id(actor_id) if actor_id else None
    return actor.name if actor else None


def test_quotes_frame_trailing_attribution(pipeline):
    _, frames = _frames(pipeline, "Chinese and Russian officials met in Beijing to discuss trade, "
                                  "China's official Xinhua news agency reported on Saturday.")
    assert ("Chinese and Russian officials met in Beijing to discuss trade", "Xinhua", None,
            False) in frames


def test_quotes_frame_agency_back_reference(pipeline):
    _, frames = _frames(pipeline, "China's official Xinhua news agency said leaders met in Beijing.\n\n"
                                  "The agency reported that they agreed to expand trade.")
    assert ("they agreed to expand trade", "Xinhua", None, False) in frames


def test_quotes_frame_hedges(pipeline):
    _, frames = _frames(pipeline, "Ukrainian forces reportedly shelled the city. "
                                  "The president is said to have ordered an inquiry.")
    hedged = [f for f in frames if f[3]]
    assert len(hedged) == 2 and all(f[1] is None for f in hedged)


def test_quotes_frame_chain_keeps_reporter_and_speaker(pipeline):
    _, frames = _frames(pipeline, "China's official Xinhua news agency reported that Chinese Foreign "
                                      "Minister Wang Yi said that the talks went well.")
    inner = [f for f in frames if f[0] == "the talks went well"]
    assert inner and inner[0][1] == "Xinhua" and inner[0][2] is not None


# ------------------------------------------------------------ the seed article


def test_quotes_seed_scores_full(seed_reading):
    from eventwire.evaluate.gold import load_gold, score_reading

    (gold,) = load_gold([GOLD_DIR / "seed-iran-russia-police.gold.json"])
    scores = score_reading(gold, seed_reading)["quotes"]
    assert scores["recall"] == 1.0 and scores["speaker_accuracy"] == 1.0
    assert scores["precision"] >= 0.9


def test_quotes_seed_kinds_and_chain(seed_reading):
    kirby = [q for q in seed_reading.quotes if q.kind == "direct"]
    assert len(kirby) == 3
    assert {seed_reading.actor(q.speaker_id).name for q in kirby} == {"John Kirby"}
    captions = [s for s in seed_reading.article.layout()[1] if s.kind == "caption"]
    assert not any(c.start <= q.start < c.end for q in seed_reading.quotes for c in captions)
    kanaani = _by_text(seed_reading, "Iran supports the rule of law")
    assert kanaani.kind == "indirect"


def test_quotes_trailing_attribution_to_hearer(read_text):
    reading = read_text("Iran will respond to any aggression, Foreign Minister Hossein Amir-Abdollahian "
                        "told reporters in Tehran.")
    quote = _by_text(reading, "Iran will respond to any aggression")
    assert quote.kind == "indirect" and _speaker(reading, quote) == "Hossein Amir-Abdollahian"


def test_quotes_no_indirect_quote_without_a_clause(read_text):
    reading = read_text("As a candidate, Donald Trump vowed to repeal the law.")
    assert reading.quotes == []


_WORDS = st.sampled_from(["Iran", "said", "he", "Kirby", "reported", "that", "according", "to",
                          "the", "agency", "is", "said", "to", "have", "met", ",", ".", "\n\n",
                          '"', "“", "”", "‘", "’", "'", "«", "»", "„", "Iran’s", "nations'"])


@settings(max_examples=25, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_quotes_random_text_through_the_model(pipeline, words):
    from eventwire import actors, quotes
    from eventwire.records import Article

    paragraphs = [p.strip() for p in " ".join(words).split("\n\n") if p.strip()] or ["x"]
    article = Article(title="Report", paragraphs=paragraphs)
    layout, sections = article.layout()
    doc = pipeline.nlp(layout)
    found, frames = quotes.find_quotes(doc, article, sections, actors.find_actors(doc, article, sections))
    for item in [*found, *frames]:
        assert 0 <= item.start <= item.end <= len(layout)
    assert all(q.text == layout[q.start:q.end] for q in found)


def test_quotes_marks_lost_mark_resyncs_on_a_clear_opener():
    text = 'He said "this never closes. Then she said "hello there" plainly.'
    assert _quoted(text) == ["hello there"]


def test_quotes_marks_text_between_quotes_is_not_a_quote():
    assert _quoted('"We won", he said: "and we will win again."') == ["We won", "and we will win again."]


def test_quotes_marks_single_quoted_speech_keeps_possessives():
    text = "'The nations' security is at stake, and we can't wait,' he said. ‘Its leaders’ plans failed’, she added."
    assert _quoted(text) == ["The nations' security is at stake, and we can't wait",
                             "Its leaders’ plans failed"]


def test_quotes_partial_quote_speaker_is_the_passive_agent(read_text):
    reading = read_text('Iranian Foreign Minister Hossein Amir-Abdollahian was praised by '
                        'Russian Foreign Minister Sergei Lavrov as "a reliable partner" on Monday.')
    quote = _by_text(reading, "a reliable partner")
    assert _speaker(reading, quote) == "Sergei Lavrov"


def test_quotes_paragraph_introducing_a_quote_gives_its_speaker(read_text):
    reading = read_text('In a statement on Monday, German Chancellor Olaf Scholz said:\n\n'
                        '"We will not send troops to Ukraine under any circumstances."')
    quote = _by_text(reading, "We will not send troops")
    assert quote.kind == "direct" and _speaker(reading, quote) == "Olaf Scholz"


def test_quotes_frame_agency_back_reference_to_named_agency(pipeline):
    _, frames = _frames(pipeline, "Reuters news agency reported the talks ended on Monday.\n\n"
                                  "The agency reported that the talks would resume.")
    assert ("the talks would resume", "Reuters", None, False) in frames


def test_quotes_participle_cue_takes_the_clause_subject(read_text):
    reading = read_text('US Senator Elizabeth Warren blamed the economy, saying: "The results divided us."')
    quote = _by_text(reading, "The results divided us")
    assert _speaker(reading, quote) == "Elizabeth Warren"
