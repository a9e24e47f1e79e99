"""`eventwire eval`: score readings against gold files (gold/FORMAT.md).

`load_gold` finds and checks gold files, `evaluate` reads every gold
article once through a pipeline and returns the report object,
`score_reading` scores one reading (pure, no model) and `render` prints a
report as aligned text. Rates are micro-averaged over files: counts are
summed first, then divided; a rate is None where nothing was scored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EventwireError
from .events import FIELDS, count_events
from .parts import Counts, count_actors, count_quotes, count_strings, count_title
from .plover import evaluate_plover
from .places import count_locations
from .text import f1, fold, ratio
from ..records import Article, Reading, Skip

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["GoldFile", "load_gold", "evaluate", "score_reading", "evaluate_plover", "render"]

log = logging.getLogger(__name__)

FORMAT = "eventwire-gold/1"
PARTS = ("title", "captions", "credits", "actors", "events", "quotes")


@dataclass(slots=True)
class GoldFile:
    """One parsed gold file and the article it describes."""

    path: Path
    id: str
    data: dict[str, Any]
    article_path: Path
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    #: the id of one record of a JSON-lines article file (its ``dId`` or ``id`` field)
    record: str | None = None


# --------------------------------------------------------------- loading


def _invalid(path: Path, detail: str) -> EventwireError:
    """E401 for one gold file."""
    return EventwireError("E401", path=path, detail=detail)


def _check_lists(path: Path, data: dict[str, Any]) -> None:
    """The list fields hold what FORMAT.md says (objects with their key field)."""
    for key, needs in (("actors", "name"), ("events", "evidence"), ("quotes", "contains")):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise _invalid(path, f"'{key}' is not a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get(needs), str):
                raise _invalid(path, f"{key}[{i}] has no string '{needs}'")
    for key in ("captions", "credits", "not_actors"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            raise _invalid(path, f"'{key}' is not a list of strings")


def _parse_date(path: Path, value: Any) -> date | None:
    """The gold's publication date (None when not given); E401 when malformed."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as err:
        raise _invalid(path, f"article.published {value!r} is not YYYY-MM-DD") from err


def parse_gold(path: Path) -> GoldFile:
    """Read and check one gold file; raises E401 when it is not valid."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise _invalid(path, str(err)) from err
    if not isinstance(data, dict):
        raise _invalid(path, "not a JSON object")
    if data.get("format") != FORMAT:
        raise _invalid(path, f"format is {data.get('format')!r}, expected {FORMAT!r}")
    meta = data.get("article")
    if not isinstance(meta, dict) or not isinstance(meta.get("path"), str):
        raise _invalid(path, "'article.path' is missing")
    article_path = (path.parent / meta["path"]).resolve()
    if not article_path.is_file():
        raise _invalid(path, f"article {article_path} does not exist")
    _check_lists(path, data)
    gold_id = data.get("id") or path.name.removesuffix(".gold.json")
    return GoldFile(
        path=path, id=str(gold_id), data=data, article_path=article_path,
        published=_parse_date(path, meta.get("published")),
        outlet=meta.get("outlet"), url=meta.get("url"),
        record=str(meta["record"]) if meta.get("record") not in (None, "") else None,
    )


def load_gold(paths: Iterable[str | Path]) -> list[GoldFile]:
    """Gold files from files and folders (searched recursively for ``*.gold.json``)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.gold.json") if p.is_file())
            if not inside:
                raise EventwireError("E402", path=path)
            found += inside
        elif path.is_file():
            found.append(path)
        else:
            raise EventwireError("E402", path=path)
    if not found:
        raise EventwireError("E402", path=", ".join(str(p) for p in paths) or "(no paths)")
    return [parse_gold(p) for p in found]


# --------------------------------------------------------------- scoring


def count_reading(gold: GoldFile, reading: Reading) -> dict[str, Counts]:
    """Counts of every part for one file (summed across files before dividing)."""
    data = gold.data
    article = reading.article
    layout_text = article.layout()[0]
    events, fields = count_events(data, reading)
    return {
        "title": count_title(data.get("title"), article.title),
        "captions": count_strings(data.get("captions") or [], article.captions),
        "credits": count_strings(data.get("credits") or [], article.credits),
        "actors": count_actors(data, reading, fold(layout_text)),
        "events": events,
        "fields": fields,
        "locations": count_locations(data, reading),
        "quotes": count_quotes(data, reading, layout_text),
    }


def _prf(counts: Counts) -> dict[str, float | None]:
    """Precision, recall and F1 from summed counts."""
    precision = ratio(*counts["precision"])
    recall = ratio(*counts["recall"])
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def _actor_rates(counts: Counts) -> dict[str, Any]:
    """The actors part from summed counts."""
    pair_p = ratio(*counts["alias_pair_precision"])
    pair_r = ratio(*counts["alias_pair_recall"])
    return {
        "recall": ratio(*counts["recall"]),
        "country_accuracy": ratio(*counts["country_accuracy"]),
        "sector_accuracy": ratio(*counts["sector_accuracy"]),
        "alias_pair_precision": pair_p,
        "alias_pair_recall": pair_r,
        "alias_pair_f1": f1(pair_p, pair_r),
        "role_recall": ratio(*counts["role_recall"]),
        "not_actor_violations": counts["not_actor_violations"][0],
    }


