"""Sources -> Article records: text, HTML, JSON lines, RSS/Atom, WARC, folders, stdin.

Every unreadable file, line, item or record becomes a `Skip` with a stable
code; nothing stops a batch. `read_paths` is what the shells call.
"""

from __future__ import annotations

import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Skip, normalise_text

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_CHARS = 40

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
#: Files a folder walk passes over: hidden files and the folder's own notes.
_IGNORED = re.compile(r"^(\.|(readme|license|licence|changelog)(\.\w+)?$)", re.IGNORECASE)


@dataclass(slots=True)
class Overrides:
    """Metadata given on the command line for plain files."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None


# --------------------------------------------------------------- entry points


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Skip]:
    """Articles from files, folders (recursively) and ``-`` (stdin)."""
    meta = Overrides(published, outlet, url)
    for path in paths:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(data, name="<stdin>", meta=meta, max_bytes=max_bytes)
            continue
        p = Path(path)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file()):
                if not _IGNORED.match(child.name):
                    yield from read_file(child, meta=meta, max_bytes=max_bytes)
        else:
            yield from read_file(p, meta=meta, max_bytes=max_bytes)


def read_file(
    path: Path, *, meta: Overrides | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skip]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError("E108", size=size, cap=max_bytes)
        data = path.read_bytes()
    except InputError as err:
        yield Skip(name, err.code, err.reason)
        return
    except OSError as err:
        yield Skip(name, "E110", f"cannot read file: {err.strerror or err}")
        return
    yield from read_bytes(data, name=name, meta=meta, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    *,
    name: str,
    meta: Overrides | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Skip]:
    """Articles from raw bytes; the kind comes from the name's suffix, else from the content."""
    meta = meta or Overrides()
    try:
        if len(data) > max_bytes:
            raise InputError("E108", size=len(data), cap=max_bytes)
        kind = sniff(name, data)
        if kind == "warc":
            yield from _from_warc(data, name)
            return
        text = decode(data)
        if kind == "json":
            yield from _from_json(text, name)
            return
        if kind == "feed":
            yield from _from_feed(data, name)
            return
        article = _from_html(text, name, meta) if kind == "html" else parse_text(text, name, meta)
        yield check(article)
    except InputError as err:
        yield Skip(name, err.code, err.reason)


# --------------------------------------------------------------- detection


