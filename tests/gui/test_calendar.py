"""The calendar as a user drives it: issue days are the only marked days (weekends look like any
other day), a day without an issue says so in the list's place and links the nearest issue, and
the year strip shows each month's issues and turns the calendar to a clicked month."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.archive.queries import issues_on, set_issue_date, undated_issues
from reader.gui.calendar.panel import ISSUE_BACKGROUND
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

# The corpus: 东昌时讯 on Tuesday 2023-06-13 and 2023-07-04, 今日开发区 on Friday 2023-06-16.


def calendar_view(window: MainWindow) -> QTableView:
    view = window.calendar.calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert view is not None
    return view


def day_index(window: MainWindow, iso: str) -> tuple[int, int]:
    """Row and column of a day of the shown month in the calendar's grid (row 0 is the weekday
    header; Monday first, no week numbers, as the panel sets it up). Qt starts the month in the
    first row unless the 1st is a Monday: then a whole week of the month before comes first."""
    day = dt.date.fromisoformat(iso)
    assert window.calendar.shown_month() == (day.year, day.month)
    lead = day.replace(day=1).weekday() or 7
    row, column = 1 + (lead + day.day - 1) // 7, day.weekday()
    assert str(day.day) == str(calendar_view(window).model().index(row, column).data())
    return row, column


def cell_rect(window: MainWindow, row: int, column: int) -> QRect:
    view = calendar_view(window)
    return view.visualRect(view.model().index(row, column))


def click_day(qtbot: QtBot, window: MainWindow, iso: str) -> None:
    """A mouse click on the day's cell of the shown month."""
    rect = cell_rect(window, *day_index(window, iso))
    qtbot.mouseClick(calendar_view(window).viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def show_month(window: MainWindow, year: int, month: int) -> None:
    window.calendar.show_month(year, month)


def reddish(image: QImage, rect: QRect) -> int:
    """Pixels in `rect` that are clearly red (Qt's weekend red, the issue days' red)."""
    count = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            colour = QColor(image.pixel(x, y))
            if colour.red() - max(colour.green(), colour.blue()) > 100:
                count += 1
    return count


def coloured(image: QImage, rect: QRect, wanted: QColor) -> int:
    return sum(
        QColor(image.pixel(x, y)).rgb() == wanted.rgb()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def choose_publication(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Step the filter with the arrow keys, as a user does with the box focused."""
    combo = window.calendar.publication
    combo.setFocus()
    target = combo.findText(name)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert name == combo.currentText()


def click_link(qtbot: QtBot, window: MainWindow) -> None:
    link = window.middle.notice.link
    assert link.isVisible()
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=link.rect().center())


# --- weekends and issue days ------------------------------------------------------------------


def test_weekends_look_like_weekdays_and_only_issue_days_are_marked(corpus_window: MainWindow) -> None:
    calendar = corpus_window.calendar.calendar
    for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        assert calendar.weekdayTextFormat(weekend) == calendar.weekdayTextFormat(Qt.DayOfWeek.Monday)
    show_month(corpus_window, 2023, 6)
    image = calendar_view(corpus_window).viewport().grab().toImage()
    saturday, sunday, wednesday, friday_issue = (
        cell_rect(corpus_window, *day_index(corpus_window, iso))
        for iso in ("2023-06-17", "2023-06-18", "2023-06-14", "2023-06-16")
    )
    assert 0 == reddish(image, wednesday)  # an ordinary day, to be sure red is not everywhere
    assert 0 == reddish(image, saturday)
    assert 0 == reddish(image, sunday)
    assert 0 == reddish(image, cell_rect(corpus_window, 0, 5))  # 六 in the header
    assert 0 == reddish(image, cell_rect(corpus_window, 0, 6))  # 日
    assert 0 < reddish(image, friday_issue)
    assert 0 < coloured(image, friday_issue, ISSUE_BACKGROUND)
    assert 0 == coloured(image, saturday, ISSUE_BACKGROUND)
    assert corpus_window.calendar.is_marked("2023-06-16")
    assert not corpus_window.calendar.is_marked("2023-06-17")


# --- a day without an issue -------------------------------------------------------------------


def test_clicking_a_day_without_an_issue_says_so_where_the_list_was(
    qtbot: QtBot, corpus_window: MainWindow, corpus_db: Path
) -> None:
    shown = corpus_window.current_issue_id
    assert shown is not None and corpus_window.articles.rowCount() > 0
    show_month(corpus_window, 2023, 6)
    corpus_window.statusBar().showMessage("本期共 4 篇", 60_000)  # what the shown issue said
    click_day(qtbot, corpus_window, "2023-06-14")
    assert QDate(2023, 6, 14) == corpus_window.calendar.calendar.selectedDate()
    assert "2023年6月14日 没有报纸；最近的一期：6月13日 ›" == corpus_window.middle.notice_text()
    assert "" == corpus_window.statusBar().currentMessage()  # no count of an issue not listed
    assert corpus_window.middle.notice.isVisible()
    assert not corpus_window.middle.table.isVisible()
    assert 0 == corpus_window.articles.rowCount()  # the old issue is not listed under this day
    assert corpus_window.current_issue_id is None
    assert corpus_window.pane.record is None
    assert "2023年6月14日 没有报纸" in corpus_window.pane.toPlainText()
    corpus_window.grab()

    click_link(qtbot, corpus_window)
    with open_archive(corpus_db, readonly=True) as archive:
        (nearest,) = issues_on(archive, "2023-06-13")
    assert nearest.id == corpus_window.current_issue_id
    assert QDate(2023, 6, 13) == corpus_window.calendar.calendar.selectedDate()
    assert "" == corpus_window.middle.notice_text()
    assert corpus_window.middle.table.isVisible()
    assert nearest.article_count == corpus_window.articles.rowCount()
    assert corpus_window.pane.record is not None and corpus_window.pane.record.issue_id == nearest.id
    corpus_window.grab()


def test_the_nearest_issue_can_lie_after_the_day(qtbot: QtBot, corpus_window: MainWindow) -> None:
    show_month(corpus_window, 2023, 6)
    click_day(qtbot, corpus_window, "2023-06-15")  # 1 day before 今日开发区, 2 after 东昌时讯
    assert "2023年6月15日 没有报纸；最近的一期：6月16日 ›" == corpus_window.middle.notice_text()
    click_link(qtbot, corpus_window)
    assert QDate(2023, 6, 16) == corpus_window.calendar.calendar.selectedDate()
    assert "今日开发区" in corpus_window.middle.issue_title()


def test_the_notice_keeps_to_the_publication_filter(qtbot: QtBot, corpus_window: MainWindow) -> None:
    show_month(corpus_window, 2023, 6)
    choose_publication(qtbot, corpus_window, "东昌时讯")
    click_day(qtbot, corpus_window, "2023-06-16")  # 今日开发区's day, none of 东昌时讯
    assert "2023年6月16日 没有东昌时讯；最近的一期：6月13日 ›" == corpus_window.middle.notice_text()
    choose_publication(qtbot, corpus_window, "全部")  # now the day has an issue: it opens
    assert "" == corpus_window.middle.notice_text()
    assert "今日开发区" in corpus_window.middle.issue_title()
    click_day(qtbot, corpus_window, "2023-06-15")
    assert "2023年6月15日 没有报纸；最近的一期：6月16日 ›" == corpus_window.middle.notice_text()
    choose_publication(qtbot, corpus_window, "东昌时讯")  # the nearest one follows the filter
    assert "2023年6月15日 没有东昌时讯；最近的一期：6月13日 ›" == corpus_window.middle.notice_text()


def test_a_search_and_esc_come_back_to_the_notice(qtbot: QtBot, corpus_window: MainWindow) -> None:
    show_month(corpus_window, 2023, 6)
    click_day(qtbot, corpus_window, "2023-06-14")
    field = corpus_window.search_bar.field
    field.setFocus()
    for char in "食堂":  # as a Chinese input method types: committed strings
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(field, event)
    qtbot.waitUntil(lambda: corpus_window.search.model.rowCount() > 0, timeout=20_000)
    view = corpus_window.middle.result_view
    rect = view.visualRect(corpus_window.search.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert corpus_window.pane.record is not None
    qtbot.keyClick(corpus_window.search_bar.field, Qt.Key.Key_Escape)
    assert not corpus_window.middle.showing_search()
    assert "2023年6月14日 没有报纸；最近的一期：6月13日 ›" == corpus_window.middle.notice_text()
    assert corpus_window.pane.record is None  # no article of another day stays in view


def test_an_import_that_brings_the_day_its_issue_opens_it(
    qtbot: QtBot, empty_window: MainWindow, corpus_dir: Path
) -> None:
    show_month(empty_window, 2023, 6)
    click_day(qtbot, empty_window, "2023-06-13")
    assert "2023年6月13日 没有报纸" == empty_window.middle.notice_text()  # nothing to link to
    assert not empty_window.middle.notice.link.isVisible()
    assert empty_window.import_paths([corpus_dir])
    qtbot.waitUntil(
        lambda: not empty_window.importer.running and not empty_window.writer.busy(), timeout=60_000
    )
    qtbot.waitUntil(lambda: empty_window.current_issue_id is not None)
    assert "" == empty_window.middle.notice_text()
    assert "东昌时讯" in empty_window.middle.issue_title()
    assert QDate(2023, 6, 13) == empty_window.calendar.calendar.selectedDate()


# --- the year strip ---------------------------------------------------------------------------


@pytest.fixture
def spread_db(tmp_path: Path) -> Path:
    """Two papers over two years: 东昌时讯 every 9 days, 今日开发区 every 13 days, from
    2021-11-03; one undated issue the user dated, one left undated."""
    path = tmp_path / "spread.sqlite3"
    start = dt.date(2021, 11, 3)
    with open_archive(path) as archive:
        for step, publication, count in ((9, "东昌时讯", 50), (13, "今日开发区", 30)):
            for n in range(count):
                day = start + dt.timedelta(days=step * n)
                articles = [make_article(f"{publication}第{n}期要闻")]
                source = f"{publication}-{n}.txt"
                import_issue(archive, make_issue(articles, str(day), n, publication, source))
        for source in ("dated.txt", "undated.txt"):
            articles = [make_article(f"{source}的要闻")]
            import_issue(archive, make_issue(articles, None, None, "东昌时讯", source))
        dated = next(i for i in undated_issues(archive) if i.source_name == "dated.txt")
        set_issue_date(archive, dated.id, "2022-12-31")
    return path


def brute_force_counts(path: Path, year: int, publication: str | None) -> list[int]:
    """Issues per month of `year`, counted in Python over every issue row of the file."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT COALESCE(i.user_date, i.date), p.name FROM issues i"
            " LEFT JOIN publications p ON p.id = i.publication_id"
        ).fetchall()
    months = Counter(
        int(date[5:7])
        for date, name in rows
        if date and int(date[:4]) == year and publication in (None, name)
    )
    return [months[m] for m in range(1, 13)]


def strip_texts(window: MainWindow) -> list[str]:
    model = window.calendar.year_strip.model
    return [model.index_of(m).data() for m in range(1, 13)]


def expected_texts(counts: list[int]) -> list[str]:
    return [f"{m}月\n{n}期" if n else f"{m}月\n–" for m, n in zip(range(1, 13), counts, strict=True)]


def click_month(qtbot: QtBot, window: MainWindow, month: int) -> None:
    strip = window.calendar.year_strip
    rect = strip.view.visualRect(strip.model.index_of(month))
    qtbot.mouseClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_year_strip_counts_are_the_archives_and_follow_year_and_filter(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], spread_db: Path
) -> None:
    window = window_factory(spread_db)
    strip = window.calendar.year_strip
    assert (2023, 1) == window.calendar.shown_month()  # the latest issue, 东昌时讯 2023-01-18
    expected = brute_force_counts(spread_db, 2023, None)
    assert sum(expected) > 0
    assert expected_texts(expected) == strip_texts(window)
    assert "2023年" == strip.year_label.text()
    qtbot.mouseClick(strip.back, Qt.MouseButton.LeftButton)
    assert (2022, 1) == window.calendar.shown_month()
    assert "2022年" == strip.year_label.text()
    expected = brute_force_counts(spread_db, 2022, None)
    assert all(n > 0 for n in expected)
    assert expected_texts(expected) == strip_texts(window)
    for name in ("东昌时讯", "今日开发区"):
        choose_publication(qtbot, window, name)
        assert expected_texts(brute_force_counts(spread_db, 2022, name)) == strip_texts(window)
    choose_publication(qtbot, window, "全部")
    qtbot.mouseClick(strip.back, Qt.MouseButton.LeftButton)
    assert expected_texts(brute_force_counts(spread_db, 2021, None)) == strip_texts(window)
    qtbot.mouseClick(strip.back, Qt.MouseButton.LeftButton)
    assert expected_texts([0] * 12) == strip_texts(window)
    qtbot.mouseClick(strip.forward, Qt.MouseButton.LeftButton)
    assert (2021, 1) == window.calendar.shown_month()
    window.grab()


def test_clicking_a_month_shows_it_in_the_calendar(qtbot: QtBot, corpus_window: MainWindow) -> None:
    strip = corpus_window.calendar.year_strip
    assert (2023, 7) == corpus_window.calendar.shown_month()
    assert strip.model.index_of(7) == strip.view.currentIndex()
    click_month(qtbot, corpus_window, 6)
    assert (2023, 6) == corpus_window.calendar.shown_month()
    assert strip.model.index_of(6) == strip.view.currentIndex()
    assert corpus_window.calendar.is_marked("2023-06-13")
    assert corpus_window.calendar.is_marked("2023-06-16")
    assert QDate(2023, 7, 4) == corpus_window.calendar.calendar.selectedDate()  # only the page turned
    click_day(qtbot, corpus_window, "2023-06-16")
    assert "今日开发区" in corpus_window.middle.issue_title()


def test_year_strip_fits_the_calendar_column_of_a_small_screen(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    corpus_window.resize(1024, 700)
    QApplication.processEvents()
    panel = corpus_window.calendar
    strip = panel.year_strip
    assert (1024, 700) == (corpus_window.width(), corpus_window.height())
    view = strip.view
    for month in range(1, 13):
        assert view.viewport().rect().contains(view.visualRect(strip.model.index_of(month)))
    for row in range(strip.model.rowCount()):  # month and count both in view, nothing cut off
        assert view.sizeHintForRow(row) <= view.rowHeight(row)
    for column in range(strip.model.columnCount()):
        assert view.sizeHintForColumn(column) <= view.columnWidth(column)
    for widget in (panel.calendar, strip, panel.latest):
        assert widget.isVisible()
        bottom = widget.mapTo(panel, widget.rect().bottomLeft()).y()
        assert bottom <= panel.height()
    assert panel.calendar.height() >= panel.calendar.minimumSizeHint().height()
    corpus_window.grab()


def test_month_count_model_passes_the_model_tester(qtmodeltester, corpus_window: MainWindow) -> None:
    qtmodeltester.check(corpus_window.calendar.year_strip.model)
