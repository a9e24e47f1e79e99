"""`service.ingest`: the one loop of reading, processing and storing, in one process or N workers.

A run with worker processes must store the same database, table by table,
as a run in one process; an interrupted run (Ctrl-C, kill) must leave only
whole articles, so that a rerun reaches the same counts.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.batch.pool import MIN_PER_WORKER, WorkerPool, worker_count
from eventwire.ingest import count_records, read_paths, source_file
from eventwire.records import Article, Reading, Skip, to_dict
from eventwire.service import ingest
from eventwire.store import open_store

from .conftest import NEWS, ROOT

needs_news = pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")


def _tables(db: Path) -> dict[str, list[str]]:
    """Every table's rows (sorted, times left out): what two runs must agree on."""
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                        "name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts_%'")]
    tables = {}
    for name in names:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if not r[1].endswith("_at")]
        query = f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{name}"'
        tables[name] = sorted(repr(row) for row in conn.execute(query))
    conn.close()
    return tables


@pytest.fixture(scope="module")
def news_input(tmp_path_factory):
    """Twenty real articles, republished copies of three of them (one in the same chunk as its
    original, two further on), an exact repeat, a broken line and a record without text."""
    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()[:20]]
    items: list[object] = list(records)

    def copy(record: dict, outlet: str) -> dict:
        return {**record, "url": f"{record['url']}?via={outlet}", "publisher": outlet,
                "text": record["text"].replace(". ", ".  ", 1) + " Copyright the wire."}

    items.insert(2, copy(records[1], "ledger"))
    items.insert(12, copy(records[4], "courier"))
    items.insert(18, "{broken json")
    items.insert(21, {"title": "nothing here"})
    items.append(copy(records[9], "gazette"))
    items.append(records[3])
    path = tmp_path_factory.mktemp("in") / "news.jsonl"
    path.write_text("\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one_process(pipeline, news_input, tmp_path_factory):
    """The reference: the input ingested in this process."""
    db = tmp_path_factory.mktemp("one") / "one.db"
    store = open_store(str(db))
    summary = ingest(read_paths([news_input]), pipeline=pipeline, store=store)
    store.close()
    return db, summary


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(2, chunk=2) as workers:
        yield workers


@needs_news
def test_service_two_workers_store_the_same_database(one_process, pool, news_input, tmp_path):
    db, reference = one_process
    store = open_store(str(tmp_path / "two.db"))
    summary = ingest(read_paths([news_input]), pipeline=pool, store=store)
    store.close()
    assert summary.as_dict() == reference.as_dict()
    assert summary.stored >= 15 and summary.duplicates >= 3 and summary.unchanged == 1
    assert dict(summary.skips) == {"E104": 1, "E105": 1}
    two, one = _tables(tmp_path / "two.db"), _tables(db)
    assert set(two) == set(one)
    for name in one:
        assert two[name] == one[name], name
    assert len(one["article_sources"]) == summary.duplicates
    assert max(c for c in _story_sizes(db)) > 1  # stories formed, and the same ones
    assert 0 < max(pool.peak_mb.values()) < 1024  # MB per worker


def _story_sizes(db: Path) -> list[int]:
    conn = sqlite3.connect(db)
    sizes = [n for (n,) in conn.execute("SELECT count(*) FROM articles GROUP BY story_id")]
    conn.close()
    return sizes


@needs_news
def test_service_pool_replaces_a_killed_worker_and_reads_everything(pool, pipeline, news_input):
    articles = [a for a in read_paths([news_input]) if isinstance(a, Article)][:12]
    results = []
    for result in pool.read(articles):
        if not results:
            os.kill(next(iter(pool._workers)), signal.SIGKILL)
        results.append(result)
    assert [to_dict(r) for r in results] == [to_dict(r) for r in pipeline.read(articles)]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _interrupt(cmd: list[str], db: Path, how: int, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Start an ingest, stop it with ``how`` once some (not all) articles are stored."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    start = _stored(db)
    while time.monotonic() < deadline and proc.poll() is None and _stored(db) < start + 2:
        time.sleep(0.1)
    workers = _children(proc.pid)
    proc.send_signal(how)
    out, err = proc.communicate(timeout=60)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}/stat").exists()
             and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert not alive, f"workers outlived their parent: {alive}"
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


@needs_news
def test_service_ctrl_c_and_kill_leave_whole_articles_and_rerun_to_same_counts(one_process, news_input,
                                                                               tmp_path):
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(news_input), "--db", str(db),
           "--workers", "2", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    stopped = _interrupt(cmd, db, signal.SIGINT, env)
    assert stopped.returncode == 1 and "interrupted" in stopped.stderr, stopped.stderr
    assert 0 < _stored(db) < 20
    _interrupt(cmd, db, signal.SIGKILL, env)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout)
    assert summary["articles_read"] == 24 and 0 < summary["articles_stored"] < 20
    reference, rerun = _tables(one_process[0]), _tables(db)
    for name in ("articles", "actors", "mentions", "events", "event_actors", "quotes", "article_sources",
                 "article_keys", "article_minhash", "skips"):
        assert rerun[name] == reference[name], name


# ---------------------------------------------------------------- the loop, without a model


