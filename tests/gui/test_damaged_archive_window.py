"""A damaged archive in the window (issue 21, item 5): the window says so when it opens it and
offers the repair, writes nothing into it, and a backup of it warns instead of finishing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from damage_support import filled_archive, garble, pages, rows
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.gui.main_window import MainWindow

WORK_MS = 60_000


def damaged(tmp_path: Path) -> Path:
    """An archive with a bad page in its search index: it opens and shows its issues, and SQLite's
    check finds the damage."""
    path = filled_archive(tmp_path)
    garble(path, pages(path, "search_chars_data", "leaf")[0])
    return path


def damage_message(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "archiveDamaged") is not None, timeout=WORK_MS)
    box = window.findChild(QMessageBox, "archiveDamaged")
    assert box is not None
    return box


def idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.care.checking() and not window.writer.busy(), timeout=WORK_MS)


def test_opening_a_damaged_archive_says_so_and_the_repair_is_one_click_away(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    path = damaged(tmp_path)
    window = window_factory(path)
    box = damage_message(qtbot, window)
    assert str(path) in box.text() and "已损坏" in box.text()
    assert "已损坏" in window.statusBar().currentMessage()
    (repair,) = [b for b in box.buttons() if b.text() == "检查并修复档案…"]
    repair.click()
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "archiveCareMessage") is not None, timeout=WORK_MS)
    assert "已修复" in window.findChild(QMessageBox, "archiveCareMessage").text()
    assert window.articles.rowCount() > 0


def test_a_sound_archive_opens_without_a_word_about_damage(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = window_factory(filled_archive(tmp_path))
    qtbot.waitUntil(lambda: not window.care.checking(), timeout=WORK_MS)
    assert window.findChild(QMessageBox, "archiveDamaged") is None
    assert "损坏" not in window.statusBar().currentMessage()


def test_a_bookmark_in_a_damaged_archive_is_refused_and_nothing_is_written(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path, personal_file: Path
) -> None:
    """The writer refuses every write on a damaged archive, a bookmark too (it would go to the
    personal file, but the window says the archive needs repairing first): nothing is written."""
    path = damaged(tmp_path)
    marks = rows(personal_file, "bookmarks")
    window = window_factory(path)
    damage_message(qtbot, window).reject()
    qtbot.waitUntil(lambda: window.pane.record is not None, timeout=WORK_MS)
    window.bookmarks.star.action.trigger()
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "bookmarkWriteFailed") is not None, timeout=WORK_MS)
    said = window.findChild(QMessageBox, "bookmarkWriteFailed").text()
    assert str(path) in said and "损坏" in said
    window.close()
    assert marks == rows(personal_file, "bookmarks")


def test_a_backup_of_a_damaged_archive_warns_that_the_copy_is_damaged_too(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path
) -> None:
    path = damaged(tmp_path)
    window = window_factory(path)
    damage_message(qtbot, window).reject()
    finished: list[str] = []
    window.backup.finished.connect(finished.append)
    target = tmp_path / "备份.sqlite3"
    assert window.backup.start(target)
    qtbot.waitUntil(lambda: bool(finished), timeout=WORK_MS)
    box = window.findChild(QMessageBox, "backupOfDamagedArchive")
    assert box is not None and "本身已损坏" in box.text() and str(path) in box.text()
    assert not finished[0].startswith("档案已备份到")
    assert target.is_file()  # the archive as it is: a copy of the damage, kept and said to be so
