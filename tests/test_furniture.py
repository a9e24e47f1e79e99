"""Page furniture (issue 12): captions, credits and non-news text taken out of article bodies.

Every row of data/furniture.tsv carries an example of our own; real examples
come from the shared news sample, read by record id (no article text is
copied here, only short phrases that must or must not stay in the body).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from eventwire.datafiles import DATA, read_tsv
from eventwire.ingest import furniture
from eventwire.ingest.furniture import clean
from eventwire.ingest.jsonl import article_from_record
from eventwire.ingest.sources import read_bytes
from eventwire.records import Article, Skip

from .conftest import NEWS, SHARED

SAMPLES = Path(__file__).parent / "samples"
ROWS = read_tsv(DATA / "furniture.tsv")
POLNEAR = SHARED / "data" / "polnear-dev" / "text"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------- the table


def test_furniture_table_rows_are_valid_and_compile():
    assert len(ROWS) == len(furniture.rules()) >= 80
    for row, rule in zip(ROWS, furniture.rules(), strict=True):
        assert row["action"] in furniture.ACTIONS and row["extent"] in furniture.EXTENTS, row
        assert "⟦" in row["example"], row
        assert rule.regex is not None or "{repeat}" in row["pattern"] or "{of_n}" in row["pattern"]


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}-{r['kind']}" for i, r in enumerate(ROWS, 1)])
def test_furniture_row_example(row):
    """The row's example loses exactly its marked part; captions and credits land where
    the row's action says."""
    text = row["example"].replace("\\n", "\n")
    plain = text.replace("⟦", "").replace("⟧", "")
    out = clean([p for p in plain.split("\n") if p.strip()])
    assert _flat(" ".join(out.paragraphs)) == _flat(re.sub("⟦.*?⟧", " ", text, flags=re.S))
    assert row["kind"] in {k for k, _ in out.dropped + out.moved}
    if row["action"] == "caption":
        assert out.captions
    if row["action"] == "credit" or "(?P<credit>" in row["pattern"] and row["action"] != "drop":
        assert out.credits


def test_furniture_credit_names_and_boundary_words_load():
    names, leads = furniture.credit_names()
    assert "Getty Images" in names and set(leads) <= set(names)
    assert names == tuple(sorted(names, key=len, reverse=True))
    roles = Counter(r["role"] for r in read_tsv(DATA / "furniture_words.tsv"))
    assert set(roles) == {"starter", "opener", "weak", "joiner", "title"}


def test_furniture_prose_is_left_alone():
    """Ordinary paragraphs, with names after lowercase words and titles in quotes, stay."""
    paragraphs = [
        "Police in Tarmouth said on Monday that they had arrested two men after the attack.",
        "The minister told Reuters the talks with Germany would resume, and thanked The Times "
        "for its report. \"Not my president\" was the slogan on many signs.",
        "She watched the film The Quiet Harbour with her father in Leeds last year.",
    ]
    out = clean(paragraphs)
    assert out.paragraphs == paragraphs and not out.captions and not out.credits


def test_furniture_caption_repeated_in_body_is_kept_once():
    out = clean(["Getty Images 2 Crowds on the square Getty Images 2 Crowds on the square",
                 "Crowds on the square", "The crowd gathered on the square on Sunday."])
    assert out.captions == ["Crowds on the square"]
    assert out.paragraphs == ["The crowd gathered on the square on Sunday."]


# --------------------------------------------------------------- real articles


def _records() -> dict[str, dict]:
    if not NEWS.exists():
        pytest.skip("shared news sample not available")
    return {r["dId"][:8]: r for r in map(json.loads, NEWS.read_text(encoding="utf-8").splitlines())}


