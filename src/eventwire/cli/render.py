"""Plain-text views for terminals: one reading (`eventwire extract`), list tables that fit
80 columns without splitting words, and one event in full (`eventwire show`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..records import Reading, Skip


def _names(reading: Reading, ids: list[str]) -> str:
    out = []
    for actor_id in ids:
        actor = reading.actor(actor_id)
        out.append(f"{actor.name} ({actor.country})" if actor and actor.country else
                   actor.name if actor else actor_id)
    return ", ".join(out) or "-"


def reading_text(reading: Reading | Skip) -> str:
    """A readable summary of one article's reading."""
    if isinstance(reading, Skip):
        return f"skipped [{reading.code}] {reading.source}: {reading.message}"
    a = reading.article
    lines = [f"# {a.title}", f"published: {a.published or 'unknown'}  outlet: {a.outlet or '-'}"]
    if a.standfirst:
        lines.append(f"standfirst: {a.standfirst}")
    lines += [f"caption: {c}" for c in a.captions] + [f"credit: {c}" for c in a.credits]
    lines.append(f"\n## actors ({len(reading.actors)})")
    for actor in reading.actors:
        extra = "; ".join(x for x in [", ".join(actor.sectors), "; ".join(actor.roles)] if x)
        alias = f" aka {', '.join(actor.aliases)}" if actor.aliases else ""
        lines.append(f"- {actor.name} [{actor.kind}, {actor.country or '-'}]{alias} {extra}".rstrip())
    lines.append(f"\n## events ({len(reading.events)})")
    for e in reading.events:
        flags = [f for f in ("negated", "hypothetical", "hedged", "in_caption", "background") if getattr(e, f)]
        when = e.date.iso() if e.date else None
        where = e.location.name if e.location else None
        by = reading.actor(e.reported_by).name if e.reported_by and reading.actor(e.reported_by) else None
        lines.append(
            f"- {e.plover} ({e.cameo}) {_names(reading, e.actors)} -> {_names(reading, e.recipients)}"
            f" | {e.evidence!r}" + "".join(
                f" | {k}: {v}" for k, v in (("date", when), ("place", where), ("reported by", by),
                                            ("flags", ", ".join(flags))) if v
            )
        )
    lines.append(f"\n## quotes ({len(reading.quotes)})")
    for q in reading.quotes:
        speaker = reading.actor(q.speaker_id) if q.speaker_id else None
        lines.append(f"- [{q.kind}] {speaker.name if speaker else '?'}: {q.text[:160]!r}")
    return "\n".join(lines)


# ---------------------------------------------------------------- list tables

# column -> (min width, max width, ratio): short codes never wrap; text columns share the rest
# of the terminal and wrap at whole words, a word too long for its cell ending in an ellipsis.
WIDTHS: dict[str, tuple[int, int | None, int | None]] = {
    "id": (8, 16, None), "short_id": (8, 8, None), "date": (10, 10, None), "published": (10, 10, None),
    "first": (10, 10, None), "last": (10, 10, None), "plover": (7, 12, None), "cameo": (5, 5, None),
    "kind": (6, 12, None), "country": (3, 7, None), "code": (4, 4, None), "line": (4, 6, None),
    "articles": (4, 8, None), "outlets": (4, 7, None), "sources": (4, 7, None), "num_mentions": (4, 8, None),
    "num_sources": (4, 7, None), "mentions": (4, 8, None), "quad_class": (4, 4, None),
    "evidence": (12, None, 3), "title": (12, None, 3), "text": (12, None, 3), "message": (12, None, 3),
    "actors": (8, None, 2), "recipients": (8, None, 2), "speaker": (8, None, 2), "name": (8, None, 2),
}
HEADERS = {"short_id": "id", "num_mentions": "reports", "num_sources": "sources",
           "location_name": "place", "reported_by": "per", "quad_class": "quad"}


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or "")
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value)
    return str(value)


def table(rows: Iterable[dict[str, Any]], columns: list[str], *, title: str = "",
          width: int | None = None) -> Any:
    """A Rich table of ``rows`` exactly as wide as the terminal allows (80 when not a terminal).

    Short columns get the width of their longest value (within their bounds); text columns
    share what is left by ratio, wrapping at whole words and ending a too-long word in "…".
    """
    from rich.console import Console
    from rich.table import Table

    cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
    total = (width or Console().width) - 3 * len(columns) - 1  # borders and padding
    widths: dict[str, int] = {}
    for k, column in enumerate(columns):
        low, high, ratio = WIDTHS.get(column, (6, None, 1))
        longest = max([len(HEADERS.get(column, column))] + [len(r[k]) for r in cells])
        if high is not None:
            widths[column] = max(low, min(high, longest))
    flexible = [c for c in columns if c not in widths]
    room = max(total - sum(widths.values()), 6 * len(flexible))
    shares = {c: WIDTHS.get(c, (6, None, 1))[2] or 1 for c in flexible}
    for column in flexible:
        widths[column] = max(WIDTHS.get(column, (6,))[0], room * shares[column] // max(1, sum(shares.values())))
    while flexible and sum(widths.values()) > max(total, sum(widths[c] for c in columns if c not in flexible)):
        widest = max(flexible, key=lambda c: widths[c])  # narrow the widest text column to fit
        if widths[widest] <= 6:
            break
        widths[widest] -= 1
    grid = Table(title=title or None, show_lines=False, expand=False)
    for column in columns:
        grid.add_column(HEADERS.get(column, column), width=widths[column], overflow="ellipsis",
                        no_wrap=column not in flexible)
    for row in cells:
        grid.add_row(*row)
    return grid


def event_text(event: dict[str, Any]) -> str:
    """Every field of one stored event, one per line (`eventwire show`)."""
    sides = {k: cell_text(event.get(k)) or "-" for k in ("actors", "recipients", "reported_by", "speaker")}
    flags = [f for f in ("negated", "hypothetical", "hedged", "in_caption") if event.get(f)]
    lines = [
        f"event {event['id']}",
        f"  {event['plover']} (CAMEO {event['cameo']}, quad class {event['quad_class']}, "
        f"Goldstein {event['goldstein']})" + (f", mode {event['mode']}" if event.get("mode") else ""),
        f"  actors:     {sides['actors']}",
        f"  recipients: {sides['recipients']}",
        f"  date:       {event.get('date') or 'unknown'} ({event.get('date_precision')})"
        + (f" from {event['date_text']!r}" if event.get("date_text") else ""),
        f"  place:      {event.get('location_name') or '-'}"
        + (f" ({event['location_country']})" if event.get("location_country") else ""),
        f"  trigger:    {event['trigger']}",
        f"  evidence:   {event['evidence']}",
        f"  per:        {sides['reported_by']}; said by {sides['speaker']}",
        f"  flags:      {', '.join(flags) or '-'}; confidence {event['confidence']:.2f}",
        f"  article:    {event.get('title') or ''} [{event['article_id']}]",
        f"  outlet:     {event.get('outlet') or '-'} {event.get('url') or ''}".rstrip(),
    ]
    return "\n".join(lines)
