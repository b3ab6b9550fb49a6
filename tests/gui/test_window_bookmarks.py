"""Bookmark writes in the window go through its one writer: they queue behind other writes, a
failure is shown in a message box that does not block, and closing the window keeps a click."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive import db as archive_db
from reader.archive.db import open_archive
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_bookmark_that_cannot_be_written_is_reported_in_the_window(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 50)
    corpus_window.middle.select_article_row(1)
    star = corpus_window.bookmarks.star.action
    other = sqlite3.connect(corpus_db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        star.trigger()
        qtbot.waitUntil(lambda: corpus_window.findChild(QMessageBox, "bookmarkWriteFailed") is not None)
    finally:
        other.execute("ROLLBACK")
        other.close()
    box = corpus_window.findChild(QMessageBox, "bookmarkWriteFailed")
    qtbot.waitExposed(box)
    assert "无法收藏这篇文章" in box.text() and "锁定" in box.text()
    assert str(corpus_db) in box.text()
    assert not star.isChecked()
    assert "锁定" in corpus_window.statusBar().currentMessage()
    box.accept()
    qtbot.waitUntil(lambda: corpus_window.findChild(QMessageBox, "bookmarkWriteFailed") is None)
    with qtbot.waitSignal(corpus_window.bookmarks.store.changed, timeout=30_000):
        star.trigger()  # the lock is gone: now it works
    assert star.isChecked()


def test_a_bookmark_clicked_during_other_writes_lands_after_them(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    """An import (here: a task that waits) holds the writer; the click returns and queues."""
    gate = threading.Event()
    corpus_window.writer.submit(lambda: gate.wait(30), lambda _result: None)
    corpus_window.middle.select_article_row(1)
    record = corpus_window.pane.record
    store = corpus_window.bookmarks.store
    corpus_window.bookmarks.star.action.trigger()
    assert corpus_window.bookmarks.star.action.isChecked()
    assert [] == store.records()  # queued behind the other write, not written yet
    with qtbot.waitSignal(store.changed, timeout=30_000):
        gate.set()
    assert [record.key] == [r.key for r in store.records()]


def test_closing_the_window_right_after_a_click_still_writes_the_bookmark(
    corpus_window: MainWindow, corpus_db: Path
) -> None:
    gate = threading.Event()
    corpus_window.writer.submit(lambda: gate.wait(30), lambda _result: None)
    corpus_window.middle.select_article_row(1)
    record = corpus_window.pane.record
    corpus_window.bookmarks.star.action.trigger()
    threading.Timer(0.2, gate.set).start()  # the earlier write ends while the window closes
    corpus_window.close()
    with open_archive(corpus_db, readonly=True) as archive:
        assert bookmarks.is_bookmarked(archive, record.key)
