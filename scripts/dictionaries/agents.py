"""Builder: Phoenix.agents.txt -> data/phoenix_agents.tsv (agent words -> eventwire sectors).

Each agent phrase ("POLICE_OFFICER [~COP]", "FOREIGN_!MINIST! [~GOV]") becomes one row
per written form: substitution sets are expanded (!PERSON! -> man, men, woman, women,
person), a regular plural is added unless the entry gives its own plurals in braces
(``{}``: none), and each CAMEO part maps to eventwire sectors through
data/cameo_codes.tsv. Weight 2 (an institution that decides the sector, as in
data/sectors.tsv) when the phrase ends with a word that ends an institution phrase of
our own sectors.tsv ("ministry", "police") and never ends a role noun there, else 1. Our own sectors.tsv rows win
over these at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

from ._phoenix import chunks, code_table, header, lines, read_tsv, write

SOURCE = "Phoenix.agents.txt"
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")


def plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    """Every form of a phrase with its substitution sets filled in (lower case, spaces)."""
    forms = [phrase]
    for name, values in subst.items():
        mark = f"!{name}!"
        forms = [f.replace(mark, v, 1) for f in forms for v in values] if any(
            mark in f for f in forms) else forms
    return [" ".join(f.replace("_", " ").lower().split()) for f in forms]


def parse(path: Path) -> list[tuple[list[str], str, bool]]:
    """(forms, code letters, has its own plurals) of every agent entry."""
    subst: dict[str, list[str]] = {}
    out: list[tuple[list[str], str, bool]] = []
    for line in lines(path):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        found = _SUBST.match(text)
        if found:
            subst[found[1]] = [v.strip() for v in found[2].split(",") if v.strip()]
            continue
        entry = _ENTRY.match(text)
        if entry is None:
            continue
        forms = _expand(entry["phrase"], subst)
        given = entry["plural"]
        if given:
            forms += _expand(given, subst)
        out.append((forms, entry["code"].replace("~", "").strip(), given is not None))
    return out


def _sectors(letters: str, table) -> list[str]:  # type: ignore[no-untyped-def]
    codes: list[str] = []
    for part in chunks(letters.upper()):
        for code in table.sectors.get(part, ()):
            if code not in codes:
                codes.append(code)
    return codes


def build(petrarch: Path, data: Path) -> list[Path]:
    table = code_table(data)
    own = {tuple(r["phrase"].lower().split()): int(r["weight"] or 1)
           for r in read_tsv(data / "sectors.tsv")}
    institution_ends = ({words[-1] for words, weight in own.items() if weight >= 2}
                        - {words[-1] for words, weight in own.items() if weight < 2})
    rows: dict[str, list[str]] = {}
    for forms, letters, own_plurals in parse(petrarch / SOURCE):
        sectors = _sectors(letters, table)
        if not sectors:
            continue
        written = list(forms)
        if not own_plurals:
            written += [" ".join([*f.split()[:-1], plural(f.split()[-1])]) for f in forms
                        if f and f[-1].isalpha()]
        for form in written:
            if not form or form in rows or not re.search(r"[a-z]", form):
                continue
            weight = "2" if form.split()[-1] in institution_ends else "1"
            rows[form] = [form, "|".join(sectors), weight]
    head = header(data / "phoenix_agents.tsv", SOURCE, ["phrase", "sectors", "weight"], [
        "phrase: lower-case words of an agent (role or group) as written; sectors: eventwire",
        "sector codes (data/cameo_codes.tsv); weight: 2 = institution, 1 = role noun (as in",
        "sectors.tsv, whose rows win over these)."])
    return [write(data / "phoenix_agents.tsv", head, [rows[k] for k in sorted(rows)])]
