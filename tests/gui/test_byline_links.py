"""A name in the reading pane's byline is a link: clicked, it searches for that person's articles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day
from window_support import wait_for_search

from reader.gui.main_window import MainWindow
from reader.gui.reading.pane import linked_names

pytestmark = pytest.mark.gui


def test_only_the_names_of_a_byline_are_links() -> None:
    html = linked_names("本报记者 张三 通讯员 李四 摄")
    assert '<a href="author:%E5%BC%A0%E4%B8%89"' in html and ">张三</a>" in html
    assert html.startswith("本报记者 <a ") and html.endswith("</a> 摄")
    assert html.count("<a ") == 2
    assert "&lt;b&gt;" in linked_names("<b>记者</b>")  # markup in a byline stays text


def test_clicking_a_reporter_s_name_lists_their_articles(qtbot: QtBot, corpus_window: MainWindow) -> None:
    window = corpus_window
    choose_day(window, ISSUE_DAY)
    record = window.pane.record
    assert record is not None and record.byline
    name = linked_names(record.byline).split("</a>")[0].rsplit(">", 1)[1]
    cursor = window.pane.document().find(name)
    assert not cursor.isNull() and cursor.charFormat().isAnchor()
    spot = window.pane.cursorRect(cursor).center()
    spot.setX(spot.x() - 4)  # inside the name, not just after it
    qtbot.mouseClick(window.pane.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: window.search_bar.text() == f'作者:"{name}"')
    wait_for_search(qtbot, window)
    assert window.middle.showing_search()
    outcome = window.search.last_outcome
    assert outcome is not None and outcome.total >= 1
    assert record.id in [hit.id for hit in outcome.hits]
    everywhere = window.session.articles([hit.id for hit in outcome.hits])
    assert all(name in article.byline for article in everywhere)  # the name's articles, not mentions