#: record id prefix -> (phrases that must stay in the body, phrases that must not,
#:                      captions expected, credits expected)
REAL = {
    "1e471fa6": (["Dozens of rescuers in China are trying"], ["Image copyright", "Image caption"],
                 ["Rescuers have spent days trying to rescue the boy who fell into a dry well"], ["The Paper"]),
    "761de707": (["A suicide bomber has rammed a truck", "Ajmal Jan, a local shopkeeper"],
                 ["Image copyright", "A large crater was left by the blast"],
                 ["The massive blast destroyed nearby buildings and cars", "The Taliban claimed responsibility for the attack"],
                 ["EPA", "AFP", "Reuters"]),
    "6397b8a9": (["Donald Trump has accused the FBI of impropriety"], ["Media caption"],
                 ['Donald Trump: "Hillary Clinton is guilty. She knows it. The FBI knows it"'], []),
    "ea04b4c0": (["Philip Joseph wrote"], ["You might also like", "Hitler's wife's knickers"], [], []),
    "08ebc52c": (["The crashed tram carriages were taken away"],
                 ["Click to share", "Getty Images 22", "Related stories", "I WARNED THEM"],
                 ["A tram carriage covered in tarpaulin is driven away from the scene of the accident on a truck in Croydon"],
                 ["British Transport Police", "Getty Images", "PA:Press Association"]),
    "3fe96670": (["I very much look forward to dealing with the president"],
                 ["STREET BEATING", "Click to share on WhatsApp", "AP:Associated Press 18"],
                 ["Trump shares a cringe-worthy handshake with President Obama"], ["EPA", "Reuters"]),
    "4f38a182": (["A fortnight ago she suffered a huge drop"],
                 ["directly to your inbox", "Video Loading", "Click to play", "(Photo: Getty Images)"], [], ["Getty Images"]),
    "921a73cf": (["called the attack a reprisal for airstrikes"],
                 ["Receive occasional updates", "not a robot", "Invalid email", "Continue reading the main story"], [], []),
    "d654fd55": (["As campaigning continued ahead of Tuesday's presidential election"],
                 ["Read more", "troubles just beginning after latest twist"], [], []),
    "93a37a20": (["Williams' veteran driver Felipe Massa failed to finish"],
                 ["All rights reserved", "(Photo: The Associated Press)", "may not be published, broadcast"], [],
                 ["Paulo Whitaker/Pool via AP", "The Associated Press"]),
    "0e5fa7c0": (["The 400-gram bar was reduced to a 360-gram bar"],
                 ["Skip Ad", "Read or Share this story", "Follow Ashley May", "pic.twitter.com", "(@Toblerone)"], [], []),
    "e38562d1": (["Among the dead were a mother with two young children"],
                 ["show all UK news in pictures", "The Palm House is illuminated", "Additional reporting by PA"],
                 ["The Lord Mayor procession passes by St Pauls Cathedral in London"], ["Getty", "EPA"]),
    "09d729c0": (["President-elect Donald Trump and President Obama met for the first time Thursday"],
                 ["Full Screen Autoplay", "Buy Photo", "Wait 1 second", "[Trump maps out"], [],
                 ["Jabin Botsford/The Washington Post"]),
    "1e582ad2": (["Mr Trump has pledged to overturn the Democrat's signature policy"],
                 ["Play slideshow", "GETTY*EPA", "1 of 31"], ["Trump has pledged to overturn Obamacare after he takes office"],
                 ["GETTY"]),
    "69733aa8": (["A total of six men and one woman died in the crash"], ["Scroll down for video"], [], []),
    "53c22d3d": (["The FBI said on Sunday it stood by its earlier finding"], ["By Alana Wise and Mark Hosenball"], [], []),
    "101ee22f": (["But the teenager overtook 13 cars"],
                 ["Red Bull chief Christian Horner said Verstappen's race was one of the finest drives he has seen"], [], []),
    "36ed35f8": (["US President Barack Obama has described his first meeting"], ["(REUTERS)"],
                 ["First meeting: President Barack Obama and President-elect Donald Trump met at the White House"], ["REUTERS"]),
}


