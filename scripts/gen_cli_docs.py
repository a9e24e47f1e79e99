"""Write docs/cli.md from the CLI's own --help texts (run: .venv/bin/python scripts/gen_cli_docs.py).

tests/test_docs.py fails when docs/cli.md is out of date, so the docs stay
true to the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import cli

HEADER = """# eventwire command line

Generated from `eventwire COMMAND --help` by `scripts/gen_cli_docs.py`; do not edit by hand.
"""


def render() -> str:
    runner = CliRunner()
    parts = [HEADER, "## eventwire\n", "```", runner.invoke(cli, ["--help"], terminal_width=100, prog_name="eventwire").output.rstrip(), "```\n"]
    for name in sorted(cli.commands):
        text = runner.invoke(cli, [name, "--help"], terminal_width=100, prog_name="eventwire").output.rstrip()
        parts += [f"## eventwire {name}\n", "```", text, "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    target.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")
