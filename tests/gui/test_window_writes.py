"""The window's writes wait their turn on its one writer while the window goes on: a date
correction given during a real import returns at once, the event loop keeps turning, and the
date lands only after the import has finished."""

from __future__ import annotations

from pathlib import Path

import pytest
from issue_texts import write
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from reader.archive import queries
from reader.archive.db import open_archive
from reader.archive.importer import ImportReport
from reader.gui.importing import ReportDialog
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

UNDATED = "区图书馆举办读书会\n\n东昌府讯 读书会在区图书馆举行，六十余名读者参加。\n\n（融媒体 某某）\n"
LONG = "东昌时讯\n\n2022年7月5日\n\n" + "网格员\n" * 400_000


def stored_date(path: Path, issue_id: int) -> str | None:
    with open_archive(path, readonly=True) as archive:
        return queries.issue(archive, issue_id).date


def close_report(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None, timeout=60_000)
    window.findChild(ReportDialog).reject()
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is None)


def test_a_date_given_during_an_import_lands_after_it_and_the_window_goes_on(
    qtbot: QtBot, empty_window: MainWindow, tmp_path: Path
) -> None:
    window = empty_window
    assert window.import_paths([write(tmp_path / "in" / "no-date.txt", UNDATED)])
    close_report(qtbot, window)
    issue = window.calendar.undated_model.issue_at(0)
    path = window.session.path

    imports_finished: list[ImportReport] = []
    window.importer.finished.connect(lambda report, _quiet: imports_finished.append(report))
    assert window.import_paths([write(tmp_path / "long" / "long.txt", LONG)])
    window.assign_issue_date(issue.id, "2021-05-06")  # returns at once: queued on the writer
    loop_turned_during_import: list[bool] = []
    QTimer.singleShot(0, lambda: loop_turned_during_import.append(window.importer.running))
    qtbot.waitUntil(lambda: bool(loop_turned_during_import))
    assert [True] == loop_turned_during_import
    assert 1 == window.calendar.undated_model.rowCount()  # the date waits its turn

    # Wait for what the user sees last: the import's own refresh may already empty the undated
    # list (the writer stored the date before the import's report reached the window), so
    # the list alone does not say the date's own refresh has run.
    qtbot.waitUntil(lambda: window.calendar.is_marked("2021-05-06"), timeout=120_000)
    assert 0 == window.calendar.undated_model.rowCount()
    assert 1 == len(imports_finished)  # the date landed after the import, not beside it
    assert "2021-05-06" == stored_date(path, issue.id)
    close_report(qtbot, window)
