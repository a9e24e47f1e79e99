"""CAMEO.2.0.txt -> data/cameo_verbs.tsv (verb patterns) and data/cameo_classes.tsv (synonym sets).

The PETRARCH verb dictionary groups verbs in blocks (``---  ATTACK  [190]  ---``):
every verb of a block takes the block's code unless it has its own, and every
pattern of a block (``- * &WEAPON (AGAINST)  [194]``) applies to every verb of
the block. A pattern is kept when it can be checked on a dependency parse:
an optional particle, an optional direct object (a word, a ``{multi word}``
phrase or a synonym set ``&SET``) and at most one prepositional phrase
``(PREP [OBJECT])``. Patterns that constrain the subject (``- &MILITARY * ...``),
chain several phrases, or place the source after the verb are dropped and
counted. A verb alone gives no row: block codes are too broad for their verbs (WordNet
synonyms, often of another sense: "take" in APPREHEND), and the project's
own rows say which verbs code by themselves; so do patterns without an
object ("* (TO)"). Public statement codes (01x) have no PLOVER type: their
patterns claim their words for no event ("---"). Paired codes ``[a:b]`` keep ``a`` (``sym`` when a == b, ``flip`` with
``b`` when a is empty: the object acts on the subject).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

SOURCE = "CAMEO.2.0.txt"
HEADER = "# derived from {source} (PETRARCH/Phoenix dictionaries, openeventdata, MIT licence; see PETRARCH-LICENSE.md)"
#: words that a pattern may put right after the verb as a particle
PARTICLES = {"out", "off", "up", "down", "away", "back", "forward", "aside", "over", "in", "on",
             "through", "along", "around", "apart", "together", "ahead"}
MARKERS = {"$", "+", "^", "%"}
#: CAMEO root of public statements, which have no PLOVER type
STATEMENT = "01"
BLOCK = re.compile(r"^---\s+(\S.*?)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


def _word(text: str) -> str:
    return text.strip().strip("_").replace("_", " ").lower()


def _code(cell: str) -> tuple[str, set[str]] | None:
    """A pattern's code cell -> (cameo, flags); None for an unusable cell."""
    cell = cell.strip().rstrip("!")
    if cell == "---":
        return "---", set()
    first, _, second = cell.partition(":")
    if not first and second:
        return second.rstrip("!"), {"flip"}
    if not re.fullmatch(r"\d{2,4}", first):
        return None
    return first, ({"sym"} if second and second == first else set())


def _phrase(token: str) -> str | None:
    """A bare word, ``{multi word}`` or ``&SET`` -> the object cell (``&set`` for a set)."""
    if token.startswith("{"):
        words = [w for w in token[1:-1].split() if w not in MARKERS]
        if not words or any(w.startswith("&") for w in words[:-1]):
            return None
        return " ".join(_word(w) if not w.startswith("&") else w.lower() for w in words)
    if token.startswith("&"):
        return token.lower()
    return _word(token) if re.fullmatch(r"[A-Z][A-Z'\-]*_?", token) else None


def parse_pattern(text: str) -> tuple[str | None, str | None, str | None, str | None] | str:
    """``* OUT VIEWS`` -> (particle, object, prep, prep_object); a string says why it is dropped."""
    tokens = TOKEN.findall(text)
    if "*" not in tokens:
        return "no verb"
    star = tokens.index("*")
    if any(t not in ("$",) for t in tokens[:star]):
        return "subject"
    rest = [t for t in tokens[star + 1:] if t not in MARKERS]
    if "$" in tokens[star + 1:]:
        return "source after verb"
    particle = obj = prep = pobj = None
    if rest and rest[0].lower() in PARTICLES and (len(rest) == 1 or not rest[1].startswith("(")):
        particle = rest.pop(0).lower()
    if rest and not rest[0].startswith("("):
        obj = _phrase(rest.pop(0))
        if obj is None:
            return "object"
    if rest and rest[0].startswith("("):
        inner = [w for w in rest.pop(0)[1:-1].split() if w not in MARKERS]
        if not inner or not re.fullmatch(r"[A-Z]+", inner[0]):
            return "phrase"
        prep = inner[0].lower()
        if len(inner) > 1:
            pobj = _phrase("{" + " ".join(inner[1:]) + "}") if len(inner) > 2 else _phrase(inner[1])
            if pobj is None:
                return "phrase"
    if rest:
        return "chained phrases"
    if particle and prep:
        return "particle and phrase"
    return particle, obj, prep, pobj


def _verb(line: str) -> tuple[str, str | None, str | None] | None:
    """A verb line -> (lemma, particle or preposition, own code)."""
    code = CODE.search(line)
    head = line.split("#")[0]
    head = CODE.sub("", head).split("{")[0].strip()
    if not head:
        return None
    parts = head.lstrip("+").lower().split("_")
    parts = [p for p in parts if p]
    if not parts or not re.fullmatch(r"[a-z'\-]+", parts[0]):
        return None
    if len(parts) > 2:
        return None
    return parts[0], (parts[1] if len(parts) == 2 else None), (code.group(1).strip() if code else None)


