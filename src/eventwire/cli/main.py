"""The `eventwire` command: a thin shell over the library.

Each command parses options, calls one library function and prints. Errors
are one plain line and a non-zero exit status, never a traceback (set
EVENTWIRE_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import click

from ..errors import EventwireError

FORMATS = click.Choice(["table", "json", "csv"])


def _date(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def current_settings(ctx: click.Context) -> Any:
    """The settings of this run (defaults < user file < environment), loaded once."""
    from ..settings import load

    root = ctx.find_root()
    root.ensure_object(dict)
    if "settings" not in root.obj:
        root.obj["settings"] = load(config=root.params.get("config"))
    return root.obj["settings"]


def setting_option(name: str, *decls: str, **kwargs: Any) -> Any:
    """A flag for the setting ``name``: given, it wins; absent, the setting in force is used."""
    from ..settings import SETTINGS

    setting = SETTINGS[name]

    def resolve(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        found = current_settings(ctx)
        found.override(name, value, f"flag {param.opts[0]}")
        return found[name]

    kwargs.setdefault("type", setting.type)
    shown = setting.default if setting.default != "" else "none"
    kwargs["help"] = f"{kwargs.get('help') or setting.help} [setting {name}; default {shown}]"
    return click.option(*decls, default=None, callback=resolve, **kwargs)


db_option = setting_option("db", "--db", help="SQLite file or SQLAlchemy URL (postgresql://…).")
format_option = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
limit_option = click.option("--limit", type=click.IntRange(0), default=50, show_default=True,
                            help="Rows to show; 0 for all of them.")
sort_option = click.option("--sort", help="Column to sort by, - first for descending (e.g. -date).")
outlet_option = click.option("--outlet", help="Outlet name, exactly.")
since_option = click.option("--since", callback=_date, help="From this date (YYYY-MM-DD).")
until_option = click.option("--until", callback=_date, help="Up to this date (YYYY-MM-DD).")
meta_options = [
    click.option("--published", callback=_date, help="Publication date for plain files (YYYY-MM-DD)."),
    click.option("--outlet", help="Outlet name for plain files."),
    click.option("--url", help="URL for plain files."),
]


def _with(options: list[Any]) -> Any:
    def wrap(func: Any) -> Any:
        for option in reversed(options):
            func = option(func)
        return func

    return wrap


class Shell(click.Group):
    """Turns library errors into one line and a non-zero status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventwireError as err:
            raise click.ClickException(str(err)) from err
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `eventwire export | head`: the reader is gone, stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; every article stored so far is complete") from None
        except Exception as err:
            if os.environ.get("EVENTWIRE_DEBUG"):
                raise
            raise click.ClickException(f"{type(err).__name__}: {err}") from err


@click.group(cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="Settings file (TOML) instead of ~/.config/eventwire/config.toml.")
def cli(config: str | None) -> None:
    """eventwire: who did what to whom, when, where and on whose word, from news text.

    Settings come from the package defaults, then the user file, then
    EVENTWIRE_* environment variables, then flags: `eventwire config` shows them.
    """


def main() -> None:
    cli(prog_name="eventwire")


# ---------------------------------------------------------------- output


def emit(rows: Iterable[dict[str, Any]], fmt: str, columns: list[str], *, title: str = "",
         table_columns: list[str] | None = None) -> None:
    """Print rows as a table that fits the terminal, JSON or CSV (rows may be a stream)."""
    from .render import cell_text, table

    if fmt == "json":
        click.echo("[", nl=False)
        for i, row in enumerate(rows):
            text = json.dumps(row, indent=2, ensure_ascii=False, default=str)
            click.echo(("," if i else "") + "\n  " + text.replace("\n", "\n  "), nl=False)
        click.echo("\n]")
        return
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: cell_text(row.get(c)) for c in columns})
        return
    from rich.console import Console

    Console().print(table(rows, table_columns or columns, title=title))


def _store(db: str, *, readonly: bool = False):  # type: ignore[no-untyped-def]
    """The store at ``db``; read-only opening refuses a database file that does not exist (E304)."""
    from ..store import database_url, open_store

    url = database_url(db)
    if readonly and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise EventwireError("E304", path=db)
    return open_store(db, readonly=readonly)


def listed(store: Any, kind: str, limit: int, **filters: Any) -> Iterable[dict[str, Any]]:
    """The first ``limit`` rows of a list (0: every row, streamed)."""
    from itertools import islice

    if limit == 0 or limit > 1000:
        rows = store.rows(kind, **filters)
        return rows if limit == 0 else islice(rows, limit)
    read = {"events": store.events, "articles": store.articles, "actors": store.actors,
            "quotes": store.quotes, "stories": store.stories}[kind]
    return read(limit=limit, **filters)


# ---------------------------------------------------------------- ingest, extract


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@_with(meta_options)
@setting_option("ingest.actors", "--actors", "actors_file", type=click.Path(exists=True, dir_okay=False),
                help="Extra actor dictionary (TSV, same columns as the built-in one).")
