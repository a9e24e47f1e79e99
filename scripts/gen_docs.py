"""Write docs/cli.md, docs/errors.md, docs/settings.md and the package's defaults.toml from the code.

Run: .venv/bin/python scripts/gen_docs.py. docs/cli.md holds every
command's --help text, docs/errors.md the error catalogue, docs/settings.md
and src/eventwire/defaults.toml every declared setting; tests/test_docs.py
fails when any is out of date, so the docs stay true to the code.
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


def render_settings() -> str:
    from eventwire.settings import SETTINGS

    lines = [
        "# Settings", "",
        "Generated from `src/eventwire/settings.py` by `scripts/gen_docs.py`; do not edit by hand.", "",
        "Each setting is declared once, with its type, default and help. Four layers set it, each "
        "over the one before:", "",
        "1. the defaults shipped in the package (`src/eventwire/defaults.toml`);",
        "2. the user file: `~/.config/eventwire/config.toml` (or `$XDG_CONFIG_HOME/eventwire/config.toml`), "
        "or the file given as `eventwire --config FILE`;",
        "3. the environment variable named in the table (`EVENTWIRE_` and the name in capitals, dots as "
        "underscores);",
        "4. the command's flag, where it has one.", "",
        "`eventwire config` prints the settings in force and where each came from. A user file is TOML "
        "with the same sections as `defaults.toml`, for example:", "",
        "```toml", 'db = "/data/events.db"', "", "[serve]", "port = 8080", "```", "",
        "An unknown name in a file is error E403, a value of the wrong type E407.", "",
        "| setting | type | default | environment | flag | what it does |", "|---|---|---|---|---|---|",
    ]
    flags = _setting_flags()
    for setting in SETTINGS.values():
        default = setting.default if setting.default != "" else "(none)"
        flag = ", ".join(sorted(flags.get(setting.name, []))) or ""
        lines.append(f"| `{setting.name}` | {setting.type.__name__} | `{default}` | `{setting.env}` | {flag} "
                     f"| {setting.help.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def _setting_flags() -> dict[str, list[str]]:
    """setting name -> the flags that set it (`eventwire CMD --flag`), read off the commands' help."""
    import re

    found: dict[str, set[str]] = {}
    runner = CliRunner()
    for name in sorted(cli.commands):
        text = runner.invoke(cli, [name, "--help"], terminal_width=1000, prog_name="eventwire").output
        for line in text.splitlines():
            match = re.search(r"\[setting ([\w.]+);", line)
            flag = re.match(r"\s*(--[\w-]+)", line)
            if match and flag:
                found.setdefault(match[1], set()).add(f"`{name} {flag[1]}`")
    return {k: sorted(v) for k, v in found.items()}


if __name__ == "__main__":
    from eventwire.settings import DEFAULTS_FILE, render_defaults

    docs = Path(__file__).resolve().parents[1] / "docs"
    (docs / "cli.md").write_text(render(), encoding="utf-8")
    (docs / "errors.md").write_text(render_errors(), encoding="utf-8")
    (docs / "settings.md").write_text(render_settings(), encoding="utf-8")
    DEFAULTS_FILE.write_text(render_defaults(), encoding="utf-8")
    sys.stdout.write(f"wrote {docs}/cli.md, errors.md, settings.md and {DEFAULTS_FILE}\n")