class _Reader:
    """A stand-in for the pipeline: an empty reading per article, a Skip for titles in ``fail``;
    ``ahead`` articles are read before the first result comes back."""

    def __init__(self, *, fail: set[str] = frozenset(), ahead: int = 0) -> None:
        self.fail, self.ahead = fail, ahead

    def read(self, articles):
        pending = []
        for article in articles:
            pending.append(article)
            if len(pending) > self.ahead:
                yield self._one(pending.pop(0))
        for article in pending:
            yield self._one(article)

    def _one(self, article: Article) -> Reading | Skip:
        if article.title in self.fail:
            return Skip(article.origin, "E202", "article could not be processed: test")
        return Reading(article=article)


TEXT = ("The ministers of three neighbouring countries met on Tuesday to agree the terms of a new "
        "water treaty, after two years of talks on the river that the three of them share.")


def _items() -> list[Article | Skip]:
    return [
        Skip("bad.jsonl", "E104", "malformed JSON: test", line=1),
        Article(title="first", paragraphs=[TEXT], url="https://a.example/1", origin="in.jsonl:2"),
        Article(title="first", paragraphs=[TEXT + " More."], url="https://b.example/1", origin="in.jsonl:3"),
        Article(title="other", paragraphs=["Something else entirely happened in another town today."],
                url="https://a.example/2", origin="in.jsonl:4"),
        Article(title="first", paragraphs=[TEXT], url="https://a.example/1", origin="in.jsonl:5"),
        Skip("in.jsonl", "E105", "JSON record has no text (needs 'text' or 'body')", line=6),
    ]


@pytest.mark.parametrize("ahead", [0, 1, 10])
def test_service_decisions_do_not_depend_on_how_far_reading_runs_ahead(tmp_path, ahead):
    store = open_store(str(tmp_path / f"a{ahead}.db"))
    seen: list[str] = []
    summary = ingest(_items(), pipeline=_Reader(ahead=ahead), store=store, batch_size=1,
                     progress=seen.append)
    assert (summary.read, summary.stored, summary.duplicates, summary.unchanged) == (4, 2, 1, 1)
    assert seen == ["bad.jsonl", "in.jsonl:2", "in.jsonl:3", "in.jsonl:4", "in.jsonl:5", "in.jsonl"]
    assert sorted(s["code"] for s in store.skips()) == ["E104", "E105"]


@pytest.mark.parametrize("ahead", [0, 10])
def test_service_copy_of_a_failed_article_is_skipped_and_forgotten(tmp_path, ahead):
    store = open_store(str(tmp_path / "f.db"))
    summary = ingest(_items(), pipeline=_Reader(fail={"first"}, ahead=ahead), store=store)
    assert summary.stored == 1 and summary.skips["E202"] == 2
    assert store.duplicate_index().signatures.keys() == {_items()[3].id}
    again = ingest(_items()[1:2], pipeline=_Reader(), store=store)
    assert again.stored == 1  # the failed article is not remembered as stored or as an original


# ---------------------------------------------------------------- counts for the progress bar


def test_service_counts_records_up_front(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text.", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{broken\n', encoding="utf-8")
    (tmp_path / "c.json").write_text('[{"text": "x"}, {"text": "y"}]', encoding="utf-8")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n{"text": "y"}\n'))
    assert count_records([tmp_path]) == 1 + 3 + 2 + 1 + 2
    assert count_records([tmp_path]) == len(list(read_paths([tmp_path])))
    (tmp_path / "feed.rss").write_text("<rss><channel></channel></rss>", encoding="utf-8")
    assert count_records([tmp_path]) is None
    assert count_records(["-"]) is None
    assert source_file("news.jsonl:12") == "news.jsonl"
    assert source_file("crawl.warc.gz#https://x.example:8080/a") == "crawl.warc.gz"


def test_service_worker_count_defaults_to_cores_but_not_for_tiny_inputs():
    cores = os.cpu_count() or 1
    assert worker_count(3) == 3
    assert worker_count(0) == cores
    assert worker_count(0, expected=1) == 1
    assert worker_count(0, expected=MIN_PER_WORKER * 64) == cores


def test_service_bench_workers_report_shape():
    """`eventwire bench --workers 1` runs end to end on a few articles (figures not asserted)."""
    from click.testing import CliRunner

    from eventwire.cli import cli

    result = CliRunner().invoke(cli, ["bench", "--input", str(ROOT / "examples"), "--limit", "3",
                                      "--workers", "1", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (run,) = json.loads(result.output)["runs"]
    assert run["workers"] == 1 and run["articles"] == 3 and run["scaling_efficiency"] == 1.0
    assert run["startup_seconds"] > 0 and run["peak_rss_mb_per_worker"] > 0
    twice = CliRunner().invoke(cli, ["bench", "--input", str(ROOT / "examples"), "--limit", "2",
                                     "--workers", "1", "--repeat", "2", "--json"], catch_exceptions=False)
    report = json.loads(twice.output)
    (run,) = report["runs"]
    assert report["repeat"] == 2 and len(run["seconds_all"]) == 2 and run["seconds"] in run["seconds_all"]
    bad = CliRunner().invoke(cli, ["bench", "--workers", "0,x"])
    assert bad.exit_code == 2 and "worker counts" in bad.output
