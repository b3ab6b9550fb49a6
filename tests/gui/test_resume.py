"""The next start opens where the reader left off: the article, the search whose results were
in front, and how far the article was scrolled — driven as a user does, across two windows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day, click_article_row
from window_support import type_query, wait_for_search

from reader.gui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

SMALL = QSize(1024, 560)  # a short window, so a long article scrolls


def scrolled_down(qtbot: QtBot, window: MainWindow) -> int:
    """Scroll the reading pane half way down, as the wheel would; the position reached."""
    bar = window.pane.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 40)
    bar.setValue(bar.maximum() // 2)
    return bar.value()


def reopened(qtbot: QtBot, window_factory: Callable[..., MainWindow], db: Path) -> MainWindow:
    window = window_factory(db)
    window.resize(SMALL)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_next_start_opens_the_search_the_result_and_the_scroll_it_was_left_at(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], corpus_db: Path
) -> None:
    first = reopened(qtbot, window_factory, corpus_db)
    type_query(qtbot, first, "幸福食堂")
    first.middle.open_result(1)
    record = first.pane.record
    assert record is not None
    position = scrolled_down(qtbot, first)
    first.close()

    again = reopened(qtbot, window_factory, corpus_db)
    wait_for_search(qtbot, again)
    qtbot.waitUntil(lambda: again.pane.record is not None and again.pane.record.id == record.id)
    assert again.middle.showing_search()
    assert "幸福食堂" == again.search_bar.text()
    assert record.id == again.middle.current_result_id()
    qtbot.waitUntil(lambda: abs(again.pane.verticalScrollBar().value() - position) <= 2)


def test_the_next_start_opens_the_issue_article_at_its_scroll_without_a_search(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], corpus_db: Path
) -> None:
    first = reopened(qtbot, window_factory, corpus_db)
    choose_day(first, ISSUE_DAY)
    click_article_row(qtbot, first, 0)
    record = first.pane.record
    assert record is not None
    position = scrolled_down(qtbot, first)
    first.close()

    again = reopened(qtbot, window_factory, corpus_db)
    assert not again.middle.showing_search() and "" == again.search_bar.text()
    assert again.pane.record is not None and record.id == again.pane.record.id
    qtbot.waitUntil(lambda: abs(again.pane.verticalScrollBar().value() - position) <= 2)
