"""Settings: defaults.toml < user file < EVENTWIRE_* environment < flags, each declared once."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import EventwireError
from eventwire.settings import DEFAULTS_FILE, SETTINGS, load, read_file, render_defaults


def _config(runner, *args, env=None):
    result = runner.invoke(cli, [*args, "config", "--format", "json"], env=env or {})
    assert result.exit_code == 0, result.output
    return {row["setting"]: row for row in json.loads(result.output)}


def test_settings_defaults_file_is_the_declarations():
    assert DEFAULTS_FILE.read_text(encoding="utf-8") == render_defaults(), "run scripts/gen_docs.py"
    assert read_file(DEFAULTS_FILE) == {name: s.default for name, s in SETTINGS.items()}


def test_settings_layers_and_where_each_came_from(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    user = tmp_path / "mine.toml"
    user.write_text('db = "from-file.db"\n[serve]\nport = 8123\nhost = "0.0.0.0"\n', encoding="utf-8")
    runner = CliRunner()
    rows = _config(runner, "--config", str(user), env={"EVENTWIRE_SERVE_PORT": "9000"})
    assert (rows["db"]["value"], rows["db"]["source"]) == ("from-file.db", str(user))
    assert (rows["serve.port"]["value"], rows["serve.port"]["source"]) == (9000, "$EVENTWIRE_SERVE_PORT")
    assert rows["serve.host"]["value"] == "0.0.0.0"
    assert (rows["ingest.batch_size"]["value"], rows["ingest.batch_size"]["source"]) == (32, "default")


def test_settings_user_file_in_the_config_home(tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    (home / "eventwire").mkdir(parents=True)
    (home / "eventwire" / "config.toml").write_text("[ingest]\nbatch_size = 7\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    found = load(env={})
    assert found["ingest.batch_size"] == 7
    assert found.sources["ingest.batch_size"].endswith("config.toml")


def test_settings_flag_wins_over_file_and_environment(tmp_path, monkeypatch):
    from eventwire.store import open_store

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    for name in ("file.db", "env.db", "flag.db"):
        open_store(str(tmp_path / name))
    user = tmp_path / "mine.toml"
    user.write_text(f'db = "{tmp_path / "file.db"}"\n', encoding="utf-8")
    runner = CliRunner()
    env = {"EVENTWIRE_DB": str(tmp_path / "env.db")}
    base = ["--config", str(user), "skips", "--format", "json"]
    assert runner.invoke(cli, base, env=env).exit_code == 0
    result = runner.invoke(cli, [*base, "--db", str(tmp_path / "flag.db")], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


@pytest.mark.parametrize(("text", "code"), [
    ("nonsense = 1\n", "E403"),
    ("[serve]\nport = \"eighty\"\n", "E407"),
    ("db = [1, 2]\n", "E407"),
    ("this is not toml\n", "E408"),
])
def test_settings_bad_user_file_is_one_coded_line(tmp_path, text, code):
    user = tmp_path / "bad.toml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(EventwireError) as err:
        load(config=user, env={})
    assert err.value.code == code
    result = CliRunner().invoke(cli, ["--config", str(user), "config"])
    assert result.exit_code != 0 and f"[{code}]" in result.output and "Traceback" not in result.output


def test_settings_bad_environment_value(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    with pytest.raises(EventwireError) as err:
        load(env={"EVENTWIRE_SERVE_PORT": "many"})
    assert err.value.code == "E407" and "EVENTWIRE_SERVE_PORT" in str(err.value)


def test_settings_every_setting_documented():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, setting in SETTINGS.items():
        assert f"`{name}`" in page and f"`{setting.env}`" in page, f"{name} missing from docs/settings.md"
