"""`eventwire eval --attributions DIR`: score quotes and speakers on a brat attribution corpus.

The corpus (PolNeAR's layout) holds ``text/NAME.txt`` (first line the
title, then paragraphs), ``attributions/NAME[_ANNOTATOR].ann`` (brat
standoff: Source, Cue and Content spans tied by ``E`` attribution lines) and
an optional ``metadata.tsv`` (filename, publisher, publication_date, title).
Each article is read as the plain-text reader reads it, and the system's
quote spans are mapped back onto the file's offsets.

Rules (docs/quotes.md gives them in full):
- A system quote matches a gold content when they share at least half of
  the shorter one's characters (a content may be discontinuous).
- Quotes: precision over all system quotes, recall over all gold contents.
  Direct quotes: the system's ``direct`` quotes against the gold contents
  in quotation marks (each quoted fragment of a content is one).
- Speaker: the system speaker's name or an alias shares a token with the
  gold source's head word; a pronoun source counts through the nearest
  earlier named source. Scored on matched gold items that have a source
  (a source that is a lone speech verb, "said", is an annotation slip and
  counts as none).
- An article with several annotations is scored against one: the one that
  agrees best with the others (ties: the lowest annotator id).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..datafiles import DATA, read_tsv
from ..errors import EventwireError
from ..records import Article, Reading, Skip
from .text import f1, fold, ratio

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["GoldAttribution", "parse_ann", "load_corpus", "evaluate_attributions", "render_attributions"]

Fragments = tuple[tuple[int, int], ...]
OPENING = set("\"'“‘«„‚‹")
CLOSING = set("\"'”’»“‹›")
_EDGE = " \t\n,.;:!?…—–-()[]"
#: relative pronouns, which a source may be ("Stevie Wonder, who joked …"): like pronouns,
#: they count through the nearest earlier named source
_RELATIVE = frozenset({"who", "whom", "which", "that"})
#: words that end a source's head noun phrase ("a spokesman for X", "Pence, who ...")
_POSTMODIFIERS = {"of", "for", "at", "from", "with", "who", "whom", "which", "that", "in", "on",
                  "to", "by", "under", "during", "after", "before", "said", "says", "told"}


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Speech verb lemmas (the cue rows of data/quote_words.tsv)."""
    return frozenset(r["word"] for r in read_tsv(DATA / "quote_words.tsv") if r["role"] in ("cue", "quote_cue"))


_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak", "thought": "think"}


def verb_only(source: str) -> bool:
    """A source that is a lone speech verb ("said"): the annotator swapped source and cue,
    so there is no speaker to score against."""
    words = source.split()
    if len(words) != 1 or not words[0].islower():
        return False
    word = words[0].strip(".,:;")
    forms = {word, _IRREGULAR.get(word, word), word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else word}
    return bool(forms & speech_verbs())


@functools.lru_cache(maxsize=1)
def pronouns() -> frozenset[str]:
    """The personal pronouns of data/pronouns.tsv."""
    return frozenset(row["pronoun"] for row in read_tsv(DATA / "pronouns.tsv"))


@dataclass(slots=True)
class GoldAttribution:
    """One gold attribution: its content, and its source where it has one."""

    content: Fragments
    content_text: str
    source: Fragments | None = None
    source_text: str | None = None
    #: the direct quotes of the content: runs of its fragments that open and close
    #: with quotation marks
    direct: list[Fragments] = field(default_factory=list)
    #: head words a right speaker shares a token with (after pronoun resolution)
    heads: set[str] = field(default_factory=set)


@dataclass(slots=True)
class CorpusArticle:
    """One article of the corpus and the annotation it is scored against."""

    name: str
    text_path: Path
    ann_path: Path
    annotators: list[str]
    published: date | None = None
    outlet: str | None = None
    title: str | None = None


# --------------------------------------------------------------- reading brat


def _fragments(spec: str) -> Fragments:
    """ "13 98;100 120" -> ((13, 98), (100, 120))"""
    found = []
    for piece in spec.split(";"):
        start, end = piece.split()
        found.append((int(start), int(end)))
    return tuple(found)


