"""Regenerate the tables derived from the PETRARCH/Phoenix coding dictionaries.

Run: .venv/bin/python scripts/build_dictionaries.py [--petrarch DIR]

The source files are the PETRARCH/Phoenix dictionaries (openeventdata,
MIT licence; ../shared/data/petrarch by default). Each builder is a module
of scripts/dictionaries/ with a ``build(petrarch: Path, data: Path) -> list[Path]``
function that writes its tables under src/eventwire/data/ and returns
their paths; each table starts with a comment naming its source and
licence (src/eventwire/data/PETRARCH-LICENSE.md has the full notice).
Rows of the project's own are kept in their own files, so a rebuild never
loses them. The table formats are documented in docs/dictionaries.md.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventwire" / "data"
BUILDERS = sorted(p.stem for p in (Path(__file__).parent / "dictionaries").glob("*.py")
                  if not p.stem.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petrarch", type=Path, default=ROOT.parent / "shared" / "data" / "petrarch",
                        help="folder of the PETRARCH/Phoenix dictionary files")
    parser.add_argument("only", nargs="*", help=f"builders to run (default: all of {', '.join(BUILDERS)})")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    for name in args.only or BUILDERS:
        builder = importlib.import_module(f"dictionaries.{name}")
        for path in builder.build(args.petrarch, DATA):
            print(f"{name}: wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
