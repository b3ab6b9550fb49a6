"""Checking an archive for damage: before anything is written into it, and for the window.

A damaged page in an SQLite file shows up late and far from its cause: an import succeeds, a
search fails with "database disk image is malformed". Writing into a damaged file can spread the
damage (SQLite rebalances b-trees through the bad pages), so every writer asks first:
`refuse_if_damaged` (the CLI's editing commands, once per run) or `damage_error` (the window's
writer, once per connection it opens; the import, which reports it rather than raising). The
check is SQLite's quick check, which reads every page: on a 100,000-article archive of 883 MB,
1.5–2.7 s with the file in the page cache and 6.2 s when it was not (bench/bench_repair.py
--quick-check, on a shared two-core machine), so it runs once per connection or run, not before
every write.
Repairing is reader.archive.repair.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError, classify

# After the "damaged" message, which says how to repair: why nothing was written, what a repair does.
ADVICE = (
    "{0}。为免损坏扩大，没有写入任何内容；修复会把损坏的原文件另存一份，读出其中所有完好的内容并重建检索索引"
)


def damage_in(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """What SQLite's quick check finds wrong with the database of `conn` ([] when it is sound)."""
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA quick_check({int(limit)})")]
    except sqlite3.DatabaseError as err:
        if classify(err) != "damaged":
            raise  # interrupted, locked…: not what the file is
        return [str(err)]
    return [] if rows == ["ok"] else rows


def find_damage(archive: Archive, limit: int = 20) -> list[str]:
    """What SQLite's quick check finds wrong with the archive ([] when it is sound)."""
    return damage_in(archive.conn, limit)


def found(damage: list[str]) -> str:
    """What the check found, as a clause of a message (the first problem, cut short)."""
    return f"检查发现：{damage[0][:120]}"


def damage_error(archive: Archive) -> ArchiveError | None:
    """The error that stops a write into this archive when it is damaged (naming the file, what
    the check found and what to do), None when it is sound."""
    damage = find_damage(archive)
    return ArchiveError(archive.path, "damaged", ADVICE.format(found(damage))) if damage else None


def refuse_if_damaged(archive: Archive) -> None:
    """Raise `damage_error`'s ArchiveError when the archive is damaged: call before writing."""
    error = damage_error(archive)
    if error is not None:
        raise error


def damage_of(path: Path) -> list[str]:
    """What is wrong with the archive file at `path`; a file too damaged to open is one problem."""
    try:
        with open_archive(path, readonly=True) as archive:
            return find_damage(archive)
    except ArchiveError as err:
        if err.kind != "damaged":
            raise
        return [str(err)]