def sniff(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith(".warc.gz") or lower.endswith(".warc"):
        return "warc"
    suffix = Path(lower).suffix
    if not data.strip():
        raise InputError("E101")
    head = data[:4096].lstrip().lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES or head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"<rss") or head.startswith(b"<feed"):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    if suffix and suffix not in {".", ""} and b"\x00" in data[:8192]:
        raise InputError("E102")
    return "text"


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 first, else the encoding charset-normalizer detects."""
    if not data.strip():
        raise InputError("E101")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("E102")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError("E103", tried="utf-8 and charset detection")
    for match in matches:  # on a tie, Western European text is far the likelier
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
            break
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError("E102")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:4000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(1, len(sample))


_ENGLISH = set(
    "the of and to a in is that for on was with as by at from it he said his be are has "
    "have an not but which were their its they this will who had been after also would "
    "her she more than about over into up one year new two we our".split()
)


def looks_english(text: str) -> tuple[bool, str]:
    """A cheap stopword test: English prose has many of the commonest words."""
    words = re.findall(r"[^\W\d_]+", text[:5000].lower())
    if len(words) < 20:
        return True, "en"
    ratio = sum(1 for w in words if w in _ENGLISH) / len(words)
    if ratio >= 0.08:
        return True, "en"
    latin = sum(1 for w in words if w.isascii()) / len(words)
    return False, "a language other than English" if latin > 0.5 else "non-Latin script"


def check(article: Article) -> Article:
    text = article.body
    if len(text.strip()) < MIN_CHARS:
        raise InputError("E113", chars=len(text.strip()))
    ok, language = looks_english(text)
    if not ok:
        raise InputError("E107", language=language)
    return article


# --------------------------------------------------------------- plain text

_CREDIT_WORD = r"(?:(?:photo|image|picture|pic)(?:\s+(?:credit|courtesy))?s?|credits?|courtesy)"
_CREDIT_IN_LINE = re.compile(
    r"\s*\(\s*" + _CREDIT_WORD + r"\s*:\s*(?P<credit>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$"
    r"|(?<=[.!?])\s+" + _CREDIT_WORD + r"\s*:\s*(?P<tail>[^.]+?)\s*$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\s*\(?\s*" + _CREDIT_WORD + r"\s*:\s*(?P<credit>.+?)\)?\s*$", re.IGNORECASE
)


def _split_credit(line: str) -> tuple[str, str | None]:
    """(caption text, credit) when the line carries a photo credit, else (line, None)."""
    match = _CREDIT_LINE.match(line)
    if match:
        return "", match.group("credit").strip()
    match = _CREDIT_IN_LINE.search(line)
    if match:
        credit = match.group("credit") or match.group("tail")
        return line[: match.start()].strip(), credit.strip()
    return line, None


def _add_once(items: list[str], seen: set[str], text: str) -> None:
    key = normalise_text(text)
    if key and key not in seen:
        seen.add(key)
        items.append(text)


_HEADER = re.compile(r"^(published|date|outlet|source|url|link)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _header(lines: list[str], name: str, meta: Overrides) -> Overrides:
    """Metadata from an optional leading block of ``Published:``/``Outlet:``/``URL:`` lines
    and from a file name that starts with YYYY-MM-DD; command-line values win."""
    found: dict[str, str] = {}
    while lines and (match := _HEADER.match(lines[0])):
        key = {"date": "published", "source": "outlet", "link": "url"}.get(match[1].lower(), match[1].lower())
        found[key] = match[2]
        lines.pop(0)
    if "published" not in found and (match := _NAME_DATE.match(Path(name).name)):
        found["published"] = match[1]
    return Overrides(
        published=meta.published or parse_date(found.get("published")),
        outlet=meta.outlet or found.get("outlet"),
        url=meta.url or found.get("url"),
    )


def parse_text(text: str, name: str = "", meta: Overrides | None = None) -> Article:
    """Plain text: first line title, then a short standfirst, body, captions and credits.

    An optional block of ``Published:``, ``Outlet:`` and ``URL:`` lines may
    come before the title; a file name starting with YYYY-MM-DD gives the date.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    meta = _header(lines, name, meta or Overrides())
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InputError("E101")
    title = lines.pop(0).strip()
    captions: list[str] = []
    credits: list[str] = []
    seen_captions: set[str] = set()
    seen_credits: set[str] = set()
    blocks: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        if not line:
            blocks.append([])
            continue
        caption, credit = _split_credit(line)
        if credit is None:
            blocks[-1].append(line)
            continue
        _add_once(credits, seen_credits, credit)
        if not caption and blocks[-1]:
            caption = blocks[-1].pop()  # a credit alone: the line above is its caption
        if caption:
            _add_once(captions, seen_captions, caption)
    paragraphs = []
    for block in blocks:
        kept = [ln for ln in block if normalise_text(ln) not in seen_captions]
        if kept:
            paragraphs.append(" ".join(kept))
    standfirst = None
    if len(paragraphs) > 1 and len(paragraphs[0]) <= 320 and paragraphs[0].count(". ") <= 1:
        standfirst = paragraphs.pop(0)
    return Article(
        title=title,
        standfirst=standfirst,
        paragraphs=paragraphs,
        captions=captions,
        credits=credits,
        published=meta.published,
        outlet=meta.outlet,
        url=meta.url,
        origin=name,
    )


# --------------------------------------------------------------- HTML


def _figcaptions(html: str) -> list[str]:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, Exception):  # lxml raises ParserError for empty documents
        return []
    found: list[str] = []
    seen: set[str] = set()
    for node in tree.iter("figcaption"):
        text = re.sub(r"\s+", " ", node.text_content()).strip()
        if text:
            _add_once(found, seen, text)
    return found


def _from_html(html: str, name: str, meta: Overrides, url: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url or meta.url, with_metadata=True, include_comments=False, favor_precision=True
    )
    if doc is None:
        raise InputError("E106")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if len(body) < MIN_CHARS:  # menus and footers are not an article
        raise InputError("E106")
    captions_raw = _figcaptions(html)
    captions: list[str] = []
    credits: list[str] = []
    seen_c: set[str] = set()
    seen_k: set[str] = set()
    for raw in captions_raw:
        caption, credit = _split_credit(raw)
        if credit:
            _add_once(credits, seen_k, credit)
        if caption:
            _add_once(captions, seen_c, caption)
    not_body = seen_c | {normalise_text(c) for c in captions_raw}  # captions with or without credit
    paragraphs = [p.strip() for p in body.split("\n") if p.strip() and normalise_text(p) not in not_body]
    title = (data.get("title") or "").strip()
    if paragraphs and title and normalise_text(paragraphs[0]) == normalise_text(title):
        paragraphs.pop(0)  # the headline, repeated as the first block
    published = meta.published or parse_date(data.get("date"))
    return Article(
        title=title or (paragraphs[0][:120] if paragraphs else ""),
        standfirst=(data.get("description") or None),
        paragraphs=paragraphs,
        captions=captions,
        credits=credits,
        url=url or meta.url or data.get("url"),
        outlet=meta.outlet or data.get("sitename") or data.get("hostname"),
        published=published,
        author=data.get("author"),
        origin=name,
    )


