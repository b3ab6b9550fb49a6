"""A second search leaves nothing of the first in the reading pane or the status bar: the
article opened from the first results with its word highlighted and 第 2/4 处 both go (issue 23,
defect 4). An article the new search also finds stays, with the new word's hits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import type_query

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

FIRST = "东昌府召开会议"
SECOND = "区长调研食堂"
BOTH = "城区绿化综述"


@pytest.fixture
def two_word_window(window_factory: Callable[..., MainWindow], db_path: Path) -> MainWindow:
    articles = [
        make_article(FIRST, body="东昌府讯 会议在东昌府召开。\n东昌府各街道参加。"),
        make_article(SECOND, body="区长来到幸福食堂。\n食堂饭菜可口。"),
        make_article(BOTH, body="区长察看绿化。\n树木成荫。"),
    ]
    with open_archive(db_path) as archive:
        import_issue(archive, make_issue(articles))
    return window_factory(db_path)


def open_result(qtbot: QtBot, window: MainWindow, row: int) -> None:
    view = window.middle.result_view
    rect = view.visualRect(window.search.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def search_again(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Select the search box's text and type the new word over it, as a user does."""
    field = window.search_bar.field
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_query(qtbot, window, text)
    qtbot.waitUntil(lambda: window.search.last_outcome.request.text == text)


def test_a_new_search_clears_the_old_article_and_its_hit_position(
    qtbot: QtBot, two_word_window: MainWindow
) -> None:
    window = two_word_window
    type_query(qtbot, window, "东昌府")
    open_result(qtbot, window, 0)
    pane = window.pane
    assert FIRST == pane.record.headline
    qtbot.keyClick(pane, Qt.Key.Key_F3)
    label = window.search_status.hit_position_label
    assert "第 2/4 处" == label.text()  # the headline's hit and three in the text
    search_again(qtbot, window, "食堂")
    window.grab()
    assert pane.record is None or pane.record.headline != FIRST
    assert "东昌府" not in pane.textCursor().selectedText()
    assert "" == label.text()
    assert "食堂" in pane.toPlainText() or "找到 1 篇" in pane.toPlainText()


def test_an_article_the_new_search_also_finds_shows_the_new_hits(
    qtbot: QtBot, two_word_window: MainWindow
) -> None:
    window = two_word_window
    type_query(qtbot, window, "绿化")
    open_result(qtbot, window, 0)
    assert BOTH == window.pane.record.headline
    search_again(qtbot, window, "区长")
    window.grab()
    assert BOTH == window.pane.record.headline
    assert "区长" == window.pane.textCursor().selectedText()
    label = window.search_status.hit_position_label
    assert "第 1/1 处" == label.text()
