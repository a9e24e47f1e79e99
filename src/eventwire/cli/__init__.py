"""The `eventwire` command: `main` runs it.

`main` holds the group, shared options and the read commands; `more`
(export, eval, bench, serve) and `batch` (batch, load) add theirs when
imported here; `render` prints readings for `extract`.
DOCS: docs/cli.md
"""

from . import batch, more  # noqa: F401  (register their commands)
from .main import cli, main

__all__ = ["cli", "main"]
