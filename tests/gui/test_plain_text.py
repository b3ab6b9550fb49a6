"""Headlines, papers' names, file names and notes with markup in them appear as written in every
view of the window (issue 21, item 7): never bold, never a loaded image, never a font that fills
the screen. Each test reads what a real widget shows of a real archive (plain_support.shown)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from plain_support import DELETED_HEADLINE, HOSTILE, HOSTILE_NAME, hostile_archive, issue_id_of, shown
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from window_support import commit_chars, type_query

from reader.gui.bookmarks.model import HEADLINE, NOTE
from reader.gui.main_window import MainWindow
from reader.gui.middle.article_model import COL_BYLINE, COL_TITLE

pytestmark = pytest.mark.gui
TIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def hostile_db(db_path: Path) -> Path:
    return hostile_archive(db_path)


@pytest.fixture
def window(hostile_db: Path, window_factory: Callable[..., MainWindow]) -> MainWindow:
    """The window, showing the issue with the hostile article."""
    made = window_factory(hostile_db)
    made.navigator.open_issue(issue_id_of(hostile_db, 1449))
    return made


def test_the_article_list_s_tooltips_show_headline_subtitle_and_byline_as_written(window: MainWindow) -> None:
    model = window.articles
    assert HOSTILE == model.index(0, COL_TITLE).data()
    assert f"{HOSTILE}\n——{HOSTILE}" == shown(model.index(0, COL_TITLE).data(TIP))
    assert HOSTILE == shown(model.index(0, COL_BYLINE).data(TIP))


def test_search_results_tooltips_show_the_headline_as_written(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "粗")
    results = window.search.model
    assert 1 == results.rowCount()
    assert HOSTILE == shown(results.index(0, 0).data(TIP))


def test_the_search_heading_shows_the_query_as_written(qtbot: QtBot, window: MainWindow) -> None:
    query = "<b>粗</b>"
    type_query(qtbot, window, query)
    label = window.middle.search_label
    assert shown(label.text(), label.textFormat()).startswith(f"“{query}”：找到")


def test_bookmark_tooltips_show_headline_and_note_as_written(window: MainWindow) -> None:
    model = window.bookmarks.panel.model
    row = next(r for r in range(model.rowCount()) if model.index(r, HEADLINE).data() == HOSTILE)
    assert shown(model.index(row, HEADLINE).data(TIP)).startswith(f"{HOSTILE}\n{HOSTILE_NAME}")
    assert HOSTILE == shown(model.index(row, NOTE).data(TIP))


def test_a_deleted_bookmark_s_headline_is_named_as_written(window: MainWindow) -> None:
    panel = window.bookmarks.panel
    model = panel.model
    row = next(r for r in range(model.rowCount()) if DELETED_HEADLINE in model.index(r, HEADLINE).data())
    panel.open_row(row)
    status = panel.status
    assert f"“{DELETED_HEADLINE}”已不在档案中" in shown(status.text(), status.textFormat())


@pytest.mark.skipif(sys.platform == "win32", reason="Windows allows no < > in file names")
def test_the_undated_list_and_the_date_dialog_name_the_file_as_written(
    qtbot: QtBot, window: MainWindow, hostile_db: Path
) -> None:
    undated = window.calendar.undated_model
    assert 1 == undated.rowCount()
    assert f"文件：{HOSTILE_NAME}.txt" == shown(undated.index(0, 0).data(TIP))
    window.ask_issue_date(issue_id_of(hostile_db, None))
    dialog = window.findChild(QDialog, "dateDialog")
    qtbot.waitExposed(dialog)
    texts = [shown(label.text(), label.textFormat()) for label in dialog.findChildren(QLabel)]
    assert f"{HOSTILE_NAME}.txt" in texts
    dialog.reject()


def test_the_calendar_names_the_paper_of_a_missing_issue_as_written(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.missing_issues.loading(), timeout=30_000)
    window.calendar.show_month(2022, 7)
    tip = window.calendar.calendar.dateTextFormat(QDate(2022, 7, 12)).toolTip()
    assert f"{HOSTILE_NAME} 缺第1451期（按期号推算）" == shown(tip)


def test_the_dictionary_dialog_names_an_added_word_as_written(qtbot: QtBot, window: MainWindow) -> None:
    word = "<b>江</b>"
    window.dictionary.action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "dictionaryDialog") is not None)
    dialog = window.findChild(QDialog, "dictionaryDialog")
    commit_chars(dialog.findChild(QLineEdit, "wordEdit"), word)
    with qtbot.waitSignal(window.dictionary.changed, timeout=30_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "addWord"), Qt.MouseButton.LeftButton)
    status = dialog.status
    assert shown(status.text(), status.textFormat()).startswith(f"已添加 1 个词：{word}；")
    dialog.reject()


# --- views that showed markup as written before, and must go on doing so -------------------------


def test_the_reading_pane_shows_the_markup_as_written(window: MainWindow) -> None:
    window.middle.select_article_row(0)
    text = window.pane.toPlainText()
    assert text.startswith(f"{HOSTILE}\n——{HOSTILE}\n")  # headline, subtitle
    assert f"{HOSTILE_NAME} · 2022年7月5日" in text  # the source line
    assert f"第1版\n{HOSTILE}\n" in text  # the byline under it


def test_the_issue_heading_and_a_day_without_the_paper_name_it_as_written(window: MainWindow) -> None:
    label = window.middle.issue_label
    assert Qt.TextFormat.PlainText == label.textFormat()
    assert HOSTILE_NAME in window.middle.issue_title()
    calendar = window.calendar
    calendar.publication.setCurrentIndex(calendar.publication.findData(HOSTILE_NAME))
    calendar.date_chosen.emit("2022-07-06")  # no issue that day: a notice in the list's place
    notice = window.middle.notice.text
    assert f"没有{HOSTILE_NAME}；最近的一期" in shown(notice.text(), notice.textFormat())
    assert f"没有{HOSTILE_NAME}" in window.pane.toPlainText()