# --------------------------------------------------------------- JSON


def parse_date(value: Any) -> date | None:
    """A date from an ISO-like string, a datetime or None; raises on garbage."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.lower() in {"none", "null", "nan", "unknown", "n/a"}:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError("E114", field="published", value=text)
    return parsed.date()


def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n|\n", text.replace("\r\n", "\n"))
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]


def article_from_record(record: Any, name: str) -> Article:
    """One JSON object -> Article (fields: title, text|body, published, url, outlet)."""
    if not isinstance(record, dict):
        raise InputError("E115")
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        raise InputError("E105")
    published = parse_date(
        record.get("published") or record.get("date_publish") or record.get("date")
    )
    paragraphs = _paragraphs(text)
    standfirst = record.get("standfirst") or record.get("description")
    if isinstance(standfirst, str):
        head = normalise_text(standfirst)[:60]
        if not head or normalise_text(text).startswith(head):
            standfirst = None
    else:
        standfirst = None
    return check(
        Article(
            title=str(record.get("title") or "").strip() or paragraphs[0][:120],
            standfirst=standfirst,
            paragraphs=paragraphs,
            captions=list(record.get("captions") or []),
            credits=list(record.get("credits") or []),
            url=record.get("url"),
            outlet=record.get("outlet") or record.get("publisher") or record.get("source"),
            published=published,
            author=record.get("author"),
            origin=name,
        )
    )


def _from_json(text: str, name: str) -> Iterator[Article | Skip]:
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None  # fall through to line-by-line reading
        if data is not None:
            records = data if isinstance(data, list) else [data]
            for i, record in enumerate(records, 1):
                yield _record_or_skip(record, name, i)
            return
    yield from json_lines(text.splitlines(), name)


def json_lines(lines: Iterable[str], name: str, *, first: int = 1) -> Iterator[Article | Skip]:
    """Articles from JSON lines numbered from ``first`` (a batch chunk starts mid-file)."""
    for i, line in enumerate(lines, first):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skip(name, "E104", f"malformed JSON: {err.msg} at column {err.colno}", line=i)
            continue
        yield _record_or_skip(record, name, i)


def _record_or_skip(record: Any, name: str, line: int) -> Article | Skip:
    try:
        return article_from_record(record, f"{name}:{line}")
    except InputError as err:
        return Skip(name, err.code, err.reason, line=line)


# --------------------------------------------------------------- feeds


def _strip_html(fragment: str) -> str:
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment
    try:
        tree = lxml_html.fromstring(f"<div>{fragment}</div>")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment)
    blocks = [re.sub(r"\s+", " ", el.text_content()).strip() for el in tree.iter("p")]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else re.sub(r"\s+", " ", tree.text_content()).strip()


def _from_feed(data: bytes, name: str) -> Iterator[Article | Skip]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        detail = str(getattr(feed, "bozo_exception", "no items"))
        yield Skip(name, "E111", f"feed has no items or cannot be parsed: {detail}")
        return
    outlet = feed.feed.get("title")
    for i, entry in enumerate(feed.entries, 1):
        content = entry.get("content")
        html = content[0].get("value") if content else entry.get("summary", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        record = {
            "title": entry.get("title", ""),
            "text": _strip_html(html or ""),
            "published": date(*stamp[:3]) if stamp else None,
            "url": entry.get("link"),
            "outlet": outlet,
            "author": entry.get("author"),
        }
        yield _record_or_skip(record, name, i)


# --------------------------------------------------------------- WARC


def _from_warc(data: bytes, name: str) -> Iterator[Article | Skip]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            where = f"{name}#{url}"
            try:
                html = decode(record.content_stream().read())
                article = check(_from_html(html, where, Overrides(), url=url))
                stamp = record.rec_headers.get_header("WARC-Date")
                if article.published is None and stamp:
                    article.published = parse_date(stamp[:10])
                yield article
            except InputError as err:
                yield Skip(where, err.code, err.reason, line=n)
    except (ArchiveLoadFailed, OSError, ValueError) as err:
        yield Skip(name, "E112", f"WARC record cannot be read: {err}")
