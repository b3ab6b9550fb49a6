"""设定报名和日期… as a user works it (issue 23, defects 1, 2 and 3): the dialog starts on the day
the text mentions and the paper its datelines point to, a date is typed in any form staff write,
paper, number and page are given by keyboard and then name the issue in every view, and all of
it can be changed and cleared from the window; a masthead's date can be overridden and what it
prints stays said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPushButton
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
    assert window.statusBar().currentMessage().startswith("已设定本期：2022年7月5日")

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
    assert "已清除设定的报名、日期、期号和版次" in window.statusBar().currentMessage()


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


def heading(window: MainWindow) -> str:
    """The issue heading as read (the pane keeps its parts together with no-break spaces)."""
    return window.middle.issue_title().replace("\xa0", " ")


KNOWN = "今日开发区\n2019年10月8日 星期二 总第1450期\n\n区长调研企业\n\n开发区讯 10月7日，区长到企业调研。\n"


@pytest.fixture
def named_window(window_factory: Callable[..., MainWindow], db_path: Path, tmp_path: Path) -> MainWindow:
    """An undated dump whose datelines say 开发区讯, beside a dated issue of 今日开发区."""
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "003_5402ef8479b560aa.txt").write_text(TEXT.replace("东昌府讯", "开发区讯"), "utf-8")
    (folder / "known.txt").write_text(KNOWN, "utf-8")
    assert [] == import_at(db_path, sorted(folder.iterdir())).failed
    return window_factory(db_path)


def test_an_undated_issue_is_named_by_keyboard_and_shown_by_its_names(
    qtbot: QtBot, named_window: MainWindow
) -> None:
    window = named_window
    undated = window.calendar.undated_view
    rect = undated.visualRect(window.calendar.undated_model.index(0, 0))
    qtbot.mouseClick(undated.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "003_5402ef8479b560aa.txt" in window.middle.issue_title()  # known by its file so far
    dialog = open_date_dialog(qtbot, window)
    paper = dialog.findChild(QComboBox, "paperField")
    assert "今日开发区" == paper.currentText()  # the paper its 开发区讯 datelines point to
    assert "电头是“开发区讯”" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    field = dialog.findChild(QLineEdit, "typedDate")
    type_text(qtbot, field, "2022年7月5日")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # to the number
    number = dialog.findChild(QLineEdit, "numberField")
    assert number is dialog.focusWidget()
    qtbot.keyClicks(number, "1449")
    qtbot.keyClick(number, Qt.Key.Key_Tab)
    page = dialog.findChild(QLineEdit, "pageField")
    assert page is dialog.focusWidget()
    page.selectAll()
    qtbot.keyClicks(page, "3")
    qtbot.keyClick(page, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.writer.busy() and window.findChild(QDialog, "dateDialog") is None)
    qtbot.waitUntil(lambda: 0 == window.calendar.undated_model.rowCount())
    title = heading(window)
    assert "今日开发区 · 2022年7月5日 星期二 · 总第1449期" in title
    assert "003_5402ef8479b560aa.txt" not in title
    window.middle.select_article_row(0)
    qtbot.waitUntil(lambda: window.pane.record is not None)
    assert (3, "今日开发区") == (window.pane.record.page, window.pane.record.publication)

    dialog = open_date_dialog(qtbot, window)  # again: what was given, and it can all be cleared
    assert "今日开发区" == dialog.findChild(QComboBox, "paperField").currentText()
    assert "1449" == dialog.findChild(QLineEdit, "numberField").text()
    qtbot.mouseClick(dialog.findChild(QPushButton, "clearDate"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: 1 == window.calendar.undated_model.rowCount())
    assert "003_5402ef8479b560aa.txt" in window.middle.issue_title()


def test_a_new_paper_typed_in_names_the_issue_and_joins_the_papers(
    qtbot: QtBot, named_window: MainWindow
) -> None:
    window = named_window
    window.navigator.open_issue(window.calendar.undated_model.issue_at(0).id)
    dialog = open_date_dialog(qtbot, window)
    field = dialog.findChild(QLineEdit, "typedDate")
    qtbot.keyClick(field, Qt.Key.Key_Backtab)  # back to the paper
    paper = dialog.findChild(QComboBox, "paperField")
    assert paper is dialog.focusWidget()
    paper.lineEdit().selectAll()
    commit_chars(paper.lineEdit(), "河阳视界")
    qtbot.keyClick(paper.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.writer.busy() and window.findChild(QDialog, "dateDialog") is None)
    qtbot.waitUntil(lambda: 0 == window.calendar.undated_model.rowCount())
    assert heading(window).startswith("河阳视界 · 2022年7月4日")
    combo = window.calendar.publication
    assert "河阳视界" in [combo.itemText(i) for i in range(combo.count())]


def test_a_printed_date_is_overridden_and_the_heading_says_what_is_printed(
    qtbot: QtBot, named_window: MainWindow
) -> None:
    window = named_window
    window.navigator.open_issue(window.session.issues_on("2019-10-08")[0].id)
    dialog = open_date_dialog(qtbot, window)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "今日开发区 · 2019年10月8日 · 总第1450期" in labels  # 报头印的是
    type_date(qtbot, window, dialog, "2019-10-9")
    qtbot.waitUntil(lambda: window.calendar.is_marked("2019-10-09"))
    assert "2019年10月9日 星期三 · 总第1450期（报头印的是 2019年10月8日）" in heading(window)
