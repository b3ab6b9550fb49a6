"""Missing issues in the calendar: a dashed outline and a tooltip on each expected day."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

# A twice-weekly paper (Tuesday, Friday) from 1449 on 2022-07-05 to 1460 on 2022-08-12.
DAYS = [
    "07-05",
    "07-08",
    "07-12",
    "07-15",
    "07-19",
    "07-22",
    "07-26",
    "07-29",
    "08-02",
    "08-05",
    "08-09",
    "08-12",
]


@pytest.fixture
def gappy_db(db_path: Path) -> Path:
    """The paper without 1451 (07-12) and 1452 (07-15); 今日开发区 has one issue only."""
    with open_archive(db_path) as archive:
        for number, day in enumerate(DAYS, start=1449):
            if number not in (1451, 1452):
                date = f"2022-{day}"
                import_issue(archive, make_issue([make_article(f"{date}要闻")], date=date, number=number))
        import_issue(
            archive,
            make_issue([make_article("开发区要闻")], date="2022-07-13", number=312, publication="今日开发区"),
        )
    return db_path


def _window_in_july(qtbot: QtBot, factory: Callable[..., MainWindow], db: Path) -> MainWindow:
    window = factory(db)
    qtbot.waitUntil(lambda: not window.missing_issues.loading(), timeout=30000)
    window.calendar.show_month(2022, 7)
    return window


def test_expected_days_without_an_issue_are_outlined_with_the_number(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], gappy_db: Path
) -> None:
    window = _window_in_july(qtbot, window_factory, gappy_db)
    calendar = window.calendar
    assert {QDate(2022, 7, 12), QDate(2022, 7, 15)} == calendar.calendar.missing()
    assert (
        "东昌时讯 缺第1451期（按期号推算）" == calendar.calendar.dateTextFormat(QDate(2022, 7, 12)).toolTip()
    )
    assert calendar.is_marked("2022-07-08")
    assert not calendar.is_marked("2022-07-12")
    calendar.publication.setCurrentIndex(calendar.publication.findData("东昌时讯"))
    assert "缺第1452期（按期号推算）" == calendar.calendar.dateTextFormat(QDate(2022, 7, 15)).toolTip()


def test_the_outline_is_painted(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], gappy_db: Path
) -> None:
    window = _window_in_july(qtbot, window_factory, gappy_db)
    widget = window.calendar.calendar
    outlined = widget.grab().toImage()
    widget.set_missing(set())
    assert outlined != widget.grab().toImage()


def test_other_months_and_other_papers_show_no_outline(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], gappy_db: Path
) -> None:
    window = _window_in_july(qtbot, window_factory, gappy_db)
    window.calendar.show_month(2022, 8)
    assert set() == window.calendar.calendar.missing()
    window.calendar.show_month(2022, 7)
    window.calendar.publication.setCurrentIndex(window.calendar.publication.findData("今日开发区"))
    assert set() == window.calendar.calendar.missing()
    assert window.calendar.missing_tooltip("2022-07-12") is None
    assert "有报纸" == window.calendar.calendar.dateTextFormat(QDate(2022, 7, 13)).toolTip()
