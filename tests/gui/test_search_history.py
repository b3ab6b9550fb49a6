"""Recent searches in the search box's drop-down (issue 23, search history): what the user meant
(Enter, or a result opened) is kept, newest first, for the next start too; ↓ lists them, a click
searches again, 清除检索记录 forgets them. Pauses while typing leave no trace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import commit_text, type_query, wait_for_search

from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

# A popup under the box: the offscreen platform says it cannot raise it or give it the keyboard.
popup_noise = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "does not support propagateSizeHints"
)


def search_with_enter(qtbot: QtBot, window: MainWindow, text: str) -> None:
    field = window.search_bar.field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    commit_text(window, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_for_search(qtbot, window)


@popup_noise
def test_searches_meant_are_kept_listed_and_searched_again(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], corpus_db: Path
) -> None:
    window = window_factory(corpus_db)
    history = window.search_history
    search_with_enter(qtbot, window, "东昌府")
    type_query(qtbot, window, "江")  # typed on, not meant yet: "东昌府江"
    field = window.search_bar.field
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_query(qtbot, window, "开发区")
    view = window.middle.result_view
    rect = view.visualRect(window.search.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a result opened
    assert ["开发区", "东昌府"] == history.items()

    qtbot.keyClick(field, Qt.Key.Key_Escape)  # out of the search, the box empty
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down)
    popup = history.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    rows = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert ["开发区", "东昌府"] == rows
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(popup.model().index(1, 0)).center()
    )
    wait_for_search(qtbot, window)
    assert "东昌府" == field.text() == window.search.last_outcome.request.text
    assert window.middle.showing_search()
    assert ["东昌府", "开发区"] == history.items()

    later = window_factory(corpus_db)  # the next start: the same user's list
    assert ["东昌府", "开发区"] == later.search_history.items()


@popup_noise
def test_the_clock_button_lists_them_and_clears_them(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], corpus_db: Path
) -> None:
    window = window_factory(corpus_db)
    search_with_enter(qtbot, window, "防汛")
    window.search_history.button.trigger()
    menu = window.search_history.menu
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert ["防汛", "清除检索记录"] == texts
    menu.actions()[-1].trigger()
    assert [] == window.search_history.items()
    assert [] == window_factory(corpus_db).search_history.items()
