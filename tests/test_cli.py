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


# ---------------------------------------------------------------- read commands (issue 15)


@pytest.fixture(scope="module")
def known_db(tmp_path_factory, pipeline):
    from tests.web_fixtures import build_db

    return str(build_db(tmp_path_factory.mktemp("cli") / "known.db", pipeline))


@pytest.mark.issue(15)
def test_cli_read_commands_refuse_a_missing_database(run, tmp_path):
    missing = tmp_path / "nope.db"
    for command in ("events", "articles", "actors", "quotes", "stories", "export", "serve"):
        result = run(command, "--db", str(missing))
        assert result.exit_code == 1, command
        assert f"E304] no database at {missing}; run eventwire ingest first" in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not missing.exists()


@pytest.mark.issue(15)
def test_cli_unknown_filters_name_the_closest_values(run, known_db):
    for args, closest in ((["--country", "Iran"], "IRN (Iran)"), (["--type", "ASSUALT"], "ASSAULT"),
                          (["--actor", "Rusia"], "Russia")):
        result = run("events", "--db", known_db, *args)
        assert result.exit_code == 1 and "E409" in result.output and closest in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    assert "closest" in run("quotes", "--db", known_db, "--speaker", "Nobody Atall").output


@pytest.mark.issue(15)
def test_cli_limit_zero_lists_every_row_and_show_expands_a_short_id(run, known_db):
    every = json.loads(run("events", "--db", known_db, "--limit", "0", "--format", "json").output)
    assert len(every) == len(json.loads(run("events", "--db", known_db, "--limit", "1000", "--format", "json").output))
    assert len(json.loads(run("events", "--db", known_db, "--limit", "2", "--format", "json").output)) == 2
    agree = next(e for e in every if e["plover"] == "AGREE" and "police training" in e["evidence"])
    table = run("events", "--db", known_db, "--type", "AGREE").output
    assert agree["id"][:8] in table
    shown = run("show", agree["id"][:8], "--db", known_db)
    assert shown.exit_code == 0 and f"event {agree['id']}" in shown.output and "Moscow" in shown.output


@pytest.mark.issue(15)
def test_cli_tables_fit_80_columns_without_splitting_words(run, known_db):
    from eventwire.store import open_store

    store = open_store(known_db, readonly=True)
    words = {w for e in store.events(limit=200) for w in e["evidence"].split() if len(w) <= 8}
    for command in ("events", "actors", "articles", "quotes", "stories"):
        output = run(command, "--db", known_db, "--limit", "0").output
        lines = output.splitlines()
        assert lines and max(len(line) for line in lines) <= 80, command
    cells = " ".join(run("events", "--db", known_db, "--limit", "0").output.split())
    assert "2023-07-02" in cells  # dates never split across lines
    assert all(w in cells for w in {"agreed", "delivered", "threatened"} & words)


@pytest.mark.issue(15)
def test_cli_export_takes_the_events_filters_for_every_format(run, known_db):
    rows = json.loads(run("events", "--db", known_db, "--country", "RUS", "--since", "2023-08-01",
                          "--limit", "0", "--format", "json").output)
    assert rows and all(e["date"] >= "2023-08-01" for e in rows)
    for fmt in ("jsonl", "plover"):
        out = run("export", "--db", known_db, "--format", fmt, "--country", "RUS", "--since", "2023-08-01").output
        assert sorted(json.loads(line)["id"] for line in out.splitlines()) == sorted(e["id"] for e in rows), fmt
    import csv
    import io

    table = list(csv.DictReader(io.StringIO(run("export", "--db", known_db, "--format", "csv", "--country", "RUS",
                                                "--since", "2023-08-01").output)))
    assert sorted(r["id"] for r in table) == sorted(e["id"] for e in rows)
    early = json.loads(run("events", "--db", known_db, "--until", "2023-07-31", "--limit", "0", "--format", "json").output)
    wanted = {str(int(e["id"][:13], 16)) for e in early if not (e["negated"] or e["hypothetical"])}
    gdelt = run("export", "--db", known_db, "--format", "gdelt", "--until", "2023-07-31").output.splitlines()
    assert wanted and {line.split("\t")[0] for line in gdelt} == wanted
