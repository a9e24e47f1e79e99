"""Docs stay true to the code: every command documented, the generated CLI page current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from eventwire.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_page_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _generator().render(), "run: .venv/bin/python scripts/gen_docs.py"
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert errors == _generator().render_errors(), "run: .venv/bin/python scripts/gen_docs.py"
    settings = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert settings == _generator().render_settings(), "run: .venv/bin/python scripts/gen_docs.py"


def test_docs_readme_names_every_command_and_starts_with_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"eventwire {name}" in readme, f"README does not mention `eventwire {name}`"
    first_block = readme.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_docs_error_codes_documented():
    from eventwire.errors import MESSAGES

    errors_doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in MESSAGES:
        assert f"`{code}`" in errors_doc, f"{code} missing from docs/errors.md"
