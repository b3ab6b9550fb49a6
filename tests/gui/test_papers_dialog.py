"""文件 → 报纸名称… as staff use it (issue 24 defect 1, the user's side): a paper renamed by
typing over its name shows by the new name in the heading and the paper filter at once; a name
of another paper merges the two, said before it is done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from cli_support import AUGUST_ISSUE, JULY_ISSUE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView
from pytestqt.qtbot import QtBot
from window_support import commit_chars

from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def two_papers(window_factory: Callable[..., MainWindow], db_path: Path, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "issues"
    folder.mkdir()
    (folder / "july.txt").write_text(JULY_ISSUE, "utf-8")
    (folder / "august.txt").write_text(AUGUST_ISSUE, "utf-8")
    assert [] == import_at(db_path, sorted(folder.iterdir())).failed
    window = window_factory(db_path)
    window.navigator.open_issue(window.session.issues_on("2022-07-05")[0].id)
    return window


def open_papers(qtbot: QtBot, window: MainWindow) -> QDialog:
    window.papers.action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "papersDialog") is not None)
    dialog = window.findChild(QDialog, "papersDialog")
    qtbot.waitExposed(dialog)
    return dialog


def choose(qtbot: QtBot, dialog: QDialog, row: int) -> None:
    view = dialog.findChild(QListView, "paperList")
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def papers_listed(dialog: QDialog) -> list[str]:
    return list(dialog.findChild(QListView, "paperList").model().stringList())


def filter_names(window: MainWindow) -> list[str]:
    combo = window.calendar.publication
    return [combo.itemText(i) for i in range(combo.count())]


def type_name(qtbot: QtBot, window: MainWindow, dialog: QDialog, name: str) -> str:
    """Type `name` over the chosen paper's; return what the dialog says it will do, press Enter."""
    field = dialog.findChild(QLineEdit, "paperName")
    assert field.selectedText() == field.text()  # the chosen name, ready to be typed over
    commit_chars(field, name)
    plan = dialog.findChild(QLabel, "paperPlan").text()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.writer.busy())
    return plan


def test_a_paper_renamed_shows_by_its_new_name_everywhere(qtbot: QtBot, two_papers: MainWindow) -> None:
    window = two_papers
    dialog = open_papers(qtbot, window)
    assert ["东昌时讯（1 期）", "今日开发区（1 期）"] == papers_listed(dialog)
    choose(qtbot, dialog, 0)
    assert "把“东昌时讯”改名为“东昌日报”" == type_name(qtbot, window, dialog, "东昌日报")
    qtbot.waitUntil(lambda: "东昌日报" in filter_names(window))
    assert "东昌时讯" not in filter_names(window)
    assert window.middle.issue_title().startswith("东昌日报")
    assert "已把报纸“东昌时讯”改名为“东昌日报”" == window.statusBar().currentMessage()
    assert "东昌日报（1 期；曾用名：东昌时讯）" in papers_listed(dialog)
    dialog.reject()


def test_the_name_of_another_paper_merges_the_two(qtbot: QtBot, two_papers: MainWindow) -> None:
    window = two_papers
    dialog = open_papers(qtbot, window)
    choose(qtbot, dialog, 0)
    assert "把“东昌时讯”的 1 期并入已有的“今日开发区”" == type_name(qtbot, window, dialog, "今日开发区")
    qtbot.waitUntil(lambda: ["今日开发区（2 期；曾用名：东昌时讯）"] == papers_listed(dialog))
    assert window.middle.issue_title().startswith("今日开发区")
    assert "东昌时讯" not in filter_names(window)
    dialog.reject()
