"""RSS and Atom feeds: one article per item, with its date and link (feedparser); figure
captions in an item's HTML go to its captions, and its text through the furniture table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..records import Article, Skip
from .html import page_captions
from .jsonl import record_or_skip


def _strip_html(fragment: str) -> tuple[str, list[str], list[str]]:
    """An item's HTML as text blocks, with its figure captions and credits taken out."""
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment, [], []
    try:
        tree = lxml_html.fromstring(f"<div>{fragment}</div>")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment), [], []
    captions, credits, _ = page_captions(tree)
    blocks = [re.sub(r"\s+", " ", el.text_content()).strip() for el in tree.iter("p")]
    blocks = [b for b in blocks if b]
    text = "\n".join(blocks) if blocks else re.sub(r"\s+", " ", tree.text_content()).strip()
    return text, captions, credits


def from_feed(data: bytes, name: str) -> Iterator[Article | Skip]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        detail = str(getattr(feed, "bozo_exception", "no items"))
        yield Skip(name, "E111", f"feed has no items or cannot be parsed: {detail}")
        return
    outlet = feed.feed.get("title")
    for i, entry in enumerate(feed.entries, 1):
        try:
            record = _record(entry, outlet)
        except Exception as err:  # one item's failure is that item's skip
            yield Skip(name, "E118", f"input could not be read: {type(err).__name__}", line=i)
            continue
        yield record_or_skip(record, name, i)


def _record(entry: Any, outlet: str | None) -> dict[str, Any]:
    """One feed item as the fields of a JSON record."""
    content = entry.get("content")
    html = content[0].get("value") if content else entry.get("summary", "")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    text, captions, credits = _strip_html(html or "")
    return {
        "title": entry.get("title", ""),
        "text": text,
        "captions": captions,
        "credits": credits,
        "published": date(*stamp[:3]) if stamp else None,
        "url": entry.get("link"),
        "outlet": outlet,
        "author": entry.get("author"),
    }
