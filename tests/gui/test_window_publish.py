"""文件 → 发布到共享文件夹… driven from the menu. The OS folder dialog is replaced by a function
returning a folder in tmp_path (the native dialog cannot be driven offscreen); everything after
it is real: the publish runs on the writer behind the progress dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.archive.snapshots import newest_snapshot, snapshots
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def publish_action(window: MainWindow) -> QAction:
    return next(a for a in window.commands.file_menu.actions() if a.text() == "发布到共享文件夹…")


class FolderDialog:
    """Stands in for QFileDialog.getExistingDirectory: remembers what it was offered."""

    def __init__(self, answer: Path) -> None:
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, _parent: object, _title: str, start: str) -> str:
        self.offered.append(start)
        return str(self.answer)


def test_publish_from_the_file_menu_writes_a_copy_colleagues_open_and_then_nothing_when_unchanged(
    qtbot: QtBot,
    corpus_window: MainWindow,
    window_factory: Callable[..., MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    dialog = FolderDialog(share)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", dialog)
    publishing = corpus_window.publishing
    with qtbot.waitSignal(publishing.finished, timeout=60_000) as signal:
        publish_action(corpus_window).trigger()
    snapshot = newest_snapshot(share)
    assert snapshot is not None and signal.args[0].startswith(f"已发布：{snapshot.path}")
    assert signal.args[0] == corpus_window.statusBar().currentMessage()
    with qtbot.waitSignal(publishing.finished, timeout=60_000) as again:
        publish_action(corpus_window).trigger()
    assert "没有改动" in again.args[0]
    assert str(share) == dialog.offered[1]  # the last shared folder is offered again
    assert [snapshot] == snapshots(share)
    colleague = window_factory(share)
    assert snapshot.path == colleague.session.path
    assert corpus_window.articles.rowCount() == colleague.articles.rowCount()
    action = publish_action(colleague)
    assert not action.isEnabled() and "只读副本" in action.toolTip()  # a copy is not published again


def test_a_publish_waits_for_the_writer_and_a_cancel_leaves_no_file(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    corpus_window.writer.submit(lambda _archive: gate.wait(30), lambda _result: None)  # an import, say
    share = tmp_path / "share"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", FolderDialog(share))
    publishing = corpus_window.publishing
    publish_action(corpus_window).trigger()
    qtbot.waitUntil(lambda: corpus_window.findChild(QProgressDialog, "publishProgress") is not None)
    progress = corpus_window.findChild(QProgressDialog, "publishProgress")
    qtbot.waitUntil(progress.isVisible, timeout=10_000)
    assert "等待" in progress.labelText()
    with qtbot.waitSignal(publishing.finished, timeout=60_000) as signal:
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
        gate.set()
    assert "发布已取消" in signal.args[0]
    assert not share.exists() or [] == list(share.iterdir())
