"""A bookmark write while another program holds the archive's write lock, seen only through what
the window uses: the star, the store's `is_bookmarked` and `changed`, and the file itself.

(Written when the other bookmark tests waited on BookmarkStore.busy, which no part of the program
used.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive import db as archive_db
from reader.archive.db import open_archive
from reader.archive.queries import article_by_key
from reader.archive.search import search
from reader.gui.bookmarks.star import BookmarkToggle
from reader.gui.bookmarks.store import BookmarkStore
from reader.gui.operations import ArchiveWriter
from reader.gui.session import ArchiveSession

pytestmark = pytest.mark.gui


def in_the_file(db: Path, key: str) -> bool:
    """Whether the bookmark is in the archive file, read through a connection of our own."""
    with open_archive(db, readonly=True) as archive:
        return bookmarks.is_bookmarked(archive, key)


@pytest.fixture
def store(qtbot: QtBot, corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[BookmarkStore]:
    """A store over the corpus archive: reads through a session, writes on the one writer, which
    waits up to a minute for a lock another program holds."""
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 60_000)
    session = ArchiveSession(corpus_db)
    session.open()
    writer = ArchiveWriter(lambda: corpus_db)
    yield BookmarkStore(session, writer)
    writer.shutdown()
    session.close()


def test_a_star_click_while_another_program_writes_returns_and_lands_when_the_lock_is_free(
    qtbot: QtBot, store: BookmarkStore, corpus_db: Path
) -> None:
    with open_archive(corpus_db, readonly=True) as archive:
        record = article_by_key(archive, search(archive, "标题:红色邮箱").hits[0].key)
    assert record is not None
    window = QMainWindow()
    qtbot.addWidget(window)
    star = BookmarkToggle(store, window)
    star.set_article(record)
    failures: list[str] = []
    store.failed.connect(failures.append)
    other = sqlite3.connect(corpus_db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program writing
        star.action.trigger()
        # The click came back while the lock is still held: the write cannot have happened, yet
        # the star and the store already show what was asked for.
        assert not in_the_file(corpus_db, record.key)
        assert star.action.isChecked()
        assert store.is_bookmarked(record.key)
        with qtbot.waitSignal(store.changed, timeout=60_000):
            other.execute("COMMIT")  # the other program is done
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert in_the_file(corpus_db, record.key)
    assert star.action.isChecked() and store.is_bookmarked(record.key)
    assert [] == failures
