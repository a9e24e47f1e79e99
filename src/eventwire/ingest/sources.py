"""Sources -> Article records: files, folders and stdin, each read by the module of its format.

Every unreadable file, line, item or record becomes a `Skip` with a stable
code; nothing stops a batch. `read_paths` is what the shells call; the kind
of a source comes from its name's suffix, else from its first bytes (`sniff`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import MESSAGES, InputError
from ..records import Article, Skip
from .common import DEFAULT_MAX_BYTES, Overrides, check, decode
from .compressed import GZIP_MAGIC, unpack
from .feed import from_feed
from .html import from_html
from .jsonl import from_json_bytes
from .text import parse_text
from .warc import from_warc

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
#: Files a folder walk passes over: hidden files and the folder's own notes.
_IGNORED = re.compile(r"^(\.|(readme|license|licence|changelog)(\.\w+)?$)", re.IGNORECASE)
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES | {".warc"}


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
                if _IGNORED.match(child.name):
                    continue
                if (suffix := foreign_suffix(child.name)) is not None:
                    yield Skip(str(child), "E109", MESSAGES["E109"].format(suffix=suffix))
                else:
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
        with path.open("rb") as handle:  # at most the cap: a pipe or a device has no size
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("E108", size=f"over {max_bytes}", cap=max_bytes)
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
        inner = name
        if data[:2] == GZIP_MAGIC and not name.lower().endswith(".warc.gz"):
            data = unpack(data, max_bytes=max_bytes)  # story.html.gz, or gzip sent on stdin
            inner = name[:-3] if name.lower().endswith(".gz") else name
        kind = sniff(inner, data)
        if kind == "warc":
            yield from from_warc(data, name, max_bytes=max_bytes)
            return
        if kind == "json":
            yield from from_json_bytes(data, name)
            return
        if kind == "feed":
            yield from from_feed(data, name)
            return
        text = decode(data)
        article = from_html(text, name, meta) if kind == "html" else parse_text(text, name, meta)
        yield check(article)
    except InputError as err:
        yield Skip(name, err.code, err.reason)
    except Exception as err:  # a reader's own failure: this file's skip, never the run's end
        yield Skip(name, "E118", MESSAGES["E118"].format(detail=f"{type(err).__name__}: {err}"[:200]))


# --------------------------------------------------------------- detection


def foreign_suffix(name: str) -> str | None:
    """The suffix of a file a folder walk does not read as an article: a word suffix of no
    format eventwire reads (".ann", ".tsv", ".py" beside the articles of a corpus), so a
    corpus's annotations and tables are not stored as news. Files with no suffix or a
    non-word one ("story.2016-11-09") are read by their content; a file named on the
    command line is always read."""
    lower = name.lower().removesuffix(".gz")
    suffix = Path(lower).suffix
    if not suffix[1:].isalpha() or suffix in ARTICLE_SUFFIXES:
        return None
    return suffix


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
