"""文件 → 导出为PDF/Word… with Word chosen in the save dialog: selected articles become a .docx
clippings book, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day

from reader.archive.formatting import display_title
from reader.export.citation import citation
from reader.gui.main_window import MainWindow
from reader.gui.middle.article_model import COL_TITLE

pytestmark = pytest.mark.gui


def export_action(window: MainWindow) -> QAction:
    return next(a for a in window.commands.file_menu.actions() if a.text() == "导出为PDF/Word…")


def test_selected_articles_export_to_word_when_word_is_chosen_in_the_dialog(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    table = corpus_window.middle.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        table.selectionModel().select(corpus_window.articles.index(row, COL_TITLE), flags)
    wanted = [corpus_window.articles.record(row) for row in (0, 2)]
    offered: list[str] = []

    def save_dialog(_parent: object, _title: str, _start: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        word = next(f for f in filters.split(";;") if "docx" in f)
        return str(tmp_path / "剪报"), word  # typed without a suffix, Word chosen below the name

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    with qtbot.waitSignal(corpus_window.printing.finished, timeout=60_000):
        export_action(corpus_window).trigger()
    assert "PDF 文件 (*.pdf)" in offered[0]
    out = tmp_path / "剪报.docx"
    assert f"已导出 Word 文档：{out}" == corpus_window.statusBar().currentMessage()
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [r.headline for r in wanted]
    texts = [p.text for p in document.paragraphs]
    assert all(f"引用：{citation(r)}" in texts for r in wanted)


def test_one_article_is_offered_under_its_paper_date_and_title(
    qtbot: QtBot, corpus_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    table = corpus_window.middle.table
    table.clearSelection()
    table.selectRow(1)
    record = corpus_window.articles.record(1)
    offered: list[str] = []

    def save_dialog(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        offered.append(start)
        return "", ""  # the user cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    export_action(corpus_window).trigger()
    name = Path(offered[0]).name
    assert name.startswith(f"{record.publication}_{record.date}_")
    assert name.endswith(".pdf")
    assert record.headline.replace(" ", "_")[:10] in name


def test_results_chosen_with_ctrl_click_export_together_as_one_book(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search, Ctrl-click two results, 导出为PDF/Word…: both are in the Word clippings book."""
    from PySide6.QtCore import Qt
    from window_support import type_query

    type_query(qtbot, corpus_window, "幸福食堂")
    view = corpus_window.middle.result_view
    assert corpus_window.search.model.rowCount() >= 2
    first, second = (view.visualRect(corpus_window.search.model.index(row, 0)) for row in (0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, second.center()
    )
    chosen = corpus_window.middle.selected_result_ids()
    assert 2 == len(chosen)
    records = corpus_window.current_records()
    assert chosen == [r.id for r in records]

    def save_dialog(_parent: object, _title: str, _start: str, filters: str) -> tuple[str, str]:
        return str(tmp_path / "结果.docx"), next(f for f in filters.split(";;") if "docx" in f)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    with qtbot.waitSignal(corpus_window.printing.finished, timeout=60_000):
        export_action(corpus_window).trigger()
    document = docx.Document(str(tmp_path / "结果.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [display_title(r) for r in records] == headings
