"""复制引文 as a user works it: Shift+click two articles in the list, Ctrl+Alt+C, and the
clipboard holds their GB/T 7714-2015 reference list ([1] …, one a line); one article read, its
reference. The right-click menus of the article list and the search results copy titles, texts
and references of the articles chosen (issue 23, several articles at once)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day, click_article_row
from window_support import type_query

from reader.archive import bookmarks
from reader.archive.db import open_archive
from reader.archive.formatting import display_title
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


def right_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> QMenu:
    """A right-click on `index` of `view`: its context menu, open."""
    viewport = view.viewport()
    at = view.visualRect(index).center()
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    )
    return wait_menu(qtbot, view)


def wait_menu(qtbot: QtBot, view: QAbstractItemView) -> QMenu:
    window = view.window()
    qtbot.waitUntil(lambda: window.middle.context_menu is not None and window.middle.context_menu.isVisible())
    return window.middle.context_menu


def trigger(menu: QMenu, text: str) -> None:
    (entry,) = [a for a in menu.actions() if a.text() == text]
    entry.trigger()


@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_the_article_lists_right_click_menu_copies_titles_texts_and_references_of_several(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    window = corpus_window
    choose_day(window, ISSUE_DAY)
    click_article_row(qtbot, window, 0)
    table = window.middle.table
    rect = table.visualRect(window.articles.index(2, 1))
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, rect.center()
    )
    chosen = [window.articles.record(row) for row in (0, 1, 2)]
    menu = right_click(qtbot, table, window.articles.index(1, 1))  # inside the selection: kept
    assert ["复制标题", "复制全文", "复制引文"] == [a.text() for a in menu.actions()[:3]]
    trigger(menu, "复制标题")
    menu.close()
    assert "\n".join(display_title(r) for r in chosen) == QApplication.clipboard().text()
    assert "已复制 3 个标题" == window.statusBar().currentMessage()
    assert 3 == len(table.selectionModel().selectedRows())

    menu = right_click(qtbot, table, window.articles.index(2, 1))
    trigger(menu, "复制全文")
    menu.close()
    copied = QApplication.clipboard().text()
    cited = [line for line in copied.splitlines() if line.startswith("引用：")]
    assert [f"引用：{citation(r)}" for r in chosen] == cited
    assert all(r.headline in copied for r in chosen)
    assert "已复制 3 篇全文" == window.statusBar().currentMessage()

    menu = right_click(qtbot, table, window.articles.index(3, 1))  # outside: that one alone
    trigger(menu, "复制引文")
    menu.close()
    assert citation(window.articles.record(3)) == QApplication.clipboard().text()


@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_the_search_results_right_click_menu_copies_the_references_of_the_chosen(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    window = corpus_window
    type_query(qtbot, window, "开发区")
    view = window.middle.result_view
    model = view.model()
    assert model.rowCount() >= 2
    view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, 0)), QItemSelectionModel.SelectionFlag.Select
    )
    menu = right_click(qtbot, view, model.index(1, 0))
    trigger(menu, "复制引文")
    menu.close()
    records = window.session.articles(window.middle.selected_result_ids())
    assert 2 == len(records)
    assert reference_list(records) == QApplication.clipboard().text()


@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_the_article_lists_right_click_menu_bookmarks_every_article_chosen(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    """Several articles at once → bookmark (issue 23): what is bookmarked already is counted apart."""
    window = corpus_window
    choose_day(window, ISSUE_DAY)
    click_article_row(qtbot, window, 1)
    window.bookmarks.star.action.trigger()  # the one being read, bookmarked by its star first
    table = window.middle.table
    rect = table.visualRect(window.articles.index(3, 1))
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, rect.center()
    )
    chosen = [window.articles.record(row).key for row in (1, 2, 3)]
    menu = right_click(qtbot, table, window.articles.index(2, 1))
    trigger(menu, "加入书签")
    menu.close()
    assert "已加入书签 2 篇（1 篇原已在书签中）" == window.statusBar().currentMessage()
    with open_archive(corpus_db, readonly=True) as archive:
        qtbot.waitUntil(lambda: all(bookmarks.is_bookmarked(archive, key) for key in chosen), timeout=30_000)
        assert not bookmarks.is_bookmarked(archive, window.articles.record(0).key)
    qtbot.waitUntil(lambda: window.bookmarks.panel.model.rowCount() == 3, timeout=30_000)
