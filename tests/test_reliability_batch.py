"""Batch and concurrency (issue 17): poison records, workers that end with their parent,
`batch` + `load` == `ingest` table by table, and commands started at once on one database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from eventwire.batch import load, plan, run
from eventwire.batch.chunks import process_chunk
from eventwire.ingest import read_paths
from eventwire.service import ingest
from eventwire.store import open_store
from eventwire.store import schema as t

from .conftest import NEWS, PG_URL, ROOT, fresh_postgres
from .test_reliability import distinct, poisoned  # noqa: F401  (a fixture)

needs_news = pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")
ENV = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT / "src")}  # the code under test
#: Columns that say when a row was written, not what it holds.
VOLATILE = {"ingested_at", "created_at"}


def tables(store) -> dict[str, list[str]]:
    """Every table of the store as sorted rows (without write times)."""
    out = {}
    with store.engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in VOLATILE]
            rows = conn.execute(select(*columns)).all()
            out[table.name] = sorted(json.dumps([str(v) for v in row]) for row in rows)
    return out


def assert_same(loaded, ingested) -> None:
    a, b = tables(loaded), tables(ingested)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"table {name}: {len(a[name])} rows loaded, {len(b[name])} ingested"


def _news(n: int | None = None) -> list[dict]:
    return [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()[:n]]


def _copy(record: dict, n: int) -> dict:
    """A republication: one word changed, another outlet and url."""
    text = record["text"].replace(" the ", " a ", 1)
    return {**record, "text": text, "url": f"https://wire.example/{n}", "outlet": f"Wire {n}"}


def _batch_then_load(pipeline, path: Path, tmp_path: Path, chunk_size: int):
    out = tmp_path / "out"
    for chunk in plan([str(path)], chunk_size=chunk_size):
        process_chunk(chunk, pipeline, out)
    loaded = open_store(str(tmp_path / "loaded.db"))
    return loaded, load(out, loaded)


# ------------------------------------------------------------------ poison records


@pytest.mark.issue(17)
def test_reliability_batch_poison_records_are_skips_and_the_chunk_completes(pipeline, poisoned, tmp_path):  # noqa: F811
    poisoned("POISON")
    lines = [json.dumps({"title": "A", "text": distinct(1)}), json.dumps({"title": "B", "text": distinct(2), "captions": 7}),
             "[" * 50_000, json.dumps({"title": "POISON", "text": distinct(3)}), '{"text": "\\ud800' + distinct(4) + '"}',
             json.dumps({"title": "C", "text": distinct(5), "outlet": {"name": "x"}})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    (chunk,) = plan([str(path)], chunk_size=64)
    counts = process_chunk(chunk, pipeline, out)
    assert counts["articles"] == 2 and counts["skips"] == 4
    skips = json.loads((out / "_done" / f"{chunk.id}.json").read_text())["counts"]
    assert skips["skips"] == 4
    loaded = open_store(str(tmp_path / "l.db"))
    load(out, loaded)
    assert sorted((s["code"], s["line"]) for s in loaded.skips()) == [
        ("E104", 3), ("E114", 2), ("E114", 6), ("E202", None)]


@needs_news
@pytest.mark.issue(17)
def test_reliability_batch_run_passes_a_poison_record(tmp_path):
    lines = NEWS.read_text(encoding="utf-8").splitlines()[:3]
    lines.insert(1, json.dumps({"title": "bad", "text": distinct(9), "captions": 5}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run([str(path)], tmp_path / "out", engine="local", workers=1, chunk_size=2)
    assert (summary["processed"], summary["articles"], summary["skips"]) == (2, 3, 1)


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@needs_news
@pytest.mark.issue(17)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_reliability_batch_workers_end_with_their_parent(tmp_path):
    command = [sys.executable, "-m", "eventwire", "batch", str(NEWS), "--out", str(tmp_path / "out"),
               "--workers", "2", "--chunk-size", "4", "--quiet"]
    parent = subprocess.Popen(command, env=ENV, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.5)
            workers = [p for p in _children(parent.pid)
                       if b"spawn_main" in (Path("/proc") / str(p) / "cmdline").read_bytes()]
        assert len(workers) >= 2, "the batch started no workers"
        done = tmp_path / "out" / "_done"
        while time.monotonic() < deadline and not (done.exists() and any(done.iterdir())):
            time.sleep(0.5)  # kill it mid-run: the workers are busy with chunks
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.5)
        assert not [p for p in workers if _alive(p)], "workers outlived their parent"
    finally:
        for pid in _children(parent.pid) + [parent.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


# ------------------------------------------------------------------ batch + load == ingest


@needs_news
@pytest.mark.issue(17)
def test_reliability_batch_then_load_equals_ingest_on_the_shared_articles(pipeline, tmp_path):
    loaded, counts = _batch_then_load(pipeline, NEWS, tmp_path, chunk_size=10)
    ingested = open_store(str(tmp_path / "ingested.db"))
    summary = ingest(read_paths([NEWS]), pipeline=pipeline, store=ingested)
    assert (counts["stored"], counts["republications"]) == (summary.stored, summary.duplicates)
    assert_same(loaded, ingested)


@needs_news
@pytest.mark.issue(17)
def test_reliability_batch_then_load_equals_ingest_with_copies_across_chunks(pipeline, poisoned, tmp_path):  # noqa: F811
    poisoned("POISON")
    news = _news(12)
    records = news[:6] + [_copy(news[0], 1), news[6], _copy(news[3], 2), {**news[7], "title": "POISON"}]
    records += [news[8], _copy(news[7], 3), news[1], _copy(news[1], 4), news[9], _copy(news[10], 5), news[10]]
    lines = [json.dumps(r) for r in records]
    lines[4:4] = ['{"broken', json.dumps({"text": "short"})]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded, counts = _batch_then_load(pipeline, path, tmp_path, chunk_size=3)
    ingested = open_store(str(tmp_path / "ingested.db"))
    summary = ingest(read_paths([path]), pipeline=pipeline, store=ingested)
    assert (summary.duplicates, summary.unchanged, counts["republications"]) == (4, 1, 4)
    assert dict(summary.skips) == {"E104": 1, "E113": 1, "E202": 1}  # the copy of POISON is read itself
    assert_same(loaded, ingested)


# ------------------------------------------------------------------ commands at once


def _urls(tmp_path: Path, purpose: str) -> list[str]:
    urls = [str(tmp_path / f"{purpose}.db")]
    if PG_URL:
        urls.append(fresh_postgres(PG_URL, purpose))
    return urls


@pytest.mark.issue(17)
def test_reliability_commands_started_at_once_on_a_new_database(tmp_path):
    script = ("import sys, time; from eventwire.store import open_store\n"
              "while time.time() < float(sys.argv[2]): time.sleep(0.005)\n"  # all start together
              "print(open_store(sys.argv[1]).counts()['articles'])")
    for url in _urls(tmp_path, "migrate"):
        start = str(time.time() + 15)
        procs = [subprocess.Popen([sys.executable, "-c", script, url, start], env=ENV, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(6)]
        results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
        assert all(code == 0 and out.strip() == "0" for code, out, _ in results), results


@needs_news
@pytest.mark.issue(17)
def test_reliability_concurrent_ingests_find_wire_copies_across_each_other(tmp_path):
    news = _news(4)
    halves = [news, [_copy(r, n) for n, r in enumerate(news)]]
    paths = []
    for n, records in enumerate(halves):
        paths.append(tmp_path / f"half{n}.jsonl")
        paths[-1].write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for url in _urls(tmp_path, "wire"):
        open_store(url).close()
        procs = [subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(p), "--db", url, "-q"], env=ENV,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in paths]
        results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
        assert all(code == 0 for code, _ in results), results
        store = open_store(url)
        with store.engine.connect() as conn:
            sources = len(conn.execute(select(t.article_sources)).all())
        assert (store.counts()["articles"], sources) == (4, 4), url
