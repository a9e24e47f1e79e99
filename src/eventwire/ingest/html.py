"""HTML pages: trafilatura for the body and metadata, lxml for photo captions and credits.

Captions are found by their markup, as news sites write it: ``<figcaption>``
and elements whose class or ``itemprop`` says caption, credit, copyright or
byline (BBC ``media-caption``/``story-image-copyright``, Guardian
``itemprop="description"``, NYT ``caption-text``/``credit``, Daily Mail
``imageCaption``, Telegraph and Reuters spans). They are taken out of the tree
before trafilatura reads the body, then the body goes through the furniture
table like every other format. A page whose body comes out empty, or as only
a cookie, reprint or subscription notice, is read again with trafilatura's
recall settings before it is stored or skipped.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..errors import InputError
from ..records import Article, normalise_text
from .common import MIN_CHARS, Overrides, parse_date
from .furniture import Cleaned, clean, clean_caption

_CREDIT_PROPS = {"copyrightholder", "credittext", "copyrightnotice"}
_FIGURE_CREDIT_PROPS = {"creator", "author"}
_NOT_A_PART = re.compile(r"container|wrap|group|^has-|with-|^no-", re.IGNORECASE)
_CAPTION_CLASS = re.compile(r"caption(?:$|_|-)|imagecaption|^caption", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"(?:credit|copyright)(?:$|_|-)", re.IGNORECASE)
_MAX_CAPTION = 1000
_NOTICES = {"cookie", "reprint", "subscription", "newsletter"}


def _classes(node: Any) -> list[str]:
    return [c for c in (node.get("class") or "").split() if not _NOT_A_PART.search(c)]


def _role(node: Any) -> str | None:
    """caption, credit, byline or None, from the element's tag, class and itemprop."""
    if not isinstance(node.tag, str):
        return None
    classes = _classes(node)
    props = set((node.get("itemprop") or "").lower().split())
    figure = _in_figure(node)
    if any(_CREDIT_CLASS.search(c) for c in classes) or _CREDIT_PROPS & props:
        return "credit"
    if figure and _FIGURE_CREDIT_PROPS & props:
        return "credit"
    if node.tag == "figcaption" or "caption" in props or any(_CAPTION_CLASS.search(c) for c in classes):
        return "caption"
    if figure and "description" in props:
        return "caption"
    if any("byline" in c.lower() for c in classes) or "author" in props:
        return "byline"
    return None


def _in_figure(node: Any) -> bool:
    for parent in node.iterancestors():
        if parent.tag == "figure" or "imageobject" in (parent.get("itemtype") or "").lower():
            return True
    return False


def _text(node: Any) -> str:
    return re.sub(r"\s+", " ", " ".join(node.itertext())).strip()


_CREDIT_LABEL = re.compile(
    r"^(?:image\s+)?(?:copyright|credits?|photo(?:graph)?s?|pictures?|images?)\b\s*[.:…]*\s*", re.IGNORECASE
)


def _credit(text: str) -> str:
    """A credit element's text without its label and brackets ("Credit: X", "(X/AP)")."""
    return _CREDIT_LABEL.sub("", text.strip()).strip("()[] ")


def page_captions(tree: Any) -> tuple[list[str], list[str], list[str]]:
    """(captions, credits, bylines) marked up in the page; caption and credit elements are
    removed from ``tree`` so the body does not repeat them."""
    found: dict[str, list[str]] = {"caption": [], "credit": [], "byline": []}
    roles = {node: role for node in tree.iter() if (role := _role(node))}
    for role in ("credit", "caption", "byline"):
        for node, its in list(roles.items()):
            if its != role or any(roles.get(a) == role for a in node.iterancestors()):
                continue
            text = _text(node)
            if text and len(text) <= _MAX_CAPTION:
                found[role].append(text)
            if role != "byline" and node.getparent() is not None:
                node.drop_tree()
    captions: list[str] = []
    credits = [c for c in map(_credit, found["credit"]) if c]
    for text in found["caption"]:
        more_captions, more_credits = clean_caption(text)
        captions += more_captions
        credits += more_credits
    return captions, credits, found["byline"]


def _extract(tree: Any, url: str | None, *, recall: bool) -> dict[str, Any] | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        copy.deepcopy(tree), url=url, with_metadata=True, include_comments=False,
        favor_precision=not recall, favor_recall=recall,
    )
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _body(
    data: dict[str, Any], captions: list[str], credits: list[str], bylines: list[str]
) -> tuple[Cleaned | None, bool]:
    """The cleaned body of one extraction (None when it is no article), and whether what
    came out was only a notice (cookies, reprints, subscriptions)."""
    not_body = {normalise_text(t) for t in [*captions, *credits, *bylines]}
    lines = [p.strip() for p in (data.get("text") or "").split("\n") if p.strip()]
    title = (data.get("title") or "").strip()
    if lines and title and normalise_text(lines[0]) == normalise_text(title):
        lines.pop(0)  # the headline, repeated as the first block
    cleaned = clean([p for p in lines if normalise_text(p) not in not_body], captions=captions, credits=credits)
    if len(" ".join(cleaned.paragraphs)) >= MIN_CHARS:
        return cleaned, False
    return None, any(kind in _NOTICES for kind, _ in cleaned.dropped)


def _load(html: str) -> Any:
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (ValueError, TypeError) as err:
        raise InputError("E106") from err


def from_html(html: str, name: str, meta: Overrides, url: str | None = None) -> Article:
    tree = _load(html)
    if tree is None:
        raise InputError("E106")
    captions, credits, bylines = page_captions(tree)
    cleaned = data = None
    for recall in (False, True):  # only a notice came out: read again with recall settings
        data = _extract(tree, url or meta.url, recall=recall)
        cleaned, notice = _body(data, captions, credits, bylines) if data else (None, False)
        if cleaned is not None or not notice:
            break
    if cleaned is None or data is None:
        raise InputError("E106")
    title = (data.get("title") or "").strip()
    return Article(
        title=title or cleaned.paragraphs[0][:120],
        standfirst=(data.get("description") or None),
        paragraphs=cleaned.paragraphs,
        captions=cleaned.captions,
        credits=cleaned.credits,
        url=url or meta.url or data.get("url"),
        outlet=meta.outlet or data.get("sitename") or data.get("hostname"),
        published=meta.published or parse_date(data.get("date")),
        author=data.get("author"),
        origin=name,
    )
