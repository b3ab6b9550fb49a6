"""reader.archive.protected: the one check export and backup share (issue 21, item 2).

The archive must be recognised without being opened: in a process holding an SQLite lock on it,
closing any descriptor of the file drops that lock. The lock tests hold a real one and ask
another process whether it is still there.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.archive.protected import protected_reason

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks and symlinks")

TRY_WRITE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    conn.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as err:
    print(err)
else:
    print("got the write lock")
"""


def other_process_tries_to_write(db: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", TRY_WRITE, str(db)], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A small SQLite database in rollback-journal mode, as a published snapshot is."""
    path = tmp_path / "archive.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (headline TEXT)")
    conn.execute("INSERT INTO articles VALUES ('江绍华督导调研幸福食堂')")
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def held(database: Path) -> Iterator[sqlite3.Connection]:
    """This process holds the write lock on `database` while the test runs."""
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    assert "database is locked" == other_process_tries_to_write(database)
    yield conn
    conn.execute("ROLLBACK")
    conn.close()


@posix_only
def test_the_archive_is_recognised_without_dropping_this_process_s_lock(
    database: Path, held: sqlite3.Connection
) -> None:
    hard = database.with_name("hard.pdf")
    hard.hardlink_to(database)
    soft = database.with_name("soft.pdf")
    soft.symlink_to(database)
    for target in (database, hard, soft, database.parent / "." / database.name):
        assert "这就是档案本身" == protected_reason(target, database)
    assert "database is locked" == other_process_tries_to_write(database)


def test_the_archive_s_side_files_are_recognised_by_name_before_they_exist(database: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = database.with_name(database.name + suffix)
        assert "这是档案正在使用的日志文件" == protected_reason(side, database)
        assert not side.exists()


def test_another_database_is_told_by_its_header(database: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.pdf"
    other.write_bytes(database.read_bytes())
    assert protected_reason(other, None) == "这是一个 SQLite 数据库（档案、它的备份或其他数据库）"
    assert protected_reason(other, database) == "这是一个 SQLite 数据库（档案、它的备份或其他数据库）"
    assert protected_reason(other.with_name(other.name + "-wal"), None) == (
        "这是 SQLite 数据库 elsewhere.pdf 的日志文件"
    )


def test_a_backup_may_replace_another_database_but_not_the_archive(database: Path, tmp_path: Path) -> None:
    older = tmp_path / "older-backup.sqlite3"
    older.write_bytes(database.read_bytes())
    assert protected_reason(older, database, databases=False) is None
    assert "这就是档案本身" == protected_reason(database, database, databases=False)


def test_ordinary_files_and_new_names_may_be_written(database: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "old.pdf"
    pdf.write_bytes(b"%PDF-1.4 SQLite format 3\x00")
    short = tmp_path / "short.pdf"
    short.write_bytes(b"SQLite")
    for target in (pdf, short, tmp_path / "new.pdf", tmp_path / "new.pdf-wal", tmp_path):
        assert protected_reason(target, database) is None
