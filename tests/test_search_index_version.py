"""The search index has its own version and rebuild path (reader.archive.search_index, issue 25):
an index older than the program's is built anew on opening, with the data left as it was, and
the data's migrations never touch it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue

from reader.archive.db import open_archive
from reader.archive.errors import ArchiveError
from reader.archive.importer import import_issue
from reader.archive.meta import generation
from reader.archive.search import search
from reader.archive.search_index import CHARS_TABLE, INDEX_VERSION, INDEX_VERSION_KEY

ISSUE = make_issue([make_article("幸福食堂开张"), make_article("夏粮收购")])
ARTICLE_ROWS = "SELECT id, key, headline, body FROM articles ORDER BY id"


def with_an_older_index(path: Path) -> list[tuple[object, ...]]:
    """An archive whose character index is empty and recorded one version back, as a program
    whose index this one no longer reads would leave it; returns its article rows."""
    with open_archive(path) as archive:
        import_issue(archive, ISSUE)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (CHARS_TABLE,)).fetchone()[0]
        conn.execute(f"DROP TABLE {CHARS_TABLE}")
        conn.execute(sql)
        conn.execute(
            "INSERT OR REPLACE INTO archive_meta(key, value) VALUES (?, ?)",
            (INDEX_VERSION_KEY, INDEX_VERSION - 1),
        )
        return conn.execute(ARTICLE_ROWS).fetchall()
    finally:
        conn.close()


def stored_index_version(path: Path) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM archive_meta WHERE key = ?", (INDEX_VERSION_KEY,)).fetchone()[
            0
        ]
    finally:
        conn.close()


def test_an_older_index_is_built_anew_on_opening_and_the_data_is_kept(archive_path: Path) -> None:
    rows = with_an_older_index(archive_path)
    with open_archive(archive_path) as archive:
        assert ["幸福食堂开张"] == [hit.headline for hit in search(archive, "幸福食堂").hits]
        assert rows == archive.conn.execute(ARTICLE_ROWS).fetchall()
    assert INDEX_VERSION == stored_index_version(archive_path)


def test_a_reader_refuses_an_archive_whose_index_is_older(archive_path: Path) -> None:
    with_an_older_index(archive_path)
    with pytest.raises(ArchiveError) as caught:
        open_archive(archive_path, readonly=True)
    assert "outdated" == caught.value.kind


def test_opening_an_archive_whose_index_is_current_writes_nothing(archive_path: Path) -> None:
    with open_archive(archive_path) as archive:
        import_issue(archive, ISSUE)
        written = generation(archive.conn)
    with open_archive(archive_path) as archive:
        assert written == generation(archive.conn)
