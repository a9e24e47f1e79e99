"""Date phrases -> DateValue, relative to the publication date (issue 6).

A small grammar of regular expressions decides the common news forms
("January 7, 2023", "on Saturday", "in June", "last week") and keeps the
precision the text supports. dateparser is called only for explicit forms
the grammar does not know ("07/01/2023"), and every answer is cached.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..datafiles import DATA, rows
from ..records import DateValue, Precision

WORDS_FILE = DATA / "date_words.tsv"
PREPS = ("as of", "on", "in", "at", "since", "by", "during", "until", "till", "from", "over",
         "throughout", "within", "around", "of", "for")
MONTH_MODS = ("the end of", "the beginning of", "the start of", "the middle of", "end of",
              "beginning of", "start of", "middle of", "early", "mid", "late")
#: clock times and the words around them: '6.10am', '11:30 p.m. local time', 'the early hours of'
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})? ?(?:am|pm|a\.m\.?|p\.m\.?)(?= |$)|\blocal time\b|"
                    r"\b(?:the )?(?:early|small|late) hours of\b|\bgmt\b|\butc\b")
_TRIM = " \t\n,.;:()[]\"'“”‘’"


@dataclass(frozen=True, slots=True)
class Words:
    """The date word table (data/date_words.tsv)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_abbrs: dict[str, int]
    numbers: dict[str, int]
    relative: dict[str, tuple[str, int, Precision]]
    future: frozenset[str]
    parts: frozenset[str]
    aux: frozenset[str]
    planned: frozenset[str]


@functools.lru_cache(maxsize=1)
def words() -> Words:
    """Read the date word table once."""
    table: dict[str, dict[str, str]] = {}
    for kind, phrase, value in rows(WORDS_FILE, header=True):
        table.setdefault(kind, {})[phrase] = value
    relative = {}
    for phrase, value in table.get("relative", {}).items():
        unit, offset, precision = value.split(":")
        relative[phrase] = (unit, int(offset), precision)
    return Words(
        months={k: int(v) for k, v in table.get("month", {}).items()},
        weekdays={k: int(v) for k, v in table.get("weekday", {}).items()},
        weekday_abbrs={k: int(v) for k, v in table.get("weekday_abbr", {}).items()},
        numbers={k: int(v) for k, v in table.get("number", {}).items()},
        relative=relative,  # type: ignore[arg-type]
        future=frozenset(table.get("future", {})),
        parts=frozenset(table.get("part", {})),
        aux=frozenset(table.get("aux", {})),
        planned=frozenset(table.get("planned", {})),
    )


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """The grammar, compiled once from the word table."""
    w = words()
    mon = "(?P<mon>" + "|".join(sorted(w.months, key=len, reverse=True)) + r")\.?"
    full = "(?P<mon>" + "|".join(k for k, v in w.months.items()
                                  if len(k) > 4 or k in ("may", "june", "july")) + ")"
    wd = "(?:" + "|".join(w.weekdays) + ")"
    any_wd = "(?:" + "|".join([*w.weekdays, *w.weekday_abbrs]) + r")\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>1[89]\d\d|2[01]\d\d)"
    mods = "|".join(MONTH_MODS)
    num = r"(?P<n>\d+|" + "|".join(sorted(w.numbers, key=len, reverse=True)) + ")"
    return {
        "iso_day": re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?:t[\d:.z+-]*)?"),
        "iso_month": re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})"),
        "day_month": re.compile(rf"(?:{any_wd},? )?(?:the )?{day} (?:of )?{mon},?(?: {year})?"),
        "month_day": re.compile(rf"(?:{any_wd},? )?{mon} {day}(?:,? {year})?"),
        "month_year": re.compile(rf"(?:(?P<mod>{mods})[- ]?)?{mon},? {year}"),
        "month": re.compile(rf"(?:(?P<mod>last|this|next|this past|this coming|{mods})[- ]?)?"
                            rf"{full}"),
        "year": re.compile(rf"(?:(?:early|mid|late)[- ]?|the year |(?:the )?(?:spring|summer|"
                           rf"autumn|fall|winter)(?: of)? |fiscal |(?:the )?(?:end|beginning|"
                           rf"start|middle|first half|second half) of )?{year}"),
        "weekday": re.compile(rf"(?:(?P<mod>last|this|next|this past|this coming|past|coming) )?"
                              rf"(?P<wd>{wd})"),
        "ago": re.compile(rf"{num} (?P<unit>day|week|month|year)s? (?:ago|earlier|before)"),
        "span": re.compile(rf"(?:the )?(?:past|last|previous) {num} "
                           rf"(?P<unit>day|week|month|year)s?"),
        "numeric": re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{2,4}"),
    }


