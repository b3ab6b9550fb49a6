"""The results list shows what an article says about the query (issue 23, defect 8): searching
the place every local article is datelined from painted 「东昌府讯…」 under each headline."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from window_support import type_query

from reader.gui.main_window import MainWindow
from reader.gui.search.model import HtmlRole

pytestmark = pytest.mark.gui


def painted_snippets(window: MainWindow) -> dict[str, str]:
    """Headline → the snippet line as the delegate lays it out (its rich text as text)."""
    model = window.search.model
    shown: dict[str, str] = {}
    for row in range(model.rowCount()):
        document = QTextDocument()
        document.setHtml(model.index(row, 0).data(HtmlRole))
        headline, _meta, snippet = document.toPlainText().split("\n", 2)
        shown[headline] = snippet
    return shown


def test_results_show_the_body_around_the_hit_not_the_dateline(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    type_query(qtbot, corpus_window, "东昌府")
    corpus_window.grab()
    shown = painted_snippets(corpus_window)
    assert 8 == len(shown)
    assert not [s for s in shown.values() if s.startswith("东昌府讯")]
    meeting = shown["区政府常务会议部署防汛工作"]
    assert meeting.startswith("7月3日，区委副书记、区长江绍华主持召开区政府常务会议")