def _spans(lines: list[str], path: Path) -> dict[str, tuple[str, Fragments]]:
    """T lines: id -> (type, fragments)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    for number, line in enumerate(lines, 1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        try:
            kind, spec = parts[1].split(" ", 1)
            spans[parts[0]] = (kind, _fragments(spec))
        except (IndexError, ValueError) as err:
            raise EventwireError("E401", path=path, detail=f"line {number}: bad span {line[:60]!r}") from err
    return spans


def parse_ann(ann: str, text: str, path: Path | str = "") -> list[GoldAttribution]:
    """The attributions of one .ann file over the article ``text``."""
    lines = ann.splitlines()
    spans = _spans(lines, Path(path))
    found: list[GoldAttribution] = []
    for line in lines:
        if not line.startswith("E"):
            continue
        roles = dict(arg.split(":", 1) for arg in line.split("\t")[1].split() if ":" in arg)
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        frags = content[1]
        item = GoldAttribution(frags, " ".join(text[s:e] for s, e in frags))
        source_text = " ".join(text[s:e] for s, e in source[1]) if source is not None else ""
        if source is not None and not verb_only(source_text):
            item.source, item.source_text = source[1], source_text
        item.direct = _direct_runs(text, frags)
        found.append(item)
    found.sort(key=lambda g: g.content[0])
    _resolve_heads(found)
    return found


def _direct_runs(text: str, frags: Fragments) -> list[Fragments]:
    """Runs of consecutive fragments whose joined text is in quotation marks: a quote the
    annotator split at a sentence ("“… controversy." + "I finished it,”") is one run, two
    quotes either side of "he said" are two, and a fragment outside marks is none."""
    runs: list[Fragments] = []
    i = 0
    while i < len(frags):
        for j in range(i, len(frags)):
            if _quoted(" ".join(text[s:e] for s, e in frags[i:j + 1])):
                runs.append(frags[i:j + 1])
                i = j
                break
        i += 1
    return runs


def _quoted(text: str) -> bool:
    """Whether ``text`` opens and closes with quotation marks (edge punctuation aside)."""
    start, end = 0, len(text)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end - start < 3 or text[start] not in OPENING or text[end - 1] not in CLOSING:
        return False
    inner = text[start + 1:end - 1]
    return any(c.isalpha() for c in inner)


def _tokens(text: str) -> list[str]:
    """Folded word tokens, possessive 's dropped ("Trump’s" -> "trump")."""
    folded = re.sub(r"'s\b", "", fold(text))
    return [t for t in re.split(r"[^\w]+", folded) if t]


def _head_phrases(source: str) -> list[list[str]]:
    """The words of each conjunct of a source phrase, up to its first post-modifier."""
    phrase = re.split(r"[,(\[—–]| - ", source, maxsplit=1)[0]
    found: list[list[str]] = []
    for conjunct in re.split(r"\s+(?:and|&|or)\s+", phrase):
        words: list[str] = []
        split = conjunct.split()
        for k, word in enumerate(split):
            if fold(word) in _POSTMODIFIERS and words and not _title_of(words, split[k + 1:]):
                break
            words.append(word)
        if _tokens(" ".join(words)):
            found.append(words)
    return found


def _title_of(before: list[str], after: list[str]) -> bool:
    """ "Secretary of State John Kerry": a one-word capitalised title whose post-modifier
    runs on to the name (the head is the name, not the title)."""
    return len(before) == 1 and before[0][:1].isupper() and len(after) >= 3 and all(
        w[:1].isupper() or fold(w) in ("of", "the", "for", "and") for w in after)


def head_words(source: str) -> set[str]:
    """The head word of each conjunct of a source phrase.

    The phrase is cut at the first comma, bracket or dash and before a
    post-modifier ("a spokesman for X" -> spokesman); its last word is the
    head ("longtime pollster Pat Caddell" -> caddell). "X and Y" gives both.
    """
    return {_tokens(" ".join(words))[-1] for words in _head_phrases(source)}


def named(source: str) -> bool:
    """Whether a source names someone: a capitalised head word that is no pronoun."""
    for words in _head_phrases(source):
        last = re.sub(r"\W+$", "", words[-1])
        if last[:1].isupper() and fold(last) not in pronouns():
            return True
    return False


def _resolve_heads(items: list[GoldAttribution]) -> None:
    """Heads per item; a pronoun source takes the heads of the nearest earlier named source."""
    sources = sorted((g.source[0][0], g.source_text or "") for g in items if g.source)
    for item in items:
        if item.source is None:
            continue
        heads = head_words(item.source_text or "")
        if heads and heads <= pronouns() | _RELATIVE:
            before = [text for start, text in sources if start < item.source[0][0] and named(text)]
            heads = head_words(before[-1]) if before else heads
        item.heads = heads


# --------------------------------------------------------------- the corpus


