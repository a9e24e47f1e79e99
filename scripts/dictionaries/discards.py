"""Phoenix.discards.txt -> data/cameo_discards.tsv: phrases whose sentence (or story) codes no event.

A line ``+PHRASE`` discards the whole story, a bare ``PHRASE`` its sentence
(PETRARCH's convention). The project's own phrases, and the derived ones it
keeps out, are in data/event_discards.tsv, which a rebuild never touches.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = "Phoenix.discards.txt"
HEADER = "# derived from {source} (PETRARCH/Phoenix dictionaries, openeventdata, MIT licence; see PETRARCH-LICENSE.md)"


def read_discards(text: str) -> list[tuple[str, str]]:
    """(phrase in lower case, "story" or "sentence") for every usable line, first spelling kept."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        scope = "story" if line.startswith("+") else "sentence"
        phrase = " ".join(re.findall(r"[a-z0-9']+", line.lstrip("+").lower()))
        if phrase and phrase not in found:
            found[phrase] = scope
    return sorted(found.items())


def build(petrarch: Path, data: Path) -> list[Path]:
    rows = read_discards((petrarch / SOURCE).read_text(encoding="utf-8", errors="replace"))
    path = data / "cameo_discards.tsv"
    lines = [HEADER.format(source=SOURCE),
             "# written by scripts/build_dictionaries.py (scripts/dictionaries/discards.py); do not edit:",
             "# the project's own phrases, and the derived ones it keeps out, are in event_discards.tsv.",
             "# columns: phrase (lower-case words, matched on word boundaries), scope (sentence: that",
             "# sentence codes no event; story: the whole article codes none).",
             f"# {len(rows)} phrases."]
    lines += [f"{phrase}\t{scope}" for phrase, scope in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]
