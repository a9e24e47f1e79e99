"""Plain text: title line, standfirst, body, captions and credits, optional metadata lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..records import Article, normalise_text
from .common import Overrides, add_once, parse_date, split_credit
from .furniture import clean

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
        caption, credit = split_credit(line)
        if credit is None:
            blocks[-1].append(line)
            continue
        add_once(credits, seen_credits, credit)
        if not caption and blocks[-1]:
            caption = blocks[-1].pop()  # a credit alone: the line above is its caption
        if caption:
            add_once(captions, seen_captions, caption)
    paragraphs = []
    for block in blocks:
        kept = [ln for ln in block if normalise_text(ln) not in seen_captions]
        if kept:
            paragraphs.append(" ".join(kept))
    cleaned = clean(paragraphs, captions=captions, credits=credits)
    paragraphs, captions, credits = cleaned.paragraphs, cleaned.captions, cleaned.credits
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
