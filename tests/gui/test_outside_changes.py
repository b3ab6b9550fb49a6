"""What another program does to the archive reaches an open window: a colleague's import at the
command line shows on the calendar without a restart, and a bookmark of the window's own is no
reason to read every list again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import AUGUST_ISSUE, JULY_ISSUE, build_archive, err_text, run_cli
from issue_texts import write
from pytestqt.qtbot import QtBot

from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_an_import_by_another_process_shows_in_the_open_window(
    qtbot: QtBot, window_factory: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    db = build_archive(tmp_path / "shared", [("july.txt", JULY_ISSUE)])
    window = window_factory(db)
    window.outside_changes.timer.setInterval(200)
    assert not window.calendar.is_marked("2022-08-10")
    august = write(tmp_path / "colleague" / "august.txt", AUGUST_ISSUE)
    done = run_cli("import", str(august), "--db", str(db))
    assert 0 == done.returncode, err_text(done)

    def publications() -> list[str]:
        combo = window.calendar.publication
        return [combo.itemText(i) for i in range(combo.count())]

    qtbot.waitUntil(lambda: "今日开发区" in publications(), timeout=30_000)
    assert "其他程序" in window.statusBar().currentMessage()


def test_a_bookmark_of_the_window_is_no_outside_change(
    qtbot: QtBot, window_factory: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    db = build_archive(tmp_path / "shared")
    window = window_factory(db)
    window.outside_changes.stop()
    assert window.pane.record is not None
    key = window.pane.record.key
    window.bookmarks.star.action.trigger()
    qtbot.waitUntil(lambda: window.session.is_bookmarked(key), timeout=30_000)
    qtbot.waitUntil(lambda: not window.writer.busy(), timeout=30_000)
    assert not window.outside_changes.check()