@setting_option("ingest.max_bytes", "--max-bytes", type=click.IntRange(1))
@setting_option("ingest.batch_size", "--batch-size", type=click.IntRange(1, 1000))
@setting_option("ingest.workers", "--workers", type=click.IntRange(0, 1024))
@setting_option("events.all_events", "--all-events", is_flag=True,
                help="Store every coded event, also those without a political side.")
@click.option("--reprocess", is_flag=True, help="Process articles already stored again.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, summary as JSON only.")
def ingest(paths: tuple[str, ...], db: str, published: date | None, outlet: str | None,
           url: str | None, actors_file: str | None, max_bytes: int, batch_size: int,
           workers: int, all_events: bool, reprocess: bool, quiet: bool) -> None:
    """Read articles from files, folders, feeds, WARC or - (stdin) into the database.

    Articles are parsed in --workers processes (default: one per CPU core)
    and stored one at a time in input order, so every worker count stores
    the same database; an interrupted run leaves only whole articles.
    """
    from ..batch.pool import open_reader
    from ..ingest import count_records, read_paths
    from ..service import ingest as run

    for path in paths:
        if path != "-" and not Path(path).exists():
            raise click.BadParameter(f"no such file or folder: {path}", param_hint="PATHS")
    store = _store(db)
    total = count_records(paths, max_bytes=max_bytes)
    sources = read_paths(paths, published=published, outlet=outlet, url=url, max_bytes=max_bytes)
    with open_reader(workers, expected=total, actors_file=actors_file or None,
                     batch_size=batch_size, all_events=bool(all_events)) as pipeline:
        if quiet:
            summary = run(sources, pipeline=pipeline, store=store, batch_size=batch_size,
                          reprocess=reprocess)
            click.echo(json.dumps(summary.as_dict()))
            return
        from .progress import ingest_progress

        with ingest_progress(total) as advance:
            summary = run(sources, pipeline=pipeline, store=store, batch_size=batch_size,
                          reprocess=reprocess, progress=advance)
    _print_summary(summary, store.url)


def _print_summary(summary: Any, where: str) -> None:
    click.echo(
        f"{summary.read} articles read: {summary.stored} stored, {summary.unchanged} already "
        f"stored, {summary.duplicates} republications of stored ones; {summary.events} events, {summary.quotes} quotes, {summary.actors} actor "
        f"mentions; {sum(summary.skips.values())} skipped"
    )
    for code, count in sorted(summary.skips.items()):
        click.echo(f"  skip {code} x{count}: {summary.skip_messages[code]}")
    click.echo(f"database: {where}")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@_with(meta_options)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@setting_option("ingest.actors", "--actors", "actors_file", type=click.Path(exists=True, dir_okay=False),
                help="Extra actor dictionary (TSV, same columns as the built-in one).")
def extract(file: str, published: date | None, outlet: str | None, url: str | None,
            fmt: str, actors_file: str | None) -> None:
    """The full reading of one article (no database): actors, events, quotes."""
    from ..ingest import read_paths
    from ..pipeline import Pipeline
    from ..records import Skip, to_dict

    items = list(read_paths([file], published=published, outlet=outlet, url=url))
    skips = [i for i in items if isinstance(i, Skip)]
    articles = [i for i in items if not isinstance(i, Skip)]
    if not articles:
        skip = skips[0]
        raise click.ClickException(f"[{skip.code}] {skip.source}: {skip.message}")
    results = list(Pipeline(actors_file=actors_file or None).read(articles))
    if fmt == "json":
        payload = [to_dict(r) for r in results]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
        return
    from .render import reading_text

    for result in results:
        click.echo(reading_text(result))


# ---------------------------------------------------------------- queries


EVENT_OPTIONS = [
    click.option("--actor", help="Actor name, alias or id (as the one who acts)."),
    click.option("--recipient", help="Actor name, alias or id (as the one acted on)."),
    click.option("--country", help="Either side's country (ISO alpha-3, e.g. IRN)."),
    click.option("--type", "type_", help="PLOVER type (ASSAULT) or CAMEO code (190)."),
    click.option("--quad", type=click.IntRange(1, 4), help="Quad class 1-4."),
    since_option, until_option,
    click.option("--search", help="Words in the evidence or the article."),
    outlet_option,
    click.option("--in-caption/--not-in-caption", default=None),
    click.option("--negated/--not-negated", default=None),
    click.option("--mentions", is_flag=True,
                 help="List every report of an event instead of each event once per story."),
    sort_option,
]


def event_filters(**options: Any) -> dict[str, Any]:
    """The `events` options as store filters (what `events` and `export` share)."""
    names = {"type_": "type", "quad": "quad_class"}
    return {names.get(k, k): v for k, v in options.items() if v is not None and v is not False}


