"""在本文中查找 as a user works it: Ctrl+F in the reading pane opens the find bar, typed text is
found and counted (第 2/5 处), Enter / Shift+Enter and F3 step, Esc closes; the archive search is
left alone and keeps its own shortcut, named in its placeholder (issue 23, find in this article)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import commit_chars

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

BODY = "\n".join(
    [
        "7月4日，区长来到幸福食堂，察看食堂的饭菜。",
        "今年以来，全区持续推进城乡环境整治工作，群众满意度不断提升。" * 6,
        "各街道食堂统一配送，老人在食堂就餐更方便。",
        "今年以来，全区持续推进城乡环境整治工作，群众满意度不断提升。" * 6,
        "区里将再建十个食堂。",
    ]
)  # 食堂 five times, the headline's not counted: it has none


@pytest.fixture
def article_window(window_factory: Callable[..., MainWindow], db_path: Path, qtbot: QtBot) -> MainWindow:
    with open_archive(db_path) as archive:
        import_issue(archive, make_issue([make_article("区长调研助餐工作", body=BODY)]))
    window = window_factory(db_path)
    window.resize(1024, 700)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_ctrl_f_finds_counts_and_steps_in_the_article_and_esc_closes(
    qtbot: QtBot, article_window: MainWindow
) -> None:
    window, pane = article_window, article_window.pane
    bar = window.find_bar
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.field.hasFocus()
    commit_chars(bar.field, "食堂")
    window.grab()
    assert "第 1/5 处" == bar.count.text()
    assert "食堂" == pane.textCursor().selectedText()
    starts = [pane.textCursor().selectionStart()]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert "第 2/5 处" == bar.count.text()
    starts.append(pane.textCursor().selectionStart())
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert "第 3/5 处" == bar.count.text()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert "第 2/5 处" == bar.count.text()
    assert starts[1] == pane.textCursor().selectionStart() > starts[0]
    assert 5 == len(pane.extraSelections())
    assert pane.viewport().rect().contains(pane.cursorRect())
    pane.setFocus()  # the window's F3 (下一处) steps the find bar's matches too
    qtbot.keyClick(pane, Qt.Key.Key_F3)
    assert "第 3/5 处" == bar.count.text()
    bar.field.setFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert [] == pane.extraSelections()
    assert pane.hasFocus()
    assert not window.middle.showing_search() and "" == window.search_bar.text()


def test_nothing_found_says_so(qtbot: QtBot, article_window: MainWindow) -> None:
    window = article_window
    qtbot.keyClick(window.pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    commit_chars(window.find_bar.field, "银杏")
    assert "没有找到" == window.find_bar.count.text()


def test_the_archive_search_keeps_its_own_shortcut_named_in_its_placeholder(
    qtbot: QtBot, article_window: MainWindow
) -> None:
    window = article_window
    field = window.search_bar.field
    assert "Ctrl+K" in field.placeholderText()
    window.pane.setFocus()
    qtbot.keyClick(window.pane, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus()
    assert not window.find_bar.isVisible()
