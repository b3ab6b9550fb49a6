"""An archive that cannot be written (read-only share, CD, no permission) opens for reading only:
browsing, search and bookmarks (the user's own, kept in their personal file) work; import,
corrections, the dictionary and user dates are off, and the window says why."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from archive_helpers import import_at
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive import db as db_module
from reader.archive.db import open_archive
from reader.archive.paths import PERSONAL_ENV_VAR
from reader.archive.queries import latest_issue
from reader.gui.bookmarks.model import NOTE
from reader.gui.main_window import MainWindow

if TYPE_CHECKING:
    from places import ReadOnlyPlace

pytestmark = pytest.mark.gui

DATED = """东昌时讯
2022年7月5日 星期二

区图书馆举办读书会

东昌府讯 读书会在区图书馆举行，六十余名读者参加。

（融媒体 某某）
"""

UNDATED = """社区开展义诊活动

东昌府讯 社区卫生服务中心在广场开展义诊，为居民测量血压。

（融媒体 某某）
"""


def small_archive(folder: Path, incoming: Path) -> Path:
    """An archive in `folder` with one dated issue (its first article bookmarked) and one undated."""
    incoming.mkdir()
    (incoming / "2022-07-05.txt").write_text(DATED, "utf-8")
    (incoming / "no-date.txt").write_text(UNDATED, "utf-8")
    path = folder / "archive.sqlite3"
    assert import_at(path, [incoming]).failed == []
    with open_archive(path) as archive:
        issue = latest_issue(archive)
        assert issue is not None
        key = archive.conn.execute("SELECT key FROM articles WHERE issue_id = ?", [issue.id]).fetchone()[0]
        bookmarks.add(archive, key, note="原有批注")
    return path


def drag_is_accepted(window: MainWindow, folder: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    with warnings.catch_warnings():
        # PySide 6.12 deprecates the QPoint form that 6.11 and older accept alone.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPointF(window.rect().center()).toPoint(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    return enter.isAccepted()


def assert_browsable_but_not_writable(qtbot: QtBot, window: MainWindow, reason: str, spare: Path) -> None:
    note = window.read_only_label
    assert note.isVisible()
    assert f"只读档案：{reason}；可以浏览、检索和收藏，不能导入或校订" == note.text()
    # browsing and search work
    assert window.articles.rowCount() > 0
    assert window.pane.record is not None
    with qtbot.waitSignal(window.search.finished, timeout=30_000) as searched:
        window.search_bar.field.setText("读书会")
        window.search.run_now()
    assert searched.args[0] is not None and 1 == searched.args[0].total
    # no import: menu, drop, or a call
    for action in (window.commands.import_files, window.commands.import_folder):
        assert not action.isEnabled()
        assert reason in action.toolTip()
    assert not drag_is_accepted(window, spare)
    assert not window.import_paths([spare])
    assert not window.importer.running
    # bookmarks are the user's own: the star, notes, removing all work
    star = window.bookmarks.star.action
    panel = window.bookmarks.panel
    assert star.isEnabled() and star.isChecked()  # the first article, bookmarked before
    assert 1 == panel.model.rowCount()
    assert panel.model.flags(panel.model.index(0, NOTE)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(window.bookmarks.store.note_changed, timeout=30_000):
        assert panel.model.setData(panel.model.index(0, NOTE), "新批注", Qt.ItemDataRole.EditRole)
    assert "新批注" == panel.model.index(0, NOTE).data()
    assert panel.remove_button.isEnabled()
    for wanted in (False, True):
        with qtbot.waitSignal(window.bookmarks.store.changed, timeout=30_000):
            star.trigger()
        assert wanted == star.isChecked()
        assert int(wanted) == panel.model.rowCount()
    # no corrections, no dictionary changes
    assert not any(action.isEnabled() for action in window.corrections.article_actions())
    assert reason in window.corrections.retitle_action.toolTip()
    assert not window.dictionary.action.isEnabled()
    # no user date for an undated issue
    undated = window.calendar.undated_view
    assert 1 == window.calendar.undated_model.rowCount()
    rect = undated.visualRect(window.calendar.undated_model.index(0, 0))
    qtbot.mouseClick(undated.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not window.calendar.assign.isEnabled()
    assert reason in window.calendar.assign.toolTip()
    assert not window.writer.busy()


class CouldNotOpen(Exception):
    """The window said it cannot open the archive."""


def test_an_archive_in_a_read_only_folder_opens_for_reading_only(
    qtbot: QtBot,
    window_factory: Callable[..., MainWindow],
    read_only_place: ReadOnlyPlace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small_archive(read_only_place.source, tmp_path / "incoming")
    read_only_place.lock()

    def cannot_open(_parent: object, _title: str, text: str, *_args: object) -> None:
        raise CouldNotOpen(text)

    monkeypatch.setattr(QMessageBox, "critical", cannot_open)
    window = window_factory(read_only_place.path / "archive.sqlite3")
    reason = window.session.write_blocker
    assert reason is not None and "只读" in reason
    assert_browsable_but_not_writable(qtbot, window, reason, tmp_path / "incoming")


def test_a_window_on_an_archive_that_cannot_be_written_only_reads(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same window, for a blocker that reader.archive.db.write_blocker reports about a file in
    a writable folder (a read-only file, which root, running CI, cannot make with chmod)."""
    share = tmp_path / "share"
    share.mkdir()
    path = small_archive(share, tmp_path / "incoming")
    reason = "档案文件是只读的"
    monkeypatch.setattr(db_module, "write_blocker", lambda _path: reason)
    window = window_factory(path)
    assert reason == window.session.write_blocker
    assert_browsable_but_not_writable(qtbot, window, reason, tmp_path / "incoming")


def test_a_writable_archive_has_no_read_only_note(corpus_window: MainWindow) -> None:
    assert corpus_window.session.write_blocker is None
    assert not corpus_window.read_only_label.isVisible()
    assert corpus_window.commands.import_files.isEnabled()
    assert corpus_window.acceptDrops()


def test_a_window_whose_personal_file_cannot_be_written_says_why_bookmarks_are_off(
    qtbot: QtBot,
    window_factory: Callable[..., MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = small_archive(tmp_path / "share", tmp_path / "incoming")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(PERSONAL_ENV_VAR, str(blocker / "personal.sqlite3"))
    window = window_factory(path)
    assert window.session.write_blocker is None and window.commands.import_files.isEnabled()
    reason = window.session.personal_blocker
    assert reason is not None and str(blocker) in reason
    star = window.bookmarks.star.action
    assert not star.isEnabled() and reason in star.toolTip()
    assert not window.bookmarks.panel.remove_button.isEnabled()
    assert reason in window.bookmarks.panel.hint.text()
