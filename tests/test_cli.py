"""The CLI as a user runs it: real model, real database file, one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli

from .conftest import NEWS, SEED


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def test_cli_extract_seed_json_shows_title_standfirst_captions_credits(run):
    result = run("extract", str(SEED), "--published", "2023-07-02", "--format", "json")
    assert result.exit_code == 0, result.output
    reading = json.loads(result.output)
    article = reading["article"]
    assert article["title"] == "Iran, Russia's police forces to cooperate on strengthening nations' security"
    assert article["standfirst"].startswith("Radan suggested")
    assert len(article["captions"]) == 2 and len(article["credits"]) == 2
    body = "\n".join(article["paragraphs"])
    for caption in article["captions"]:
        assert caption not in body
    for credit in article["credits"]:
        assert credit not in body
    assert article["published"] == "2023-07-02"


def test_cli_extract_text_format(run):
    result = run("extract", str(SEED), "--published", "2023-07-02")
    assert result.exit_code == 0
    assert result.output.startswith("# Iran, Russia's police forces")


def test_cli_bad_date_is_one_line_error(run):
    result = run("extract", str(SEED), "--published", "July 2nd")
    assert result.exit_code == 2
    assert "invalid date 'July 2nd'" in result.output
    assert "Traceback" not in result.output


def test_cli_missing_path_is_one_line_error(run, tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code != 0
    assert "no such file or folder" in result.output and "Traceback" not in result.output


def test_cli_unreadable_extract_is_coded(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("extract", str(empty))
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: [E101]")
    assert len(result.output.strip().splitlines()) == 1


def test_cli_ingest_folder_with_broken_files_keeps_good_ones(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad.jsonl").write_text('{"title": "x"}\n{oops\n', encoding="utf-8")
    db = str(tmp_path / "x.db")
    result = run("ingest", str(folder), "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["articles_stored"] == 1
    assert summary["skips"] == {"E101": 1, "E104": 1, "E105": 1}
    listed = json.loads(run("skips", "--db", db, "--format", "json").output)
    assert sorted(s["code"] for s in listed) == ["E101", "E104", "E105"]
    assert all(s["message"] for s in listed)
    titles = json.loads(run("articles", "--db", db, "--format", "json").output)
    assert [a["title"] for a in titles][0].startswith("Iran, Russia's police forces")


@pytest.mark.skipif(not NEWS.exists(), reason="shared news sample not present")
def test_cli_ingest_news_twice_same_counts(run, tmp_path):
    db = str(tmp_path / "news.db")
    first = json.loads(run("ingest", str(NEWS), "--db", db, "-q").output)
    counts_first = _counts(db)
    second = json.loads(run("ingest", str(NEWS), "--db", db, "-q").output)
    assert _counts(db) == counts_first
    assert first["articles_read"] == second["articles_read"] == second["articles_unchanged"] == 96
    assert second["articles_stored"] == 0
    csv_out = run("events", "--db", db, "--format", "csv", "--limit", "5").output
    assert csv_out.splitlines()[0].startswith("date,plover,cameo")


def _counts(db: str) -> dict[str, int]:
    from eventwire.store import open_store

    return open_store(db).counts()


def test_cli_export_formats(run, tmp_path):
    db = str(tmp_path / "x.db")
    run("ingest", str(SEED), "--db", db, "--published", "2023-07-02", "-q")
    for table in ("articles", "actors", "events", "quotes"):
        result = run("export", "--db", db, "--format", "jsonl", "--table", table)
        assert result.exit_code == 0
        for line in result.output.splitlines():
            json.loads(line)
    out = tmp_path / "a.parquet"
    assert run("export", "--db", db, "--format", "parquet", "--table", "articles", "--out", str(out)).exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == 1


def test_cli_bench_report_shape(run):
    """The benchmark runs end to end on a few articles (its figures are not asserted)."""
    from .conftest import ROOT

    result = run("bench", "--input", str(ROOT / "examples"), "--limit", "3", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [r["name"] for r in report["runs"]] == ["raw nlp.pipe", "eventwire pipeline", "pipeline + SQLite store"]
    assert report["articles"] == 3 and report["ratio_full_to_raw"] > 0
