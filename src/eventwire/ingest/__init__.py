"""Sources to Articles: text, HTML, JSON lines, RSS/Atom, WARC, folders and stdin.

`read_paths(paths)` yields an `Article` or a coded `Skip` for every record.
"""

from .sources import read_paths

__all__ = ["read_paths"]
