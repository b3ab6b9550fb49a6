"""文件 → 备份档案… driven from the menu. The OS save dialog is replaced by a function returning
a path in tmp_path (the native dialog cannot be driven offscreen); everything after it is real."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: remembers what it was offered, answers `answer`."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, _parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        self.offered.append(start)
        return (str(self.answer) if self.answer else "", "")


def backup_action(window: MainWindow) -> QAction:
    menu = window.commands.file_menu
    return next(a for a in menu.actions() if a.text() == "备份档案…")


def articles_in(path: Path) -> int:
    with open_archive(path, readonly=True) as archive:
        return int(archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_backup_from_the_file_menu_writes_a_copy_that_opens(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backups" / "copy.sqlite3"
    target.parent.mkdir()
    dialog = SaveDialog(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    backup = corpus_window.backup
    with qtbot.waitSignal(backup.finished, timeout=60_000) as signal:
        backup_action(corpus_window).trigger()
    assert 1 == len(dialog.offered)
    assert f"档案备份-{dt.date.today().isoformat()}.sqlite3" == Path(dialog.offered[0]).name
    assert signal.args[0].startswith(f"档案已备份到 {target}（")
    assert signal.args[0] == corpus_window.statusBar().currentMessage()
    assert articles_in(corpus_db) == articles_in(target)
    qtbot.waitUntil(lambda: corpus_window.findChild(QProgressDialog, "backupProgress") is None)
    assert not backup.running


def test_the_next_backup_is_offered_in_the_same_folder(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SaveDialog(tmp_path / "first")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    with qtbot.waitSignal(corpus_window.backup.finished, timeout=60_000):
        backup_action(corpus_window).trigger()
    assert (tmp_path / "first.sqlite3").is_file()  # no suffix typed: .sqlite3 added
    dialog.answer = None  # the user cancels the dialog this time
    with qtbot.assertNotEmitted(corpus_window.backup.finished, wait=100):
        backup_action(corpus_window).trigger()
    assert tmp_path == Path(dialog.offered[1]).parent


def test_a_backup_waits_for_the_writer_and_can_be_cancelled_meanwhile(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    corpus_window.writer.submit(lambda _archive: gate.wait(30), lambda _result: None)  # an import, say
    target = tmp_path / "copy.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(target))
    backup = corpus_window.backup
    backup_action(corpus_window).trigger()
    qtbot.waitUntil(lambda: corpus_window.findChild(QProgressDialog, "backupProgress") is not None)
    progress = corpus_window.findChild(QProgressDialog, "backupProgress")
    qtbot.waitUntil(progress.isVisible, timeout=10_000)
    assert "等待" in progress.labelText()
    with qtbot.waitSignal(backup.finished, timeout=60_000) as signal:
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
        gate.set()
    assert "备份已取消" in signal.args[0]
    assert not target.exists()
    assert [] == [p.name for p in tmp_path.iterdir() if "copy" in p.name]


def test_a_backup_onto_a_folder_is_refused_with_a_message(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(folder))
    with qtbot.waitSignal(corpus_window.backup.finished, timeout=60_000):
        backup_action(corpus_window).trigger()
    qtbot.waitUntil(lambda: corpus_window.findChild(QMessageBox, "backupFailed") is not None)
    box = corpus_window.findChild(QMessageBox, "backupFailed")
    qtbot.waitExposed(box)
    assert f"无法备份到 {folder}：" in box.text() and "文件夹" in box.text()
    box.accept()
    qtbot.waitUntil(lambda: corpus_window.findChild(QMessageBox, "backupFailed") is None)
    assert corpus_window.commands.import_files.isEnabled()
