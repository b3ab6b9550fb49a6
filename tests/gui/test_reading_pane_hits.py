"""The hits of a search as the reader sees them in the reading pane: the highlighted stretches of
its document, counted against the words on screen (not ReadingPane.hit_count, which nothing but
the tests reads)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import type_query

from reader.archive.db import open_archive
from reader.archive.search import search
from reader.gui.main_window import MainWindow
from reader.gui.middle.pane import ISSUE_PAGE
from reader.gui.reading.pane import ReadingPane

pytestmark = pytest.mark.gui

WORD = "幸福食堂"  # in several articles of tests/corpus


def highlighted(pane: ReadingPane) -> list[str]:
    """The runs of text drawn on a background of their own, in document order (adjacent
    fragments joined: the first hit is split by its anchor)."""
    runs: list[str] = []
    run_end = -1
    block = pane.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.isValid() and fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                if fragment.position() == run_end:
                    runs[-1] += fragment.text()
                else:
                    runs.append(fragment.text())
                run_end = fragment.position() + fragment.length()
            fragments += 1
        block = block.next()
    return runs


def test_every_hit_in_the_opened_article_is_highlighted_and_nothing_else(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    type_query(qtbot, corpus_window, WORD)
    view = corpus_window.middle.result_view
    rect = view.visualRect(corpus_window.search.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = corpus_window.pane
    shown = pane.toPlainText()
    assert shown.count(WORD) >= 1
    assert [WORD] * shown.count(WORD) == highlighted(pane)


def test_back_in_the_issue_view_the_article_has_no_highlights(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    with open_archive(corpus_db, readonly=True) as archive:
        first_hit = search(archive, WORD).hits[0].id
    corpus_window.navigator.open_article(first_hit)  # as from a bookmark: its issue, its row
    assert WORD in corpus_window.pane.toPlainText()
    assert [] == highlighted(corpus_window.pane)
    type_query(qtbot, corpus_window, WORD)
    corpus_window.middle.open_result(0)
    assert highlighted(corpus_window.pane)
    qtbot.keyClick(corpus_window.search_bar.field, Qt.Key.Key_Escape)
    assert ISSUE_PAGE == corpus_window.middle.currentIndex()
    assert first_hit == corpus_window.pane.record.id
    assert [] == highlighted(corpus_window.pane)
