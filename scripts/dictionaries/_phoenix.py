"""Readers shared by the builders: the TABARI/PETRARCH dictionary syntax and CAMEO codes.

An actor file holds entries: a name line (``NAME_WORDS_ [CODE dates] # comment``),
``+ALIAS`` lines, and indented ``[CODE dates]`` lines. Names that follow one another
without codes share the next code block. A code is a run of three-letter parts
(``NGAGOVAGR``: Nigeria, government, agriculture); dates are ``YYMMDD`` or
``YYYYMMDD``, as ``from-to``, ``>from`` or ``<to``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

NOTICE = ("# Derived by scripts/build_dictionaries.py from the PETRARCH/Phoenix dictionaries "
          "(openeventdata/UniversalPetrarch, commit 067552d8, {files}).\n"
          "# Copyright (c) 2014 Open Event Data Alliance, MIT licence: see PETRARCH-LICENSE.md beside "
          "this file. Do not edit: rebuild.\n")
#: a two-digit year above this is 19YY, else 20YY (the dictionaries date from January 2014)
CENTURY_PIVOT = 14
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^\d{6}$|^\d{8}$")


@dataclass(slots=True)
class Raw:
    """One entry as written: names (first is the main one), codes and where it stands."""

    names: list[str]
    codes: list[str] = field(default_factory=list)
    comment: str = ""
    source: str = ""
    section: str = ""


def lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\x00", "")
    return text.splitlines()


def _split_comment(line: str) -> tuple[str, str]:
    if "#" not in line:
        return line, ""
    at = line.index("#")
    return line[:at], line[at + 1:].strip()


def read_actor_file(path: Path) -> list[Raw]:
    """Entries of one actor file, in file order, with their codes and section headings."""
    out: list[Raw] = []
    pending: list[Raw] = []  # names still waiting for a code block
    section = ""
    for line in lines(path):
        body, comment = _split_comment(line)
        if not body.strip():
            if line.lstrip().startswith("#") and line.lstrip("# ").strip():
                section = line.strip("# \t")
            continue
        codes = _CODE.findall(body)
        text = _CODE.sub(" ", body).strip()
        if line[0] in " \t" or not text:
            targets = pending or out[-1:]
            for raw in targets:
                raw.codes += codes
            pending = []
            continue
        if text.startswith("+"):
            if out:
                out[-1].names.append(text[1:].strip())
                out[-1].codes += codes
            continue
        raw = Raw([text], list(codes), comment, path.name, section)
        out.append(raw)
        pending = [] if codes else [p for p in pending if not p.codes] + [raw]
    return out


def parse_date(text: str) -> str:
    """``YYYYMMDD`` of a dictionary date ("090120" -> "20090120"); "" when unreadable."""
    text = text.strip()
    if len(text) == 7 and text.isdigit():  # a typo with a digit missing: keep the year
        return text[:4] + "0101"
    if not _DATE.match(text):
        return ""
    if len(text) == 6:
        century = "19" if int(text[:2]) > CENTURY_PIVOT else "20"
        text = century + text
    return text


def parse_code(code: str) -> tuple[str, str, str]:
    """(code letters, from, to) of one ``[CODE dates]`` cell; dates ``YYYYMMDD`` or ""."""
    parts = code.replace("~", "").split()
    if not parts:
        return "", "", ""
    letters, start, end = parts[0].upper(), "", ""
    for when in parts[1:]:
        if when.startswith(">"):
            start = parse_date(when[1:])
        elif when.startswith("<"):
            end = parse_date(when[1:])
        elif "-" in when:
            a, _, b = when.partition("-")
            start, end = parse_date(a), parse_date(b)
    return letters, start, end


def chunks(letters: str) -> list[str]:
    """A CAMEO code cut into its three-letter parts."""
    return [letters[i:i + 3] for i in range(0, len(letters) - len(letters) % 3, 3)]


@dataclass(frozen=True, slots=True)
class CodeTable:
    """data/cameo_codes.tsv: CAMEO parts -> ISO alpha-3 or eventwire sector codes."""

    countries: dict[str, str]
    sectors: dict[str, tuple[str, ...]]
    religions: frozenset[str]

    def country(self, part: str) -> str | None:
        return self.countries.get(part)


def read_tsv(path: Path) -> list[dict[str, str]]:
    rows = [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def code_table(data: Path) -> CodeTable:
    """The CAMEO code table, with every ISO alpha-3 of data/countries.tsv as its own code."""
    countries = {row["iso3"]: row["iso3"] for row in read_tsv(data / "countries.tsv")}
    sectors: dict[str, tuple[str, ...]] = {}
    religions: set[str] = set()
    for row in read_tsv(data / "cameo_codes.tsv"):
        if row["iso3"]:
            countries[row["code"]] = row["iso3"]
        elif row["kind"] == "region":
            countries[row["code"]] = ""
        else:
            sectors[row["code"]] = tuple(s for s in row["sectors"].split("|") if s)
        if row["kind"] == "religion":
            religions.add(row["code"])
    return CodeTable(countries, sectors, frozenset(religions))


def header(path: Path, files: str, columns: list[str], comment: list[str]) -> str:
    lines_ = [NOTICE.format(files=files)] + [f"# {c}\n" for c in comment]
    return "".join(lines_) + "\t".join(columns) + "\n"


def write(path: Path, head: str, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(head)
        for row in rows:
            out.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    return path