@pytest.mark.parametrize("prefix", sorted(REAL))
def test_furniture_real_articles(prefix):
    article = article_from_record(_records()[prefix], "news")
    body = _flat(article.body)
    keep, lose, captions, credits = REAL[prefix]
    for phrase in keep:
        assert phrase in body, phrase
    for phrase in lose:
        assert phrase not in body, phrase
    for caption in captions:
        assert caption in article.captions
    for credit in credits:
        assert credit in article.credits


def test_furniture_polnear_prose_mostly_untouched():
    """Articles with real paragraphs: almost nothing is furniture, and what is, is."""
    if not POLNEAR.exists():
        pytest.skip("PolNeAR sample not available")
    paragraphs = moved = 0
    for path in sorted(POLNEAR.glob("*.txt")):
        lines = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()][1:]
        out = clean(lines)
        paragraphs += len(lines)
        moved += len(out.moved) + len(out.dropped)
    assert paragraphs > 1000 and moved <= 0.02 * paragraphs


# --------------------------------------------------------------- HTML from many outlets


@pytest.mark.parametrize("name", sorted(p.stem for p in (SAMPLES / "html").glob("*.html")))
def test_furniture_html_captions_by_outlet_markup(name):
    html = (SAMPLES / "html" / f"{name}.html").read_bytes()
    expected = json.loads((SAMPLES / "html" / f"{name}.expected.json").read_text(encoding="utf-8"))
    (article,) = read_bytes(html, name=f"{name}.html")
    assert isinstance(article, Article), article
    assert article.captions == expected["captions"]
    assert article.credits == expected["credits"]
    body = _flat(article.body)
    assert all(p in body for p in expected["body_has"]), body
    assert not [p for p in expected["body_lacks"] if p in body], body


def test_furniture_html_samples_cover_six_outlets():
    assert len(list((SAMPLES / "html").glob("*.expected.json"))) >= 6


# --------------------------------------------------------------- compressed input, language, recall


def _page() -> bytes:
    return (SAMPLES / "html" / "guardian.html").read_bytes()


def test_ingest_gzipped_html_is_read():
    (article,) = read_bytes(gzip.compress(_page()), name="story.html.gz")
    assert isinstance(article, Article) and "Ministers have postponed" in article.body
    (from_stdin,) = read_bytes(gzip.compress(_page()), name="<stdin>")
    assert isinstance(from_stdin, Article) and from_stdin.id == article.id


def test_ingest_gzip_bomb_is_capped():
    (skip,) = read_bytes(gzip.compress(b"<html>" + b" " * 200_000 + b"</html>"), name="x.html.gz", max_bytes=50_000)
    assert isinstance(skip, Skip) and skip.code == "E108"


def _warc(body: bytes, encoding: str | None) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = [("Content-Type", "text/html; charset=utf-8")] + ([("Content-Encoding", encoding)] if encoding else [])
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record("https://example.org/rail", "response", payload=io.BytesIO(body),
                                       http_headers=http)
    writer.write_record(record)
    return out.getvalue()


@pytest.mark.parametrize("encoding,pack", [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),
    (None, gzip.compress),  # gzip bytes with no header
])
def test_ingest_warc_compressed_bodies_are_read(encoding, pack):
    (article,) = read_bytes(_warc(pack(_page()), encoding), name="crawl.warc")
    assert isinstance(article, Article) and "Ministers have postponed" in article.body
    assert article.url == "https://example.org/rail"


def test_ingest_warc_brotli_without_decoder_is_a_coded_skip():
    """brotli is not a dependency: without it a br body is E116, with it a bad one is E117."""
    try:
        import brotli  # noqa: F401
    except ImportError:
        (skip,) = read_bytes(_warc(b"\x8b\x05\x80not-really-brotli", "br"), name="crawl.warc")
        assert isinstance(skip, Skip) and skip.code == "E116"
    else:
        (skip,) = read_bytes(_warc(b"garbage", "br"), name="crawl.warc")
        assert isinstance(skip, Skip) and skip.code == "E117"


