"""复制引文 as a user works it: Shift+click two articles in the list, Ctrl+Alt+C, and the
clipboard holds their GB/T 7714-2015 reference list ([1] …, one a line); one article read, its
reference."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day, click_article_row

from reader.export.citation import citation, reference_list
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

# 作者. 题名[N]. 报纸名, YYYY-MM-DD(版次).
FORM = re.compile(r"^(?:[^.]+\. )?.+\[N\]\. [^,]+, \d{4}-\d{2}-\d{2}\(\d+\)\.$")


def test_ctrl_alt_c_copies_the_references_of_the_selected_articles(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    window = corpus_window
    with qtbot.waitActive(window):
        window.activateWindow()
    choose_day(window, ISSUE_DAY)
    click_article_row(qtbot, window, 0)
    table = window.middle.table
    rect = table.visualRect(window.articles.index(1, 1))
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, rect.center()
    )
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    lines = QApplication.clipboard().text().split("\n")
    assert reference_list([window.articles.record(row) for row in (0, 1)]).split("\n") == lines
    assert [1, 2] == [int(line[1]) for line in lines]
    assert all(FORM.match(line.split("] ", 1)[1]) for line in lines), lines
    assert "已复制 2 条引文（GB/T 7714-2015）" == window.statusBar().currentMessage()

    click_article_row(qtbot, window, 2)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert citation(window.pane.record) == QApplication.clipboard().text()


@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_the_reading_panes_right_click_menu_copies_the_reference(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    window = corpus_window
    choose_day(window, ISSUE_DAY)
    click_article_row(qtbot, window, 1)
    viewport = window.pane.viewport()
    at = QPoint(viewport.width() // 2, viewport.height() // 2)
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    )
    menu = window.pane.context_menu
    qtbot.waitUntil(menu.isVisible)
    (entry,) = [a for a in menu.actions() if a.text() == "复制引文"]
    entry.trigger()
    menu.close()
    assert citation(window.pane.record) == QApplication.clipboard().text()
