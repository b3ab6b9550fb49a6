"""The window driven as a user would: calendar → articles → reading pane; import; settings."""

from __future__ import annotations

import datetime as dt
import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at, make_article, make_issue, make_version3_archive
from corpus_support import MASTHEAD_FILE, VISIT_HEADLINE
from issue_texts import damage_table
from PySide6.QtCore import QDate, QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from reader.archive import db as archive_db
from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.archive.queries import article_ids, issues_on, undated_issues
from reader.archive.search import search
from reader.export.citation import citation
from reader.gui.app import open_window
from reader.gui.importing import ReportDialog
from reader.gui.issue_dates.dialog import IssueNamesDialog
from reader.gui.main_window import MainWindow
from reader.gui.middle.article_model import COL_TITLE
from reader.gui.settings import DEFAULT_FONT_PT, Settings
from reader.resources import DEMO, locate
from reader.text import read_issue

pytestmark = pytest.mark.gui

ISSUE = read_issue(MASTHEAD_FILE)  # 东昌时讯 of 2023-06-13, 总第1501期
ISSUE_DAY = str(ISSUE.date)
DEMO_DIR = locate(DEMO)


def show_month(window: MainWindow, iso: str) -> None:
    """Turn the calendar to the month of `iso`."""
    day = QDate.fromString(iso, "yyyy-MM-dd")
    window.calendar.calendar.setCurrentPage(day.year(), day.month())


def choose_day(window: MainWindow, iso: str) -> None:
    """What a click on a calendar day does."""
    day = QDate.fromString(iso, "yyyy-MM-dd")
    window.calendar.calendar.setSelectedDate(day)
    window.calendar.calendar.clicked.emit(day)


