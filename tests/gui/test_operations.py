"""reader.gui.operations on a real archive file: the one writer, the one progress dialog, the one
error path (known errors become messages, bugs are raised), cancel and shutdown."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.gui.operations import ArchiveOp, ArchiveWriter, DetachedOp, OpProgress, ReadOp, TaskRunner
from reader.text.errors import Cancelled

pytestmark = pytest.mark.gui

# How long a wait on work done by a writer or reader thread may take: generous, since the thread
# opens archive files and competes for the CPU with the GUI thread and whatever else runs (a
# loaded CI machine); a passing test never waits that long.
WORK_MS = 60_000


@pytest.fixture
def writer(qapp: object, corpus_db: Path) -> Iterator[ArchiveWriter]:
    made = ArchiveWriter(lambda: corpus_db, name="test-writer")
    yield made
    made.shutdown()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A shown top-level widget standing in for the main window (the parent of dialogs)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def article_keys(path: Path, count: int) -> list[str]:
    with open_archive(path, readonly=True) as archive:
        rows = archive.conn.execute("SELECT key FROM articles ORDER BY id LIMIT ?", [count]).fetchall()
    return [row[0] for row in rows]


def bookmarked(path: Path, key: str) -> bool:
    with open_archive(path, readonly=True) as archive:
        return bookmarks.is_bookmarked(archive, key)


def hold(writer: ArchiveWriter) -> threading.Event:
    """Occupy the writer (as a long import would) until the returned event is set."""
    gate = threading.Event()
    writer.submit(lambda _archive: gate.wait(30), lambda _result: None)
    return gate


def test_the_work_writes_on_the_writer_thread_and_success_runs_on_the_gui_thread(
    qtbot: QtBot, writer: ArchiveWriter, corpus_db: Path
) -> None:
    key = article_keys(corpus_db, 1)[0]
    seen: list[tuple[tuple[str, str], bool]] = []

    def work(archive: Archive, _progress: OpProgress) -> tuple[str, str]:
        return threading.current_thread().name, bookmarks.add(archive, key).key

    def success(result: tuple[str, str]) -> None:
        seen.append((result, threading.current_thread() is threading.main_thread()))

    op = ArchiveOp(parent=None, writer=writer, op=work).success(success).run_in_background()
    assert op.running
    qtbot.waitUntil(lambda: bool(seen), timeout=WORK_MS)
    (thread_name, written), on_gui_thread = seen[0]
    assert thread_name.startswith("test-writer") and key == written
    assert on_gui_thread
    assert not op.running
    assert bookmarked(corpus_db, key)


def test_the_writer_keeps_one_connection_until_detached_work_closes_it(
    qtbot: QtBot, writer: ArchiveWriter
) -> None:
    archives: list[Archive] = []
    for _ in range(3):
        writer.submit(lambda archive: archive, archives.append)
    qtbot.waitUntil(lambda: 3 == len(archives), timeout=WORK_MS)
    assert archives[0] is archives[1] is archives[2]
    assert not archives[0].readonly
    ran: list[str] = []
    writer.submit_detached(lambda: "detached", ran.append)
    writer.submit(lambda archive: archive, archives.append)
    qtbot.waitUntil(lambda: 4 == len(archives), timeout=WORK_MS)
    assert ["detached"] == ran
    assert archives[3] is not archives[0]  # closed for the detached work, opened again after it


def test_a_known_error_without_a_failure_callback_becomes_a_warning(
    qtbot: QtBot, writer: ArchiveWriter, window: QWidget, corpus_db: Path
) -> None:
    error = ArchiveError(corpus_db, "locked")

    def fail(_archive: Archive, _progress: OpProgress) -> None:
        raise error

    ArchiveOp(parent=window, writer=writer, op=fail).run_in_background()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operationFailed") is not None, timeout=WORK_MS)
    box = window.findChild(QMessageBox, "operationFailed")
    qtbot.waitExposed(box)
    assert str(error) == box.text() and "锁定" in box.text()
    assert "档案错误" == box.windowTitle()
    assert box.windowModality() == Qt.WindowModality.WindowModal
    box.accept()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operationFailed") is None)


def test_a_known_error_goes_to_the_failure_callback_and_an_os_error_reads_in_chinese(
    qtbot: QtBot, window: QWidget
) -> None:
    runner = TaskRunner(max_workers=1, name="test-reader")
    failures: list[BaseException] = []

    def fail(_progress: OpProgress) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/archive/out.pdf")

    op = ReadOp(parent=window, runner=runner, op=fail).failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: not op.running, timeout=WORK_MS)
    runner.shutdown()
    assert [PermissionError] == [type(f) for f in failures]
    assert window.findChild(QMessageBox) is None

    ReadOp(parent=window, runner=TaskRunner(window, name="test-reader-2"), op=fail).run_in_background()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "operationFailed") is not None, timeout=WORK_MS)
    box = window.findChild(QMessageBox, "operationFailed")
    assert "没有权限：/srv/archive/out.pdf" == box.text()
    assert "Permission" not in box.text()
    box.accept()


def test_a_bug_is_raised_on_the_gui_thread_and_never_shown_as_a_message(
    qtbot: QtBot, writer: ArchiveWriter, window: QWidget
) -> None:
    failures: list[BaseException] = []
    done: list[object] = []

    def buggy(_archive: Archive, _progress: OpProgress) -> int:
        return 1 // 0

    with qtbot.captureExceptions() as raised:
        op = ArchiveOp(parent=window, writer=writer, op=buggy).with_progress("正在计算…")
        op.success(done.append).failure(failures.append).run_in_background()
        qtbot.waitUntil(lambda: not op.running, timeout=WORK_MS)
    assert [ZeroDivisionError] == [kind for kind, _value, _tb in raised]
    assert [] == failures and [] == done
    assert window.findChild(QMessageBox) is None
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is None)


def test_the_progress_dialog_shows_while_waiting_then_counts_then_closes(
    qtbot: QtBot, writer: ArchiveWriter, window: QWidget
) -> None:
    blocker = hold(writer)
    finish = threading.Event()
    results: list[str] = []

    def work(_archive: Archive, progress: OpProgress) -> str:
        progress.update(2, 5, "第二个文件")
        finish.wait(30)
        return "完成"

    op = ArchiveOp(parent=window, writer=writer, op=work)
    op.with_progress("正在查找文件…", title="测试", name="testProgress", step="第 {0} / {1} 个：{2}")
    op.success(results.append).run_in_background()
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "testProgress") is not None)
    dialog = window.findChild(QProgressDialog, "testProgress")
    qtbot.waitUntil(dialog.isVisible)  # still queued behind the other write: shown all the same
    assert "正在查找文件…" == dialog.labelText()
    assert (0, 0) == (dialog.minimum(), dialog.maximum())  # busy until the work reports
    assert "测试" == dialog.windowTitle()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.grab()
    blocker.set()
    qtbot.waitUntil(lambda: "第 2 / 5 个：第二个文件" == dialog.labelText(), timeout=WORK_MS)
    assert (5, 2) == (dialog.maximum(), dialog.value())
    dialog.grab()
    finish.set()
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "testProgress") is None, timeout=WORK_MS)
    assert ["完成"] == results


def test_cancel_in_the_dialog_stops_the_work_and_failure_hears_cancelled(
    qtbot: QtBot, writer: ArchiveWriter, window: QWidget
) -> None:
    failures: list[BaseException] = []

    def work(_archive: Archive, progress: OpProgress) -> None:
        while not progress.cancelled():
            time.sleep(0.005)
        progress.check()

    op = ArchiveOp(parent=window, writer=writer, op=work)
    op.with_progress("正在做一件长事…", name="testProgress", cancelling="正在取消…")
    op.failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "testProgress") is not None)
    dialog = window.findChild(QProgressDialog, "testProgress")
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not op.running, timeout=WORK_MS)
    assert [Cancelled] == [type(f) for f in failures]
    assert window.findChild(QMessageBox) is None  # the caller decides what a cancel says


def test_work_cancelled_while_it_waits_never_runs(qtbot: QtBot, writer: ArchiveWriter) -> None:
    blocker = hold(writer)
    ran: list[bool] = []
    failures: list[BaseException] = []
    op = DetachedOp(parent=None, writer=writer, op=lambda _progress: ran.append(True))
    op.failure(failures.append).run_in_background()
    op.cancel()
    blocker.set()
    qtbot.waitUntil(lambda: not op.running, timeout=WORK_MS)
    assert [] == ran
    assert [Cancelled] == [type(f) for f in failures]


def test_a_write_waits_its_turn_while_the_gui_thread_goes_on(
    qtbot: QtBot, writer: ArchiveWriter, corpus_db: Path
) -> None:
    key = article_keys(corpus_db, 1)[0]
    gate = threading.Event()
    order: list[str] = []

    def long_import(_archive: Archive, _progress: OpProgress) -> str:
        gate.wait(30)
        return "import"

    def bookmark(archive: Archive, _progress: OpProgress) -> str:
        bookmarks.add(archive, key)
        return "bookmark"

    ArchiveOp(parent=None, writer=writer, op=long_import).success(order.append).run_in_background()
    ArchiveOp(parent=None, writer=writer, op=bookmark).success(order.append).run_in_background()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop turns while both writes wait
    timer.stop()
    assert [] == order
    assert not bookmarked(corpus_db, key)
    gate.set()
    qtbot.waitUntil(lambda: 2 == len(order), timeout=WORK_MS)
    assert ["import", "bookmark"] == order
    assert bookmarked(corpus_db, key)


def test_shutdown_runs_the_queued_writes_closes_the_connection_and_delivers_nothing(
    qtbot: QtBot, qapp: object, corpus_db: Path
) -> None:
    writer = ArchiveWriter(lambda: corpus_db, name="test-writer")
    keys = article_keys(corpus_db, 3)
    blocker = hold(writer)
    delivered: list[object] = []
    for key in keys:
        writer.submit(lambda archive, key=key: bookmarks.add(archive, key), delivered.append)
    wal = corpus_db.with_name(corpus_db.name + "-wal")
    qtbot.waitUntil(wal.exists, timeout=WORK_MS)  # the writer's connection is open
    blocker.set()
    writer.shutdown()
    assert all(bookmarked(corpus_db, key) for key in keys)
    assert not wal.exists()  # closed: SQLite tidied up
    assert not writer.submit(lambda archive: archive, delivered.append)
    qtbot.wait(50)
    assert [] == delivered
