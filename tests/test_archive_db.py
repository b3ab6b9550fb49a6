"""Opening archives: schema version, WAL, and known errors for bad database files."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from archive_helpers import FULL_ISSUE, make_version3_archive

from reader.archive import queries
from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError, translate
from reader.archive.importer import import_issue
from reader.archive.meta import read_value, write_values
from reader.archive.migrations import MIGRATIONS, schema_version
from reader.archive.search_index import INDEX_VERSION, INDEX_VERSION_KEY
from tests.test_migrations import OLD_ARCHIVES


def test_new_archive_has_current_schema_version(archive: Archive) -> None:
    assert len(MIGRATIONS) == schema_version(archive)


def test_new_archive_has_the_tables(archive: Archive) -> None:
    tables = {row[0] for row in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"publications", "issues", "articles"} <= tables


def test_archive_uses_wal_and_foreign_keys(archive: Archive) -> None:
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert archive.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_new_archive_has_16k_pages_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    """Issue 26: at 4 KiB pages long bodies left a quarter of their overflow pages empty."""
    with open_archive(tmp_path / "new.sqlite3") as archive:
        assert 16384 == archive.conn.execute("PRAGMA page_size").fetchone()[0]
    old = tmp_path / "old.sqlite3"
    shutil.copyfile(OLD_ARCHIVES / "version4.sqlite3", old)
    with open_archive(old) as archive:
        assert 1024 == archive.conn.execute("PRAGMA page_size").fetchone()[0]
        assert archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_open_creates_parent_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "archive.sqlite3"
    with open_archive(path):
        pass
    assert path.is_file()


def test_damaged_file_is_a_known_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ArchiveError) as info:
        open_archive(path)
    assert info.value.kind == "damaged"
    assert "damaged.sqlite3" in str(info.value)
    assert "文件已损坏或不是档案数据库" in str(info.value)


def test_damaged_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    data = bytes(range(256)) * 64
    path.write_bytes(data)
    with pytest.raises(ArchiveError):
        open_archive(path)
    assert data == path.read_bytes()


def test_damaged_file_is_a_known_error_when_read_only(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    with pytest.raises(ArchiveError) as info:
        open_archive(path, readonly=True)
    assert info.value.kind == "damaged"


def test_missing_archive_cannot_be_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    with pytest.raises(ArchiveError) as info:
        open_archive(path, readonly=True)
    assert info.value.kind == "missing"
    assert not path.exists()


def test_newer_schema_is_refused(archive_path: Path) -> None:
    with open_archive(archive_path):
        pass
    conn = sqlite3.connect(archive_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(ArchiveError) as info:
        open_archive(archive_path)
    assert info.value.kind == "newer"
    assert "较新版本" in str(info.value)


@pytest.mark.parametrize("readonly", [False, True])
def test_a_newer_index_is_refused_and_left_as_it_is(archive_path: Path, readonly: bool) -> None:
    """A newer program's search index: an older program neither calls the archive old nor
    rebuilds the index down to its own version (which the newer program would rebuild again)."""
    with open_archive(archive_path) as archive:
        import_issue(archive, FULL_ISSUE)
    newer = INDEX_VERSION + 1
    conn = sqlite3.connect(archive_path)
    with conn:
        write_values(conn, {INDEX_VERSION_KEY: newer})
    conn.close()
    with pytest.raises(ArchiveError) as info:
        open_archive(archive_path, readonly=readonly)
    assert info.value.kind == "newer"
    assert "较新版本" in str(info.value)
    conn = sqlite3.connect(archive_path)
    assert str(newer) == str(read_value(conn, INDEX_VERSION_KEY))
    conn.close()


def test_read_only_open_refuses_an_outdated_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_version3_archive(path, [FULL_ISSUE])
    with pytest.raises(ArchiveError) as info:
        open_archive(path, readonly=True)
    assert info.value.kind == "outdated"


def test_import_into_read_only_archive_is_a_known_error(archive_path: Path) -> None:
    with open_archive(archive_path):
        pass
    with open_archive(archive_path, readonly=True) as reader, pytest.raises(ArchiveError) as info:
        import_issue(reader, FULL_ISSUE)
    assert info.value.kind == "readonly"
    assert "只读" in str(info.value)


def test_read_only_archive_still_reads_its_data(archive_path: Path) -> None:
    with open_archive(archive_path) as writer:
        import_issue(writer, FULL_ISSUE)
    with open_archive(archive_path, readonly=True) as reader:
        with pytest.raises(ArchiveError):
            import_issue(reader, replace(FULL_ISSUE, content_hash="changed"))
        assert queries.issue_dates(reader) == ["2022-07-05"]


def test_several_readers_and_a_writer_at_once(archive: Archive) -> None:
    import_issue(archive, FULL_ISSUE)
    with open_archive(archive.path, readonly=True) as one, open_archive(archive.path, readonly=True) as two:
        assert queries.stats(one) == queries.stats(two)
        assert queries.stats(one).articles == 3


def test_failed_transaction_leaves_nothing_behind(archive: Archive) -> None:
    with pytest.raises(RuntimeError), archive.transaction() as conn:
        conn.execute("INSERT INTO publications(name) VALUES ('半截')")
        raise RuntimeError("boom")
    assert queries.publications(archive) == []


def test_locked_database_is_a_known_error(archive_path: Path) -> None:
    with open_archive(archive_path) as first:
        first.conn.execute("PRAGMA busy_timeout = 0")
        other = sqlite3.connect(archive_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(ArchiveError) as info, first.transaction():
                pass
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert info.value.kind == "locked"


def test_an_input_output_error_is_not_called_a_path_problem(tmp_path: Path) -> None:
    """SQLite's "disk I/O error" (a failing disk or share, a -wal removed under a connection) is
    its own message: calling it 路径不可访问或没有权限 sent users looking at the wrong thing."""
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 10 | (13 << 8)  # SQLITE_IOERR_FSYNC
    translated = translate(error, tmp_path / "archive.sqlite3")
    assert isinstance(translated, ArchiveError)
    assert "ioerror" == translated.kind
    assert "读写档案文件时出错" in str(translated) and "archive.sqlite3" in str(translated)