def _clean(phrase: str) -> tuple[str, bool]:
    """Lower-cased phrase without leading prepositions; and whether it had any."""
    text = " ".join(phrase.replace("’", "'").lower().split()).strip(_TRIM)
    had_prep = False
    changed = True
    while changed:
        changed = False
        for prep in PREPS:
            if text.startswith(prep + " "):
                text, had_prep, changed = text[len(prep) + 1:].strip(_TRIM), True, True
    return text, had_prep


def _strip_parts(text: str) -> tuple[str, bool]:
    """Drop times of day and 'early'/'late' around a date ('late Saturday night', '6am Monday')."""
    parts = words().parts
    bare = _CLOCK.sub(" ", text)
    stripped = bare != text
    tokens = bare.split()
    if stripped:
        tokens = [t for t in tokens if t not in ("around", "about", "at", "on")]
    while len(tokens) > 1 and tokens[-1] in parts:
        tokens, stripped = tokens[:-1], True
    while len(tokens) > 1 and tokens[0] in parts and tokens[1] != "-":
        tokens, stripped = tokens[1:], True
    return " ".join(tokens), stripped


def resolve_date(phrase: str, published: date | None, *, future: bool = False) -> DateValue:
    """The date a phrase names, with the precision the text supports.

    Incomplete dates are read against ``published``: the most recent such
    day or month not after it, or the next one when ``future`` is set.
    """
    return dataclasses.replace(_resolve(phrase, published, future))


@functools.lru_cache(maxsize=8192)
def _resolve(phrase: str, published: date | None, future: bool) -> DateValue:
    text, context = _clean(phrase)
    found = _grammar(text, published, future, context)
    if found is _NO_MATCH:
        bare, stripped = _strip_parts(text)
        if stripped:
            found = _grammar(_clean(bare)[0], published, future, True)
    if found is _NO_MATCH:
        found = _inside(text, published, future)
    if found is _NO_MATCH and patterns()["numeric"].search(text):
        found = _dateparser(text, published)
    if not isinstance(found, tuple):
        return DateValue(None, "unknown", phrase)
    return DateValue(found[0], found[1], phrase)


_NO_MATCH = object()
#: forms looked for inside a longer phrase ("between March 2015 and March 2016")
INSIDE = ("iso_day", "day_month", "month_day", "month_year")


def _inside(text: str, pub: date | None, future: bool) -> tuple[date, Precision] | None | object:
    """The first full date form inside a phrase the grammar cannot read as a whole."""
    for name in INSIDE:
        for match in patterns()[name].finditer(text):
            start, end = match.span()
            if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            found: tuple[date, Precision] | None = dict(_RULES)[name](match, pub, future, True)
            return found
    return _NO_MATCH


def _grammar(text: str, pub: date | None, future: bool,
             context: bool) -> tuple[date, Precision] | None | object:
    """Try each form of the grammar in turn; ``_NO_MATCH`` when no form fits."""
    relative = words().relative.get(text)
    if relative is not None:
        return _relative(pub, *relative) if pub else None
    for name, rule in _RULES:
        match = patterns()[name].fullmatch(text)
        if match:
            found: tuple[date, Precision] | None = rule(match, pub, future, context)
            return found
    return _NO_MATCH


def _month_no(match: re.Match[str]) -> int:
    found = match.groupdict().get("mon")
    return words().months[found] if found else int(match["m"])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_form(match: re.Match[str], pub: date | None, future: bool,
              context: bool) -> tuple[date, Precision] | None:
    """'7 January 2023', 'January 7', '2023-01-07'."""
    month, day = _month_no(match), int(match["day"])
    if match["year"]:
        found = _safe_date(int(match["year"]), month, day)
        return (found, "day") if found else None
    if pub is None:
        return None
    years = range(pub.year, pub.year + 9) if future else range(pub.year, pub.year - 9, -1)
    for year in years:
        found = _safe_date(year, month, day)
        if found and (found >= pub if future else found <= pub):
            return found, "day"
    return None