def read_classes(text: str) -> dict[str, list[str]]:
    """Synonym sets: ``&NAME`` then ``+WORD`` lines."""
    classes: dict[str, list[str]] = {}
    name = None
    for line in text.splitlines():
        line = line.split("#")[0].rstrip()
        if line.startswith("&"):
            name = line.strip().lower()
            classes[name] = []
        elif line.startswith("+") and name:
            word = _word(line[1:].split("{")[0])
            if word and word not in classes[name]:
                classes[name].append(word)
        elif not line.strip():
            continue
    return classes


def read_blocks(text: str) -> tuple[list[tuple[str, str, str, str, str, str, str, str]], Counter]:
    """Every kept (lemma, pos, prep, object, prep_object, cameo, flags, pattern) row and the drop counts."""
    rows: list[tuple[str, str, str, str, str, str, str, str]] = []
    dropped: Counter = Counter()
    for block in re.split(r"\n(?=---\s)", text):
        lines = block.splitlines()
        head = BLOCK.match(lines[0]) if lines else None
        if head is None:
            continue
        default = head.group(2).strip()
        verbs = [v for v in (_verb(x) for x in lines[1:] if x and x[0] not in "-#" and x.strip()) if v]
        patterns = [x for x in lines[1:] if x.startswith("-")]
        # a verb alone codes nothing here: the block's code is too broad for its verbs (WordNet
        # synonyms, "take" in APPREHEND; "engage", "strike" in other senses), and the project's
        # own rows (cameo_lexicon.tsv) say which verbs code by themselves
        dropped["verb default"] += sum(1 for v in verbs if (v[2] or default) not in ("", "---"))
        for line in patterns:
            code = CODE.search(line)
            body = line[1:code.start()] if code else line[1:]
            found = _code(code.group(1)) if code else None
            if found is not None and found[0].startswith(STATEMENT):
                found = ("---", set())  # a statement pattern claims its words for no event
            shape = parse_pattern(body.split("#")[0])
            if found is None or isinstance(shape, str):
                dropped[shape if isinstance(shape, str) else "code"] += len(verbs) or 1
                continue
            if shape[1] is None and shape[3] is None:
                dropped["no object"] += len(verbs)  # "* (TO)": any motion verb, too broad for news
                continue
            for lemma, verb_prep, _own in verbs:
                if verb_prep and (shape[0] or shape[2]):
                    dropped["particle verb and phrase"] += 1
                    continue
                rows.append(_row(lemma, verb_prep, shape, found, " ".join(body.split())))
    return rows, dropped


def _row(lemma: str, verb_prep: str | None, shape: tuple[str | None, ...],
         found: tuple[str, set[str]], pattern: str) -> tuple[str, str, str, str, str, str, str, str]:
    """One table row: a particle or preposition with its object, or a direct object beside a
    preposition (flag dobj, prep_object for the preposition's object)."""
    particle, obj, prep, pobj = shape
    cameo, flags = found
    if verb_prep:  # "ask for": the pattern's object is the preposition's
        where, obj, pobj = verb_prep, obj, None
    elif particle:
        where, flags = particle, (flags | {"dobj"} if obj else flags)
    elif prep and obj:
        where, flags = prep, flags | {"dobj"}
    elif prep:
        where, obj = prep, pobj
        pobj = None
    else:
        where = None
    return (lemma, "V", where or "-", obj or "-", pobj or "-", cameo, ",".join(sorted(flags)) or "-", pattern)


def build(petrarch: Path, data: Path) -> list[Path]:
    text = (petrarch / SOURCE).read_text(encoding="utf-8", errors="replace")
    synonyms, _, rest = text.partition("####### VERB PATTERNS #######")
    verbs_part = rest.split("######## TRANSFORMATIONS")[0]
    classes = read_classes(synonyms)
    rows, dropped = read_blocks(verbs_part)
    seen: set[tuple[str, ...]] = set()
    unique = []
    for row in rows:
        if row[:6] not in seen:
            seen.add(row[:6])
            unique.append(row)
    verbs_file, classes_file = data / "cameo_verbs.tsv", data / "cameo_classes.tsv"
    lines = [HEADER.format(source=SOURCE),
             "# written by scripts/build_dictionaries.py (scripts/dictionaries/verbs.py); do not edit:",
             "# the project's own rows are in cameo_lexicon.tsv and win over these when one fits.",
             "# columns: lemma, pos (V), prep (particle or preposition that must hang on the verb, '-'),",
             "# object (the verb's direct object, or the object of prep when prep is a preposition",
             "# and the flags do not say dobj; a multi-word object is its modifiers then its head;",
             "# '&set' is any word of that set of cameo_classes.tsv), prep_object (the object of prep",
             "# when object is the direct object), CAMEO code ('---': no event), flags (sym: symmetric;",
             "# flip: the object acts on the subject; dobj: object is the direct object and prep only",
             "# has to be there), pattern (the source pattern, for reading).",
             f"# kept {len(unique)} rows from the verb blocks; dropped patterns x verbs: "
             + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())) + "."]
    lines += ["\t".join(r) for r in unique]
    verbs_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    class_lines = [HEADER.format(source=SOURCE),
                   "# written by scripts/build_dictionaries.py (scripts/dictionaries/verbs.py); do not edit.",
                   "# columns: set (&name, as the verb patterns write it), member (a word, or modifiers then head)."]
    class_lines += [f"{name}\t{word}" for name, members in classes.items() for word in members]
    classes_file.write_text("\n".join(class_lines) + "\n", encoding="utf-8")
    return [verbs_file, classes_file]
