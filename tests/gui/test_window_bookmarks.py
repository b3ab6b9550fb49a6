"""Bookmark writes in the window go through its one writer: they queue behind other writes, a
failure is shown in a message box that does not block, and closing the window keeps a click."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from corpus_support import MASTHEAD_FILE, VISIT_HEADLINE
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks, importer
from reader.archive import db as archive_db
from reader.archive.db import open_archive
from reader.gui.app import open_window
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_bookmark_that_cannot_be_written_is_reported_in_the_window(
    qtbot: QtBot, corpus_window: MainWindow, personal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program of the user holds their personal file (where bookmarks are kept)."""
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 50)
    corpus_window.middle.select_article_row(1)
    star = corpus_window.bookmarks.star.action
    other = sqlite3.connect(personal_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        star.trigger()
        qtbot.waitUntil(
            lambda: corpus_window.findChild(QMessageBox, "bookmarkWriteFailed") is not None, timeout=30_000
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    box = corpus_window.findChild(QMessageBox, "bookmarkWriteFailed")
    qtbot.waitExposed(box)
    assert "无法收藏这篇文章" in box.text() and "锁定" in box.text()
    assert str(personal_file) in box.text()
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
    corpus_window.writer.submit(lambda _archive: gate.wait(30), lambda _result: None)
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
    corpus_window.writer.submit(lambda _archive: gate.wait(30), lambda _result: None)
    corpus_window.middle.select_article_row(1)
    record = corpus_window.pane.record
    corpus_window.bookmarks.star.action.trigger()
    threading.Timer(0.2, gate.set).start()  # the earlier write ends while the window closes
    corpus_window.close()
    with open_archive(corpus_db, readonly=True) as archive:
        assert bookmarks.is_bookmarked(archive, record.key)


@pytest.fixture
def quiet_window(qtbot: QtBot, corpus_db: Path) -> MainWindow:
    """The window on the corpus without the search warm-up, so no other work opens connections."""
    window = open_window(corpus_db, demo_dir=None, warm_up_ms=None)
    assert window is not None
    qtbot.addWidget(window, before_close_func=lambda w: w.session.close())
    window.show()
    qtbot.waitExposed(window)
    window.start()
    return window


def test_showing_and_bookmarking_articles_reuses_the_connections_there_are(
    qtbot: QtBot, quiet_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Showing an article asks "is it bookmarked?" on the session's connection, and every write
    after the first uses the writer's connection: no new connection per click."""
    opened: list[str] = []
    connect = sqlite3.connect

    def counting_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(threading.current_thread().name)
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counting_connect)
    star = quiet_window.bookmarks.star.action
    store = quiet_window.bookmarks.store
    quiet_window.middle.select_article_row(0)
    with qtbot.waitSignal(store.changed, timeout=30_000):
        star.trigger()
    first_write = list(opened)
    for row in (1, 2, 3):
        quiet_window.middle.select_article_row(row)
        assert not star.isChecked()
        with qtbot.waitSignal(store.changed, timeout=30_000):
            star.trigger()
        assert star.isChecked()
    assert 4 == len(store.records())
    assert first_write == opened  # three more writes, not one more connection
    assert threading.main_thread().name not in opened  # the GUI thread opened none at all


def test_a_bookmark_clicked_during_a_real_import_returns_at_once_and_lands_after_it(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import holds the writer (here: paused while it reads its file); the click neither
    waits for it nor jumps ahead of it, and the window's event loop keeps running."""
    edited = tmp_path / "edited" / MASTHEAD_FILE.name
    edited.parent.mkdir()
    edited.write_text(
        MASTHEAD_FILE.read_text(encoding="utf-8").replace(VISIT_HEADLINE, "副市长调研老年助餐工作"),
        encoding="utf-8",
    )
    reading, gate = threading.Event(), threading.Event()
    read_issue = importer.read_issue

    def paused_read(*args: Any, **kwargs: Any) -> Any:
        reading.set()
        gate.wait(30)
        return read_issue(*args, **kwargs)

    monkeypatch.setattr(importer, "read_issue", paused_read)
    reports: list[Any] = []
    corpus_window.importer.finished.connect(lambda report, _quiet: reports.append(report))
    assert corpus_window.import_paths([edited])
    qtbot.waitUntil(reading.is_set, timeout=30_000)

    corpus_window.middle.select_article_row(1)  # an article of another issue than the import's
    key = corpus_window.pane.record.key
    star = corpus_window.bookmarks.star.action
    star.trigger()
    assert star.isChecked()  # came back at once, showing what was asked for

    def in_the_file() -> bool:
        with open_archive(corpus_db, readonly=True) as archive:
            return bookmarks.is_bookmarked(archive, key)

    while_importing: list[bool] = []

    def later() -> None:  # runs only if the event loop runs while the import holds the writer
        while_importing.append(in_the_file())
        gate.set()

    QTimer.singleShot(100, later)
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    assert [False] == while_importing  # queued behind the import, not beside or before it
    assert [edited] == reports[0].replaced  # the import did write
    qtbot.waitUntil(in_the_file, timeout=30_000)
    qtbot.waitUntil(lambda: [key] == [r.key for r in corpus_window.bookmarks.store.records()])
    assert star.isChecked()
