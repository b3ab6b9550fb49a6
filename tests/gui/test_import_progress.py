"""The import's progress dialog, driven from the window: it appears while the first file is still
being read, counts the files from the start, names the file being read, and its 取消 stops it."""

from __future__ import annotations

from pathlib import Path

import pytest
from issue_texts import FRONT_PAGE, issue_text, write
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.gui.importing import ReportDialog
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

LONG = "东昌时讯\n\n2022年7月5日\n\n" + "网格员\n" * 1_500_000


def test_the_import_dialog_counts_from_the_first_file_and_cancels(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    long_file = write(tmp_path / "in" / "a-long.txt", LONG)
    short_file = write(tmp_path / "in" / "b-short.txt", issue_text(FRONT_PAGE))
    assert empty_window.import_paths([long_file, short_file])
    qtbot.waitUntil(lambda: empty_window.findChild(QProgressDialog, "importProgress") is not None)
    dialog = empty_window.findChild(QProgressDialog, "importProgress")
    qtbot.waitUntil(dialog.isVisible, timeout=10_000)
    # The writer opens its connection and finds the files first: on a loaded machine that may
    # take a while; the long file then keeps this label for many seconds.
    qtbot.waitUntil(lambda: "正在导入第 1 / 2 个文件：a-long.txt" == dialog.labelText(), timeout=60_000)
    assert (0, 2) == (dialog.value(), dialog.maximum())  # counting while the first file is read
    assert "导入" == dialog.windowTitle()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.grab()
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None, timeout=60_000)
    report = empty_window.findChild(ReportDialog)
    assert "导入已取消" in report.text.toPlainText()
    # closed when the import ended; the object itself goes at the next deferred delete
    qtbot.waitUntil(lambda: empty_window.findChild(QProgressDialog, "importProgress") is None)
    report.reject()
    with open_archive(empty_window.session.path, readonly=True) as archive:
        assert 0 == archive.conn.execute("SELECT count(*) FROM sources").fetchone()[0]
