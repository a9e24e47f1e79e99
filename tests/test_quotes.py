"""Quotes stage: mark pairing (no model), speakers, kinds, frames, and the seed article."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quotes.marks import MARKS, pair_marks

from .conftest import GOLD_DIR, SHARED


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


# ------------------------------------------------------------ speakers (issue 13)


def _direct_speaker(reading, needle):
    return _speaker(reading, _by_text(reading, needle))


def test_quotes_speaker_never_named_only_inside_the_quote(read_text):
    reading = read_text('Donald Trump spoke at a rally in Ohio on Monday.\n\n'
                        '“Assad is secondary, to me, to ISIS,” he said.')
    assert _direct_speaker(reading, "Assad is secondary") == "Donald Trump"


def test_quotes_pronoun_speaker_is_not_the_woman_in_the_quote(read_text):
    reading = read_text('Senator John Kerry met reporters in Boston.\n\n'
                        '“What she said about Trump is wrong,” he told them.')
    assert _direct_speaker(reading, "What she said") == "John Kerry"


def test_quotes_pronoun_speaker_agrees_in_gender(read_text):
    reading = read_text('Hillary Clinton met John Kerry in Paris on Monday. Kerry praised the talks.\n\n'
                        '“We made real progress,” she said.')
    assert _direct_speaker(reading, "We made real progress") == "Hillary Clinton"


def test_quotes_documents_and_organisations_speak(read_text):
    reading = read_text("“The economy grew by three percent last year,” the report said.\n\n"
                        "The World Health Organization issued a statement saying that the outbreak was over.")
    quote = _by_text(reading, "The economy grew")
    assert quote.kind == "direct" and _speaker(reading, quote) == "report"
    statement = _by_text(reading, "the outbreak was over")
    assert statement.kind == "indirect" and _speaker(reading, statement) == "World Health Organization"


def test_quotes_unnamed_speakers_are_actors_of_their_article(read_text):
    one = read_text("“It is three in the morning,” the announcer said.")
    two = read_text("“Who do you want answering the phone?” the announcer said.")
    (a,) = [x for x in one.actors if x.name == "announcer"]
    (b,) = [x for x in two.actors if x.name == "announcer"]
    assert a.kind == "person" and a.id != b.id  # never merged across articles


def test_quotes_colon_after_a_name_attributes_the_quote(read_text):
    reading = read_text("Windsor Mann, editor of The Week: “This is wrong and everyone knows it.”")
    assert _direct_speaker(reading, "This is wrong") == "Windsor Mann"


def test_quotes_dash_after_a_quote_names_its_speaker(read_text):
    reading = read_text("“We will win this race, whatever they say.” ― Pamela Padilla")
    assert _direct_speaker(reading, "We will win this race") == "Pamela Padilla"


def test_quotes_partial_quote_keeps_the_reporting_clause_speaker(read_text):
    reading = read_text("The World Health Organization said the talks were “a serious step forward” for both sides.")
    (quote,) = [q for q in reading.quotes if q.kind == "partial"]
    assert quote.text == "a serious step forward" and _speaker(reading, quote) == "World Health Organization"


def test_quotes_titles_and_scare_quotes_are_not_quotes(read_text):
    reading = read_text("She watched “Morning Joe” on Monday. The so-called “experts” disagreed.")
    assert reading.quotes == []


def test_quotes_same_quote_twice_is_stored_once(read_text):
    reading = read_text("“We will fight on,” said Angela Merkel.\n\nLater she repeated: “We will fight on.”")
    assert [q.text for q in reading.quotes] == ["We will fight on"]
    assert _speaker(reading, reading.quotes[0]) == "Angela Merkel"


def test_quotes_embedded_quote_after_that_is_partial(read_text):
    reading = read_text("Angela Merkel said that, “the talks will go on until we agree.”")
    assert [q.kind for q in reading.quotes if "the talks will go on" in q.text] == ["indirect", "partial"]


# ------------------------------------------------------------ the tables (no model)


def _rows(name):
    from eventwire.datafiles import DATA, read_tsv

    return read_tsv(DATA / name)


def test_quotes_first_names_give_gender():
    from eventwire.actors.coref import _first_name

    rows = _rows("first_names.tsv")
    assert len(rows) > 300
    for row in rows:
        assert _first_name([f"{row['name'].title()} Keller"]) == row["gender"]


def test_quotes_gender_words_give_gender():
    from eventwire.actors.coref import _stated

    for row in _rows("gender_words.tsv"):
        assert _stated([row["word"]]) == row["gender"]
    assert _stated(["mr", "mrs"]) is None  # the article contradicts itself: no gender


def test_quotes_pronoun_table_covers_third_person():
    rows = {r["pronoun"]: r for r in _rows("pronouns.tsv")}
    assert {rows[p]["gender"] for p in ("he", "him", "his")} == {"m"}
    assert {rows[p]["gender"] for p in ("she", "her", "herself")} == {"f"}
    assert rows["they"]["number"] == "pl" and rows["i"]["person"] == "1"


def test_quotes_speaker_nouns_are_people_or_organisations():
    rows = _rows("speaker_nouns.tsv")
    assert {r["kind"] for r in rows} == {"person", "organization"}
    assert {r["refers"] for r in rows} == {"named", "unnamed"}
    assert len({r["noun"] for r in rows}) == len(rows)


# ------------------------------------------------------------ marks (no model)


def test_quotes_marks_straight_mark_is_not_continued_by_a_curly_one():
    text = '"Kevin was snoring.\n“Here he is, babe,” she said.'
    assert _quoted(text) == ["Here he is, babe,"[:-1]]


def test_quotes_marks_curly_quote_nested_in_a_straight_one():
    text = '"I will read you the question: “Do you agree?” Forty-three, yes."'
    assert _quoted(text) == ["I will read you the question: “Do you agree?” Forty-three, yes."]


def test_quotes_marks_paragraphs_run_together():
    text = 'He said: "We heard screaming in the first carriage. "It went black and we were thrown around," he said.'
    assert _quoted(text) == ["We heard screaming in the first carriage.",
                             "It went black and we were thrown around"]


def test_quotes_marks_split_clitic_is_no_mark():
    assert _quoted("Donald Trump 's background and the nations ' views") == []


# ------------------------------------------------------------ cost (issue 17)


def _blank_doc(text):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


@pytest.mark.issue(17)
def test_quotes_many_marks_do_not_blow_up():
    """5,000 quote marks in one article: every quote step is linear, so this runs in about
    a second (a super-linear step took minutes); scripts/quotes_bench.py gives the times."""
    from eventwire.actors.find import ActorTable
    from eventwire.quotes import find_quotes
    from eventwire.records import Article

    paragraphs = [f'"Round {i} went well," said the minister. "Part {i} ends soon." It was "fine".'
                  for i in range(834)]
    article = Article(title="Marks", paragraphs=paragraphs)
    text, sections = article.layout()
    assert text.count('"') >= 5000
    quotes, frames = find_quotes(_blank_doc(text), article, sections, ActorTable())
    assert len({q.text for q in quotes}) == len(quotes) >= 1600  # 834 x 2, "fine" is a scare quote
    assert all(q.text == text[q.start:q.end] for q in quotes)


# ------------------------------------------------------------ the attribution scorer (no model)


_TEXT = "Talks go on\n\n“We will win,” said Anna Keller. He said the plan was “a disaster” for all.\n"


def _ann(*lines):
    return "\n".join("\t".join(line) for line in lines) + "\n"


_FULL = _ann(("T1", "Content 13 27", "“We will win,”"), ("T2", "Cue 28 32", "said"),
             ("T3", "Source 33 44", "Anna Keller"), ("T4", "Attribution 28 32", "said"),
             ("E1", "Attribution:T4 Content:T1 Cue:T2 Source:T3"),
             ("T5", "Source 46 48", "He"), ("T6", "Cue 49 53", "said"),
             ("T7", "Content 54 90", "the plan was “a disaster” for all"),
             ("T8", "Attribution 49 53", "said"), ("E2", "Attribution:T8 Content:T7 Cue:T6 Source:T5"))


def _corpus(tmp_path, anns):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(_TEXT, encoding="utf-8")
    for annotator, ann in anns.items():
        (tmp_path / "attributions" / f"a_{annotator}.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "filename\tpublisher\tpublication_date\ttitle\na\tledger\t2016-09-12\tTalks go on\n", encoding="utf-8")
    return tmp_path


def test_quotes_scorer_reads_brat_and_picks_the_consensus_annotation(tmp_path):
    from eventwire.evaluate.attributions import load_corpus, parse_ann

    odd = _ann(("T1", "Content 74 84", "a disaster"), ("T2", "Cue 49 53", "said"),
               ("E1", "Attribution-no-source:T2 Content:T1 Cue:T2"))
    (item,) = load_corpus(_corpus(tmp_path, {"x1": _FULL, "x2": odd, "x3": _FULL}))
    assert item.ann_path.name == "a_x1.ann" and item.outlet == "ledger" and str(item.published) == "2016-09-12"
    gold = parse_ann(_FULL, _TEXT)
    assert [g.direct for g in gold] == [[((13, 27),)], []]  # the quoted content is direct, the other not
    assert gold[0].heads == {"keller"} and gold[1].heads == {"keller"}  # "He" counts through Anna Keller


def test_quotes_scorer_counts_quotes_and_speakers(tmp_path):
    from eventwire.evaluate.attributions import corpus_article, count_article, load_corpus, parse_ann
    from eventwire.records import Actor, Quote, Reading

    (item,) = load_corpus(_corpus(tmp_path, {"x1": _FULL}))
    article, raw = corpus_article(item)
    layout = article.layout()[0]
    keller, other = Actor("Anna Keller", "person"), Actor("Mark Novak", "person")
    at = layout.index("We will win")
    quotes = [Quote(article.id, at, at + 11, "We will win", "direct", keller.id),
              Quote(article.id, layout.index("a disaster"), layout.index("a disaster") + 10, "a disaster",
                    "partial", other.id),
              Quote(article.id, 0, 5, "Talks", "direct", None)]
    reading = Reading(article=article, actors=[keller, other], quotes=quotes)
    counts = count_article(parse_ann(item.ann_path.read_text(encoding="utf-8"), raw), reading, raw)
    assert counts["direct_precision"] == [1, 2] and counts["direct_recall"] == [1, 1]
    assert counts["direct_speaker"] == [1, 1]
    assert counts["all_precision"] == [2, 3] and counts["all_recall"] == [2, 2]
    assert counts["all_speaker"] == [1, 2]  # "a disaster" is Anna Keller's ("He"), not Mark Novak's


@pytest.mark.parametrize("source, heads", [
    ("longtime Democratic pollster Pat Caddell", {"caddell"}),
    ("a spokesman for Trump", {"spokesman"}),
    ("Secretary of State John Kerry", {"kerry"}),
    ("Trump’s campaign manager Kellyanne Conway", {"conway"}),
    ("Rep. Elijah E. Cummings (D-Md.)", {"cummings"}),
    ("Clinton and Kaine", {"clinton", "kaine"}),
])
def test_quotes_scorer_head_words(source, heads):
    from eventwire.evaluate.attributions import head_words

    assert head_words(source) == heads


def test_quotes_scorer_lone_speech_verb_is_no_source():
    from eventwire.evaluate.attributions import verb_only

    assert verb_only("said") and verb_only("says") and not verb_only("Said") and not verb_only("critics")


def test_quotes_scorer_offsets_line_up_on_the_shared_corpus():
    from eventwire.evaluate.attributions import align, corpus_article, load_corpus

    root = SHARED / "data" / "polnear-dev"
    if not root.is_dir():
        pytest.skip("no shared PolNeAR dev split")
    items = load_corpus(root)
    assert len(items) == 84
    several = [i for i in items if len(i.annotators) > 1]
    assert several and all(i.ann_path.stem.endswith(tuple(i.annotators)) for i in several)
    for item in items:
        article, raw = corpus_article(item)
        layout = article.layout()[0]
        offsets = align(layout, raw)
        assert all(raw[offsets[k]] == c for k, c in enumerate(layout) if not c.isspace())


def test_quotes_speaker_of_common_words_named_by_role(read_text):
    # "Josh" and "Earnest" are both English words: the role noun before the name and
    # the speech verb after it make it a person's name
    from eventwire.actors.data import role_nouns
    assert "secretary" in role_nouns()
    reading = read_text("“We have seen a sustained commitment,” White House press secretary "
                        "Josh Earnest said at a briefing on Monday.")
    assert _direct_speaker(reading, "We have seen") == "Josh Earnest"


def test_quotes_pronoun_salience_counts_one_mention_a_sentence(read_text):
    # a person named twice (and a pronoun) in one sentence gains no more than once there:
    # the subject of the speech verb just before stays the speaker
    reading = read_text("Hillary Clinton spoke in Miami on Monday.\n\n"
                        "Tyresha McClenney said Clinton only talks about her plan when Clinton "
                        "needs her voters.\n\n“It is not enough,” she said.")
    assert _direct_speaker(reading, "It is not enough") == "Tyresha McClenney"


def test_quotes_a_quote_running_on_into_a_paragraph_passes_its_speaker_on(read_text):
    # the quote of the paragraph before runs on (no closing mark) into the next paragraph;
    # the quotes right after it continue its speaker
    reading = read_text('Builder Tom Okafor, 31, said: "We just heard screaming. "It went black.\n\n'
                        '"One man beside me was screaming. "I looked at the man next to him. '
                        '"I tried to help."')
    assert _direct_speaker(reading, "I tried to help") == "Tom Okafor"


def test_quotes_the_occupation_of_a_person_named_before_speaks(read_text):
    from eventwire.quotes.speakers import speaker_nouns
    assert speaker_nouns()["cleaner"] == ("person", "named")
    reading = read_text("Fellow passenger Martin Bamford, 30, said he was lucky.\n\n"
                        'The gutter cleaner from New Addington said: "We hit the bend."')
    assert _direct_speaker(reading, "We hit the bend") == "Martin Bamford"


@pytest.mark.parametrize("text, speaker", [
    ('Son-in-law Darren Mimms said: "He was such a kind man."', "Darren Mimms"),
    ('Pal Asma Kazim said: "She was full of life."', "Asma Kazim"),
])
def test_quotes_a_person_noun_before_the_name_is_no_part_of_the_speaker(read_text, text, speaker):
    reading = read_text(text)
    assert _speaker(reading, next(q for q in reading.quotes if q.kind == "direct")) == speaker