@pytest.mark.parametrize("name", ["meal-plan.html", "score-tables.html"])
def test_ingest_table_heavy_english_pages_are_read(name):
    (article,) = read_bytes((SAMPLES / "good" / name).read_bytes(), name=name)
    assert isinstance(article, Article), article


def test_ingest_html_notice_only_body_is_read_again_with_recall(monkeypatch):
    from eventwire.ingest import html as html_reader

    calls = []

    def fake_extract(tree, url, *, recall):
        calls.append(recall)
        if not recall:
            return {"title": "Rail fares", "text": "We use cookies to improve your experience on our site."}
        return {"title": "Rail fares", "text": "Ministers have postponed a decision on rail fares until the autumn."}

    monkeypatch.setattr(html_reader, "_extract", fake_extract)
    (article,) = read_bytes(_page(), name="page.html")
    assert calls == [False, True]
    assert isinstance(article, Article) and "cookies" not in article.body


def test_ingest_html_recall_retry_runs_trafilatura_with_recall(monkeypatch):
    """A page whose precision pass gives only a cookie notice is read again with recall
    settings, then skipped when that gives no article either."""
    import trafilatura

    seen = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        seen.append(kwargs.get("favor_recall"))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    page = b"<html><body><div class='cookie-banner'><p>We use cookies to improve your experience.</p></div></body></html>"
    (skip,) = read_bytes(page, name="notice.html")
    assert isinstance(skip, Skip) and skip.code == "E106"
    assert seen == [False, True]


def test_ingest_html_without_notice_is_not_read_twice(monkeypatch):
    import trafilatura

    seen = []
    real = trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "bare_extraction",
                        lambda *a, **k: seen.append(k.get("favor_recall")) or real(*a, **k))
    (skip,) = read_bytes(b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
                         name="nav.html")
    assert isinstance(skip, Skip) and skip.code == "E106" and seen == [False]


# --------------------------------------------------------------- the 96 shared articles (slow)

_VERBLESS = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|said|says|"
                       r"\w+ed|\w+s)\b")


def furniture_report() -> tuple[dict[str, Counter], dict[str, list[str]]]:
    """Per outlet: paragraphs before/after and spans moved or dropped; and the body pieces
    that still look like furniture (a table pattern, a short verbless line, or a sentence
    repeated across the outlet's articles)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    left: dict[str, list[str]] = defaultdict(list)
    seen: dict[str, Counter] = defaultdict(Counter)
    articles = []
    for record in _records().values():
        outlet = record["publisher"]
        out = clean([record["text"]])
        articles.append((outlet, out))
        counts[outlet].update(articles=1, captions=len(out.captions), credits=len(out.credits),
                              dropped=len(out.dropped), paragraphs_after=len(out.paragraphs))
        for sentence in {s for p in out.paragraphs for s in re.split(r"(?<=[.!?])\s+", p)}:
            seen[outlet][sentence] += 1
    for outlet, out in articles:
        for paragraph in out.paragraphs:
            if any(r.regex is not None and r.regex.search(paragraph) for r in furniture.rules()):
                left[outlet].append("table: " + paragraph[:160])
            elif len(paragraph.split()) <= 6 and not _VERBLESS.search(paragraph):
                left[outlet].append("short: " + paragraph)
        left[outlet] += [f"repeated: {s[:160]}" for s, n in seen[outlet].items() if n >= 3 and len(s) > 20]
    return counts, left


@pytest.mark.slow
def test_furniture_96_shared_articles_leave_little_in_bodies():
    counts, left = furniture_report()
    total = sum(len(v) for v in left.values())
    assert sum(c["dropped"] for c in counts.values()) > 150
    assert sum(c["captions"] for c in counts.values()) > 300
    assert total <= 40, {k: v for k, v in left.items() if v}
