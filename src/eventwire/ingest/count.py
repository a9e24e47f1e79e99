"""How many items `read_paths` will yield, counted cheaply up front, for progress bars.

Each plain text or HTML file is one item (an article or a skip); a JSON
lines file is one item per non-blank line, a JSON array one per element.
Feeds, WARC archives and stdin are only known once read, so a count that
includes any of them is None. Nothing here parses an article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .common import DEFAULT_MAX_BYTES
from .compressed import GZIP_MAGIC, unpack
from .sources import _IGNORED, sniff

_HEAD = 8192


def _files(paths: Iterable[str | Path]) -> Iterator[Path | None]:
    """The files `read_paths` reads, in its order; None for stdin."""
    for path in paths:
        if str(path) == "-":
            yield None
            continue
        p = Path(path)
        if p.is_dir():
            yield from (c for c in sorted(c for c in p.rglob("*") if c.is_file()) if not _IGNORED.match(c.name))
        else:
            yield p


def _count_file(path: Path, max_bytes: int) -> int | None:
    try:
        if path.stat().st_size > max_bytes:
            return 1
        data = path.read_bytes() if path.suffix.lower() in (".json", ".jsonl", ".ndjson", ".gz") else None
        name = str(path)
        if data is None:
            with path.open("rb") as handle:
                head = handle.read(_HEAD)
        else:
            if data[:2] == GZIP_MAGIC and not name.lower().endswith(".warc.gz"):
                data = unpack(data, max_bytes=max_bytes)  # as read_bytes does: news.jsonl.gz
                name = name[:-3] if name.lower().endswith(".gz") else name
            head = data[:_HEAD]
        kind = sniff(name, head)
    except (OSError, InputError):
        return 1  # read_paths makes it one skip
    if kind in ("text", "html"):
        return 1
    if kind != "json":
        return None  # feeds and WARC: as many as they hold
    return _count_json(data if data is not None else path.read_bytes())


def _count_json(data: bytes) -> int:
    stripped = data.lstrip()
    if stripped.startswith(b"[") or (stripped.startswith(b"{") and b"\n{" not in stripped):
        try:
            parsed = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            parsed = None  # read line by line, as from_json does
        if parsed is not None:
            return len(parsed) if isinstance(parsed, list) else 1
    return sum(1 for line in data.splitlines() if line.strip())


def count_records(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> int | None:
    """The number of items (articles and skips) ``paths`` hold, or None when it cannot be known cheaply."""
    total = 0
    for path in _files(paths):
        found = None if path is None else _count_file(path, max_bytes)
        if found is None:
            return None
        total += found
    return total


_LINE = re.compile(r":\d+$")
_WARC = re.compile(r"^(.*?\.warc(?:\.gz)?)#", re.IGNORECASE)


def source_file(origin: str) -> str:
    """The file an article's origin or a skip's source comes from (without ``:line`` or ``#url``)."""
    if found := _WARC.match(origin):
        return found.group(1)
    return _LINE.sub("", origin)
