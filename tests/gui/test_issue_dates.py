"""设定日期… as a user works it (issue 23, defects 2 and 3): the dialog starts on the day the text
mentions, a date is typed in any form staff write, and a date once given can be changed and
cleared from the window; the button stays on for the issue the user dated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from window_support import commit_chars

from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

TEXT = (
    "区图书馆举办读书会\n\n东昌府讯 7月4日，读书会在区图书馆举行，六十余名读者参加。"
    "2022年上半年，全区共举办读书活动三十场。\n\n（融媒体 某某）\n"
)


@pytest.fixture
def undated_window(window_factory: Callable[..., MainWindow], db_path: Path, tmp_path: Path) -> MainWindow:
    source = tmp_path / "dump" / "003_5402ef8479b560aa.txt"
    source.parent.mkdir()
    source.write_text(TEXT, "utf-8")
    assert [] == import_at(db_path, [source]).failed
    return window_factory(db_path)


def open_date_dialog(qtbot: QtBot, window: MainWindow) -> QDialog:
    button = window.calendar.assign
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "dateDialog") is not None)
    dialog = window.findChild(QDialog, "dateDialog")
    qtbot.waitExposed(dialog)
    return dialog


def type_text(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Digits and separators as keys, 年月日 as a Chinese input method commits them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(field, char)
        else:
            commit_chars(field, char)


def type_date(qtbot: QtBot, window: MainWindow, dialog: QDialog, text: str) -> None:
    """Type over the selected suggestion and press Enter; wait until the date is stored."""
    field = dialog.findChild(QLineEdit, "typedDate")
    assert field.hasSelectedText() and field.selectedText() == field.text()
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.writer.busy() and window.findChild(QDialog, "dateDialog") is None)


def test_a_date_is_typed_changed_and_cleared_in_the_window(qtbot: QtBot, undated_window: MainWindow) -> None:
    window = undated_window
    undated = window.calendar.undated_view
    rect = undated.visualRect(window.calendar.undated_model.index(0, 0))
    qtbot.mouseClick(undated.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = open_date_dialog(qtbot, window)
    assert "2022-07-04" == dialog.findChild(QLineEdit, "typedDate").text()  # the day the text names
    assert not dialog.findChild(QPushButton, "clearDate").isVisible()  # nothing given yet
    type_date(qtbot, window, dialog, "2022年7月5日")
    qtbot.waitUntil(lambda: 0 == window.calendar.undated_model.rowCount())
    assert window.calendar.is_marked("2022-07-05")
    assert "2022年7月5日" in window.middle.issue_title()
    assert "已设定出版日期：2022年7月5日" == window.statusBar().currentMessage()

    dialog = open_date_dialog(qtbot, window)  # still on: the date the user gave can be changed
    assert "2022-07-05" == dialog.findChild(QLineEdit, "typedDate").text()
    type_date(qtbot, window, dialog, "20220706")
    qtbot.waitUntil(lambda: window.calendar.is_marked("2022-07-06"))
    assert not window.calendar.is_marked("2022-07-05")

    dialog = open_date_dialog(qtbot, window)
    clear = dialog.findChild(QPushButton, "clearDate")
    assert clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: 1 == window.calendar.undated_model.rowCount())
    assert not window.calendar.is_marked("2022-07-06")
    assert "已清除设定的日期" in window.statusBar().currentMessage()


def test_a_typed_text_that_is_no_day_says_why_and_ok_waits(qtbot: QtBot, undated_window: MainWindow) -> None:
    window = undated_window
    window.navigator.open_issue(window.calendar.undated_model.issue_at(0).id)
    dialog = open_date_dialog(qtbot, window)
    field = dialog.findChild(QLineEdit, "typedDate")
    qtbot.keyClicks(field, "2022-02-30")
    meaning = dialog.meaning.text()
    assert "日期不存在：2022-02-30" in meaning
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible()  # 确定 waits for a real day
    field.selectAll()
    qtbot.keyClicks(field, "2022/07/05")
    assert "2022年7月5日 星期二" == dialog.meaning.text()
    dialog.reject()
