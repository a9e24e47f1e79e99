"""Nothing bad in, nothing lost (issue 17): one bad record is one coded skip, never a dead run.

Each test is one case of the issue or of an attack tried beyond it: wrong JSON
types, lone surrogates, controls, BOMs, odd newlines, deep nesting, huge numbers,
legacy code pages, texts over the model's limit, a stage or the store failing on
one article, LIKE wildcards in API filters, and the writable POST's limits.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.errors import MESSAGES, StoreError
from eventwire.ingest import read_paths
from eventwire.ingest.common import decode
from eventwire.ingest.sources import read_bytes
from eventwire.records import Article, Reading, Skip
from eventwire.service import ingest
from eventwire.store import open_store

from .conftest import NEWS, ROOT

SAMPLES = ROOT / "tests" / "samples" / "encodings"
needs_news = pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")
#: An English paragraph of our own, long enough for every check.
BODY = ("Iran and Russia signed an agreement on police cooperation in Tehran on Monday, officials said. "
        "The deal covers training and the exchange of information between the two forces, and it "
        "follows a visit by the Russian interior minister to the Iranian capital last month.")


def _para(n: int) -> str:
    """A paragraph of its own: the same events on another day (so none is coded once for two)."""
    return f"On day {n} of the visit, " + BODY[0].lower() + BODY[1:]


_WORDS = ("minister police army talks deal border trade court vote election protest bank oil gas "
          "port rail ship drone missile treaty summit envoy rebel leader union farmer worker price").split()


def distinct(n: int) -> str:
    """An English text of its own for number ``n``: no two share enough word runs to be copies."""
    import random

    pick = random.Random(n).choice
    sentences = [f"The {pick(_WORDS)} of the {pick(_WORDS)} said that the {pick(_WORDS)} and the "
                 f"{pick(_WORDS)} would meet in the {pick(_WORDS)} {pick(_WORDS)} on {pick(_WORDS)} day {n}."
                 for _ in range(6)]
    return " ".join(sentences)


def _record(n: int, **fields) -> dict:
    """A good record with its own text (no two are republications of each other)."""
    return {"title": f"Report {n}", "text": distinct(n), **fields}


def _items(path: Path) -> list:
    return list(read_paths([path]))


def _jsonl(tmp_path: Path, records: list, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ records by type


@pytest.mark.issue(17)
def test_reliability_jsonl_wrong_types_skip_their_record_only(tmp_path):
    bad = {"outlet": ["A", "B"], "captions": 5, "title": ["x"], "published": [2020], "author": {"a": 1},
           "url": True, "credits": [1, 2], "text": 42, "date": {"$date": 1}, "standfirst": float("nan")}
    records = [_record(0)] + [_record(i + 1, **{key: value}) for i, (key, value) in enumerate(bad.items())]
    items = _items(_jsonl(tmp_path, records))
    skips = [i for i in items if isinstance(i, Skip)]
    assert [i.title for i in items if isinstance(i, Article)] == ["Report 0"]
    assert [s.code for s in skips] == ["E114"] * len(bad)
    assert [s.message.split(":")[0].removeprefix("invalid value for ") for s in skips] == list(bad)


@pytest.mark.issue(17)
def test_reliability_jsonl_captions_as_a_string_is_one_caption(tmp_path):
    (article,) = _items(_jsonl(tmp_path, [_record(1, captions="Delegates in Moscow.", credits="Photo: Agency")]))
    assert article.captions == ["Delegates in Moscow."] and article.credits == ["Photo: Agency"]


@pytest.mark.issue(17)
def test_reliability_jsonl_numbers_and_unix_times(tmp_path):
    records = [_record(1, outlet=1010, published=1_700_000_000), _record(2, published=1_700_000_000_000),
               _record(3, published=12), _record(4, published=10**30)]
    items = _items(_jsonl(tmp_path, records))
    assert [(i.outlet, i.published.isoformat()) for i in items[:2]] == [("1010", "2023-11-14"), (None, "2023-11-14")]
    assert [i.code for i in items[2:]] == ["E114", "E114"]


@pytest.mark.issue(17)
def test_reliability_unicode_attacks_are_cleaned_not_fatal(tmp_path):
    nasty = "\ud800 lone \udfff, NUL \x00, bell \x07, BOM \ufeff, RTL \u202eevil\u202c, vt\x0bff\x0c"
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(_record(1, title="Title " + nasty, outlet=nasty)) + "\n", encoding="utf-8")
    (article,) = _items(path)
    for text in (article.title, article.outlet, article.body):
        text.encode("utf-8")  # storable: no lone surrogates
        assert "\x00" not in text and "\x07" not in text and "\ufeff" not in text
    assert "\u202eevil" in article.title  # right-to-left text is text, kept as it is
    from eventwire.ingest.common import clean_text

    assert clean_text("a\ud800b\x00c\x0bd") == "a\ufffdbc\nd"


@pytest.mark.issue(17)
@pytest.mark.parametrize("line,detail", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": ' + "9" * 5000 + "}", "malformed JSON"),
    ('{"text": "a\x00b"}', "malformed JSON"),
    ("\x00\x01\x02 binary", "malformed JSON"),
])
def test_reliability_jsonl_hostile_lines_skip_that_line(tmp_path, line, detail):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join([json.dumps(_record(1)).encode(), line.encode("utf-8"),
                                 json.dumps(_record(2)).encode()]) + b"\n")
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Article", "Skip", "Article"]
    assert items[1].code == "E104" and items[1].line == 2 and detail in items[1].message


@pytest.mark.issue(17)
def test_reliability_jsonl_newlines_bom_and_line_separators(tmp_path):
    one = json.dumps(_record(1, title="A\u2028B\u0085C"), ensure_ascii=False).encode("utf-8")
    two, three = json.dumps(_record(2)).encode(), json.dumps(_record(3)).encode()
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + one + b"\r\n" + two + b"\r" + three + b"\n")
    items = _items(path)
    assert [i.title for i in items] == ["A\u2028B\u0085C", "Report 2", "Report 3"]
    assert [i.origin.rsplit(":", 1)[1] for i in items] == ["1", "2", "3"]


@pytest.mark.issue(17)
def test_reliability_jsonl_line_in_another_encoding_costs_nothing(tmp_path):
    latin = json.dumps(_record(2, title="Señor García"), ensure_ascii=False).encode("latin-1")
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps(_record(1)).encode() + b"\n" + latin + b"\n")
    assert [i.title for i in _items(path)] == ["Report 1", "Señor García"]


# ------------------------------------------------------------------ encodings


@pytest.mark.issue(17)
def test_reliability_latin1_is_not_read_as_baltic():
    text = "The naïve tourist had a sense of déjà vu, Señor García said. " + BODY
    for codec in ("latin-1", "cp1252"):
        decoded = decode(text.encode(codec))
        assert "naïve" in decoded and "déjà vu, Señor" in decoded, codec
        assert "naļve" not in decoded and "déją" not in decoded


@pytest.mark.issue(17)
@pytest.mark.parametrize("name,phrases", [
    ("latin1-tourism.txt", ["naïve hope", "déjà vu, Señor García", "Málaga to Cádiz", "Sevilla"]),
    ("cp1252-markets.txt", ["\u20ac1.08", "\u201cwithin weeks\u201d", "Søren Gade", "Zürich", "Hélène Lefèvre",
                            "It\u2019s déjà vu", "BRUSSELS \u2013 The"]),
    ("latin1-german.txt", ["bestätigt", "Gespräche über die Rüstungsexporte", "Außenministerin äußerte"]),
])
def test_reliability_real_samples_in_legacy_code_pages(name, phrases):
    data = (SAMPLES / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = decode(data)
    for phrase in phrases:
        assert phrase in text


def test_reliability_other_scripts_keep_their_code_page():
    russian = "Президент заявил в понедельник, что переговоры продолжатся в Москве на следующей неделе."
    assert decode(russian.encode("cp1251")) == russian
    assert decode("Good UTF-8 “text”, then a stray byte: \xe9.".encode().replace(b"\xc3\xa9", b"\xe9")).startswith(
        "Good UTF-8 “text”")


@pytest.mark.issue(17)
@pytest.mark.parametrize("bom,codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                                       (b"\xfe\xff", "utf-16-be")])
def test_reliability_byte_order_marks(bom, codec):
    (article,) = list(read_bytes(bom + ("Ministers meet\n\n" + BODY).encode(codec), name="x.txt"))
    assert article.title == "Ministers meet"


# ------------------------------------------------------------------ files and folders


def test_reliability_folder_with_symlink_loop_device_and_empty_files(tmp_path):
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "good.txt").write_text("Ministers meet\n\n" + BODY)
    (folder / "a" / "up").symlink_to(folder)  # a loop
    (folder / "a" / "self").symlink_to(folder / "a" / "self")
    (folder / "a" / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (folder / "zero.txt").symlink_to("/dev/zero")  # not a file: a walk passes it by
    (folder / "empty.txt").write_bytes(b"")
    items = list(read_paths([folder], max_bytes=1_000_000))
    assert [i.title for i in items if isinstance(i, Article)] == ["Ministers meet"]
    assert sorted(s.code for s in items if isinstance(s, Skip)) == ["E101"]


def test_reliability_endless_file_named_directly_stops_at_the_cap():
    (skip,) = list(read_paths(["/dev/zero"], max_bytes=100_000))
    assert skip.code == "E108"


def test_reliability_warc_gzip_bomb_is_a_skip(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    bomb = b"<html><body><p>" + b"a " * (12 * 1024 * 1024) + b"</p></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://x/bomb", "response", payload=io.BytesIO(bomb),
                                                  http_headers=headers))
    assert len(out.getvalue()) < 200_000
    import eventwire.ingest.warc as warc

    original = warc.DEFAULT_MAX_BYTES
    warc.DEFAULT_MAX_BYTES = 1_000_000
    try:
        items = list(read_bytes(out.getvalue(), name="bomb.warc.gz"))
    finally:
        warc.DEFAULT_MAX_BYTES = original
    assert [(i.code, i.line) for i in items] == [("E108", 1)]


def test_reliability_feed_of_ten_thousand_items_reads_each():
    items = "".join(f"<item><title>Item {n}</title><link>http://x/{n}</link><description>"
                    f"Dispatch {n}. {BODY}</description></item>" for n in range(10_000))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    found = list(read_bytes(feed.encode(), name="wire.rss"))
    assert len(found) == 10_000 and all(isinstance(i, Article) for i in found)


# ------------------------------------------------------------------ long texts


def test_reliability_split_parts_joins_back_and_bounds_runs():
    from eventwire.nlp.parts import split_parts

    text = ("word " * 30_000) + "\n\n" + ("x" * 12_000) + "e\u0301" * 3000 + ". Done.\n\nEnd."
    parts = split_parts(text, 10_000, run=2_000)
    assert "".join(parts) == text and all(0 < len(p) <= 10_000 for p in parts)
    assert max(len(run) for p in parts for run in re.split(r"[.!?;:]\s|\n", p)) <= 2_000
    assert not any(p[0] == "\u0301" for p in parts)  # never an accent torn from its letter


@pytest.fixture
def small_model(pipeline, monkeypatch):
    """The session pipeline with a model limit 50 times lower, so 'over-long' is quick to test."""
    monkeypatch.setattr(pipeline.nlp, "max_length", 20_000)
    return pipeline


@pytest.mark.issue(17)
def test_reliability_text_over_the_model_limit_is_read_in_parts(small_model, tmp_path):
    paragraphs = [_para(n) for n in range(230)]  # about 67,000 characters
    no_stops = " ".join(["tehran police minister moscow talks"] * 1500)  # no punctuation at all
    long_one = Article(title="Long", paragraphs=paragraphs)
    articles = [long_one, Article(title="No stops", paragraphs=[no_stops]), Article(title="Short", paragraphs=[BODY])]
    assert len(long_one.layout()[0]) > 3 * small_model.nlp.max_length
    readings = list(small_model.read(articles))
    assert [type(r).__name__ for r in readings] == ["Reading"] * 3
    text = long_one.layout()[0]
    reading = readings[0]
    assert reading.events and all(text[e.start:e.end] == e.evidence for e in reading.events)
    assert all(text[m.start:m.end] == m.text for m in reading.mentions)
    assert reading.sentences[-1][1] <= len(text) and max(e.sentence for e in reading.events) > 100


@pytest.mark.issue(17)
def test_reliability_very_long_article_read_span_by_span(pipeline, monkeypatch):
    import eventwire.pipeline as module

    article = Article(title="Long", paragraphs=[_para(n) for n in range(12)])
    (whole,) = list(pipeline.read([article]))
    monkeypatch.setattr(module, "SPAN_CHARS", 1_000)
    (spans,) = list(pipeline.read([article]))
    text = article.layout()[0]
    assert all(text[e.start:e.end] == e.evidence for e in spans.events)
    assert all(text[q.start:q.end] == q.text for q in spans.quotes)
    found = {(e.start, e.cameo) for e in spans.events}
    assert len(found & {(e.start, e.cameo) for e in whole.events}) >= 0.8 * len(whole.events)
    assert {a.id for a in spans.actors} == {a.id for a in whole.actors}
    assert len({e.id for e in spans.events}) == len(spans.events)


@pytest.mark.slow
@pytest.mark.issue(17)
def test_reliability_megabyte_paragraph_without_punctuation_under_1gb(tmp_path):
    words = "iran russia police minister said talks moscow tehran agreement signed officials army".split()
    text = " ".join(words[(i * 7) % len(words)] for i in range(150_000))[:1_000_000]
    path = tmp_path / "long.txt"
    path.write_text("A very long paragraph\n\n" + text + "\n", encoding="utf-8")
    script = ("import json, resource, sys; from eventwire.cli import main; sys.argv = ['eventwire', 'ingest', "
              f"{str(path)!r}, '--db', {str(tmp_path / 'l.db')!r}, '-q']\ntry:\n    main()\nexcept SystemExit as e:\n"
              "    print('rss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024); sys.exit(e.code)")
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.splitlines()[0])
    assert summary["articles_stored"] == 1 and summary["tokens"] > 100_000
    assert int(done.stdout.split("rss")[1]) < 1024, done.stdout


# ------------------------------------------------------------------ stages and the store


def _poisoned(pipeline, monkeypatch, marker: str) -> None:
    """Make spaCy itself fail on any text holding ``marker`` (as E088 once did)."""
    name = "test_poison"
    if name not in pipeline.nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory(name):
            @Language.component(name)
            def poison(doc):  # type: ignore[no-untyped-def]
                if os.environ.get("EVENTWIRE_TEST_POISON", "\x00") in doc.text:
                    raise ValueError("poisoned text")
                return doc
        pipeline.nlp.add_pipe(name, first=True)
    monkeypatch.setenv("EVENTWIRE_TEST_POISON", marker)


@pytest.fixture
def poisoned(pipeline, monkeypatch):
    yield lambda marker: _poisoned(pipeline, monkeypatch, marker)
    if "test_poison" in pipeline.nlp.pipe_names:
        pipeline.nlp.remove_pipe("test_poison")


@pytest.mark.issue(17)
def test_reliability_spacy_failing_on_one_article_skips_it_alone(pipeline, poisoned, tmp_path):
    poisoned("POISON")
    articles = [Article(title=f"Report {n}", paragraphs=[distinct(n)]) for n in range(5)]
    articles[2] = Article(title="POISON", paragraphs=[distinct(2)])
    store = open_store(str(tmp_path / "p.db"))
    summary = ingest(articles, pipeline=pipeline, store=store)
    assert summary.stored == 4 and dict(summary.skips) == {"E202": 1}
    assert "poisoned text" in summary.skip_messages["E202"]


@pytest.mark.issue(17)
def test_reliability_copy_of_a_failed_article_is_read_itself(pipeline, poisoned, tmp_path):
    poisoned("POISON")
    original = Article(title="POISON", paragraphs=[BODY], url="https://a.example/1")
    copy = Article(title="Police pact", paragraphs=[BODY], url="https://b.example/1", outlet="B")
    store = open_store(str(tmp_path / "c.db"))
    summary = ingest([original, copy], pipeline=pipeline, store=store)
    assert (summary.stored, summary.duplicates) == (1, 0) and dict(summary.skips) == {"E202": 1}
    assert store.has_article(copy.id)


@pytest.mark.issue(17)
def test_reliability_store_failing_on_one_article_skips_it_alone(pipeline, tmp_path, monkeypatch):
    store = open_store(str(tmp_path / "s.db"))
    real = store.put_reading

    def flaky(reading, **kwargs):  # type: ignore[no-untyped-def]
        if reading.article.title == "Refused":
            raise StoreError("E302", detail="value too long for type character varying(32)")
        return real(reading, **kwargs)

    monkeypatch.setattr(store, "put_reading", flaky)
    articles = [Article(title=t, paragraphs=[distinct(n)]) for n, t in enumerate(("One", "Refused", "Three"))]
    summary = ingest(articles, pipeline=pipeline, store=store)
    assert summary.stored == 2 and dict(summary.skips) == {"E302": 1}
    assert [s["code"] for s in store.skips()] == ["E302"]


@needs_news
@pytest.mark.issue(17)
def test_reliability_cli_run_with_every_bad_record_exits_0(tmp_path):
    good = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()[:2]]
    bad = [_record(1, outlet=["A"]), _record(2, captions=3), _record(3, title="\ud800 surrogate"),
           {"text": "short"}, {"text": "Ceci est un article en français sur la politique, qui parle "
                               "de la réunion des ministres à Paris la semaine dernière et de leurs projets."}]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in bad + good) + "\n{broken\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(path), "--db", str(tmp_path / "m.db"),
                           "-q"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-1000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["articles_stored"] == 3  # the two shared articles and the cleaned surrogate
    assert summary["skips"] == {"E114": 2, "E113": 1, "E107": 1, "E104": 1}


# ------------------------------------------------------------------ the HTTP API


@pytest.fixture(scope="module")
def wildcard_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from eventwire.records import Actor, Event, Mention, Quote
    from eventwire.web.app import create_app

    db = tmp_path_factory.mktemp("like") / "like.db"
    store = open_store(str(db))
    article = Article(title="Talks", paragraphs=[BODY])
    actor = Actor(name="Ali Reza", kind="person")
    event = Event(article_id=article.id, sentence=0, start=0, end=6, evidence="signed", trigger="sign",
                  cameo="057", plover="AGREE", actors=[actor.id])
    quote = Quote(article_id=article.id, start=0, end=5, text="talks went well", kind="direct")
    store.put_reading(Reading(article=article, actors=[actor], events=[event], quotes=[quote],
                              mentions=[Mention(article.id, 0, 4, 0, "Ali", actor.id)], sentences=[(0, 10)]))
    with TestClient(create_app(str(db))) as client:
        yield client


@pytest.mark.issue(17)
@pytest.mark.parametrize("url", ["/api/events?search=%25", "/api/events?search=_", "/api/actors?name=%25",
                                 "/api/actors?name=_", "/api/quotes?search=%25", "/api/quotes?search=_",
                                 "/api/events?actor=%25", "/api/quotes?speaker=_", "/api/articles?search=%25"])
def test_reliability_like_wildcards_match_only_themselves(wildcard_client, url):
    answer = wildcard_client.get(url)
    if answer.status_code == 422:  # an actor filter that names no actor says so (E409)
        assert answer.json()["error"]["code"] == "E409"
    else:
        assert answer.status_code == 200 and answer.json()["items"] == []


def test_reliability_like_filters_still_find_words(wildcard_client):
    assert len(wildcard_client.get("/api/events?search=sign").json()["items"]) == 1
    assert len(wildcard_client.get("/api/actors?name=ali").json()["items"]) == 1
    assert len(wildcard_client.get("/api/quotes?search=went").json()["items"]) == 1


@pytest.fixture
def writable(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    app = create_app(str(tmp_path / "w.db"), writable=True, pipeline=pipeline, max_bytes=200_000)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.issue(17)
@pytest.mark.parametrize("paragraphs,code", [
    (["Tiny"], "E113"),
    (["Les ministres se sont réunis à Paris pour discuter de la situation et ils ont dit que les "
      "discussions allaient continuer la semaine prochaine avec les partenaires européens du pays."], "E107"),
])
def test_reliability_post_skips_as_ingest_would(writable, paragraphs, code):
    answer = writable.post("/api/articles", json={"title": "Posted", "paragraphs": paragraphs})
    assert answer.status_code == 422 and answer.json()["error"]["code"] == code
    assert MESSAGES[code].split("{")[0] in answer.json()["error"]["message"]
    assert writable.get("/api/articles").json()["items"] == []


@pytest.mark.issue(17)
def test_reliability_post_over_the_size_cap_is_413(writable):
    answer = writable.post("/api/articles", json={"title": "Big", "paragraphs": ["word " * 60_000]})
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "E108"
    chunked = writable.post("/api/articles", content=(b"x" * 300_000 for _ in range(1)),
                            headers={"content-type": "application/json"})
    assert chunked.status_code == 413


@pytest.mark.issue(17)
def test_reliability_post_longer_than_the_model_limit_is_read(writable, small_model):
    paragraphs = [_para(n) for n in range(150)]  # 45,000 characters > max_length 20,000
    answer = writable.post("/api/articles", json={"title": "Long", "paragraphs": paragraphs})
    assert answer.status_code == 201, answer.text
    assert answer.json()["summary"]["articles_stored"] == 1



def test_reliability_api_cache_never_serves_stale_answers(tmp_path):
    """The served API keeps answers, and drops them on any write (here: another store's)."""
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    db = str(tmp_path / "cache.db")
    writer = open_store(db)
    writer.put_reading(Reading(article=Article(title="First", paragraphs=[distinct(1)])))
    with TestClient(create_app(db, cache=True)) as client:
        first = client.get("/api/articles").json()["items"]
        assert client.get("/api/articles").json()["items"] == first and len(first) == 1
        writer.put_reading(Reading(article=Article(title="Second", paragraphs=[distinct(2)])))
        assert {a["title"] for a in client.get("/api/articles").json()["items"]} == {"First", "Second"}
        assert client.get("/api/nothing").status_code == 404


@pytest.mark.parametrize("url", ["/api/quotes?article_id=%00", "/api/articles/%00", "/api/events?search=a%00b",
                                 "/api/actors?name=%00"])
def test_reliability_nul_in_a_parameter_is_a_coded_422(db_url, url):
    """PostgreSQL refuses NUL in text: a parameter holding one is the client's error, not a 500."""
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    with TestClient(create_app(db_url), raise_server_exceptions=False) as client:
        answer = client.get(url)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "E501"