def _metadata(root: Path) -> dict[str, dict[str, str]]:
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as stream:
        return {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t") if row.get("filename")}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def load_corpus(root: str | Path) -> list[CorpusArticle]:
    """Every article of the corpus with the annotation it is scored against; E402 if none."""
    root = Path(root)
    texts = sorted((root / "text").glob("*.txt")) if (root / "text").is_dir() else []
    meta = _metadata(root)
    found: list[CorpusArticle] = []
    for text_path in texts:
        name = text_path.stem
        anns = _annotations(root / "attributions", name)
        if not anns:
            continue
        row = meta.get(name, {})
        chosen = _choose(anns, text_path)
        found.append(CorpusArticle(
            name, text_path, chosen, sorted(anns), published=_date(row.get("publication_date")),
            outlet=row.get("publisher") or None, title=row.get("title") or None))
    if not found:
        raise EventwireError("E402", path=root)
    return found


def _annotations(folder: Path, name: str) -> dict[str, Path]:
    """annotator id -> .ann file ("" for NAME.ann)."""
    found = {"": folder / f"{name}.ann"} if (folder / f"{name}.ann").is_file() else {}
    for path in sorted(folder.glob(f"{name}_*.ann")):
        annotator = path.stem[len(name) + 1:]
        if "_" not in annotator:
            found[annotator] = path
    return found


def _choose(anns: dict[str, Path], text_path: Path) -> Path:
    """The annotation that agrees best with the others (content F1), lowest id on ties."""
    if len(anns) == 1:
        return next(iter(anns.values()))
    text = text_path.read_text(encoding="utf-8")
    parsed = {k: [g.content for g in parse_ann(p.read_text(encoding="utf-8"), text, p)]
              for k, p in anns.items()}

    def agreement(key: str) -> float:
        return sum(_agree(parsed[key], parsed[other]) for other in parsed if other != key)

    best = max(sorted(parsed), key=agreement)
    return anns[best]


def _agree(one: list[Fragments], two: list[Fragments]) -> float:
    """F1 of one annotator's contents against another's, by the matching rule."""
    hit_one = sum(1 for a in one if any(matches(a, b) for b in two))
    hit_two = sum(1 for b in two if any(matches(b, a) for a in one))
    return f1(ratio(hit_one, len(one)), ratio(hit_two, len(two))) or 0.0


# --------------------------------------------------------------- matching


def _length(frags: Fragments) -> int:
    return sum(e - s for s, e in frags)


def shared(one: Fragments, two: Fragments) -> int:
    """Characters the two span sets share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in one for s2, e2 in two)


def matches(one: Fragments, two: Fragments) -> bool:
    """At least half of the shorter span's characters are shared."""
    shorter = min(_length(one), _length(two))
    return shorter > 0 and 2 * shared(one, two) >= shorter


# --------------------------------------------------------------- offsets


def align(layout: str, raw: str) -> list[int]:
    """For each char of the laid-out text (and its end), the offset in the raw file (-1 if none).

    Paragraphs are copied verbatim or with their lines joined by a space,
    so a walk that lets whitespace differ keeps both in step.
    """
    out = [-1] * (len(layout) + 1)
    i = j = 0
    while i < len(layout):
        if j < len(raw) and (layout[i] == raw[j] or (layout[i].isspace() and raw[j].isspace())):
            out[i] = j
            i, j = i + 1, j + 1
        elif j < len(raw) and raw[j].isspace():
            j += 1
        elif layout[i].isspace():
            out[i] = j
            i += 1
        else:
            j = _resync(layout, raw, i, j)
            if j < 0:
                break
    out[len(layout)] = len(raw)
    return out


def _resync(layout: str, raw: str, i: int, j: int) -> int:
    """Where the raw text continues the layout at ``i``: the next copy of its next chars."""
    probe = layout[i:i + 24].split("\n\n")[0]
    at = raw.find(probe, j) if probe else -1
    if at < 0 and probe:
        at = raw.find(probe)
    return at


def _raw_span(offsets: list[int], start: int, end: int) -> Fragments | None:
    first, last = offsets[start], offsets[end - 1] if end > start else -1
    if first < 0 or last < 0 or last < first:
        return None
    return ((first, last + 1),)


# --------------------------------------------------------------- scoring


def corpus_article(item: CorpusArticle) -> tuple[Article, str]:
    """The article of a corpus text, and the raw text: the first line is the title, every
    other non-empty line a paragraph (the corpus writes one paragraph a line); the
    metadata gives date, outlet and, when the text has none, the title."""
    raw = item.text_path.read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines()]
    lines = [line for line in lines if line]
    title = lines[0] if lines else (item.title or item.name)
    return Article(title=title, paragraphs=lines[1:], published=item.published, outlet=item.outlet,
                   origin=str(item.text_path)), raw


