"""Plain-text views of records for terminals (`eventwire extract`)."""

from __future__ import annotations

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
