"""The import dialogs as a user meets them: every word Chinese, opened in a sensible folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QTreeView
from pytestqt.qtbot import QtBot

from reader.gui import app as gui_app
from reader.gui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def chinese_qt(qapp: QApplication) -> Iterator[None]:
    """Qt's words in Chinese as the program sets them up at start, taken away afterwards."""
    font, locale = qapp.font(), QLocale()
    gui_app.use_chinese(qapp)
    yield
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()
    qapp.setFont(font)
    QLocale.setDefault(locale)


def _looked_at(qtbot: QtBot, open_dialog: object) -> dict[str, object]:
    """Open the dialog the way the menu does, read what it shows once painted, then cancel it."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        dialog.grab()  # painted
        view = dialog.findChild(QTreeView)
        model = view.model()
        headers = [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())]
        seen["words"] = [label.text() for label in dialog.findChildren(QLabel) if label.text()] + headers
        seen["folder"] = dialog.directory().absolutePath()
        dialog.reject()

    QTimer.singleShot(0, look)
    open_dialog()  # type: ignore[operator]
    qtbot.waitUntil(lambda: "folder" in seen)
    return seen


def test_the_import_dialog_is_chinese_and_opens_in_the_documents_folder(
    qtbot: QtBot,
    corpus_window: MainWindow,
    chinese_qt: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # a user whose documents folder exists
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    (tmp_path / "Documents").mkdir()
    seen = _looked_at(qtbot, corpus_window.commands.import_files.trigger)
    english = [w for w in seen["words"] if re.search("[A-Za-z]{2}", str(w).replace("&", ""))]  # type: ignore[attr-defined]
    assert [] == english
    assert "体积" not in seen["words"]  # type: ignore[operator]
    assert (tmp_path / "Documents").resolve() == Path(str(seen["folder"])).resolve()


def test_the_folder_dialog_opens_where_the_last_import_was(
    qtbot: QtBot, corpus_window: MainWindow, chinese_qt: None, tmp_path: Path
) -> None:
    last = tmp_path / "上次导入"
    last.mkdir()
    corpus_window.settings.last_import_dir = str(last)
    seen = _looked_at(qtbot, corpus_window.commands.import_folder.trigger)
    assert last.resolve() == Path(str(seen["folder"])).resolve()
