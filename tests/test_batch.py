"""Batch runs: Parquet by date, resumable, same rows whatever the engine, loadable into a store."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.batch import load, plan, run
from eventwire.batch.chunks import process_chunk
from eventwire.errors import EventwireError
from eventwire.ingest import read_paths
from eventwire.service import ingest
from eventwire.store import open_store

from .conftest import NEWS, ROOT

needs_news = pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")
HAS_RAY = importlib.util.find_spec("ray") is not None


@pytest.fixture(scope="module")
def small_input(tmp_path_factory):
    """Six real articles and one broken line."""
    lines = NEWS.read_text(encoding="utf-8").splitlines()[:6]
    lines.insert(3, "{broken json")
    path = tmp_path_factory.mktemp("in") / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(out: Path, table: str) -> list[dict]:
    rows = []
    for path in sorted(out.glob(f"{table}/date=*/*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def _events(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.exec_driver_sql(
            "SELECT id, article_id, plover, cameo, actors, recipients, date, date_precision, "
            "location_name, reported_by, negated, evidence FROM events"))


def _actors(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.exec_driver_sql(
            "SELECT id, name, kind, country, sectors, roles, aliases, search_names FROM actors"))


@needs_news
def test_batch_plan_chunks_and_partitions(pipeline, small_input, tmp_path):
    chunks = plan([str(small_input)], chunk_size=3)
    assert [(c.start, c.stop) for c in chunks] == [(0, 3), (3, 6), (6, 7)]
    out = tmp_path / "out"
    for chunk in chunks:
        process_chunk(chunk, pipeline, out)
    days = {p.name for p in (out / "articles").iterdir()}
    assert days and all(d.startswith("date=") for d in days)
    skips = _rows(out, "skips")
    assert [(s["code"], s["line"]) for s in skips] == [("E104", 4)]
    assert len(_rows(out, "articles")) == 6
    assert len(list((out / "_done").iterdir())) == 3


@needs_news
def test_batch_load_equals_ingest_and_is_idempotent(pipeline, small_input, tmp_path):
    out = tmp_path / "out"
    for chunk in plan([str(small_input)], chunk_size=2):
        process_chunk(chunk, pipeline, out)
    loaded = open_store(str(tmp_path / "loaded.db"))
    first = load(out, loaded)
    assert first["stored"] + first.get("republications", 0) == 6 and first["skips"] == 1
    again = load(out, loaded)
    assert again["unchanged"] == 6
    ingested = open_store(str(tmp_path / "ingested.db"))
    ingest(read_paths([small_input]), pipeline=pipeline, store=ingested)
    assert _events(loaded) == _events(ingested)
    assert loaded.counts() == ingested.counts()
    assert _actors(loaded) == _actors(ingested)  # merged across articles in another order


@needs_news
def test_batch_local_engine_two_workers_resumes(small_input, tmp_path):
    out = tmp_path / "out"
    first = run([str(small_input)], out, engine="local", workers=2, chunk_size=2)
    assert first["processed"] == 4 and first["articles"] == 6 and first["skips"] == 1
    rows = _rows(out, "events")
    # a kill between a chunk's files and its done marker: the rerun redoes only that chunk
    marker = sorted((out / "_done").iterdir())[0]
    marker.unlink()
    second = run([str(small_input)], out, engine="local", workers=2, chunk_size=2)
    assert (second["done_before"], second["processed"]) == (3, 1)
    assert _rows(out, "events") == rows


def test_batch_unknown_input_kind_is_coded(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(EventwireError) as err:
        plan([str(path)])
    assert err.value.code == "E406"


def test_batch_ray_missing_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)
    from eventwire.batch.ray import run as run_ray

    with pytest.raises(EventwireError) as err:
        run_ray([], tmp_path, workers=1)
    assert err.value.code == "E405" and "eventwire[ray]" in str(err.value)


def _batch_cmd(small_input: Path, out: Path, engine: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", "batch", str(small_input), "--out", str(out),
            "--engine", engine, "--workers", "2", "--chunk-size", "1"]


@needs_news
@pytest.mark.skipif(not HAS_RAY, reason="ray not installed (pip install 'eventwire[ray]')")
def test_batch_ray_killed_midway_then_rerun_matches_uninterrupted(small_input, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RAY_DISABLE_IMPORT_WARNING": "1"}
    whole = tmp_path / "whole"
    subprocess.run(_batch_cmd(small_input, whole, "local"), check=True, env=env, capture_output=True)
    killed = tmp_path / "killed"
    proc = subprocess.Popen(_batch_cmd(small_input, killed, "ray"), env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if (killed / "_done").exists() and any((killed / "_done").iterdir()):
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_when_killed = len(list((killed / "_done").iterdir())) if (killed / "_done").exists() else 0
    assert done_when_killed < 7, "the run finished before it could be killed"
    result = subprocess.run(_batch_cmd(small_input, killed, "ray"), check=True, env=env,
                            capture_output=True, text=True)
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    # Ray's workers are not in the killed process group and may finish a chunk more
    # before they notice; the rerun must skip every finished chunk and do the rest.
    assert summary["done_before"] >= done_when_killed
    assert summary["done_before"] + summary["processed"] == summary["chunks"] == 7
    for table in ("articles", "events", "quotes", "mentions", "skips"):
        assert _rows(killed, table) == _rows(whole, table), table
