"""JSON and JSON lines: one article per object; a bad line skips that line only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InputError
from ..records import Article, Skip, normalise_text
from .common import check, parse_date
from .furniture import clean


def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n\s*\n|\n", text.replace("\r\n", "\n"))
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


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
    cleaned = clean(
        _paragraphs(text), captions=_strings(record.get("captions")), credits=_strings(record.get("credits"))
    )
    paragraphs = cleaned.paragraphs
    standfirst = record.get("standfirst") or record.get("description")
    if isinstance(standfirst, str):
        head = normalise_text(standfirst)[:60]
        if not head or normalise_text(text).startswith(head):
            standfirst = None
    else:
        standfirst = None
    return check(
        Article(
            title=str(record.get("title") or "").strip() or (paragraphs[0][:120] if paragraphs else ""),
            standfirst=standfirst,
            paragraphs=paragraphs,
            captions=cleaned.captions,
            credits=cleaned.credits,
            url=record.get("url"),
            outlet=record.get("outlet") or record.get("publisher") or record.get("source"),
            published=published,
            author=record.get("author"),
            origin=name,
        )
    )


def from_json(text: str, name: str) -> Iterator[Article | Skip]:
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None  # fall through to line-by-line reading
        if data is not None:
            records = data if isinstance(data, list) else [data]
            for i, record in enumerate(records, 1):
                yield record_or_skip(record, name, i)
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
        yield record_or_skip(record, name, i)


def record_or_skip(record: Any, name: str, line: int) -> Article | Skip:
    try:
        return article_from_record(record, f"{name}:{line}")
    except InputError as err:
        return Skip(name, err.code, err.reason, line=line)
