"""`eventwire export`, `eval` and `bench`: commands that write files or measure."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .main import EVENT_OPTIONS, _store, _with, cli, current_settings, db_option, event_filters, setting_option

EXPORT_FORMATS = ["jsonl", "csv", "parquet", "gdelt", "plover"]
TABLES = ["events", "articles", "actors", "quotes", "stories"]


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(TABLES), default="events", show_default=True,
              help="What to export for jsonl/csv/parquet (gdelt and plover are events).")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Output file (default: stdout; parquet needs --out).")
@_with(EVENT_OPTIONS)
def export(db: str, fmt: str, table: str, out: str | None, **options: Any) -> None:
    """Export what `events` lists (same filters) as GDELT 2.0 TSV, PLOVER JSON, JSONL, CSV or Parquet.

    GDELT and PLOVER exports count events, not reports: an event told by
    several articles of a story is one row with its NumMentions, NumSources
    and NumArticles (--mentions writes every report); GDELT leaves out
    negated and hypothetical events. --since/--until (event dates) hold for
    every format; with --table articles, actors, quotes or stories they
    select by publication date (actors: mentioned in such articles) and the
    other event filters do not apply.
    """
    from ..store.tables import COLUMNS, event_lines, flat, json_default

    store = _store(db, readonly=True)
    filters = event_filters(**options)
    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet needs --out FILE")
    if fmt in ("gdelt", "plover"):
        lines = event_lines(store, fmt, flagged=fmt == "plover", **filters)
    else:
        if table != "events":
            filters = {k: v for k, v in filters.items() if k in ("since", "until")}
        rows = store.rows(table, **filters)
        if fmt == "parquet":
            return _parquet(rows, out or "")
        lines = (json.dumps(r, ensure_ascii=False, default=json_default) + "\n" for r in rows) if fmt == "jsonl" \
            else _csv_lines(COLUMNS[table], (flat(table, r) for r in rows))
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    for line in lines:
        stream.write(line)
    if out:
        stream.close()


def _csv_lines(columns: list[str], rows: Any) -> Any:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _parquet(rows: Any, out: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [{k: json.dumps(v, default=str) if isinstance(v, list | dict) else v for k, v in r.items()} for r in rows]
    pq.write_table(pa.Table.from_pylist(flat), out)


@cli.command(name="eval")
@click.argument("gold", nargs=-1)
@click.option("--plover", "plover", type=click.Path(exists=True, dir_okay=False),
              help="Also score sentence-level coding on a PLOVER gold JSON file.")
@click.option("--stories", "stories", type=click.Path(exists=True, dir_okay=False),
              help="Score story grouping (B-cubed) on a JSONL file whose lines carry a story label.")
@click.option("--label-field", default="category", show_default=True, help="The story label field for --stories.")
@click.option("--attributions", "attributions", type=click.Path(exists=True, file_okay=False),
              help="Score quotes and speakers on a brat attribution corpus (text/, attributions/; docs/quotes.md).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def eval_(gold: tuple[str, ...], plover: str | None, stories: str | None, label_field: str,
          attributions: str | None, as_json: bool) -> None:
    """Score the pipeline against gold files (FORMAT.md), PLOVER sentences, story labels and
    attribution corpora.

    With --json and more than one kind of scoring, the object has one key
    per kind: gold, plover, stories, attributions.
    """
    from ..evaluate import gold as evaluate
    from ..pipeline import Pipeline

    if not gold and not plover and not stories and not attributions:
        raise click.UsageError("give GOLD files or folders, --plover FILE, --stories FILE, "
                               "--attributions DIR, or several")
    pipeline = Pipeline()
    reports: dict[str, Any] = {}
    if gold:
        reports["gold"] = evaluate.evaluate(evaluate.load_gold(gold), pipeline)
    if plover:
        reports["plover"] = evaluate.evaluate_plover(plover, pipeline)
    if stories:
        from ..evaluate.stories import evaluate_stories

        reports["stories"] = evaluate_stories(stories, pipeline, label_field=label_field)
    if attributions:
        from ..evaluate.attributions import evaluate_attributions

        reports["attributions"] = evaluate_attributions(attributions, pipeline)
    if as_json:
        click.echo(json.dumps(reports[next(iter(reports))] if len(reports) == 1 else reports, indent=2))
        return
    for kind, report in reports.items():
        if kind == "gold":
            click.echo(evaluate.render(report))
        elif kind == "attributions":
            from ..evaluate.attributions import render_attributions

            click.echo(render_attributions(report))
        else:
            click.echo(f"{kind}: " + "  ".join(f"{k} {v}" for k, v in report.items() if not isinstance(v, dict)))


def _worker_counts(_ctx: Any, _param: Any, value: str | None) -> tuple[int, ...] | None:
    if value is None:
        return None
    try:
        counts = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        counts = ()
    if not counts or min(counts) < 1:
        raise click.BadParameter(f"expected worker counts like 1,2, not {value!r}")
    return counts


@cli.command()
@click.option("--input", "path", type=click.Path(exists=True), help="Articles to read (default: ../shared news sample, else examples/).")
@click.option("--limit", type=int, help="Use only the first N articles.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=16, show_default=True)
@click.option("--repeat", type=click.IntRange(1, 10), default=1, show_default=True)
@click.option("--engine", type=click.Choice(["local", "ray"]),
              help="Measure batch runs with 1 and 2 workers on this engine instead.")
@click.option("--workers", callback=_worker_counts,
              help="Measure `eventwire ingest` with storage in these numbers of worker processes instead, e.g. 1,2.")
@click.option("--json", "as_json", is_flag=True)
def bench(path: str | None, limit: int | None, batch_size: int, repeat: int, engine: str | None,
          workers: tuple[int, ...] | None, as_json: bool) -> None:
    """Throughput and memory: raw spaCy nlp.pipe vs the full pipeline on the same articles.

    With --engine, articles/s of `eventwire batch` with 1 and 2 workers and
    the scaling efficiency, start-up and model loading included and excluded.
    With --workers 1,2, the same for `eventwire ingest` with storage;
    --repeat N alternates the runs and reports each count's median run.
    """
    from .. import bench as b

    if workers:
        report = b.bench_workers(path=path, limit=limit, workers=workers, repeat=repeat)
        click.echo(json.dumps(report, indent=2) if as_json else b.render_workers(report))
        return
    if engine:
        report = b.bench_engine(engine=engine, path=path, limit=limit)
        click.echo(json.dumps(report, indent=2) if as_json else b.render_engine(report))
        return
    report = b.bench(path=path, limit=limit, batch_size=batch_size, repeat=repeat)
    click.echo(json.dumps(report, indent=2) if as_json else b.render(report))


@cli.command("config")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def config_(ctx: click.Context, fmt: str) -> None:
    """The settings in force and where each came from (default, file, environment).

    Layers, lowest first: the package's defaults.toml, the user file
    (~/.config/eventwire/config.toml, or eventwire --config FILE), then
    EVENTWIRE_* environment variables; a command's flags win over all.
    """
    from ..settings import SETTINGS

    found = current_settings(ctx)
    rows = [{"setting": n, "value": found[n], "source": found.sources[n], "env": s.env}
            for n, s in SETTINGS.items()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    from .main import emit

    emit(rows, "table", ["setting", "value", "source", "env"], title="settings")


@cli.command()
@db_option
@setting_option("serve.host", "--host", help="Interface to listen on.")
@setting_option("serve.port", "--port", type=click.IntRange(1, 65535))
@click.option("--writable", is_flag=True, help="Also accept POST /api/articles (runs the pipeline).")
@setting_option("serve.cache", "--cache/--no-cache")
def serve(db: str, host: str, port: int, writable: bool, cache: bool) -> None:
    """Serve the read-only HTTP API and the web UI over the database (uvicorn)."""
    import uvicorn

    from ..web.app import create_app

    _store(db, readonly=True).close()  # a database that does not exist is E304, not a new empty one

    click.echo(f"eventwire on http://{host}:{port}/ (API schema: /openapi.json)")
    uvicorn.run(create_app(db, writable=writable, warm=True, cache=cache), host=host, port=port,
                log_level="warning")
