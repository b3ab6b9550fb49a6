"""An upgraded archive ends with exactly the schema of a new one (reader.archive.migrations).

Compared as SQLite stores it (sqlite_master's SQL, to the byte): the queries and the search plan
assume one schema, whatever version the file started from. Today a new archive replays every
migration; making it in one step instead (sqlite-utils' create_table writes other SQL: quoted
names, a UNIQUE column as a separate index) would have to pass this test first.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from archive_helpers import FULL_ISSUE, make_version3_archive

from reader.archive.db import Archive, open_archive
from reader.archive.migrations import MIGRATIONS
from reader.text.words import Segmenter


def stored_schema(path: Path) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()


def upgraded(path: Path) -> list[tuple[str, str, str, str]]:
    with open_archive(path) as archive:
        assert len(MIGRATIONS) == archive.conn.execute("PRAGMA user_version").fetchone()[0]
    return stored_schema(path)


def test_archives_upgraded_from_versions_1_and_3_have_the_schema_of_a_new_one(tmp_path: Path) -> None:
    with open_archive(tmp_path / "new.sqlite3"):
        pass
    new = stored_schema(tmp_path / "new.sqlite3")
    assert {"publications", "issues", "sources", "articles", "archive_meta", "search_cuts"} <= {
        name for kind, name, _, _ in new if kind == "table"
    }

    first = tmp_path / "version1.sqlite3"
    conn = sqlite3.connect(first, isolation_level=None)
    MIGRATIONS[0](Archive(first, conn, False, segmenter=Segmenter(user_dict=None)))
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    third = tmp_path / "version3.sqlite3"
    make_version3_archive(third, [FULL_ISSUE])

    assert new == upgraded(first)
    assert new == upgraded(third)


def test_an_archive_upgraded_from_version_4_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    with open_archive(tmp_path / "new.sqlite3"):
        pass
    fourth = tmp_path / "version4.sqlite3"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "old_archives" / "version4.sqlite3", fourth)
    conn = sqlite3.connect(fourth)
    assert [(4,)] == conn.execute("PRAGMA user_version").fetchall()
    conn.close()
    assert stored_schema(tmp_path / "new.sqlite3") == upgraded(fourth)
