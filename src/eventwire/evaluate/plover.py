"""Score the pipeline sentence by sentence on the PLOVER gold standard records.

Each coded sentence of PLOVER_GSR_CAMEO.json becomes a one-paragraph
article; all are read in one pipeline run. The system's primary event per
sentence (highest confidence, earliest on ties) is compared with the gold
type (PLOVER 0.5b1 labels mapped to 2021 ones) and with the gold source and
target countries (CAMEO codes mapped to ISO alpha-3); for a symmetric event
("X and Y agreed") the gold countries may be on either side.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..datafiles import DATA, rows
from ..errors import EventwireError
from .text import ratio
from ..records import Article, Event, Reading, Skip

if TYPE_CHECKING:
    from ..pipeline import Pipeline

CODES_FILE = DATA / "plover_gsr_codes.tsv"


@functools.lru_cache(maxsize=4)
def gsr_codes(kind: str) -> dict[str, str]:
    """One mapping of the codes file: "label" (0.5b1 -> 2021) or "country" (CAMEO -> ISO)."""
    table: dict[str, str] = {}
    for row in rows(CODES_FILE):
        cells = [c.strip().upper() for c in row]
        if len(cells) >= 3 and cells[0] == kind.upper():
            table[cells[1]] = cells[2]
    return table


def plover_type(label: str) -> str:
    """A PLOVER 0.5b1 label as its PLOVER 2021 type."""
    label = label.strip().upper()
    return gsr_codes("label").get(label, label)


@functools.lru_cache(maxsize=1024)
def iso_country(code: str) -> str | None:
    """ISO alpha-3 for a CAMEO actor code, or None when it names no country."""
    import pycountry

    code = code.strip().upper()
    if code in gsr_codes("country"):
        return gsr_codes("country")[code]
    if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


def _countries(side: Any) -> set[str]:
    if not isinstance(side, list):
        return set()
    codes = (iso_country(str(a.get("code") or "")) for a in side if isinstance(a, dict))
    return {c for c in codes if c}


def load_plover(path: str | Path) -> list[dict[str, Any]]:
    """The coded sentences of a PLOVER GSR file (DOCUMENT entries left out)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EventwireError("E401", path=path, detail=str(err)) from err
    if not isinstance(data, list):
        raise EventwireError("E401", path=path, detail="not a JSON list of PLOVER records")
    return [
        r for r in data
        if isinstance(r, dict) and r.get("event") != "DOCUMENT" and isinstance(r.get("text"), str)
        and r["text"].strip()
    ]


def _article(record: dict[str, Any]) -> Article:
    try:
        published = date.fromisoformat(str(record.get("date")))
    except ValueError:
        published = None
    return Article(title="", paragraphs=[record["text"].strip()], published=published,
                   origin=str(record.get("id") or ""))


def primary_event(reading: Reading | Skip) -> Event | None:
    """The system's main event: highest confidence, earliest on ties."""
    if isinstance(reading, Skip) or not reading.events:
        return None
    ranked = sorted(enumerate(reading.events), key=lambda p: (-p[1].confidence, p[1].start, p[0]))
    return ranked[0][1]


def _event_countries(reading: Reading, actor_ids: list[str]) -> set[str]:
    found = set()
    for actor_id in actor_ids:
        actor = reading.actor(actor_id)
        if actor is not None and actor.country:
            found.add(actor.country.upper())
    return found


def _score_sentence(record: dict[str, Any], reading: Reading | Skip, tally: Counter[str]) -> None:
    """Add one sentence's outcome to ``tally``."""
    gold_type = plover_type(str(record.get("event") or ""))
    tally[f"n:{gold_type}"] += 1
    event = primary_event(reading)
    if event is None or event.plover.upper() != gold_type or isinstance(reading, Skip):
        return
    tally["type"] += 1
    tally[f"right:{gold_type}"] += 1
    both = [*event.actors, *event.recipients]  # a symmetric event's parties act on each other
    for side, gold_side, ids in (("actor", "source", event.actors), ("recipient", "target", event.recipients)):
        wanted = _countries(record.get(gold_side))
        if wanted:
            tally[f"{side}_n"] += 1
            tally[side] += int(wanted <= _event_countries(reading, both if event.symmetric else ids))


def evaluate_plover(path: str | Path, pipeline: Pipeline, *, limit: int | None = None) -> dict[str, Any]:
    """Type and country accuracy over the PLOVER sentences (the first ``limit`` if given)."""
    records = load_plover(path)[:limit]
    articles = [_article(r) for r in records]
    tally: Counter[str] = Counter()
    for record, reading in zip(records, pipeline.read(articles), strict=True):
        _score_sentence(record, reading, tally)
    types = sorted(k[2:] for k in tally if k.startswith("n:"))
    return {
        "sentences": len(records),
        "type_accuracy": ratio(tally["type"], len(records)),
        "actor_country_accuracy": ratio(tally["actor"], tally["actor_n"]),
        "recipient_country_accuracy": ratio(tally["recipient"], tally["recipient_n"]),
        "per_type": {
            t: {"sentences": tally[f"n:{t}"], "type_accuracy": ratio(tally[f"right:{t}"], tally[f"n:{t}"])}
            for t in types
        },
    }
