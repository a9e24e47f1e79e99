"""What every reader shares: metadata overrides, decoding, the English and length checks,
photo-credit splitting and publication dates."""

from __future__ import annotations

import dataclasses
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
    """Bytes to text: a byte-order mark, else UTF-8 (allowing a stray bad byte in real UTF-8),
    else the legacy code page that reads most like text (`decode_legacy`)."""
    if not data.strip():
        raise InputError("E101")
    data = data.removeprefix(b"\xef\xbb\xbf")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputError("E103", tried=codec) from None
    if b"\x00" in data[:8192]:
        raise InputError("E102")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    multibyte = sum(1 for c in loose if ord(c) > 127) - bad
    text = loose if multibyte >= 1 and bad <= multibyte else decode_legacy(data)
    if _control_ratio(text) > 0.05:
        raise InputError("E102")
    return text


#: Byte-order marks (the UTF-32 ones first: they start like UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: Letters of Western European text: ASCII, Latin-1's and the few more of cp1252.
_WESTERN = {chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha()} | set("ŒœŠšŽžŸƒ")
#: Marks that may stand inside a word (apostrophes, hyphens) without looking odd.
_IN_WORD = set("\u2019\u2018\u2010\u2011\u2013\u2014\u00b7\u00ad")


def decode_legacy(data: bytes) -> str:
    """Non-UTF-8 bytes: charset-normalizer's best guess, unless cp1252 reads as Western text
    with no more odd characters (a tie goes to cp1252: it and Latin-1 are by far the commonest,
    and on short texts the detector ranks a Baltic or Central European page first)."""
    from charset_normalizer import from_bytes

    western = _cp1252(data)
    best = from_bytes(data).best()
    guess = None if best is None or best.encoding is None else str(best)
    if guess is None or (_western(western) and _oddness(western) <= _oddness(guess)):
        if guess is None and not _western(western):
            raise InputError("E103", tried="utf-8, cp1252 and charset detection")
        return western
    return guess


def _cp1252(data: bytes) -> str:
    """cp1252, with Latin-1 for the five bytes cp1252 leaves undefined."""
    text = data.decode("cp1252", errors="surrogateescape")
    return re.sub("[\udc80-\udcff]", lambda m: chr(ord(m.group()) - 0xDC00), text)


def _western(text: str) -> bool:
    """Letters mostly ASCII and the rest Western European: how English news looks in cp1252."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return True
    foreign = sum(1 for c in letters if ord(c) > 127)
    return foreign <= 0.3 * len(letters)


def _oddness(text: str) -> int:
    """How unlike text a decoding reads: letters outside the Western set, control characters
    and replacement marks, and symbols inside words (cp1250's "ą" read as cp1252 is "s¹")."""
    sample = text[:20000]
    odd = 0
    for i, c in enumerate(sample):
        if ord(c) < 128:
            continue
        if c.isalpha():
            odd += c not in _WESTERN
        elif 0x80 <= ord(c) <= 0x9F or c == "\ufffd":
            odd += 3
        elif (c not in _IN_WORD and 0 < i < len(sample) - 1
              and sample[i - 1].isalpha() and sample[i + 1].isalpha()):
            odd += 2
    return odd


def _control_ratio(text: str) -> float:
    sample = text[:4000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(1, len(sample))


_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text any store can hold and any stage can read: lone surrogates become U+FFFD, NUL and
    other control characters (but tab and line breaks) and stray byte-order marks are dropped,
    vertical tabs and form feeds become line breaks."""
    if text.isascii() and text.isprintable():
        return text
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _UNSAFE.sub("", text)


def _clean_optional(value: Any) -> str | None:
    if value is None:
        return None
    return clean_text(value if isinstance(value, str) else str(value)) or None


def sanitise(article: Article) -> Article:
    """The article with every text field cleaned (`clean_text`); its id follows the clean text."""
    fields: dict[str, Any] = {
        "title": clean_text(str(article.title or "")),
        "paragraphs": [p for p in (clean_text(str(x)) for x in article.paragraphs) if p.strip()],
        "captions": [c for c in (clean_text(str(x)) for x in article.captions) if c.strip()],
        "credits": [c for c in (clean_text(str(x)) for x in article.credits) if c.strip()],
        **{key: _clean_optional(getattr(article, key))
           for key in ("standfirst", "url", "outlet", "author", "origin")},
    }
    fields["origin"] = fields["origin"] or ""
    if all(getattr(article, key) == value for key, value in fields.items()):
        return article
    return dataclasses.replace(article, **fields, id="")


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
    """The article, cleaned, if it is long enough and English; else a coded InputError."""
    article = sanitise(article)
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

    if len(text) > 100:  # no date is this long, and dateparser's cost grows with the text
        raise InputError("E114", field="published", value=text[:57] + "...")
    try:
        parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser's own failures on odd strings: this value's, not the run's
        parsed = None
    if parsed is None:
        raise InputError("E114", field="published", value=text)
    return parsed.date()
