"""HTML pages: trafilatura for the body and metadata, lxml for figure captions."""

from __future__ import annotations

import re

from ..errors import InputError
from ..records import Article, normalise_text
from .common import MIN_CHARS, Overrides, add_once, parse_date, split_credit


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
            add_once(found, seen, text)
    return found


def from_html(html: str, name: str, meta: Overrides, url: str | None = None) -> Article:
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
        caption, credit = split_credit(raw)
        if credit:
            add_once(credits, seen_k, credit)
        if caption:
            add_once(captions, seen_c, caption)
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
