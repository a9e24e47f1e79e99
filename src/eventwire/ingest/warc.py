"""WARC archives: every HTML response record becomes an article, its URL from the record."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..errors import InputError
from ..records import Article, Skip
from .common import DEFAULT_MAX_BYTES, Overrides, check, decode, parse_date
from .html import from_html


def from_warc(data: bytes, name: str) -> Iterator[Article | Skip]:
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
                body = record.content_stream().read(DEFAULT_MAX_BYTES + 1)  # a gzip bomb stops here
                if len(body) > DEFAULT_MAX_BYTES:
                    raise InputError("E108", size=f"over {DEFAULT_MAX_BYTES}", cap=DEFAULT_MAX_BYTES)
                html = decode(body)
                article = check(from_html(html, where, Overrides(), url=url))
                stamp = record.rec_headers.get_header("WARC-Date")
                if article.published is None and stamp:
                    article.published = parse_date(stamp[:10])
                yield article
            except InputError as err:
                yield Skip(where, err.code, err.reason, line=n)
            except Exception as err:  # one record's failure is that record's skip
                yield Skip(where, "E116", f"input could not be read: {type(err).__name__}", line=n)
    except (ArchiveLoadFailed, OSError, ValueError) as err:
        yield Skip(name, "E112", f"WARC record cannot be read: {err}")
