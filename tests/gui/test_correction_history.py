"""The corrections' undo history is forgotten when the archive changes behind the window
(issue 21, item 12): after a repair replaced the file or the demo was removed, Ctrl+Z must not
act on rows that may no longer exist. A check that finds the archive sound changes nothing and
keeps it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from correction_support import THIRD, write_issue
from issue_texts import damage_table
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive.db import open_archive
from reader.gui.main_window import MainWindow
from reader.resources import DEMO, locate

pytestmark = pytest.mark.gui


@pytest.fixture
def issue_db(db_path: Path, tmp_path: Path) -> Path:
    assert import_at(db_path, [write_issue(tmp_path / "dump")]).ok
    return db_path


def wait_until_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.importer.running and not window.writer.busy(), timeout=60_000)


def caption_third_article(qtbot: QtBot, window: MainWindow) -> None:
    """校订 → 设为图片说明 on the issue's third article: one undo step."""
    window.middle.select_article_row(2)
    assert THIRD == window.pane.record.headline
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        window.corrections.caption_action.trigger()
    assert window.corrections.undo_action.isEnabled()


def repair_from_the_menu(qtbot: QtBot, window: MainWindow) -> str:
    """检查并修复档案…, and what it said when done."""
    window.care.repair_action.trigger()
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "archiveCareMessage") is not None, timeout=60_000)
    message = window.findChild(QMessageBox, "archiveCareMessage")
    text = message.text()
    message.accept()
    return text


def damage_behind_the_window(path: Path) -> None:
    """A bad sector in the user dictionary's table, appearing while the window is open (its
    commits are first moved from the WAL into the file, where the damage goes)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage_table(path, "user_words")


def test_a_repair_that_replaced_the_archive_forgets_the_undo_steps(
    qtbot: QtBot, issue_db: Path, window_factory: Callable[..., MainWindow]
) -> None:
    window = window_factory(issue_db)
    caption_third_article(qtbot, window)
    damage_behind_the_window(issue_db)
    assert "已修复" in repair_from_the_menu(qtbot, window)
    assert not window.corrections.undo_action.isEnabled()
    assert 0 == window.corrections.stack.count()


def test_a_check_that_finds_the_archive_sound_keeps_the_undo_steps(
    qtbot: QtBot, issue_db: Path, window_factory: Callable[..., MainWindow]
) -> None:
    window = window_factory(issue_db)
    caption_third_article(qtbot, window)
    assert "无需修复" in repair_from_the_menu(qtbot, window)
    assert window.corrections.undo_action.isEnabled()


def test_removing_the_demo_forgets_the_undo_steps(
    qtbot: QtBot, issue_db: Path, window_factory: Callable[..., MainWindow]
) -> None:
    assert import_at(issue_db, [locate(DEMO)], demo=True).ok
    with open_archive(issue_db, readonly=True) as archive:
        real = archive.conn.execute(
            "SELECT i.id FROM issues i JOIN sources s ON s.issue_id = i.id WHERE s.demo = 0"
        ).fetchone()[0]
    window = window_factory(issue_db)
    window.navigator.open_issue(real)
    caption_third_article(qtbot, window)
    window.care.remove_demo_action.trigger()
    wait_until_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.care.remove_demo_action.isVisible())
    assert not window.corrections.undo_action.isEnabled()
    assert 0 == window.corrections.stack.count()
