"""The search bar's filters as a user meets them: 日期范围 starts from the archive's own first and
last issue, and a filter that hides every hit says so and offers to clear itself; erasing the
query leaves the keyboard in the search box, Esc leaves the search and forgets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from window_support import type_query, wait_for_search

from reader.archive.db import open_archive
from reader.archive.queries import issue_dates
from reader.archive.search import search
from reader.gui.main_window import MainWindow
from reader.gui.middle.pane import ISSUE_PAGE, SEARCH_PAGE

pytestmark = pytest.mark.gui

WORD = "幸福食堂"  # in both publications of tests/corpus
ONLY_DONGCHANG = "网格员"  # in 东昌时讯 only
KAIFAQU = "今日开发区"


def total(db: Path, text: str, **filters: str) -> int:
    with open_archive(db, readonly=True) as archive:
        return search(archive, text, **filters).total


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Keyboard focus and window shortcuts need the window to be the active one."""
    with qtbot.waitActive(window):
        window.activateWindow()


def clear_button(window: MainWindow, name: str) -> QPushButton:
    button = window.middle.findChild(QPushButton, name)
    assert button is not None
    return button


def test_ticking_the_date_range_starts_from_the_archives_first_and_last_issue(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    with open_archive(corpus_db, readonly=True) as archive:
        days = issue_dates(archive)
    bar = corpus_window.search_bar
    qtbot.mouseClick(bar.range_box, Qt.MouseButton.LeftButton)
    assert bar.range_box.isChecked()
    assert (days[0], days[-1]) == (
        bar.date_from.date().toString("yyyy-MM-dd"),
        bar.date_to.date().toString("yyyy-MM-dd"),
    )
    type_query(qtbot, corpus_window, WORD)
    assert (days[0], days[-1]) == (
        corpus_window.search.last_outcome.request.date_from,
        corpus_window.search.last_outcome.request.date_to,
    )
    assert total(corpus_db, WORD) == corpus_window.search.model.rowCount() > 0
    corpus_window.grab()


def test_the_date_range_follows_an_import_into_an_empty_archive(
    qtbot: QtBot, empty_window: MainWindow, corpus_dir: Path
) -> None:
    bar = empty_window.search_bar
    assert QDate.currentDate() == bar.date_to.date()  # nothing dated yet: the last twelve months
    assert empty_window.import_paths([corpus_dir])
    qtbot.waitUntil(
        lambda: not empty_window.importer.running and not empty_window.writer.busy(), timeout=60000
    )
    with open_archive(empty_window.session.path, readonly=True) as archive:
        days = issue_dates(archive)
    qtbot.waitUntil(lambda: bar.date_to.date().toString("yyyy-MM-dd") == days[-1])
    assert days[0] == bar.date_from.date().toString("yyyy-MM-dd")


def test_a_date_range_that_hides_every_hit_says_so_and_clears_with_one_click(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    bar = corpus_window.search_bar
    bar.range_box.setChecked(True)
    bar.date_from.setDate(QDate(1990, 1, 1))
    bar.date_to.setDate(QDate(1990, 12, 31))
    type_query(qtbot, corpus_window, WORD)
    found = total(corpus_db, WORD)
    heading = corpus_window.middle.search_label.text()
    assert f"找到 0 篇 — 日期范围 1990-01-01—1990-12-31 内没有；不限范围共有 {found} 篇" in heading
    assert "找到 0 篇" == corpus_window.hit_label.text()
    button = clear_button(corpus_window, "clear_dates")
    assert button.isVisible() and "清除日期范围" == button.text()
    assert not clear_button(corpus_window, "clear_publication").isVisible()
    corpus_window.grab()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_for_search(qtbot, corpus_window)
    qtbot.waitUntil(lambda: corpus_window.search.model.rowCount() == found, timeout=30_000)
    assert not bar.range_box.isChecked()
    with open_archive(corpus_db, readonly=True) as archive:
        days = issue_dates(archive)
    # the boxes are back on the archive's span, so the next tick does not start from 1990
    assert (days[0], days[-1]) == (
        bar.date_from.date().toString("yyyy-MM-dd"),
        bar.date_to.date().toString("yyyy-MM-dd"),
    )
    assert f"找到 {found} 篇" == corpus_window.hit_label.text()
    assert "内没有" not in corpus_window.middle.search_label.text()
    assert not button.isVisible()


def test_a_query_found_nowhere_offers_no_filter_to_clear(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    bar = corpus_window.search_bar
    bar.range_box.setChecked(True)
    bar.date_from.setDate(QDate(1990, 1, 1))
    bar.date_to.setDate(QDate(1990, 12, 31))
    type_query(qtbot, corpus_window, "鹦鹉螺号")
    assert 0 == total(corpus_db, "鹦鹉螺号")
    assert "“鹦鹉螺号”：找到 0 篇" == corpus_window.middle.search_label.text()
    assert not corpus_window.middle.findChild(QPushButton, "clear_dates").isVisible()


def test_a_publication_that_hides_every_hit_offers_all_publications(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    assert 0 == total(corpus_db, ONLY_DONGCHANG, publication=KAIFAQU) < total(corpus_db, ONLY_DONGCHANG)
    combo = corpus_window.calendar.publication
    combo.setCurrentIndex(combo.findData(KAIFAQU))
    type_query(qtbot, corpus_window, ONLY_DONGCHANG)
    assert f"报纸“{KAIFAQU}” 内没有" in corpus_window.middle.search_label.text()
    button = clear_button(corpus_window, "clear_publication")
    assert button.isVisible() and not clear_button(corpus_window, "clear_dates").isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    everywhere = total(corpus_db, ONLY_DONGCHANG)
    qtbot.waitUntil(lambda: corpus_window.search.model.rowCount() == everywhere, timeout=30_000)
    assert corpus_window.calendar.current_publication() is None
    assert SEARCH_PAGE == corpus_window.middle.currentIndex()


def test_erasing_the_query_keeps_the_keyboard_in_the_search_box(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    activate(qtbot, corpus_window)
    field = corpus_window.search_bar.field
    type_query(qtbot, corpus_window, WORD)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert "" == field.text()
    assert ISSUE_PAGE == corpus_window.middle.currentIndex()  # back to the issue …
    assert field is QApplication.focusWidget()  # … but the keyboard stays here
    qtbot.keyClicks(QApplication.focusWidget(), "abc")  # the next word typed is a new search
    assert "abc" == field.text()
    assert SEARCH_PAGE == corpus_window.middle.currentIndex()


def test_escape_leaves_the_search_and_forgets_the_query_and_its_count(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    activate(qtbot, corpus_window)
    field = corpus_window.search_bar.field
    type_query(qtbot, corpus_window, WORD)
    corpus_window.statusBar().showMessage("正在检索…")  # what a search in flight leaves
    assert corpus_window.hit_label.text().startswith("找到")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert ISSUE_PAGE == corpus_window.middle.currentIndex()
    assert "" == field.text()
    assert "" == corpus_window.hit_label.text()
    assert "" == corpus_window.statusBar().currentMessage()
    assert corpus_window.middle.table is QApplication.focusWidget()
    assert not corpus_window.commands.export_results.isEnabled()
