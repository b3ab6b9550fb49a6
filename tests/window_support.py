"""Driving the window's search the way a user does, shared by the GUI tests."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.gui.main_window import MainWindow


def wait_for_search(qtbot: QtBot, window: MainWindow) -> None:
    """Until the newest query's answer is in (the search runs on a worker)."""
    qtbot.waitUntil(lambda: window.search.is_idle() and window.search.last_outcome is not None, timeout=30000)


def commit_chars(widget: QWidget, text: str) -> None:
    """Type into `widget` as a Chinese input method does: each character arrives as a committed
    string."""
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def commit_text(window: MainWindow, text: str) -> None:
    """Type into the search box (commit_chars). Returns at once: the search runs on its worker."""
    commit_chars(window.search_bar.field, text)


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type a query (as commit_text) and wait for its answer."""
    commit_text(window, text)
    wait_for_search(qtbot, window)
