"""What every reader shares: metadata overrides, decoding, the English and length checks,
photo-credit splitting and publication dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from ..errors import InputError
from ..records import Article, normalise_text
from .language import looks_english

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_CHARS = 40


@dataclass(slots=True)
class Overrides:
    """Metadata given on the command line for plain files."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None


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


@cache
def _outlets() -> tuple[dict[str, str], dict[str, str]]:
    """(registered domain -> outlet name, folded name, alias or domain label -> outlet name)."""
    from ..datafiles import DATA, read_tsv

    by_domain: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for row in read_tsv(DATA / "outlets.tsv"):
        domain, name = row["domain"].lower(), row["name"]
        by_domain.setdefault(domain, name)
        for key in (name, domain, domain.split(".")[0], *row["aliases"].split("|")):
            if key.strip():
                by_key.setdefault(_fold(key), name)
    return by_domain, by_key


def _fold(name: str) -> str:
    return re.sub(r"[\W_]+", "", normalise_text(name)).removeprefix("the") or name.lower()


@cache
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # its bundled suffix list


def registered_domain(url: str | None) -> str | None:
    """``news.example.co.uk`` for any URL on that site; None for no URL, IP addresses and localhost."""
    if not url or not isinstance(url, str):
        return None
    parts = _extractor()(url.strip())
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}".lower()


def outlet_name(given: str | None, url: str | None = None) -> str | None:
    """The outlet that published an article, by a readable name.

    ``given`` (a publisher field, an ``Outlet:`` line, a page's site name)
    wins, written as data/outlets.tsv names it when it is one of a listed
    outlet's names or short forms ("dailymail" -> "Daily Mail"); with no
    name given, the URL's registered domain gives it (its listed name, else
    the domain itself). DOCS: docs/stories.md
    """
    by_domain, by_key = _outlets()
    if given and str(given).strip():
        given = re.sub(r"\s+", " ", str(given)).strip()
        if not re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", given):  # a host name is read as a URL
            return by_key.get(_fold(given), given)
        url = given
    domain = registered_domain(url)
    if domain is None:
        return None
    return by_domain.get(domain, domain)


def check(article: Article) -> Article:
    article.outlet = outlet_name(article.outlet, article.url)
    text = article.body
    if len(text.strip()) < MIN_CHARS:
        raise InputError("E113", chars=len(text.strip()))
    ok, language = looks_english(text)
    if not ok:
        raise InputError("E107", language=language)
    return article


_CREDIT_WORD = r"(?:(?:photo|image|picture|pic)(?:\s+(?:credit|courtesy))?s?|credits?|courtesy)"
_CREDIT_IN_LINE = re.compile(
    r"\s*\(\s*" + _CREDIT_WORD + r"\s*:\s*(?P<credit>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$"
    r"|(?<=[.!?])\s+" + _CREDIT_WORD + r"\s*:\s*(?P<tail>[^.]+?)\s*$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\s*\(?\s*" + _CREDIT_WORD + r"\s*:\s*(?P<credit>.+?)\)?\s*$", re.IGNORECASE
)


def split_credit(line: str) -> tuple[str, str | None]:
    """(caption text, credit) when the line carries a photo credit, else (line, None)."""
    match = _CREDIT_LINE.match(line)
    if match:
        return "", match.group("credit").strip()
    match = _CREDIT_IN_LINE.search(line)
    if match:
        credit = match.group("credit") or match.group("tail")
        return line[: match.start()].strip(), credit.strip()
    return line, None


def add_once(items: list[str], seen: set[str], text: str) -> None:
    key = normalise_text(text)
    if key and key not in seen:
        seen.add(key)
        items.append(text)


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
