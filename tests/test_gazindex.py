"""The gazetteer's index on disk (issue 16): built once per machine, the same lookups as the
index built in memory from the same places, never stale, and a fallback with no writable cache."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from eventwire.timeplace import gazindex
from eventwire.timeplace.gazdata import all_entries, fold


@pytest.fixture(scope="module")
def entries():
    return all_entries()


def _in_memory(entries) -> dict[str, list[tuple[object, bool]]]:
    """The index as the gazetteer built it in every process before the file."""
    out: dict[str, list[tuple[object, bool]]] = {}
    for found in entries:
        keys = {fold(found.name): True}
        for name in found.names[1:]:
            keys.setdefault(fold(name), found.kind in gazindex.CURATED)
        for key, main in keys.items():
            out.setdefault(key, []).append((found, main))
    return out


def test_gazindex_file_answers_as_the_memory_index(entries, tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    gazindex.write(path, entries)
    index, memory = gazindex.Index(path), _in_memory(entries)
    assert index.size() == (len(memory), len(entries))
    sample = random.Random(16).sample(sorted(memory), 3000)
    sample += ["washington", "georgia", "york county", "kremlin", "new york", "paris"]
    for key in sample:
        assert index.names(key) == memory[key], key
    assert index.names("no such place anywhere") == []
    for found in random.Random(17).sample(entries, 500):
        assert index.entry(found.gid) == found
    assert index.entry("no such id") is None
    kinds = index.of_kinds("country", "admin1")
    assert kinds == [e for e in entries if e.kind in ("country", "admin1")]


def test_gazindex_is_built_once_and_reused(tmp_path):
    """A second process opens the file the first one wrote, and builds nothing."""
    env = {**os.environ, "EVENTWIRE_CACHE_DIR": str(tmp_path)}
    probe = ("import time; from eventwire.timeplace import gazindex as g; t = time.perf_counter(); "
             "i = g.open_index(); print(i.path, round(time.perf_counter() - t, 3))")
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [f"gazetteer-{gazindex.key()}.sqlite"], files  # no temporary left behind
    mtime = (tmp_path / files[0]).stat().st_mtime_ns
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                            check=True).stdout.split()
    assert first[0] == second[0] and (tmp_path / files[0]).stat().st_mtime_ns == mtime
    assert float(second[1]) < float(first[1])


def test_gazindex_key_changes_with_what_it_is_built_from(monkeypatch, tmp_path):
    before = gazindex.key()
    monkeypatch.setattr(gazindex, "FORMAT", gazindex.FORMAT + 1)
    assert gazindex.key() != before
    monkeypatch.setattr(gazindex, "FORMAT", gazindex.FORMAT - 1)
    assert gazindex.key() == before
    for name in gazindex.TABLES:
        (tmp_path / name).write_bytes((gazindex.DATA / name).read_bytes())
    monkeypatch.setattr(gazindex, "DATA", tmp_path)
    assert gazindex.key() == before
    with (tmp_path / gazindex.TABLES[0]).open("a", encoding="utf-8") as table:
        table.write("Extra Name\tUSA\n")
    assert gazindex.key() != before


def test_gazindex_without_a_writable_cache_builds_a_private_file(entries, monkeypatch, tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocked / "cache"))
    monkeypatch.setattr(gazindex, "all_entries", lambda: entries)
    index = gazindex.open_index()
    assert not str(index.path).startswith(str(blocked))
    assert [e.name for e, _ in index.names("washington")][:1] == ["Washington"]


def test_gazindex_new_file_forgets_only_old_versions(tmp_path):
    import time

    old, recent, current = (tmp_path / f"gazetteer-{n}.sqlite" for n in ("old", "recent", "now"))
    for path in (old, recent, current):
        path.write_bytes(b"")
    stale = time.time() - (gazindex.KEEP_DAYS + 1) * 86400
    os.utime(old, (stale, stale))
    gazindex._forget_old(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == [current.name, recent.name]
