"""Search from the window: results as you type, highlighted snippets, count, open, Esc."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from issue_texts import FRONT_PAGE, THIRD_PAGE, issue_text, write
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import type_query, wait_for_search

from reader.archive.db import open_archive
from reader.gui.main_window import MainWindow
from reader.gui.middle.pane import ISSUE_PAGE, SEARCH_PAGE
from reader.gui.reading.pane import FIRST_HIT_ANCHOR
from reader.gui.search.adapter import (
    HIT_TAG_OPEN,
    PAGE_SIZE,
    Interrupter,
    SearchOutcome,
    SearchRequest,
    run_search,
)
from reader.gui.search.model import HtmlRole, SearchResultModel

pytestmark = pytest.mark.gui

WORD = "幸福食堂"


def expected_total(db: Path, text: str) -> int:
    from reader.archive.search import search

    with open_archive(db, readonly=True) as archive:
        return search(archive, text).total


def test_typing_a_query_lists_hits_with_highlighted_snippets(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    type_query(qtbot, corpus_window, WORD)
    model = corpus_window.search.model
    assert SEARCH_PAGE == corpus_window.middle.currentIndex()
    assert model.rowCount() > 0
    assert f"找到 {expected_total(corpus_db, WORD)} 篇" == corpus_window.hit_label.text()
    first = model.index(0, 0).data(HtmlRole)
    assert f"{HIT_TAG_OPEN}{WORD}</span>" in first
    assert "东昌时讯" in first


def test_opening_a_hit_highlights_every_hit_in_the_pane(qtbot: QtBot, corpus_window: MainWindow) -> None:
    type_query(qtbot, corpus_window, WORD)
    view = corpus_window.middle.result_view
    rect = view.visualRect(corpus_window.search.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = corpus_window.pane
    assert pane.record is not None
    body = pane.record.headline + pane.record.body
    assert body.count(WORD) == pane.hit_count
    assert pane.hit_count >= 1
    assert FIRST_HIT_ANCHOR in pane.toHtml()


def test_escape_returns_to_the_issue_view(qtbot: QtBot, corpus_window: MainWindow) -> None:
    issue_article = corpus_window.articles.record(corpus_window.middle.table.currentIndex().row())
    type_query(qtbot, corpus_window, WORD)
    corpus_window.middle.open_result(0)
    qtbot.keyClick(corpus_window.search_bar.field, Qt.Key.Key_Escape)
    assert ISSUE_PAGE == corpus_window.middle.currentIndex()
    assert issue_article.headline in corpus_window.pane.toPlainText()
    assert 0 == corpus_window.pane.hit_count


def test_newest_sort_lists_hits_as_the_engine_orders_them(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    from reader.archive.search import search

    corpus_window.search_bar.sort.setCurrentIndex(corpus_window.search_bar.sort.findData("newest"))
    type_query(qtbot, corpus_window, "区")
    with open_archive(corpus_db, readonly=True) as archive:
        expected = [hit.id for hit in search(archive, "区", sort="newest", limit=PAGE_SIZE).hits]
    model = corpus_window.search.model
    assert expected == [model.hit(row).id for row in range(model.rowCount())]


def test_date_range_leaves_out_other_days(qtbot: QtBot, corpus_window: MainWindow) -> None:
    from PySide6.QtCore import QDate

    bar = corpus_window.search_bar
    bar.date_from.setDate(QDate(1990, 1, 1))
    bar.date_to.setDate(QDate(1990, 12, 31))
    bar.range_box.setChecked(True)
    type_query(qtbot, corpus_window, WORD)
    assert 0 == corpus_window.search.model.rowCount()
    assert "找到 0 篇" == corpus_window.hit_label.text()


def test_an_empty_query_shows_the_issue_again(qtbot: QtBot, corpus_window: MainWindow) -> None:
    type_query(qtbot, corpus_window, WORD)
    corpus_window.search_bar.field.clear()
    assert ISSUE_PAGE == corpus_window.middle.currentIndex()
    assert "" == corpus_window.hit_label.text()


def test_search_result_model_passes_the_model_tester(qtmodeltester, corpus_db: Path) -> None:
    outcome = run_search(corpus_db, SearchRequest("区", limit=5))
    model = SearchResultModel()
    pages: list[int] = []
    model.set_request_more(pages.append)
    model.reset(outcome)
    qtmodeltester.check(model)
    assert outcome.total > 5


def test_results_load_more_pages_when_scrolled(corpus_db: Path) -> None:
    first = run_search(corpus_db, SearchRequest("区", limit=5))
    model = SearchResultModel()
    asked: list[int] = []
    model.set_request_more(asked.append)
    model.reset(first)
    assert model.canFetchMore(model.index(-1, 0).parent())
    model.fetchMore(model.index(-1, 0).parent())
    assert [5] == asked
    second: SearchOutcome = run_search(corpus_db, SearchRequest("区", offset=5, limit=5))
    model.append_page(second)
    assert 10 == model.rowCount()


def test_a_cancelled_search_stops_with_interrupted(corpus_db: Path) -> None:
    interrupter = Interrupter()
    interrupter.cancel()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        run_search(corpus_db, SearchRequest(WORD), interrupter)


def test_only_the_newest_query_reaches_the_list(qtbot: QtBot, corpus_window: MainWindow) -> None:
    bar = corpus_window.search_bar
    for text in ("网格", "书香", WORD):
        bar.field.setText(text)
        corpus_window.search.run_now()
    wait_for_search(qtbot, corpus_window)
    assert WORD == corpus_window.search.last_outcome.request.text
    model = corpus_window.search.model
    assert all(
        WORD in model.index(r, 0).data(HtmlRole).replace(HIT_TAG_OPEN, "") for r in range(model.rowCount())
    )


def test_search_results_export_as_a_clippings_book(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    export_results = corpus_window.commands.export_results
    assert not export_results.isEnabled()
    type_query(qtbot, corpus_window, "江绍华")
    assert export_results.isEnabled()
    total = corpus_window.search.last_outcome.total
    out = tmp_path / "results.pdf"
    with qtbot.waitSignal(corpus_window.printing.finished, timeout=30_000):
        corpus_window.printing.export_search(SearchRequest("江绍华"), path=out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "江绍华" in text
    assert total == text.count("总第")  # one source line per exported article


def test_an_import_while_results_are_shown_searches_again_and_counts_the_new_articles(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    """Results found before an import went on with their old count, and pages loaded later came
    from the new archive: rows repeated or went missing."""
    window = empty_window
    assert window.import_paths([write(tmp_path / "a" / "0705.txt", issue_text(FRONT_PAGE))])
    qtbot.waitUntil(lambda: not window.importer.running, timeout=60_000)
    type_query(qtbot, window, "东昌府讯")
    before = window.search.model.rowCount()
    assert before == expected_total(window.session.path, "东昌府讯") == len(FRONT_PAGE)
    later = issue_text(THIRD_PAGE, date="2022年7月8日", number=1450)
    assert window.import_paths([write(tmp_path / "b" / "0708.txt", later)])
    qtbot.waitUntil(lambda: window.search.model.rowCount() == before + len(THIRD_PAGE), timeout=60_000)
    wait_for_search(qtbot, window)
    assert SEARCH_PAGE == window.middle.currentIndex()
    assert window.hit_label.text() == f"找到 {before + len(THIRD_PAGE)} 篇"


def test_an_import_with_the_issue_in_front_leaves_the_hidden_results_and_the_status_alone(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    """Out of sight, the results come back only through an edit of the query, which searches
    anew: searching again after the import would only put 检索用时 over 导入完成."""
    window = empty_window
    assert window.import_paths([write(tmp_path / "a" / "0705.txt", issue_text(FRONT_PAGE))])
    qtbot.waitUntil(lambda: not window.importer.running, timeout=60_000)
    type_query(qtbot, window, "东昌府讯")
    found = window.search.last_outcome
    window.navigator.back_to_issue()
    assert ISSUE_PAGE == window.middle.currentIndex()
    later = issue_text(THIRD_PAGE, date="2022年7月8日", number=1450)
    with qtbot.waitSignal(window.imports.imported, timeout=60_000):
        assert window.import_paths([write(tmp_path / "b" / "0708.txt", later)])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "导入完成", timeout=30_000)
    wait_for_search(qtbot, window)
    assert found is window.search.last_outcome
    assert ISSUE_PAGE == window.middle.currentIndex()
    assert "导入完成" == window.statusBar().currentMessage()
