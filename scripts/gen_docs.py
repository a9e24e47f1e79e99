"""Write docs/cli.md and docs/errors.md from the code (run: .venv/bin/python scripts/gen_docs.py).

docs/cli.md holds every command's --help text, docs/errors.md the error
catalogue; tests/test_docs.py fails when either is out of date, so the docs
stay true to the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import cli

HEADER = """# eventwire command line

Generated from `eventwire COMMAND --help` by `scripts/gen_docs.py`; do not edit by hand.
"""


def render() -> str:
    runner = CliRunner()
    parts = [HEADER, "## eventwire\n", "```", runner.invoke(cli, ["--help"], terminal_width=100, prog_name="eventwire").output.rstrip(), "```\n"]
    for name in sorted(cli.commands):
        text = runner.invoke(cli, [name, "--help"], terminal_width=100, prog_name="eventwire").output.rstrip()
        parts += [f"## eventwire {name}\n", "```", text, "```\n"]
    return "\n".join(parts)


GROUPS = {
    "E1": "Input (each becomes a stored skip; the batch goes on)",
    "E2": "Pipeline",
    "E3": "Store",
    "E4": "Evaluation, settings and options",
    "E5": "HTTP API",
}


def render_errors() -> str:
    from eventwire.errors import MESSAGES

    lines = [
        "# Error codes", "",
        "Generated from `src/eventwire/errors.py` by `scripts/gen_docs.py`; do not edit by hand.", "",
        "Every error eventwire reports has a stable code. Input errors (E1xx) never stop a batch: "
        "the file, line, feed item or WARC record becomes a *skip*, stored with its code and message "
        "and listed by `eventwire skips`; the other codes stop the command with one line and a "
        "non-zero exit status (set `EVENTWIRE_DEBUG=1` for a traceback), or are the `code` of the "
        "HTTP API's JSON error.", "",
    ]
    for prefix, title in GROUPS.items():
        codes = [(c, m) for c, m in MESSAGES.items() if c.startswith(prefix)]
        if codes:
            lines += [f"## {title}", "", "| code | message |", "|---|---|"]
            lines += [f"| `{c}` | {m.replace('|', '/')} |" for c, m in codes]
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    docs = Path(__file__).resolve().parents[1] / "docs"
    (docs / "cli.md").write_text(render(), encoding="utf-8")
    (docs / "errors.md").write_text(render_errors(), encoding="utf-8")
    sys.stdout.write(f"wrote {docs / 'cli.md'} and {docs / 'errors.md'}\n")
