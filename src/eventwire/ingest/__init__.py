"""Sources to Articles: one module per format.

`read_paths(paths)` yields an `Article` or a coded `Skip` for every record:
`sources` walks files, folders and stdin and picks the reader by suffix or
content; `text`, `html`, `jsonl`, `feed` (RSS/Atom) and `warc` read one
format each; `common` holds decoding, the English and length checks,
credit splitting and dates; `count` counts the items up front for progress bars.
"""

from .count import count_records, source_file
from .sources import read_paths

__all__ = ["count_records", "read_paths", "source_file"]