@cli.command()
@db_option
@click.option("--search", help="Full-text search over titles and text.")
@outlet_option
@click.option("--actor", help="Articles mentioning this actor (name, alias or id).")
@click.option("--country", help="Articles mentioning an actor of this country (ISO alpha-3).")
@click.option("--type", "type_", help="Articles with an event of this PLOVER type or CAMEO code.")
@since_option
@until_option
@sort_option
@limit_option
@format_option
def articles(db: str, limit: int, fmt: str, type_: str | None, **filters: Any) -> None:
    """List stored articles, newest first."""
    filters = {k: v for k, v in {**filters, "type": type_}.items() if v is not None}
    rows = listed(_store(db, readonly=True), "articles", limit, **filters)
    emit(rows, fmt, ["id", "published", "outlet", "title"], title="articles")


@cli.command()
@db_option
@click.option("--name", help="Part of a name or alias.")
@click.option("--country", help="ISO alpha-3 country code, e.g. IRN.")
@click.option("--kind", type=click.Choice(["person", "organization", "country", "group"]))
@click.option("--sector", help="Sector code, e.g. GOV.")
@outlet_option
@since_option
@until_option
@sort_option
@limit_option
@format_option
def actors(db: str, limit: int, fmt: str, **filters: Any) -> None:
    """List actors, each once, with aliases, roles and how many articles mention them."""
    rows = listed(_store(db, readonly=True), "actors", limit, **{k: v for k, v in filters.items() if v is not None})
    emit(rows, fmt, ["name", "kind", "country", "sectors", "aliases", "roles", "articles"], title="actors",
         table_columns=["name", "kind", "country", "sectors", "aliases", "articles"])


@cli.command()
@db_option
@_with(EVENT_OPTIONS)
@limit_option
@format_option
def events(db: str, limit: int, fmt: str, **options: Any) -> None:
    """List coded events, each once per story with how many reports carry it.

    The id column is short: `eventwire show ID` prints the whole event.
    """
    rows = [{**r, "short_id": r["id"][:8]} for r in listed(_store(db, readonly=True), "events", limit,
                                                            **event_filters(**options))]
    emit(rows, fmt, ["date", "plover", "cameo", "actors", "recipients", "evidence", "location_name",
                     "reported_by", "num_mentions", "num_sources", "id"], title="events",
         table_columns=["short_id", "date", "plover", "actors", "recipients", "evidence", "num_mentions"])


@cli.command()
@db_option
@click.argument("event_id")
@format_option
def show(db: str, event_id: str, fmt: str) -> None:
    """Show one event in full, by its id or the short id `events` prints."""
    from .render import event_text

    event = _store(db, readonly=True).event(event_id)
    if fmt == "table":
        click.echo(event_text(event))
    else:
        emit([event], fmt, list(event))


@cli.command()
@db_option
@click.argument("story_id", required=False)
@since_option
@until_option
@outlet_option
@click.option("--type", "type_", help="Stories with an event of this PLOVER type or CAMEO code.")
@sort_option
@limit_option
@format_option
@click.option("--regroup", is_flag=True,
              help="First group every stored article again under the stories.* settings in force.")
def stories(db: str, story_id: str | None, limit: int, fmt: str, type_: str | None, regroup: bool,
            **filters: Any) -> None:
    """List stories (articles about one happening across outlets), or show one story."""
    store = _store(db, readonly=not regroup)
    if regroup:
        click.echo(f"{store.regroup_stories()} stories", err=True)
    if story_id is None:
        filters = {k: v for k, v in {**filters, "type": type_}.items() if v is not None}
        emit(listed(store, "stories", limit, **filters), fmt, ["id", "articles", "sources", "first", "last",
                                                              "title"], title="stories")
        return
    story = store.story(story_id)
    if fmt == "json":
        emit([story], fmt, [])
        return
    emit(story["articles"], fmt, ["published", "outlets", "title", "id"], title=f"story {story_id}")
    emit(story["events"], fmt, ["date", "plover", "actors", "recipients", "evidence", "num_mentions",
                                "num_articles", "num_sources", "dispute"], title="events")


@cli.command()
@db_option
@click.option("--speaker", help="Speaker name, alias or id.")
@click.option("--country", help="The speaker's country (ISO alpha-3).")
@click.option("--kind", type=click.Choice(["direct", "partial", "indirect"]))
@outlet_option
@since_option
@until_option
@click.option("--search", help="Words in the quote.")
@sort_option
@limit_option
@format_option
def quotes(db: str, limit: int, fmt: str, **filters: Any) -> None:
    """List quotes with their speakers."""
    rows = listed(_store(db, readonly=True), "quotes", limit, **{k: v for k, v in filters.items() if v is not None})
    emit(rows, fmt, ["published", "speaker", "kind", "text", "title"], title="quotes")


@cli.command()
@db_option
@click.option("--code", help="Only this skip code (E101…).")
@limit_option
@format_option
def skips(db: str, code: str | None, limit: int, fmt: str) -> None:
    """List inputs that could not be read, with their coded reason."""
    rows = _store(db, readonly=True).skips(code=code, limit=limit or 10**9)
    emit(rows, fmt, ["source", "line", "code", "message"], title="skips")
