"""Browse by page (issue 23): over an issue's article list a chooser lists 全部版面 and each page
with its count; the arrow keys on it list one page's articles alone and show the first, and
全部版面 lists them all again; an issue on one page has no chooser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

PAGES = {1: ["要闻一", "要闻二"], 2: ["区县一", "区县二", "区县三"], 3: ["副刊一"]}


@pytest.fixture
def paged_window(window_factory: Callable[..., MainWindow], db_path: Path) -> MainWindow:
    articles = [make_article(title, page=page) for page, titles in PAGES.items() for title in titles]
    with open_archive(db_path) as archive:
        import_issue(archive, make_issue(articles, source="paged.txt"))
        one_page = make_issue([make_article("独版")], date="2022-07-06", number=1450, source="one.txt")
        import_issue(archive, one_page)
    window = window_factory(db_path)
    window.navigator.open_issue(window.session.issues_on("2022-07-05")[0].id)
    return window


def listed(window: MainWindow) -> list[str]:
    return [window.articles.record(row).headline for row in range(window.articles.rowCount())]


def test_the_arrow_keys_on_the_page_chooser_list_one_page_at_a_time(
    qtbot: QtBot, paged_window: MainWindow
) -> None:
    window = paged_window
    chooser = window.middle.page_filter
    assert chooser.isVisible()
    entries = [chooser.itemText(i) for i in range(chooser.count())]
    assert ["全部版面（6篇）", "第1版（2篇）", "第2版（3篇）", "第3版（1篇）"] == entries
    assert 6 == window.articles.rowCount()
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    assert ["区县一", "区县二", "区县三"] == listed(window)
    qtbot.waitUntil(lambda: window.pane.record is not None and window.pane.record.headline == "区县一")
    qtbot.keyClick(chooser, Qt.Key.Key_Home)
    assert 6 == len(listed(window))
    window.middle.table.setFocus()
    end = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.middle.table, Qt.Key.Key_End, end)  # the list works as before: its last one
    qtbot.waitUntil(lambda: window.pane.record is not None and window.pane.record.headline == "副刊一")


def test_an_issue_on_one_page_has_no_chooser_and_opening_an_issue_lists_all_of_it(
    qtbot: QtBot, paged_window: MainWindow
) -> None:
    window = paged_window
    window.middle.page_filter.choose(3)
    assert ["副刊一"] == listed(window)
    window.navigator.open_issue(window.session.issues_on("2022-07-06")[0].id)
    assert not window.middle.page_filter.isVisible()
    assert ["独版"] == listed(window)
    window.navigator.open_issue(window.session.issues_on("2022-07-05")[0].id)
    assert 6 == window.articles.rowCount()
    assert 0 == window.middle.page_filter.currentIndex()
