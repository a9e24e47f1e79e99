"""Ingestion: every source kind to Articles, every bad input to a coded Skip."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest

from eventwire.ingest import read_paths
from eventwire.ingest.common import looks_english
from eventwire.ingest.sources import read_bytes
from eventwire.ingest.text import parse_text
from eventwire.records import Article, Skip

from .conftest import SEED

BODY = (
    "The foreign ministers of Brazil and Argentina met in Brasilia on Monday to discuss "
    "trade and the regional security situation, officials said. They agreed to hold "
    "further talks next month and to expand cooperation on customs and border policing."
)

HTML = f"""<!doctype html><html><head><title>Ministers meet in Brasilia</title>
<meta property="og:site_name" content="Southern Post">
<meta property="article:published_time" content="2024-03-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Brasilia</h1>
<p>{BODY}</p>
<p>The talks were the first at this level since the election, and both sides described them as productive and frank.</p>
<figure><img src="x.jpg"><figcaption>The two ministers shake hands in Brasilia. (Photo: Agencia Sul)</figcaption></figure>
</article><footer>Copyright Southern Post</footer></body></html>"""


def _one(items):
    (item,) = list(items)
    return item


def test_ingest_seed_text_splits_captions_and_credits(seed_article):
    article = seed_article
    assert article.title.startswith("Iran, Russia's police forces to cooperate")
    assert article.standfirst.startswith("Radan suggested that the collaborative efforts")
    assert len(article.captions) == 2
    assert article.credits == [
        "Office of the Iranian Supreme Leader/WANA/Handout via Reuters",
        "Sputnik/Pavel Bednyakov/Pool via REUTERS",
    ]
    body = article.body
    for caption in article.captions:
        assert caption not in body
    assert "photo credit" not in body and "Bednyakov" not in body
    assert article.published == datetime.date(2023, 7, 2)


def test_ingest_text_caption_repeated_kept_once():
    text = ("Title line\n\nShort standfirst here.\n\nFirst body paragraph with enough words to count.\n\n"
            "A minister waves. (credit: Agency One)\nA minister waves.\n\n"
            "Second body paragraph, also long enough to be a paragraph of the body.")
    article = parse_text(text)
    assert article.captions == ["A minister waves."]
    assert article.credits == ["Agency One"]
    assert all("minister waves" not in p for p in article.paragraphs)


def test_ingest_text_photo_line_credit():
    text = "Title\n\nBody paragraph one is here with words.\n\nCrowds gather in the square.\nPhoto: Jane Roe/Agency\n\nBody two is here."
    article = parse_text(text)
    assert article.captions == ["Crowds gather in the square."]
    assert article.credits == ["Jane Roe/Agency"]


def test_ingest_overrides_for_plain_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ministers meet\n\n" + BODY, encoding="utf-8")
    article = _one(read_paths([path], published=datetime.date(2024, 3, 4), outlet="Post", url="http://x/1"))
    assert (article.published, article.outlet, article.url) == (datetime.date(2024, 3, 4), "Post", "http://x/1")


def test_ingest_html_body_title_date_figcaption(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = _one(read_paths([path]))
    assert isinstance(article, Article)
    assert article.title == "Ministers meet in Brasilia"
    assert article.published == datetime.date(2024, 3, 4)
    assert any("foreign ministers of Brazil" in p for p in article.paragraphs)
    assert article.captions == ["The two ministers shake hands in Brasilia."]
    assert article.credits == ["Agencia Sul"]
    assert not any("Home" == p for p in article.paragraphs)


def test_ingest_jsonl_bad_line_skips_only_that_line(tmp_path):
    good = {"title": "Talks", "text": BODY, "published": "2024-01-02", "url": "u1", "outlet": "Wire"}
    lines = [json.dumps(good), "{not json", json.dumps({"title": "no text"}), json.dumps([1, 2]),
             json.dumps({**good, "url": "u2", "body": BODY, "text": None})]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([path]))
    articles = [i for i in items if isinstance(i, Article)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert [a.url for a in articles] == ["u1", "u2"]
    assert [(s.code, s.line) for s in skips] == [("E104", 2), ("E105", 3), ("E115", 4)]
    assert articles[0].published == datetime.date(2024, 1, 2) and articles[0].outlet == "Wire"


def test_ingest_rss_one_article_per_item(tmp_path):
    items = "".join(
        f"<item><title>Item {i}</title><link>http://feed/{i}</link>"
        f"<pubDate>Tue, 0{i} Apr 2024 08:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>"
        for i in (1, 2)
    )
    path = tmp_path / "feed.rss"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Times</title>{items}</channel></rss>')
    articles = list(read_paths([path]))
    assert [a.title for a in articles] == ["Item 1", "Item 2"]
    assert articles[1].published == datetime.date(2024, 4, 2)
    assert articles[0].url == "http://feed/1" and articles[0].outlet == "Feed Times"
    assert "foreign ministers" in articles[0].body and "<p>" not in articles[0].body


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, ctype, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
    return out.getvalue()


def test_ingest_warc_html_responses(tmp_path):
    data = _warc([("http://site/a", "text/html", HTML.encode()),
                  ("http://site/logo.png", "image/png", b"\x89PNG\x00\x00"),
                  ("http://site/empty", "text/html", b"<html><body><nav>menu</nav></body></html>")])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    items = list(read_paths([path]))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == ["http://site/a"]
    assert [s.code for s in items if isinstance(s, Skip)] == ["E106"]


def test_ingest_folder_recurses_and_keeps_good_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.txt").write_text("Ministers meet\n\n" + BODY)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 20)
    (tmp_path / "german.txt").write_text(
        "Regierung berät\n\n" + "Die Regierung hat am Montag in Berlin über die Lage beraten und "
        "eine Erklärung veröffentlicht, in der sie die Bürger zur Ruhe aufruft und weitere "
        "Gespräche mit den Nachbarländern ankündigt, sobald die Lage es zulässt." * 2)
    (tmp_path / "big.txt").write_text("Title\n\n" + BODY * 50)
    items = list(read_paths([tmp_path], max_bytes=5000))
    codes = sorted(i.code for i in items if isinstance(i, Skip))
    assert codes == ["E101", "E102", "E107", "E108"]
    assert [a.title for a in items if isinstance(a, Article)] == ["Ministers meet"]


def test_ingest_undecodable_bytes_detected_or_named():
    latin = ("Ministers meet\n\n" + BODY.replace("Brasilia", "Brasília São Paulo")).encode("latin-1")
    article = _one(read_bytes(latin, name="x.txt"))
    assert isinstance(article, Article) and "Brasília" in article.body


def test_ingest_stdin(monkeypatch):
    data = ("From stdin\n\n" + BODY).encode()
    monkeypatch.setattr("sys.stdin", type("S", (), {"buffer": io.BytesIO(data)})())
    article = _one(read_paths(["-"]))
    assert article.title == "From stdin"


def test_ingest_html_without_text_is_skipped():
    skip = _one(read_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", name="x.html"))
    assert isinstance(skip, Skip) and skip.code == "E106"


def test_ingest_english_detector():
    assert looks_english(BODY)[0]
    assert not looks_english("Le gouvernement a annoncé lundi une série de mesures pour la population "
                             "et les entreprises touchées par la crise, selon le ministre des finances.")[0]


def test_ingest_ids_are_content_hashes():
    a = parse_text("Title\n\n" + BODY)
    b = parse_text("Title\n\n" + BODY)
    c = parse_text("Title\n\n" + BODY + " More.")
    assert a.id == b.id != c.id


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).parent / "samples" / "broken").glob("*"))
                         if (Path(__file__).parent / "samples" / "broken").exists() else [])
def test_ingest_broken_samples_each_give_a_coded_skip(name):
    path = Path(__file__).parent / "samples" / "broken" / name
    if path.suffix == ".md":
        pytest.skip("documentation")
    items = list(read_paths([path]))
    skips = [i for i in items if isinstance(i, Skip)]
    assert skips, f"{name} gave no skip"
    assert all(s.code.startswith("E1") and s.message for s in skips)


def test_ingest_seed_path_exists():
    assert SEED.exists()


def test_ingest_text_header_block_and_file_name_date(tmp_path):
    path = tmp_path / "2024-05-06-some-story.txt"
    path.write_text("Outlet: Northern Ledger\nURL: https://x.example/a\n\nMinisters meet\n\n" + BODY)
    article = _one(read_paths([path]))
    assert (article.title, article.outlet, article.url) == ("Ministers meet", "Northern Ledger", "https://x.example/a")
    assert article.published == datetime.date(2024, 5, 6)
    override = _one(read_paths([path], published=datetime.date(2024, 1, 1), outlet="Other"))
    assert (override.published, override.outlet) == (datetime.date(2024, 1, 1), "Other")


def test_ingest_latin1_names_decoded_as_western():
    text = "Ministers meet\n\n" + BODY + " Spain's minister José Antonio Muñoz met João Gonçalves."
    article = _one(read_bytes(text.encode("latin-1"), name="x.txt"))
    assert "Muñoz" in article.body and "João Gonçalves" in article.body


def test_ingest_html_headline_not_repeated_in_body(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = _one(read_paths([path]))
    assert article.paragraphs[0] != article.title


def test_ingest_folder_walk_ignores_readme_and_hidden(tmp_path):
    (tmp_path / "README.md").write_text("# Notes\n\n" + BODY)
    (tmp_path / ".hidden.txt").write_text("Hidden\n\n" + BODY)
    (tmp_path / "story.txt").write_text("Story\n\n" + BODY)
    assert [a.title for a in read_paths([tmp_path])] == ["Story"]


def test_ingest_examples_all_read_with_dates_and_outlets():
    from .conftest import ROOT

    items = list(read_paths([ROOT / "examples"]))
    assert items and all(isinstance(a, Article) for a in items)
    assert all(a.published and a.outlet and a.url for a in items)
    assert any(a.captions for a in items) and any(a.credits for a in items)


def test_ingest_folder_walk_skips_files_of_no_article_format(tmp_path):
    """A corpus folder's annotations and tables are skips (E109), not news; files with no
    suffix or a non-word one are read by content, and a file named directly is always read."""
    from eventwire.ingest.sources import ARTICLE_SUFFIXES, foreign_suffix

    body = "Talks to resume\n\n" + "The minister said on Monday that talks with the union would resume next week. " * 4
    for suffix in sorted(ARTICLE_SUFFIXES):
        assert foreign_suffix(f"story{suffix}") is None
    for name in ("story", "story.2016-11-09", "story.html.gz", "news.jsonl.gz"):
        assert foreign_suffix(name) is None, name
    (tmp_path / "story.txt").write_text(body, encoding="utf-8")
    (tmp_path / "story.ann").write_text("T1\tSource 0 5\tPence\n" * 20, encoding="utf-8")
    (tmp_path / "table.tsv").write_text("a\tb\n" * 50, encoding="utf-8")
    (tmp_path / "noext").write_text(body, encoding="utf-8")
    out = list(read_paths([tmp_path]))
    skips = {Path(o.source).name: o.code for o in out if isinstance(o, Skip)}
    assert skips == {"story.ann": "E109", "table.tsv": "E109"}
    assert sorted(Path(o.origin).name for o in out if isinstance(o, Article)) == ["noext", "story.txt"]
    (tmp_path / "named.ann").write_text(body, encoding="utf-8")
    (direct,) = read_paths([tmp_path / "named.ann"])
    assert isinstance(direct, Article)
