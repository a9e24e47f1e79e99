"""Keep it true (issue 17): generated records and random bytes never stop a run.

A property test writes JSON-lines files whose records give every field every
JSON type and random Unicode (lone surrogates, controls, right-to-left marks),
ingests them, and checks that each good record is stored and each bad one is
one skip with the code the rules give. A fuzz test feeds random and mutated
bytes to every reader. Examples are bounded in a normal run and ten times as
many with ``--slow`` (the hypothesis profiles in conftest).
"""

from __future__ import annotations

import io
import json
import math
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import MESSAGES
from eventwire.ingest.common import clean_text
from eventwire.ingest.sources import read_bytes
from eventwire.records import Article, Skip
from eventwire.service import ingest
from eventwire.store import open_store

from .conftest import examples
from .test_reliability import distinct

STRING_FIELDS = ("title", "url", "outlet", "publisher", "author", "standfirst", "description")
#: Fields read from the first of several names (outlet, else publisher; standfirst, else description).
STRING_GROUPS = (("title",), ("url",), ("outlet", "publisher"), ("author",), ("standfirst", "description"))
LIST_FIELDS = ("captions", "credits")
#: Characters that break naive code: lone surrogates, NUL and controls, bidi marks, BOMs, separators.
NASTY = st.sampled_from(["\ud800", "\udfff", "\x00", "\x07", "\x1b", "\x7f", "\u202e", "\u200f", "\ufeff",
                         "\u2028", "\u0085", "\r", "\t", "\x0b", "é", "\u05d0", "\U0001f600", "\ufffd"])
UNICODE = st.text(st.one_of(NASTY, st.characters()), max_size=12)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    UNICODE)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                    max_leaves=6)
DATES = st.one_of(st.none(), st.just("2024-03-05"), st.just("zzzz qqqq"), st.just("x" * 200),
                  st.just(1_700_000_000), st.just(12), st.just([2024]), st.just({"$date": 1}), st.booleans())


def _spoil(text: str, marks: list[str]) -> str:
    """``text`` with a few nasty characters between its words (it stays English)."""
    words = text.split(" ")
    for i, mark in enumerate(marks):
        words[(i * 7) % len(words)] += mark
    return " ".join(words)


@st.composite
def records(draw, n: int) -> dict:
    """A record: a good text (perhaps spoilt), and every other field of any JSON type."""
    record: dict = {"text": _spoil(distinct(n), draw(st.lists(NASTY, max_size=4)))}
    if draw(st.booleans()):
        record["text"] = draw(st.one_of(JSON, st.just(""), st.just("   ")))
    for key in STRING_FIELDS + LIST_FIELDS:
        if draw(st.integers(0, 3)) == 0:
            record[key] = draw(st.one_of(JSON, UNICODE, st.lists(UNICODE, max_size=2)))
    if draw(st.booleans()):
        record["published"] = draw(DATES)
    return record


def _bad_string(value) -> bool:
    return isinstance(value, bool) or not isinstance(value, str | int | float) or (
        isinstance(value, float) and not math.isfinite(value))


def _first(record: dict, keys: tuple[str, ...]):
    """The value a field is read from: the first of its names with a value (a string that cleans
    to nothing does not count)."""
    for key in keys:
        value = record.get(key)
        if value in (None, "") or (isinstance(value, str) and not clean_text(value).strip()):
            continue
        return value
    return None


def expected(record: dict) -> str | None:
    """The skip code the rules give a record, or None for a record to store."""
    text = record["text"]
    if text is not None and text != "" and not isinstance(text, str):
        return "E114"
    if not isinstance(text, str) or not clean_text(text).strip():
        return "E105"
    for keys in STRING_GROUPS:
        value = _first(record, keys)
        if value is not None and _bad_string(value):
            return "E114"
    for key in LIST_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str) and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return "E114"
    if record.get("published") not in (None, "", "2024-03-05", 1_700_000_000):
        return "E114"
    return "E113" if len(clean_text(text).strip()) < 40 else None


@settings(max_examples=examples(12), suppress_health_check=list(HealthCheck))
@given(st.integers(1, 4).flatmap(lambda k: st.tuples(*[records(n) for n in range(k)])))
def test_fuzz_generated_records_each_stored_or_skipped_with_its_code(pipeline, tmp_path_factory, batch):
    path = tmp_path_factory.mktemp("gen") / "gen.jsonl"
    path.write_bytes(b"\n".join(json.dumps(r).encode("utf-8", "surrogatepass") for r in batch) + b"\n")
    from eventwire.ingest import read_paths

    store = open_store(":memory:")
    summary = ingest(read_paths([path]), pipeline=pipeline, store=store)
    codes = [expected(r) for r in batch]
    assert summary.stored == codes.count(None)
    assert dict(summary.skips) == dict(Counter(c for c in codes if c is not None))
    for row in store.articles(limit=10):
        row["title"].encode("utf-8")  # stored text is valid Unicode


def _warc(payload: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://x/a", "response", payload=io.BytesIO(payload),
                                                  http_headers=headers))
    return out.getvalue()


SEEDS = [
    b"Ministers meet\n\n" + distinct(1).encode(),
    json.dumps({"title": "A", "text": distinct(2)}).encode() + b"\n" + json.dumps({"text": distinct(3)}).encode(),
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>I</title><description>'
    + distinct(4).encode() + b"</description></item></channel></rss>",
    b"<!doctype html><html><head><title>T</title></head><body><article><p>" + distinct(5).encode()
    + b"</p><figure><figcaption>A caption (Photo: X)</figcaption></figure></article></body></html>",
    _warc(b"<html><body><p>" + distinct(6).encode() + b"</p></body></html>"),
]
NAMES = ["x.txt", "x.html", "x.jsonl", "x.json", "x.rss", "x.xml", "x.warc", "x.warc.gz", "x", "-"]


@st.composite
def mutated(draw) -> bytes:
    """A real input with random bytes flipped, cut, or spliced in; or bytes at random."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=2000))
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.integers(0, 2))
        if action == 0 and data:
            data[at] = draw(st.integers(0, 255))
        elif action == 1:
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        else:
            del data[at:at + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=examples(150), suppress_health_check=list(HealthCheck))
@given(mutated(), st.sampled_from(NAMES))
def test_fuzz_random_bytes_to_every_reader_give_articles_or_coded_skips(data, name):
    for item in read_bytes(data, name=name, max_bytes=1_000_000):
        assert isinstance(item, Article | Skip)
        if isinstance(item, Skip):
            assert item.code in MESSAGES and item.code.startswith("E1"), item
            assert "\n" not in item.message
        else:
            assert item.body.strip() and item.title is not None
            (item.title + item.body + "".join(item.captions)).encode("utf-8")
