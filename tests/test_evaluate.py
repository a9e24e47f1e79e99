"""The scorer of `eventwire eval`: hand-made gold and readings, then the real seed and PLOVER data."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import EventwireError
from eventwire.evaluate.gold import GoldFile, evaluate, evaluate_plover, load_gold, render, score_reading
from eventwire.evaluate.events import max_matching
from eventwire.records import Actor, Article, DateValue, Event, Place, Quote, Reading

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DIR = SHARED / "gold"
PLOVER = SHARED / "data" / "plover"

PARAGRAPHS = [
    "Iranian and Russian police officials met in Moscow, IRIB reported.",
    "Ahmad-Reza Radan and Nikolai Patrushev agreed to accelerate cooperation against crime.",
    '"We are concerned," White House spokesman John Kirby said.',
    "Iran did not respond to the request.",
]
CAPTION = "Patrushev attends a meeting in Moscow."

IRAN = Actor("Iran", "country", country="IRN", id="irn")
RUSSIA = Actor("Russia", "country", country="RUS", aliases=["Russian Federation"], id="rus")
RADAN = Actor("Ahmad-Reza Radan", "person", country="IRN", sectors=["COP"],
              roles=["the chief commander of the police"], aliases=["Radan"], id="radan")
PATRUSHEV = Actor("Nikolai Patrushev", "person", country="RUS", sectors=["GOV"],
                  aliases=["Patrushev"], id="patrushev")
KIRBY = Actor("John Kirby", "person", country="USA", sectors=["GOV"],
              roles=["White House spokesman"], id="kirby")
IRIB = Actor("IRIB", "organization", country="IRN", sectors=["MED"], id="irib")


def gold_dict() -> dict:
    return {
        "format": "eventwire-gold/1", "id": "hand", "article": {"path": "a.txt"},
        "title": "Police forces to cooperate", "captions": [CAPTION], "credits": ["Photo/Agency"],
        "actors": [
            {"name": "Ahmad-Reza Radan", "kind": "person", "aliases": ["Radan"], "country": "IRN",
             "sector": ["COP"], "roles": ["chief commander"]},
            {"name": "Nikolai Patrushev", "kind": "person", "aliases": ["Patrushev"],
             "country": "RUS", "sector": ["GOV"], "roles": []},
            {"name": "John Kirby", "kind": "person", "aliases": [], "country": "USA",
             "sector": ["GOV"], "roles": ["White House spokesman"]},
        ],
        "not_actors": ["Agency"],
        "events": [
            {"type": "CONSULT", "actor": ["IRN"], "recipient": ["RUS"], "symmetric": True,
             "evidence": "police officials met in Moscow", "mode": "visit", "context": None,
             "location": "Moscow", "date": "2023-07-01", "reported_by": "IRIB", "optional": False},
            {"type": "AGREE", "actor": ["IRN"], "recipient": ["RUS"], "symmetric": True,
             "evidence": "agreed to accelerate cooperation", "context": ["crime"], "optional": False},
        ],
        "quotes": [{"speaker": "John Kirby", "kind": "direct", "contains": "We are concerned",
                    "optional": False}],
    }


def make_gold(data: dict | None = None) -> GoldFile:
    data = data or gold_dict()
    return GoldFile(path=Path("hand.gold.json"), id=data["id"], data=data, article_path=Path("a.txt"))


def event(reading_sentence: int, plover: str, actors: list[str], recipients: list[str], **kw) -> Event:
    return Event("art", reading_sentence, 0, 1, "", "", "000", plover,
                 actors=actors, recipients=recipients, **kw)


def perfect_reading() -> Reading:
    article = Article(title="Police forces to cooperate", paragraphs=list(PARAGRAPHS),
                      captions=[CAPTION], credits=["Photo/Agency"])
    sentences = [(s.start, s.end) for s in article.layout()[1]]  # one sentence per section
    text = article.layout()[0]
    kirby_start = text.index('"We are')
    events = [
        event(1, "CONSULT", ["irn"], ["rus"], mode="visit", location=Place("Moscow", "RUS"),
              date=DateValue(datetime.date(2023, 7, 1), "day"), reported_by="irib"),
        event(2, "AGREE", ["radan"], ["patrushev"], contexts=["crime", "military"]),
    ]
    quotes = [Quote("art", kirby_start, kirby_start + 18, '"We are concerned,"', "direct",
                    speaker_id="kirby")]
    return Reading(article=article, actors=[IRAN, RUSSIA, RADAN, PATRUSHEV, KIRBY, IRIB],
                   events=events, quotes=quotes, sentences=sentences)


def parts_of(reading: Reading, data: dict | None = None) -> dict:
    return score_reading(make_gold(data), reading)


def test_evaluate_perfect_reading_scores_one_everywhere():
    parts = parts_of(perfect_reading())
    assert parts["title"]["accuracy"] == 1.0
    for part in ("captions", "credits", "events", "quotes"):
        assert (parts[part]["precision"], parts[part]["recall"], parts[part]["f1"]) == (1.0, 1.0, 1.0)
    assert set(parts["events"]["fields"].values()) == {1.0}
    assert parts["quotes"]["speaker_accuracy"] == 1.0
    actors = parts["actors"]
    assert actors["not_actor_violations"] == 0
    assert all(v == 1.0 for k, v in actors.items() if k != "not_actor_violations")


def test_evaluate_title_ignores_case_space_and_quote_style():
    reading = perfect_reading()
    data = gold_dict()
    reading.article.title = "Iran’s police  forces"
    data["title"] = "IRAN'S POLICE FORCES"
    assert parts_of(reading, data)["title"]["accuracy"] == 1.0


def test_evaluate_missing_event_lowers_recall():
    reading = perfect_reading()
    reading.events.pop()
    events = parts_of(reading)["events"]
    assert (events["precision"], events["recall"]) == (1.0, 0.5)
    assert events["f1"] == pytest.approx(2 / 3)


def test_evaluate_extra_event_lowers_precision():
    reading = perfect_reading()
    reading.events.append(event(4, "ACCUSE", ["kirby"], ["rus"]))
    events = parts_of(reading)["events"]
    assert (events["precision"], events["recall"]) == (pytest.approx(2 / 3), 1.0)


def test_evaluate_optional_event_neither_false_positive_nor_missed():
    data = gold_dict()
    data["events"].append({"type": ["ACCUSE", "THREATEN"], "actor": ["USA"], "recipient": [],
                           "evidence": "We are concerned", "optional": True})
    data["events"].append({"type": "REJECT", "actor": ["IRN"], "recipient": [],
                           "evidence": "Nikolai Patrushev agreed", "optional": True})
    reading = perfect_reading()
    reading.events.append(event(3, "ACCUSE", ["kirby"], ["rus"]))
    events = parts_of(reading, data)["events"]
    assert (events["precision"], events["recall"], events["f1"]) == (1.0, 1.0, 1.0)


def test_evaluate_symmetric_swap_matches_asymmetric_does_not():
    reading = perfect_reading()
    for e in reading.events:
        e.actors, e.recipients = e.recipients, e.actors
    assert parts_of(reading)["events"]["recall"] == 1.0
    data = gold_dict()
    for gold_event in data["events"]:
        gold_event["symmetric"] = False
    assert parts_of(reading, data)["events"]["recall"] == 0.0


def test_evaluate_event_needs_sentence_with_evidence():
    reading = perfect_reading()
    reading.events[1].sentence = 3  # AGREE coded from the Kirby sentence
    events = parts_of(reading)["events"]
    assert (events["precision"], events["recall"]) == (0.5, 0.5)


def test_evaluate_negated_system_events_left_out():
    reading = perfect_reading()
    reading.events.append(event(4, "CONSULT", ["irn"], ["rus"], negated=True))
    reading.events.append(event(1, "CONSULT", ["irn"], ["rus"], hypothetical=True))
    events = parts_of(reading)["events"]
    assert (events["precision"], events["recall"]) == (1.0, 1.0)
    data = gold_dict()
    data["events"].append({"type": "CONSULT", "actor": ["IRN"], "recipient": [], "negated": True,
                           "evidence": "did not respond", "optional": False})
    events = parts_of(reading, data)["events"]
    assert (events["precision"], events["recall"]) == (1.0, 1.0)


def test_evaluate_one_to_one_matching_is_maximal():
    data = gold_dict()
    # gold 0 accepts both system events, gold 1 only the first: greedy in order would match 1 of 2
    data["events"] = [
        {"type": ["AGREE", "CONSULT"], "actor": [], "recipient": [], "evidence": "Moscow"},
        {"type": "CONSULT", "actor": ["IRN"], "recipient": [], "evidence": "Moscow"},
    ]
    reading = perfect_reading()
    reading.events = [event(1, "CONSULT", ["irn"], []), event(1, "AGREE", ["rus"], [])]
    events = parts_of(reading, data)["events"]
    assert (events["precision"], events["recall"]) == (1.0, 1.0)
    reading.events = reading.events[:1]  # one system event cannot match two gold events
    assert parts_of(reading, data)["events"]["recall"] == 0.5
    assert max_matching([[0, 1], [0]], [0, 1]) == {0: 1, 1: 0}


def test_evaluate_igo_named_instead_of_country():
    data = gold_dict()
    data["events"] = [{"type": "CONSULT", "actor": ["NATO"], "recipient": ["RUS"],
                       "evidence": "police officials met"}]
    reading = perfect_reading()
    nato = Actor("North Atlantic Treaty Organization", "organization", aliases=["NATO"], id="nato")
    reading.actors.append(nato)
    reading.events = [event(1, "CONSULT", ["nato"], ["rus"])]
    assert parts_of(reading, data)["events"]["recall"] == 1.0


def test_evaluate_event_fields_scored_where_gold_gives_them():
    reading = perfect_reading()
    reading.events[0].mode = None
    reading.events[0].date = DateValue(reading.events[0].date.value, "month")
    reading.events[1].contexts = ["military"]
    fields = parts_of(reading)["events"]["fields"]
    assert fields == {"mode": 0.0, "context": 0.0, "location": 1.0, "date": 0.0, "reported_by": 1.0}


def test_evaluate_captions_deduplicated():
    reading = perfect_reading()
    reading.article.captions = [CAPTION, CAPTION.upper(), "Another caption"]
    captions = parts_of(reading)["captions"]
    assert (captions["precision"], captions["recall"]) == (0.5, 1.0)


def test_evaluate_alias_pairs_precision_and_recall():
    data = gold_dict()
    radan, patrushev = data["actors"][0], data["actors"][1]
    radan["aliases"] = ["Radan", "Sardar Radan"]  # gold pairs: 3 for Radan, 1 for Patrushev
    reading = perfect_reading()
    reading.actors[2] = Actor("Ahmad-Reza Radan", "person", country="IRN", aliases=["Radan", "Patrushev"],
                              id="radan")
    reading.actors[3] = Actor("Nikolai Patrushev", "person", country="RUS", id="patrushev")
    actors = parts_of(reading, data)["actors"]
    # joined pairs: (ahmad-reza radan, radan) right; (radan, patrushev) and (ahmad-reza radan, patrushev) wrong
    assert actors["alias_pair_precision"] == pytest.approx(1 / 3)
    assert actors["alias_pair_recall"] == pytest.approx(1 / 4)
    assert actors["recall"] == 1.0 and patrushev["aliases"] == ["Patrushev"]


def test_evaluate_gold_name_not_in_text_is_no_surface_form():
    data = gold_dict()
    data["actors"][1]["name"] = "N. P. Patrushev"  # a label the article never uses
    actors = parts_of(perfect_reading(), data)["actors"]
    assert actors["alias_pair_recall"] == 1.0  # only Radan's pair is left to find
    assert actors["recall"] == 1.0  # found through the alias


def test_evaluate_not_actor_violations_and_roles():
    reading = perfect_reading()
    reading.actors.append(Actor("Agency", "organization", id="agency"))
    reading.actors[2].roles = []
    actors = parts_of(reading)["actors"]
    assert actors["not_actor_violations"] == 1
    assert actors["role_recall"] == 0.5


def test_evaluate_actor_country_and_sector():
    reading = perfect_reading()
    reading.actors[4] = Actor("John Kirby", "person", country="GBR", sectors=["MIL"],
                              roles=["White House spokesman"], id="kirby")
    actors = parts_of(reading)["actors"]
    assert actors["country_accuracy"] == pytest.approx(2 / 3)
    assert actors["sector_accuracy"] == pytest.approx(2 / 3)


def test_evaluate_quote_speaker_accuracy_separate_from_recall():
    reading = perfect_reading()
    reading.quotes[0].speaker_id = "irib"
    quotes = parts_of(reading)["quotes"]
    assert (quotes["recall"], quotes["speaker_accuracy"], quotes["precision"]) == (1.0, 0.0, 1.0)
    reading.quotes.append(Quote("art", 0, 10, "Police forces", "indirect"))
    assert parts_of(reading)["quotes"]["precision"] == 0.5


def test_evaluate_load_gold_errors(tmp_path):
    with pytest.raises(EventwireError) as err:
        load_gold([tmp_path])
    assert err.value.code == "E402"
    (tmp_path / "a.txt").write_text("Some article text that is long enough to read.")
    bad = gold_dict()
    bad["events"] = [{"type": "AGREE"}]
    (tmp_path / "x.gold.json").write_text(json.dumps(bad))
    with pytest.raises(EventwireError) as err:
        load_gold([tmp_path])
    assert err.value.code == "E401"
    (tmp_path / "x.gold.json").write_text(json.dumps(gold_dict()))
    (gold,) = load_gold([tmp_path])
    assert gold.article_path == (tmp_path / "a.txt").resolve()


def _keys(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _keys(v) for k, v in obj.items()}
    return None


def test_evaluate_seed_report_shape(pipeline):
    golds = load_gold([GOLD_DIR])
    report = evaluate(golds, pipeline)
    parts = report["parts"]
    assert report["files"] == 1 and list(report["per_file"]) == ["seed-iran-russia-police"]
    assert parts["title"]["accuracy"] == 1.0
    assert parts["captions"]["f1"] == 1.0 and parts["credits"]["f1"] == 1.0
    expected = copy.deepcopy(score_reading(make_gold(), perfect_reading()))
    assert _keys(parts) == _keys(expected)
    assert _keys(report["per_file"]["seed-iran-russia-police"]["parts"]) == _keys(expected)
    assert set(report) == {"files", "parts", "per_file"}
    json.dumps(report)  # JSON-ready
    assert "captions" in render(report)


def test_evaluate_plover_first_sentences(pipeline):
    report = evaluate_plover(PLOVER / "PLOVER_GSR_CAMEO.json", pipeline, limit=20)
    assert report["sentences"] == 20
    for key in ("type_accuracy", "actor_country_accuracy", "recipient_country_accuracy"):
        assert report[key] is None or 0.0 <= report[key] <= 1.0
    assert sum(t["sentences"] for t in report["per_type"].values()) == 20
    assert "type" in render(report)


def test_evaluate_prefers_candidate_with_right_fields():
    reading = perfect_reading()
    twin = copy.deepcopy(reading.events[0])
    reading.events[0].location = Place("Tehran", "IRN")
    reading.events.insert(1, twin)  # same event, right place: the one to match
    events = parts_of(reading)["events"]
    assert events["fields"]["location"] == 1.0
    assert events["precision"] == pytest.approx(2 / 3)


def test_evaluate_micro_averages_over_files():
    from eventwire.evaluate.gold import add_counts, count_reading, rates

    data = gold_dict()
    data["events"] = data["events"][:1]
    one = perfect_reading()
    one.events = []  # file 1: recall 0/1
    total: dict = {}
    add_counts(total, count_reading(make_gold(data), one))
    add_counts(total, count_reading(make_gold(), perfect_reading()))  # file 2: recall 2/2
    assert rates(total)["events"]["recall"] == pytest.approx(2 / 3)
    assert rates(total)["title"]["accuracy"] == 1.0


def _oracle_date(value: str | None) -> DateValue | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    precision = {1: "year", 2: "month", 3: "day"}[value.count("-") + 1]
    return DateValue(datetime.date(*parts[:3]), precision)


def _oracle_reading(article: Article, data: dict) -> Reading:
    """A reading built from the gold itself, as a flawless system would give it."""
    from eventwire.evaluate.text import find_spans, fold, fold_map

    text, sections = article.layout()
    folded, offsets = fold_map(text, drop_quotes=True)
    actors = [Actor(a["name"], a["kind"], country=a["country"], sectors=a["sector"][:1],
                    roles=a["roles"], aliases=a["aliases"], id=f"a{i}")
              for i, a in enumerate(data["actors"])]
    by_name = {fold(n): a.id for a in actors for n in a.names}
    by_code = {a.country: a.id for a in actors if a.kind == "country"}

    def ids(codes: list[str]) -> list[str]:
        return [by_code.get(c) or by_name[fold(c)] for c in codes]

    def section_of(needle: str) -> int:
        start, _ = find_spans(folded, offsets, fold(needle, drop_quotes=True))[0]
        return next(i for i, s in enumerate(sections) if s.start <= start < s.end)

    events = [
        Event(article.id, section_of(g["evidence"]), 0, 1, g["evidence"], "", "000",
              g["type"] if isinstance(g["type"], str) else g["type"][0],
              actors=ids(g["actor"]), recipients=ids(g["recipient"]), mode=g.get("mode"),
              contexts=g.get("context") or [], date=_oracle_date(g.get("date")),
              location=Place(g["location"]) if g.get("location") else None,
              reported_by=by_name.get(fold(g.get("reported_by"))))
        for g in data["events"]
    ]
    quotes = []
    for q in data["quotes"]:
        start, end = find_spans(folded, offsets, fold(q["contains"], drop_quotes=True))[0]
        quotes.append(Quote(article.id, start, end, text[start:end], q["kind"],
                            speaker_id=by_name[fold(q["speaker"])]))
    return Reading(article=article, actors=actors, events=events, quotes=quotes,
                   sentences=[(s.start, s.end) for s in sections])


def test_evaluate_seed_gold_oracle_scores_one(seed_article):
    (gold,) = load_gold([GOLD_DIR / "seed-iran-russia-police.gold.json"])
    parts = score_reading(gold, _oracle_reading(seed_article, gold.data))
    rates = [v for part in parts.values() for k, v in part.items()
             if k not in ("fields", "not_actor_violations")]
    rates += list(parts["events"]["fields"].values())
    assert parts["actors"]["not_actor_violations"] == 0
    assert rates and all(v == 1.0 for v in rates), parts


@settings(max_examples=60, deadline=None)
@given(
    keep=st.lists(st.booleans(), min_size=6, max_size=6),
    types=st.lists(st.sampled_from(["CONSULT", "AGREE", "ACCUSE", ""]), min_size=3, max_size=3),
    negated=st.booleans(),
)
def test_evaluate_rates_stay_in_unit_interval(keep, types, negated):
    reading = perfect_reading()
    reading.actors = [a for a, k in zip(reading.actors, keep, strict=True) if k]
    reading.events += [event(i + 1, t, ["irn"], ["kirby"], negated=negated) for i, t in enumerate(types)]
    parts = parts_of(reading)
    values = [v for part in parts.values() for k, v in part.items() if k not in ("fields", "not_actor_violations")]
    values += list(parts["events"]["fields"].values())
    assert all(v is None or 0.0 <= v <= 1.0 for v in values)
    if all(keep):
        assert parts["events"]["recall"] == 1.0  # extra events never cost recall


def test_evaluate_gold_can_point_at_one_jsonl_record(tmp_path):
    from eventwire.evaluate.gold import gold_article

    lines = [{"dId": "a1", "title": "First", "text": "Iran condemned Israel on Monday in a long statement " * 3},
             {"id": "b2", "title": "Second", "text": "Russia praised China on Tuesday in a long statement " * 3,
              "date_publish": "2016-11-09 10:00:00", "publisher": "wire"}]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    gold = {"format": "eventwire-gold/1", "id": "g",
            "article": {"path": "news.jsonl", "record": "b2", "published": None, "outlet": None, "url": None}}
    path = tmp_path / "g.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    article = gold_article(load_gold([path])[0])
    assert (article.title, str(article.published), article.outlet) == ("Second", "2016-11-09", "wire")
    gold["article"]["record"] = "zz"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(EventwireError) as err:
        gold_article(load_gold([path])[0])
    assert err.value.code == "E401"