def _month_year(match: re.Match[str], pub: date | None, future: bool,
                context: bool) -> tuple[date, Precision] | None:
    """'June 2022', 'early June 2022', '2022-06'."""
    month = _month_no(match)
    return (date(int(match["year"]), month, 1), "month") if 1 <= month <= 12 else None


def _month(match: re.Match[str], pub: date | None, future: bool,
           context: bool) -> tuple[date, Precision] | None:
    """'in June', 'last June', 'early June': a bare month name is not a date ('May')."""
    mod = match["mod"]
    if pub is None or not (mod or context):
        return None
    month = _month_no(match)
    if mod in ("last", "this past"):
        year = pub.year if month < pub.month else pub.year - 1
    elif mod in ("next", "this coming"):
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    elif future:
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return date(year, month, 1), "month"


def _year(match: re.Match[str], pub: date | None, future: bool,
          context: bool) -> tuple[date, Precision] | None:
    """'2023', 'in 2023', 'the summer of 2022'."""
    return date(int(match["year"]), 1, 1), "year"


def _weekday(match: re.Match[str], pub: date | None, future: bool,
             context: bool) -> tuple[date, Precision] | None:
    """'on Saturday': the most recent one on or before publication, unless future."""
    if pub is None:
        return None
    target, mod = words().weekdays[match["wd"]], match["mod"]
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if mod in ("last", "this past", "past"):
        return pub - timedelta(days=back or 7), "day"
    if mod in ("next", "this coming", "coming"):
        return pub + timedelta(days=ahead or 7), "day"
    if future:
        return pub + timedelta(days=ahead), "day"
    return pub - timedelta(days=back), "day"


def _count(match: re.Match[str]) -> int:
    n = match["n"]
    return int(n) if n.isdigit() else words().numbers[n]


_AGO_PRECISION: dict[str, Precision] = {"day": "day", "week": "month", "month": "month",
                                        "year": "year"}
_SPAN_PRECISION: dict[str, Precision] = {"day": "month", "week": "month", "month": "year",
                                         "year": "year"}


def _ago(match: re.Match[str], pub: date | None, future: bool,
         context: bool) -> tuple[date, Precision] | None:
    """'three days ago', 'a year earlier'."""
    unit = match["unit"]
    return _relative(pub, unit, -_count(match), _AGO_PRECISION[unit]) if pub else None


def _span(match: re.Match[str], pub: date | None, future: bool,
          context: bool) -> tuple[date, Precision] | None:
    """'the past two weeks': up to publication, at a coarse precision."""
    unit = match["unit"]
    return _relative(pub, "day", 0, _SPAN_PRECISION[unit]) if pub else None


def _relative(pub: date, unit: str, offset: int, precision: Precision) -> tuple[date, Precision]:
    """Publication date moved by ``offset`` units, cut to ``precision``."""
    if unit == "day":
        found = pub + timedelta(days=offset)
    elif unit == "week":
        found = pub + timedelta(days=7 * offset)
    elif unit == "month":
        months = pub.year * 12 + pub.month - 1 + offset
        found = date(months // 12, months % 12 + 1, 1)
    else:
        found = date(pub.year + offset, 1, 1)
    if precision == "month":
        found = found.replace(day=1)
    elif precision == "year":
        found = date(found.year, 1, 1)
    return found, precision


_RULES: list[tuple[str, Any]] = [
    ("iso_day", _day_form), ("iso_month", _month_year), ("day_month", _day_form),
    ("month_day", _day_form), ("month_year", _month_year), ("month", _month),
    ("year", _year), ("weekday", _weekday), ("ago", _ago), ("span", _span),
]


@functools.lru_cache(maxsize=64)
def _parser(published: date | None) -> Any:
    """A dateparser parser relative to one publication date (built once per date)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, published: date | None) -> tuple[date, Precision] | None:
    """Explicit forms the grammar does not know; precision from dateparser's period."""
    data = _parser(published).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    periods: dict[str, Precision] = {"day": "day", "time": "day", "month": "month", "year": "year"}
    precision: Precision = periods.get(data.period or "", "unknown")
    found = data.date_obj.date()
    if precision == "month":
        found = found.replace(day=1)
    elif precision == "year":
        found = date(found.year, 1, 1)
    return (found, precision) if precision != "unknown" else None
