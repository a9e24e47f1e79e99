"""WARC archives: every HTML response record becomes an article, its URL from the record.

Bodies sent compressed (Content-Encoding gzip, deflate or br) are unpacked:
warcio decodes gzip and deflate itself, br needs the ``brotli`` package
(else the record is a coded skip, E116), and a body that is still gzip after
that (sent twice compressed, or with no header) is unpacked too.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..records import Article, Skip
from .common import DEFAULT_MAX_BYTES, Overrides, check, decode, parse_date
from .compressed import unpack
from .html import from_html


def _body(record: Any, max_bytes: int) -> bytes:
    """The record's HTTP body, unpacked whatever its Content-Encoding."""
    from warcio.bufferedreaders import BufferedReader

    encoding = (record.http_headers.get_header("Content-Encoding") or "").strip().lower()
    data = record.content_stream().read(max_bytes + 1)  # a gzip bomb stops at the cap
    if len(data) > max_bytes:
        raise InputError("E108", size=f"over {max_bytes}", cap=max_bytes)
    if encoding and encoding in BufferedReader.get_supported_decompressors():
        encoding = ""  # warcio has decoded it; only a second layer of gzip may be left
    return unpack(data, encoding=encoding or None, max_bytes=max_bytes)


def _article(record: Any, where: str, url: str | None, max_bytes: int) -> Article:
    html = decode(_body(record, max_bytes))
    article = check(from_html(html, where, Overrides(), url=url))
    stamp = record.rec_headers.get_header("WARC-Date")
    if article.published is None and stamp:
        article.published = parse_date(stamp[:10])
    return article


def from_warc(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Skip]:
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
                yield _article(record, where, url, max_bytes)
            except InputError as err:
                yield Skip(where, err.code, err.reason, line=n)
            except Exception as err:  # one record's failure is that record's skip
                yield Skip(where, "E118", f"input could not be read: {type(err).__name__}", line=n)
    except (ArchiveLoadFailed, OSError, ValueError) as err:
        yield Skip(name, "E112", f"WARC record cannot be read: {err}")