def rates(counts: dict[str, Counts]) -> dict[str, Any]:
    """The report's "parts" object from (summed) counts."""
    events: dict[str, Any] = _prf(counts["events"])
    events["fields"] = {name: ratio(*counts["fields"][name]) for name in FIELDS}
    quotes: dict[str, Any] = _prf(counts["quotes"])
    quotes["speaker_accuracy"] = ratio(*counts["quotes"]["speaker_accuracy"])
    return {
        "title": {"accuracy": ratio(*counts["title"]["accuracy"])},
        "captions": _prf(counts["captions"]),
        "credits": _prf(counts["credits"]),
        "actors": _actor_rates(counts["actors"]),
        "events": events,
        "places": {f"event_location_{name}": ratio(*pair) for name, pair in counts["locations"].items()},
        "quotes": quotes,
    }


def score_reading(gold: GoldFile, reading: Reading) -> dict[str, Any]:
    """The "parts" object for one gold file and the system's reading of its article."""
    return rates(count_reading(gold, reading))


def add_counts(total: dict[str, Counts], counts: dict[str, Counts]) -> None:
    """Add one file's counts into ``total``, in place."""
    for part, values in counts.items():
        into = total.setdefault(part, {})
        for name, (num, den) in values.items():
            old_num, old_den = into.get(name, (0, 0))
            into[name] = (old_num + num, old_den + den)


# --------------------------------------------------------------- running


def gold_article(gold: GoldFile) -> Article:
    """The gold's article, ingested with the gold's metadata; E401 if unreadable."""
    from ..ingest import read_paths

    if gold.record is not None:
        return _record_article(gold)
    items = read_paths([gold.article_path], published=gold.published, outlet=gold.outlet, url=gold.url)
    for item in items:
        if isinstance(item, Article):
            return item
        raise _invalid(gold.path, f"article cannot be read: [{item.code}] {item.message}")
    raise _invalid(gold.path, "article holds no text")


def _record_article(gold: GoldFile) -> Article:
    """The one record of a JSON-lines file whose ``dId`` or ``id`` is ``gold.record``."""
    from ..errors import InputError
    from ..ingest.jsonl import article_from_record

    with gold.article_path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line) if line.strip() else None
            except json.JSONDecodeError:
                continue
            if not isinstance(record, dict) or gold.record not in (record.get("dId"), record.get("id")):
                continue
            given = {"published": gold.published and gold.published.isoformat(), "outlet": gold.outlet,
                     "url": gold.url}
            record = {**record, **{k: v for k, v in given.items() if v}}
            try:
                return article_from_record(record, f"{gold.article_path}:{number}")
            except InputError as err:
                raise _invalid(gold.path, f"article cannot be read: [{err.code}] {err.reason}") from err
    raise _invalid(gold.path, f"no record {gold.record!r} in {gold.article_path}")


def evaluate(gold_files: Iterable[GoldFile], pipeline: Pipeline) -> dict[str, Any]:
    """Read every gold article in one pipeline run and score it: the report object."""
    golds = list(gold_files)
    articles = [gold_article(g) for g in golds]
    total: dict[str, Counts] = {}
    per_file: dict[str, Any] = {}
    for gold, article, result in zip(golds, articles, pipeline.read(articles), strict=True):
        if isinstance(result, Skip):
            log.warning("gold article %s was skipped: [%s] %s", gold.id, result.code, result.message)
            result = Reading(article=article)
        counts = count_reading(gold, result)
        add_counts(total, counts)
        key = gold.id if gold.id not in per_file else f"{gold.id} ({gold.path})"
        per_file[key] = {"parts": rates(counts)}
    return {"files": len(golds), "parts": rates(total) if golds else {}, "per_file": per_file}


# --------------------------------------------------------------- text output


def _num(value: Any) -> str:
    return "    -" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _line(label: str, pairs: list[tuple[str, Any]]) -> str:
    cells = "  ".join(f"{name} {_num(value)}" for name, value in pairs)
    return f"{label:<10}{cells}".rstrip()


def _gold_lines(parts: dict[str, Any]) -> list[str]:
    lines = [_line("title", [("acc", parts["title"]["accuracy"])])]
    for part in ("captions", "credits", "events", "quotes"):
        p = parts[part]
        lines.append(_line(part, [("P", p["precision"]), ("R", p["recall"]), ("F1", p["f1"])]))
    ev, qu, ac = parts["events"], parts["quotes"], parts["actors"]
    lines.insert(4, _line("  fields", list(ev["fields"].items())))
    lines.insert(5, _line("places", [(k.removeprefix("event_location_"), v)
                                     for k, v in parts["places"].items()]))
    lines.append(_line("  speaker", [("acc", qu["speaker_accuracy"])]))
    lines += [
        _line("actors", [("R", ac["recall"]), ("country", ac["country_accuracy"]),
                         ("sector", ac["sector_accuracy"]), ("roles", ac["role_recall"])]),
        _line("  aliases", [("P", ac["alias_pair_precision"]), ("R", ac["alias_pair_recall"]),
                            ("F1", ac["alias_pair_f1"]),
                            ("not_actor_violations", ac["not_actor_violations"])]),
    ]
    return lines


def render(report: dict[str, Any]) -> str:
    """A short aligned summary of a gold report or a PLOVER report."""
    if "type_accuracy" in report:
        return "\n".join([
            f"plover    sentences {report['sentences']}",
            _line("plover", [("type", report["type_accuracy"]),
                             ("actor_country", report["actor_country_accuracy"]),
                             ("recipient_country", report["recipient_country_accuracy"])]),
        ])
    lines = [f"files     {report.get('files', 0)}"]
    if report.get("parts"):
        lines += _gold_lines(report["parts"])
    return "\n".join(lines)