def speaker_tokens(reading: Reading, speaker_id: str | None) -> set[str]:
    """Folded word tokens of the speaker's name and aliases."""
    actor = reading.actor(speaker_id) if speaker_id else None
    if actor is None:
        return set()
    return {t for name in actor.names for t in _tokens(name)}


def _system(reading: Reading, raw: str) -> list[tuple[Fragments, Any]]:
    """System quotes with spans on the raw file."""
    layout = reading.article.layout()[0]
    offsets = align(layout, raw)
    found = []
    for quote in reading.quotes:
        span = _raw_span(offsets, quote.start, quote.end)
        if span is not None:
            found.append((span, quote))
    return found


def count_article(gold: list[GoldAttribution], reading: Reading, raw: str) -> dict[str, list[int]]:
    """Counts (numerator, denominator) for one article, summed over the corpus."""
    system = _system(reading, raw)
    direct_sys = [(s, q) for s, q in system if q.kind == "direct"]
    direct_gold = [(run, g) for g in gold for run in g.direct]
    all_gold = [(g.content, g) for g in gold]
    counts: dict[str, list[int]] = {}
    for name, sys_items, gold_items in (("all", system, all_gold), ("direct", direct_sys, direct_gold)):
        hit_sys = sum(1 for s, _ in sys_items if any(matches(s, f) for f, _ in gold_items))
        hit_gold, right, scored = 0, 0, 0
        for frags, item in gold_items:
            best = _best(frags, sys_items)
            if best is None:
                continue
            hit_gold += 1
            if item.source is not None:
                scored += 1
                right += int(bool(item.heads & speaker_tokens(reading, best.speaker_id)))
        counts[f"{name}_precision"] = [hit_sys, len(sys_items)]
        counts[f"{name}_recall"] = [hit_gold, len(gold_items)]
        counts[f"{name}_speaker"] = [right, scored]
    return counts


def _best(frags: Fragments, system: list[tuple[Fragments, Any]]) -> Any:
    """The matching system quote that shares most characters with ``frags``."""
    hits = [(shared(frags, s), q) for s, q in system if matches(frags, s)]
    return max(hits, key=lambda h: h[0])[1] if hits else None


def _rates(counts: dict[str, list[int]]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for name in ("direct", "all"):
        precision = ratio(*counts.get(f"{name}_precision", [0, 0]))
        recall = ratio(*counts.get(f"{name}_recall", [0, 0]))
        report[name] = {"precision": precision, "recall": recall, "f1": f1(precision, recall),
                        "speaker_accuracy": ratio(*counts.get(f"{name}_speaker", [0, 0])),
                        "gold": counts.get(f"{name}_recall", [0, 0])[1],
                        "system": counts.get(f"{name}_precision", [0, 0])[1]}
    return report


def read_corpus(root: str | Path, pipeline: Pipeline) -> Iterator[tuple[CorpusArticle, list[GoldAttribution],
                                                                        Reading, str]]:
    """Each article with its gold attributions, the system's reading and the raw text."""
    items = load_corpus(root)
    pairs = [corpus_article(item) for item in items]
    for item, (article, raw), result in zip(items, pairs, pipeline.read(a for a, _ in pairs), strict=True):
        reading = result if not isinstance(result, Skip) else Reading(article=article)
        gold = parse_ann(item.ann_path.read_text(encoding="utf-8"), raw, item.ann_path)
        yield item, gold, reading, raw


def evaluate_attributions(root: str | Path, pipeline: Pipeline) -> dict[str, Any]:
    """The report: direct and all-quote P/R/F1 with speaker accuracy, and per article."""
    total: dict[str, list[int]] = {}
    per_article: dict[str, Any] = {}
    for item, gold, reading, raw in read_corpus(root, pipeline):
        counts = count_article(gold, reading, raw)
        for key, (num, den) in counts.items():
            old = total.setdefault(key, [0, 0])
            old[0], old[1] = old[0] + num, old[1] + den
        per_article[item.name] = {"annotation": item.ann_path.name, **_rates(counts)}
    return {"articles": len(per_article), **_rates(total), "per_article": per_article}


def render_attributions(report: dict[str, Any]) -> str:
    """Two aligned lines: direct quotes and all quotes."""
    def num(value: Any) -> str:
        return "    -" if value is None else f"{value:.3f}"

    lines = [f"attributions  articles {report['articles']}"]
    for name in ("direct", "all"):
        part = report[name]
        lines.append(f"  {name:<8}P {num(part['precision'])}  R {num(part['recall'])}  F1 {num(part['f1'])}"
                     f"  speaker {num(part['speaker_accuracy'])}  (gold {part['gold']}, system {part['system']})")
    return "\n".join(lines)
