"""后退 / 前进 driven as a user does: read articles from an issue and from search results, then
Alt+← / Alt+→ and the mouse's side buttons go back and forth through them."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day, click_article_row
from window_support import type_query

from reader.gui.main_window import MainWindow


def shown_id(window: MainWindow) -> int | None:
    record = window.pane.record
    return None if record is None else record.id


def alt(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    window.activateWindow()
    window.middle.table.setFocus()
    qtbot.keyClick(window.middle.table, key, Qt.KeyboardModifier.AltModifier)


def side_button(window: MainWindow, button: Qt.MouseButton) -> None:
    """A press of the mouse's back or forward button over the reading pane."""
    viewport = window.pane.viewport()
    spot = QPointF(viewport.rect().center())
    press = QMouseEvent(
        QMouseEvent.Type.MouseButtonPress,
        spot,
        viewport.mapToGlobal(spot),
        button,
        button,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, press)


def test_back_and_forward_go_through_issue_articles_and_search_results(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    window = corpus_window
    history = window.history
    assert not history.back.isEnabled()
    choose_day(window, ISSUE_DAY)
    first = shown_id(window)
    click_article_row(qtbot, window, 2)
    third = shown_id(window)
    assert first is not None and third is not None and first != third
    type_query(qtbot, window, "幸福食堂")
    assert window.middle.showing_search()
    window.middle.open_result(window.search.model.rowCount() - 1)  # the last result found
    qtbot.waitUntil(lambda: shown_id(window) not in (None, first, third))
    found = shown_id(window)
    assert history.back.isEnabled() and not history.forward.isEnabled()

    alt(qtbot, window, Qt.Key.Key_Left)  # back to the issue's third article
    qtbot.waitUntil(lambda: shown_id(window) == third)
    assert not window.middle.showing_search()
    assert third == window.middle.current_article_id()
    alt(qtbot, window, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: shown_id(window) == first)
    assert history.forward.isEnabled()  # (the start's latest issue is further back)

    alt(qtbot, window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: shown_id(window) == third)
    side_button(window, Qt.MouseButton.ForwardButton)  # to the search: it runs again
    qtbot.waitUntil(lambda: window.middle.showing_search() and shown_id(window) == found, timeout=30_000)
    assert "幸福食堂" == window.search_bar.text()
    assert found == window.middle.current_result_id()
    assert not history.forward.isEnabled()
    window.grab()

    side_button(window, Qt.MouseButton.BackButton)
    qtbot.waitUntil(lambda: shown_id(window) == third)
    click_article_row(qtbot, window, 1)  # reading something new drops what was ahead
    qtbot.waitUntil(lambda: not history.forward.isEnabled())
    assert history.visits[-1].article_id == shown_id(window)
