"""Missing issues explained where the user looks (issue 23, defect 6): a click on an outlined day
says which issue is missing in the list's place and the status bar, and the missing issues the
schedule cannot pin to a day are listed under the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from pytestqt.qtbot import QtBot
from test_calendar import click_day

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

# A paper of five issues a week (Monday to Friday), 1440 on 2022-07-04; the archive holds only
# these, so 1446 (Tuesday 07-12) is pinned to its day and 1444, 1449, 1454, 1459 can each fall on
# any of three days (the schedule cannot tell which weekday is the fifth): 1464 is in August.
KEPT = (1441, 1443, 1445, 1450, 1451, 1452, 1453, 1458, 1461, 1462, 1463, 1467)


def weekday_issues() -> dict[int, str]:
    days: dict[int, str] = {}
    day, number = dt.date(2022, 7, 4), 1440
    while number < 1470:
        if day.weekday() < 5:
            days[number] = day.isoformat()
            number += 1
        day += dt.timedelta(days=1)
    return days


@pytest.fixture
def weekday_window(qtbot: QtBot, window_factory: Callable[..., MainWindow], db_path: Path) -> MainWindow:
    days = weekday_issues()
    with open_archive(db_path) as archive:
        for number in KEPT:
            date = days[number]
            import_issue(archive, make_issue([make_article(f"{date}要闻")], date=date, number=number))
    window = window_factory(db_path)
    qtbot.waitUntil(lambda: not window.missing_issues.loading(), timeout=30000)
    window.calendar.show_month(2022, 7)
    return window


def test_a_click_on_a_missing_day_names_the_missing_issue(qtbot: QtBot, weekday_window: MainWindow) -> None:
    window = weekday_window
    assert window.calendar.missing_tooltip("2022-07-12") is not None  # outlined
    click_day(qtbot, window, "2022-07-12")
    said = "2022年7月12日 没有报纸：缺第1446期（按期号推算）"
    assert window.middle.notice_text().startswith(said)
    assert window.statusBar().currentMessage().startswith(said)


def test_issues_without_a_day_are_listed_under_the_calendar(qtbot: QtBot, weekday_window: MainWindow) -> None:
    window = weekday_window
    label = window.calendar.unpinned
    assert label.isVisible()
    assert "缺 4 期，日期无法确定：第1444、1449、1454、1459期" == label.text()
    assert "第1444期：2022年7月8日至2022年7月10日之间" in label.toolTip()
    calendar = window.calendar.calendar
    top = lambda widget: widget.mapTo(window, widget.rect().topLeft()).y()  # noqa: E731
    assert top(label) > top(calendar)
    window.calendar.show_month(2022, 8)
    assert "缺 1 期，日期无法确定：第1464期" == label.text()
    window.calendar.show_month(2022, 6)
    assert not label.isVisible()
