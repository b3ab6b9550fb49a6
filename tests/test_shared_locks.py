"""One archive, several processes: SQLite's locks must hold while the window keeps it open.

On POSIX, closing any descriptor of a file drops every fcntl lock the process holds on that
file, SQLite's own included. A program that opened the archive file outside SQLite (to probe
whether it is writable) and closed it made its own connections invisible to other processes: the
next command-line reader to close thought it was the last one out, checkpointed and deleted the
WAL the window was still writing into, and the window's later bookmarks were lost.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cli_support import build_archive, err_text, run_cli

from reader.archive import bookmarks
from reader.archive.db import open_archive, side_files
from reader.archive.importer import import_paths


def _keys(db: Path) -> list[str]:
    with open_archive(db, readonly=True) as archive:
        rows = archive.conn.execute("SELECT key FROM articles ORDER BY id").fetchall()
    return [str(r[0]) for r in rows]


def _bookmarked(personal: Path) -> set[str]:
    """The bookmarks as a fresh connection in another process would find them in the user's
    personal file (which every archive connection attaches, so it shares the archive's risk)."""
    conn = sqlite3.connect(personal)
    try:
        return {str(r[0]) for r in conn.execute("SELECT article_key FROM bookmarks")}
    finally:
        conn.close()


def test_a_command_line_search_while_the_window_writes_loses_no_bookmark(
    tmp_path: Path, personal_file: Path
) -> None:
    db = build_archive(tmp_path)
    first, second = _keys(db)[:2]
    # The window's way: one writer connection kept open, read-only connections opened as the user
    # browses (each one decides whether the archive can be written).
    with open_archive(db) as writer, open_archive(db, readonly=True) as session:
        bookmarks.add(writer, first)
        assert side_files(db)[0].exists()
        with open_archive(db, readonly=True) as browsing:
            assert bookmarks.is_bookmarked(browsing, first)
        done = run_cli("search", "--db", str(db), "江绍华", "--limit", "1")
        assert 0 == done.returncode, err_text(done)
        for path in (db, personal_file):
            assert side_files(path)[0].exists(), "another process removed the WAL the window writes into"
        bookmarks.add(writer, second)
        assert bookmarks.is_bookmarked(session, second)
        found_meanwhile = _bookmarked(personal_file)
    assert {first, second} == found_meanwhile
    assert {first, second} == _bookmarked(personal_file)


def test_importing_the_archive_itself_is_refused_without_reading_it(tmp_path: Path) -> None:
    """Picking the archive (or its -wal) in 导入文件… must not read it: reading would open and close
    it in the process that holds the window's connections, dropping SQLite's locks."""
    db = build_archive(tmp_path)
    with open_archive(db) as archive:
        bookmarks.add(archive, _keys(db)[0])
        report = import_paths(archive, [db, side_files(db)[0]])
    assert [] == report.imported
    assert 2 == len(report.failed)
    assert all("不能导入" in message for _path, message in report.failed)
    assert "这就是档案本身" in report.failed[0][1]
