"""Reports of one event across a story, folded into one event with GDELT-style counts.

Reports are one event when they have the same PLOVER type and the same
actor ids on each side (the store's ``merge_key``) in one story. Reports
that contradict each other stay apart: one says it happened and another
that it did not (``negated``), or they state different days for it. Each
part is then an event of its own, marked ``disputed`` with the reason.
A report that states no date goes with the part that has the most reports
of its own polarity. Works on plain report dicts, so every shell and the
store share it. DOCS: docs/stories.md
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

Report = dict[str, Any]


def _stated_day(report: Report) -> str | None:
    if report.get("date_inferred") or report.get("date_precision") != "day":
        return None
    return report.get("date")


def _parts(reports: list[Report]) -> list[list[Report]]:
    """One group's reports split by polarity and stated day; undated ones join the biggest part."""
    parts: dict[tuple[bool, str | None], list[Report]] = defaultdict(list)
    undated: list[Report] = []
    for report in reports:
        day = _stated_day(report)
        (undated if day is None else parts[(bool(report["negated"]), day)]).append(report)
    for report in undated:
        same = [k for k in parts if k[0] == bool(report["negated"])]
        key = max(same, key=lambda k: (len(parts[k]), k[1] or "")) if same else (bool(report["negated"]), None)
        parts[key].append(report)
    return [parts[k] for k in sorted(parts, key=lambda k: (k[0], k[1] or ""))]


def _dispute(part_keys: list[tuple[bool, str | None]]) -> list[str]:
    reasons = []
    if len({k[0] for k in part_keys}) > 1:
        reasons.append("negated")
    if len({k[1] for k in part_keys if k[1]}) > 1:
        reasons.append("date")
    return reasons


def _lead(reports: list[Report]) -> Report:
    """The report that stands for the event: a stated date first, then confidence, then id."""
    return min(reports, key=lambda r: (bool(r.get("date_inferred")), -(r.get("confidence") or 0.0), r["id"]))


def merge_reports(reports: Iterable[Report], outlets_of: dict[str, list[str]] | None = None) -> list[Report]:
    """Events of one story, each once, with ``num_mentions`` (reports), ``num_articles``,
    ``num_sources`` (outlets, counting every outlet that carried an article's text),
    ``disputed`` and ``dispute`` (why) and ``reports`` (the reports it folds)."""
    outlets_of = outlets_of or {}
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.get("merge_key") or report["id"]].append(report)
    events = []
    for members in groups.values():
        parts = _parts(members)
        keys = [(bool(p[0]["negated"]), _stated_day(_lead(p))) for p in parts]
        reasons = _dispute(keys) if len(parts) > 1 else []
        for part in parts:
            outlets = {o for r in part for o in outlets_of.get(r["article_id"], [r.get("outlet") or r["article_id"]])}
            event = dict(_lead(part))
            event.update(num_mentions=len(part), num_articles=len({r["article_id"] for r in part}),
                         num_sources=len(outlets), disputed=bool(reasons), dispute=reasons,
                         reports=sorted(part, key=lambda r: (r.get("published") or "", r.get("outlet") or "",
                                                             r["article_id"], r.get("start", 0))))
            events.append(event)
    events.sort(key=lambda e: (-e["num_mentions"], e.get("date") or "", e["id"]))
    return events
