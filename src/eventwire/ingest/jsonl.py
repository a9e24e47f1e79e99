"""JSON and JSON lines: one article per object; a bad line skips that line only.

Every field is checked by type (`article_from_record`): a field of the wrong
type (an outlet that is a list, captions that are a number) skips its record
with E114, naming the field. Lines are split on LF, CRLF or CR only (a JSON
string may hold U+2028 or NEL raw) and each line is decoded on its own, so
one line in another encoding, or a NUL byte, costs that line alone;
`iter_lines` is shared with `eventwire batch`, which numbers lines the same way.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import IO, Any

from ..errors import InputError
from ..records import Article, Skip, normalise_text
from .common import check, clean_text, decode, decode_legacy, parse_date
from .furniture import clean

#: The names each field may go by, first found wins.
TEXT_KEYS = ("text", "body", "content")
DATE_KEYS = ("published", "date_publish", "date")
OUTLET_KEYS = ("outlet", "publisher", "source")
STANDFIRST_KEYS = ("standfirst", "description")
#: Unix times (seconds, or milliseconds) accepted for a date given as a number.
_SECONDS = (1e8, 1e11)
_MILLISECONDS = (1e11, 1e14)


def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n|\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple | dict):
        return "an object" if isinstance(value, dict) else "a list"
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _bad(key: str, value: Any) -> InputError:
    return InputError("E114", field=key, value=_shown(value))


def string_field(record: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` with a value: a string, or a number written as text; else E114."""
    for key in keys:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _bad(key, value)
        if isinstance(value, float) and not math.isfinite(value):
            raise _bad(key, value)
        try:
            text = clean_text(value if isinstance(value, str) else str(value)).strip()
        except ValueError:  # an integer too long to write out
            raise _bad(key, "a number of too many digits") from None
        if text:
            return text
    return None


def strings_field(record: dict[str, Any], key: str) -> list[str]:
    """A list of strings (a single string is a list of one); anything else is E114."""
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _bad(key, value)
    return [text for v in value if (text := clean_text(v).strip())]


def date_field(record: dict[str, Any]) -> date | None:
    """The publication date: an ISO-like string, a date, or a Unix time in s or ms."""
    for key in DATE_KEYS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, date):
            return value.date() if isinstance(value, datetime) else value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _unix_date(key, value)
        if not isinstance(value, str) or len(value) > 100:
            raise _bad(key, value)
        try:
            return parse_date(clean_text(value))
        except Exception:  # dateparser's own errors too: the record's, not the run's
            raise _bad(key, value) from None
    return None


def _unix_date(key: str, value: float) -> date:
    for (low, high), scale in ((_SECONDS, 1), (_MILLISECONDS, 1000)):
        if math.isfinite(value) and low <= abs(value) < high:
            return datetime.fromtimestamp(value / scale, UTC).date()
    raise _bad(key, value)


def _text(record: dict[str, Any]) -> str:
    for key in TEXT_KEYS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise _bad(key, value)
        text = clean_text(value)
        if text.strip():
            return text
    raise InputError("E105")


def article_from_record(record: Any, name: str) -> Article:
    """One JSON object -> Article (fields: title, text|body, published, url, outlet)."""
    if not isinstance(record, dict):
        raise InputError("E115")
    text = _text(record)
    raw = _paragraphs(text)
    if not raw:
        raise InputError("E105")
    cleaned = clean(raw, captions=strings_field(record, "captions"), credits=strings_field(record, "credits"))
    paragraphs = cleaned.paragraphs  # page furniture taken out; none left is too short (E113)
    standfirst = string_field(record, *STANDFIRST_KEYS)
    if standfirst is not None:
        head = normalise_text(standfirst)[:60]
        if not head or normalise_text(text).startswith(head):
            standfirst = None
    return check(
        Article(
            title=string_field(record, "title") or (paragraphs[0][:120] if paragraphs else ""),
            standfirst=standfirst,
            paragraphs=paragraphs,
            captions=cleaned.captions,
            credits=cleaned.credits,
            url=string_field(record, "url"),
            outlet=string_field(record, *OUTLET_KEYS),
            published=date_field(record),
            author=string_field(record, "author"),
            origin=name,
        )
    )


# ------------------------------------------------------------------ files and lines


def iter_lines(handle: IO[bytes] | Iterable[bytes]) -> Iterator[bytes]:
    """The lines of a binary stream split on LF, CRLF or CR (never on U+2028 or NEL)."""
    for raw in handle:
        if raw.endswith(b"\n"):
            raw = raw[:-1].removesuffix(b"\r")
        yield from raw.split(b"\r")


def decode_line(raw: bytes) -> str:
    """One line's text: UTF-8, else the legacy code page it reads best in."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_legacy(raw)


def from_json_bytes(data: bytes, name: str) -> Iterator[Article | Skip]:
    """A JSON document (an object or an array of them) or JSON lines, from raw bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        yield from from_json(decode(data), name)  # UTF-16 or UTF-32: decoded whole
        return
    data = data.removeprefix(b"\xef\xbb\xbf")
    stripped = data.lstrip()
    if stripped.startswith(b"[") or (stripped.startswith(b"{") and b"\n{" not in stripped):
        document = _document(data)
        if document is not None:
            records = document if isinstance(document, list) else [document]
            for i, record in enumerate(records, 1):
                yield record_or_skip(record, name, i)
            return
    yield from raw_lines(iter_lines(io.BytesIO(data)), name)


def _document(data: bytes) -> Any:
    try:
        return json.loads(decode(data))
    except (InputError, ValueError, RecursionError):
        return None  # read it line by line instead


def from_json(text: str, name: str) -> Iterator[Article | Skip]:
    """A JSON document or JSON lines, from text."""
    yield from from_json_bytes(text.encode("utf-8", errors="replace"), name)


def raw_lines(lines: Iterable[bytes], name: str, *, first: int = 1) -> Iterator[Article | Skip]:
    """Articles from undecoded JSON lines numbered from ``first`` (a batch chunk starts mid-file)."""
    for i, raw in enumerate(lines, first):
        if not raw.strip():
            continue
        try:
            line = decode_line(raw)
        except InputError as err:
            yield Skip(name, err.code, err.reason, line=i)
            continue
        yield _line(line, name, i)


def json_lines(lines: Iterable[str], name: str, *, first: int = 1) -> Iterator[Article | Skip]:
    """Articles from JSON lines (text) numbered from ``first``."""
    for i, line in enumerate(lines, first):
        if line.strip():
            yield _line(line, name, i)


def _line(line: str, name: str, i: int) -> Article | Skip:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Skip(name, "E104", f"malformed JSON: {err.msg} at column {err.colno}", line=i)
    except RecursionError:
        return Skip(name, "E104", "malformed JSON: nested too deeply", line=i)
    except ValueError as err:  # an integer of more digits than Python reads
        return Skip(name, "E104", f"malformed JSON: {str(err).split(':')[0]}", line=i)
    return record_or_skip(record, name, i)


def record_or_skip(record: Any, name: str, line: int) -> Article | Skip:
    """The record's article, or a coded skip: no record, however odd, escapes as an exception."""
    try:
        return article_from_record(record, f"{name}:{line}")
    except InputError as err:
        return Skip(name, err.code, err.reason, line=line)
    except (ValueError, TypeError, RecursionError, OverflowError) as err:
        return Skip(name, "E114", f"record cannot be read: {type(err).__name__}", line=line)