def click_article_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    table = window.middle.table
    rect = table.visualRect(window.articles.index(row, COL_TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def wait_for_import(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.importer.running and not window.writer.busy(), timeout=60000)


def test_choosing_a_date_lists_the_issue_in_page_order(corpus_window: MainWindow, corpus_db: Path) -> None:
    with open_archive(corpus_db, readonly=True) as archive:
        issue = issues_on(archive, ISSUE_DAY)[0]
        expected = article_ids(archive, issue.id)
    choose_day(corpus_window, ISSUE_DAY)
    assert expected == corpus_window.articles.ids()
    pages = [corpus_window.articles.record(r).page for r in range(corpus_window.articles.rowCount())]
    assert sorted(pages) == pages
    titles = [
        corpus_window.articles.index(r, COL_TITLE).data() for r in range(corpus_window.articles.rowCount())
    ]
    assert VISIT_HEADLINE in titles
    assert "东昌时讯" in corpus_window.middle.issue_title()


def test_clicking_an_article_shows_its_text_in_the_reading_pane(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    row = next(
        r
        for r in range(corpus_window.articles.rowCount())
        if corpus_window.articles.record(r).headline == VISIT_HEADLINE
    )
    click_article_row(qtbot, corpus_window, row)
    text = corpus_window.pane.toPlainText()
    assert VISIT_HEADLINE in text
    assert "副市长周立新一行到我区调研老年助餐工作" in text
    assert "东昌时讯 · 2023年6月13日 星期二 · 总第1501期 · 第1版" in text


def test_next_article_action_moves_down_the_list(corpus_window: MainWindow) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    second = corpus_window.articles.record(1)
    corpus_window.commands.next.trigger()
    assert second.headline in corpus_window.pane.toPlainText()
    corpus_window.commands.previous.trigger()
    assert corpus_window.articles.record(0).headline in corpus_window.pane.toPlainText()


def test_calendar_marks_the_days_that_have_an_issue(corpus_window: MainWindow) -> None:
    show_month(corpus_window, ISSUE_DAY)
    next_day = QDate.fromString(ISSUE_DAY, "yyyy-MM-dd").addDays(1).toString("yyyy-MM-dd")
    assert corpus_window.calendar.is_marked(ISSUE_DAY)
    assert not corpus_window.calendar.is_marked(next_day)


def test_latest_issue_is_shown_on_first_start(corpus_window: MainWindow, corpus_db: Path) -> None:
    from reader.archive.queries import latest_issue

    with open_archive(corpus_db, readonly=True) as archive:
        latest = latest_issue(archive)
    assert latest is not None
    assert latest.id == corpus_window.current_issue_id
    assert corpus_window.articles.rowCount() == latest.article_count


def test_last_viewed_issue_is_reopened_on_start(
    window_factory: Callable[..., MainWindow], corpus_window: MainWindow, corpus_db: Path
) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    chosen = corpus_window.current_issue_id
    corpus_window.close()
    again = window_factory(corpus_db)
    assert chosen == again.current_issue_id


def test_font_size_is_remembered(corpus_window: MainWindow) -> None:
    corpus_window.commands.zoom_in.trigger()
    corpus_window.commands.zoom_in.trigger()
    corpus_window.commands.zoom_out.trigger()
    assert DEFAULT_FONT_PT + 1 == Settings().font_pt
    assert DEFAULT_FONT_PT + 1 == corpus_window.pane.font_pt


def test_splitter_state_is_saved_on_close(corpus_window: MainWindow) -> None:
    corpus_window.close()
    assert QSettings().value("window/splitter") is not None
    assert QSettings().value("window/geometry") is not None


def test_copy_article_puts_text_and_source_on_the_clipboard(corpus_window: MainWindow) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    corpus_window.commands.copy_article.trigger()
    copied = QApplication.clipboard().text()
    record = corpus_window.articles.record(0)
    assert record.headline in copied
    assert f"总第{ISSUE.number}期" in copied
    # Its GB/T 7714 citation closes the pasted text, so it always says where it came from.
    last = copied.splitlines()[-1]
    assert last == f"引用：{citation(record)}"
    assert last.endswith(f"[N]. {record.publication}, {record.date}({record.page}).")


def test_importing_a_folder_marks_the_new_dates(
    qtbot: QtBot, empty_window: MainWindow, corpus_dir: Path
) -> None:
    show_month(empty_window, ISSUE_DAY)
    assert not empty_window.calendar.is_marked(ISSUE_DAY)
    assert empty_window.import_paths([corpus_dir])
    wait_for_import(qtbot, empty_window)
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None)
    report = empty_window.findChild(ReportDialog)
    files = len(list(corpus_dir.glob("*.txt")))
    assert f"新导入 {files}" in report.text.toPlainText()
    report.reject()
    show_month(empty_window, ISSUE_DAY)
    assert empty_window.calendar.is_marked(ISSUE_DAY)
    assert empty_window.articles.rowCount() > 0


def test_import_report_names_a_failed_file_and_its_reason(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "incoming" / "broken.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    empty_window.import_paths([bad.parent])
    wait_for_import(qtbot, empty_window)
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None)
    text = empty_window.findChild(ReportDialog).text.toPlainText()
    assert "失败 1" in text
    assert "broken.txt：" in text


def test_first_start_imports_the_demo_issue(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path
) -> None:
    window = window_factory(db_path, DEMO_DIR)
    wait_for_import(qtbot, window)
    qtbot.waitUntil(lambda: window.articles.rowCount() > 0)
    assert "2023年3月14日" in window.middle.issue_title()
    assert window.findChild(ReportDialog) is None
    assert "导入" not in window.statusBar().currentMessage()  # the user imported nothing


def test_undated_issue_gets_the_users_date(qtbot: QtBot, empty_window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "incoming" / "no-date.txt"
    source.parent.mkdir()
    source.write_text(
        "区图书馆举办读书会\n\n东昌府讯 读书会在区图书馆举行，六十余名读者参加。\n\n（融媒体 某某）\n",
        "utf-8",
    )
    empty_window.import_paths([source])
    wait_for_import(qtbot, empty_window)
    undated = empty_window.calendar.undated_model
    assert 1 == undated.rowCount()
    issue = undated.issue_at(0)
    empty_window.assign_issue_date(issue.id, "2021-05-06")
    wait_for_import(qtbot, empty_window)
    assert 0 == undated.rowCount()
    assert empty_window.calendar.is_marked("2021-05-06")
    assert issue.id == empty_window.current_issue_id


def test_a_date_that_cannot_be_stored_is_reported_without_blocking(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "incoming" / "no-date.txt"
    source.parent.mkdir()
    source.write_text("区图书馆举办读书会\n\n东昌府讯 读书会在区图书馆举行。\n\n（融媒体 某某）\n", "utf-8")
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 50)  # before the writer's connection opens
    empty_window.import_paths([source])
    wait_for_import(qtbot, empty_window)
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None)
    empty_window.findChild(ReportDialog).reject()
    issue = empty_window.calendar.undated_model.issue_at(0)
    other = sqlite3.connect(empty_window.session.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        empty_window.assign_issue_date(issue.id, "2021-05-06")
        qtbot.waitUntil(
            lambda: empty_window.findChild(QMessageBox, "operationFailed") is not None, timeout=30_000
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    box = empty_window.findChild(QMessageBox, "operationFailed")
    assert "锁定" in box.text()
    assert 1 == empty_window.calendar.undated_model.rowCount()
    box.accept()


def test_damaged_archive_gives_a_message_naming_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database at all" * 100)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: shown.append(text))
    assert open_window(damaged) is None
    assert 1 == len(shown)
    assert str(damaged) in shown[0]


def test_article_list_model_passes_the_model_tester(qtmodeltester, corpus_window: MainWindow) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    qtmodeltester.check(corpus_window.articles)


def test_undated_model_passes_the_model_tester(qtmodeltester, corpus_window: MainWindow) -> None:
    qtmodeltester.check(corpus_window.calendar.undated_model)


def test_untitled_photo_is_listed_by_its_caption(corpus_window: MainWindow) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    model = corpus_window.articles
    photos = [
        r for r in range(model.rowCount()) if model.record(r).kind == "photo" and not model.record(r).headline
    ]
    assert photos
    title = model.index(photos[0], COL_TITLE).data()
    assert title.startswith("〔图〕")
    assert len(title) > 4
    assert title.startswith("〔图〕6月11日，柳园街道组织志愿者"), title  # the photo's caption (tests/corpus)


def test_dropping_a_folder_on_the_window_imports_it(
    qtbot: QtBot, empty_window: MainWindow, corpus_dir: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(corpus_dir))])
    point = QPointF(empty_window.rect().center())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        # PySide 6.12 deprecates the QPoint form that 6.11 and older accept alone.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(empty_window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(empty_window, QDropEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys))
    wait_for_import(qtbot, empty_window)
    qtbot.waitUntil(lambda: empty_window.findChild(ReportDialog) is not None)
    empty_window.findChild(ReportDialog).reject()
    assert empty_window.articles.rowCount() > 0


def test_date_dialog_starts_in_the_year_the_text_suggests(corpus_window: MainWindow) -> None:
    undated = corpus_window.calendar.undated_model
    assert 1 == undated.rowCount()
    issue = undated.issue_at(0)
    dialog = IssueNamesDialog(issue, corpus_window)
    assert 2019 == issue.date_hint_year  # 新中国成立70周年
    assert 2019 == dialog.edit.date().year()
    dialog.edit.setDate(QDate(2021, 5, 6))
    assert "2021-05-06" == dialog.iso_date()


def test_date_dialog_without_a_hint_starts_on_new_years_day_of_this_year(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_archive(tmp_path / "archive.sqlite3") as archive:
        scan = make_issue([make_article("区图书馆举办读书会")], date=None, number=None, source="no-date.txt")
        import_issue(archive, scan)
        (issue,) = undated_issues(archive)
    assert issue.date_hint_year is None
    years = {dt.date.today().year}
    dialog = IssueNamesDialog(issue)
    qtbot.addWidget(dialog)
    years.add(dt.date.today().year)  # both sides of a New Year's midnight
    start = dialog.edit.date()
    assert start.year() in years
    assert (1, 1) == (start.month(), start.day())


def test_star_bookmarks_the_shown_article_and_the_panel_opens_it(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    choose_day(corpus_window, ISSUE_DAY)
    corpus_window.middle.select_article_row(2)
    shown = corpus_window.pane.record
    with qtbot.waitSignal(corpus_window.bookmarks.store.changed, timeout=30_000):
        corpus_window.bookmarks.star.action.trigger()
    assert [shown.key] == [r.key for r in corpus_window.bookmarks.store.records()]
    corpus_window.middle.select_article_row(0)
    corpus_window.bookmarks.panel.open_row(0)
    assert shown.id == corpus_window.pane.record.id


def test_file_menu_offers_printing_and_pdf_export(corpus_window: MainWindow) -> None:
    texts = [a.text() for a in corpus_window.commands.file_menu.actions()]
    assert {"打印…", "导出为PDF/Word…", "导入文件…", "导入文件夹…"} <= set(texts)


def test_undated_issue_is_listed_with_the_year_its_text_suggests(corpus_window: MainWindow) -> None:
    undated = corpus_window.calendar.undated_model
    labels = [undated.data(undated.index(row, 0)) for row in range(undated.rowCount())]
    assert any("约2019年" in label for label in labels), labels


def test_several_selected_articles_are_printed_and_exported_together(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from PySide6.QtCore import QItemSelectionModel

    choose_day(corpus_window, ISSUE_DAY)
    table = corpus_window.middle.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (3, 1):
        table.selectionModel().select(corpus_window.articles.index(row, COL_TITLE), flags)
    chosen = corpus_window.current_records()
    wanted = [corpus_window.articles.record(row) for row in (1, 3)]
    assert [r.id for r in wanted] == [r.id for r in chosen]
    out = tmp_path / "selection.pdf"
    export = corpus_window.printing
    with qtbot.waitSignal(export.finished, timeout=30_000):
        export.export_articles(chosen, path=out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert all(record.body[:12] in text.replace("\n", "") for record in wanted)


def test_older_archive_is_upgraded_behind_a_progress_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive of an earlier version opens after its upgrade, behind a dialog, nothing lost."""
    old = tmp_path / "old.sqlite3"
    issue = make_issue([make_article("幸福食堂开张"), make_article("口袋公园")], source="1449.txt")
    make_version3_archive(old, [issue])
    shown: list[str] = []
    original_show = QProgressDialog.show

    def show(dialog: QProgressDialog) -> None:
        shown.append(dialog.labelText())
        original_show(dialog)

    monkeypatch.setattr(QProgressDialog, "show", show)
    window = open_window(old, demo_dir=None, warm_up_ms=None)
    assert window is not None
    qtbot.addWidget(window, before_close_func=lambda w: w.session.close())
    assert len(shown) == 1 and old.name in shown[0]
    with open_archive(old, readonly=True) as archive:
        assert 2 == archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert search(archive, "幸福食堂").total > 0


def test_a_page_damaged_where_the_window_reads_at_start_gives_a_message_not_a_crash(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    """The archive opens (its header and schema are sound), but a table the window reads while
    it builds itself has a bad page: that was a raw sqlite3.DatabaseError out of open_window."""
    damaged = tmp_path / "archive.sqlite3"
    assert import_at(damaged, [corpus_dir]).ok
    damage_table(damaged, "issues")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: shown.append(text))
    window = open_window(damaged, demo_dir=None, warm_up_ms=None)
    if window is not None:  # the damage showed only once the window was filled
        qtbot.addWidget(window, before_close_func=lambda w: w.session.close())
        window.start()
        assert "损坏" in window.statusBar().currentMessage()
    else:
        assert 1 == len(shown) and str(damaged) in shown[0] and "损坏" in shown[0]
