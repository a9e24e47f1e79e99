"""`eventwire batch` and `eventwire load`: big inputs on a process pool or a Ray cluster."""

from __future__ import annotations

import json

import click

from .main import _store, cli, db_option, setting_option


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet tables (articles, actors, mentions, events, quotes, skips).")
@setting_option("batch.engine", "--engine", type=click.Choice(["local", "ray"]),
                help="local: a process pool here; ray: Ray Data (pip install 'eventwire[ray]').")
@click.option("--workers", type=click.IntRange(1, 4096), help="Worker processes (default: CPU count).")
@click.option("--address", help="Address of an existing Ray cluster (default: start one here).")
@setting_option("batch.chunk_size", "--chunk-size", type=click.IntRange(1, 100_000))
@setting_option("ingest.actors", "--actors", "actors_file", type=click.Path(exists=True, dir_okay=False),
                help="Extra actor dictionary (TSV, same columns as the built-in one).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the JSON summary.")
def batch(inputs: tuple[str, ...], out: str, engine: str, workers: int | None, address: str | None,
          chunk_size: int, actors_file: str | None, quiet: bool) -> None:
    """Process JSONL, Parquet or WARC inputs into Parquet tables partitioned by date.

    Rerunning with the same arguments skips the chunks already done, so a
    killed run loses nothing.
    """
    from ..batch import run

    options = dict(engine=engine, workers=workers, address=address, chunk_size=chunk_size,
                   actors_file=actors_file or None)
    if quiet:
        click.echo(json.dumps(run(list(inputs), out, **options)))
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("chunks", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("chunks", total=None)

        def advance(done: int = 0, *, total: int | None = None) -> None:
            if total is not None:
                bar.update(task, total=total)
            bar.advance(task, done)

        summary = run(list(inputs), out, progress=advance, **options)
    click.echo(json.dumps(summary))


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
def load(folder: str, db: str) -> None:
    """Load the Parquet tables of `eventwire batch` into a database (idempotent)."""
    from ..batch import load as run_load

    click.echo(json.dumps(run_load(folder, _store(db))))
