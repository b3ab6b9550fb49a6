"""A window on the shared folder the archivist publishes into: it reads the newest snapshot, says
it is a read-only copy and where the archive is kept, lets the reader bookmark, and when a newer
snapshot appears moves to it by itself (「档案已更新：新增 N 期」) keeping the issue, article,
search and scroll position, or, while a dialog is open, says so and offers 刷新."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from places import ReadOnlyPlace
from publish_support import add_issues, grow_and_publish
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from window_support import type_query

from reader.archive.paths import ENV_VAR
from reader.archive.publish import publish
from reader.gui.app import startup_location
from reader.gui.main_window import MainWindow
from reader.gui.settings import Settings

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """The archivist's archive, on a local disk, with four issues."""
    archive = tmp_path / "desk" / "archive.sqlite3"
    add_issues(archive, 4, tmp_path / "dumps")
    return archive


def open_on(window_factory: Callable[..., MainWindow], folder: Path) -> MainWindow:
    window = window_factory(folder)
    window.outside_changes.stop()  # each test checks when it wants to
    return window


def test_the_window_on_a_read_only_published_folder_reads_the_newest_copy_and_says_where_the_archive_is(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], desk: Path, read_only_place: ReadOnlyPlace
) -> None:
    snapshot = publish(desk, read_only_place.source).snapshot
    read_only_place.lock()
    window = open_on(window_factory, read_only_place.path)
    assert read_only_place.path / snapshot.name == window.session.path
    note = window.read_only_label.text()
    assert "只读副本" in note and str(desk.resolve()) in note
    assert not window.commands.import_files.isEnabled()
    assert not window.dictionary.action.isEnabled()
    star = window.bookmarks.star.action
    assert star.isEnabled()
    with qtbot.waitSignal(window.bookmarks.store.changed, timeout=30_000):
        star.trigger()
    assert star.isChecked() and 1 == window.bookmarks.panel.model.rowCount()


def test_a_newer_snapshot_is_read_at_the_next_check_keeping_the_issue_article_and_scroll(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], desk: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    publish(desk, share)
    window = open_on(window_factory, share)
    first_issue = window.session.issues_on("2020-01-02")[0]
    window.navigator.open_issue(first_issue.id)
    window.middle.select_article_row(0)  # the long article
    record = window.pane.record
    assert record is not None and record.headline.startswith("第1期第0篇")
    window.pane.scroll_to_position(window.pane.verticalScrollBar().maximum() // 2)
    scrolled = window.pane.scroll_position()
    assert scrolled > 0
    assert not window.outside_changes.check_snapshot()  # nothing newer yet

    newer = grow_and_publish(desk, share, 2, tmp_path / "dumps").snapshot
    assert window.outside_changes.check_snapshot()
    assert newer == window.session.path
    assert "档案已更新：新增 2 期" in window.statusBar().currentMessage()
    assert first_issue.id == window.current_issue_id
    assert record.id == window.middle.current_article_id()
    assert scrolled == window.pane.scroll_position()
    assert window.calendar.is_marked("2020-01-06")  # the new issues are on the calendar


def test_while_a_dialog_is_open_the_window_says_a_newer_copy_waits_and_refresh_reads_it(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], desk: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    old = publish(desk, share).snapshot
    window = open_on(window_factory, share)
    grow_and_publish(desk, share, 3, tmp_path / "dumps")
    box = QMessageBox(QMessageBox.Icon.Information, "对话框", "正在做别的事", parent=window)
    box.open()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QWidget))
    assert not window.outside_changes.check_snapshot()
    assert old == window.session.path
    updates = window.snapshot_updates
    assert updates.notice.isVisible() and "档案已更新：新增 3 期" == updates.notice.text()
    assert updates.button.isVisible()
    box.done(0)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    updates.refresh_action.trigger()
    assert old != window.session.path
    assert not updates.notice.isVisible() and not updates.button.isVisible()


def test_the_search_and_its_chosen_result_stay_when_a_newer_copy_is_read(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], desk: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    publish(desk, share)
    window = open_on(window_factory, share)
    type_query(qtbot, window, "消息")
    assert 12 == window.search.last_outcome.total  # type: ignore[union-attr]
    window.middle.open_result(2)
    chosen = window.middle.current_result_id()
    assert chosen is not None
    grow_and_publish(desk, share, 1, tmp_path / "dumps")
    with qtbot.waitSignal(window.search.finished, timeout=30_000):
        assert window.outside_changes.check_snapshot()
    assert window.middle.showing_search() and "消息" == window.search_bar.text()
    assert 15 == window.search.last_outcome.total  # type: ignore[union-attr]
    assert chosen == window.middle.current_result_id()
    assert window.pane.record is not None and chosen == window.pane.record.id


def test_the_next_start_opens_where_the_reader_left_even_on_a_newer_copy(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], desk: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    publish(desk, share)
    window = open_on(window_factory, share)
    issue = window.session.issues_on("2020-01-02")[0]
    window.navigator.open_issue(issue.id)
    window.middle.select_article_row(2)
    record = window.pane.record
    assert record is not None and record.headline == "第1期第2篇"
    window.close()
    grow_and_publish(desk, share, 2, tmp_path / "dumps")
    again = open_on(window_factory, share)
    assert again.session.path != window.session.path
    assert (issue.id, record.id) == (again.current_issue_id, again.middle.current_article_id())
    elsewhere = tmp_path / "other" / "archive.sqlite3"  # another archive: a place of its own
    add_issues(elsewhere, 4, tmp_path / "other-dumps")
    other = open_on(window_factory, elsewhere)
    assert other.session.latest_issue().id == other.current_issue_id  # type: ignore[union-attr]


def test_a_colleague_chooses_the_shared_folder_once_and_the_next_start_opens_it(
    qtbot: QtBot,
    window_factory: Callable[..., MainWindow],
    desk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    publish(desk, share)
    own = tmp_path / "own" / "archive.sqlite3"
    add_issues(own, 1, tmp_path / "own-dumps")
    monkeypatch.setenv(ENV_VAR, str(own))
    window = open_on(window_factory, own)
    shared = window.shared
    assert not shared.open_own.isVisible()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(share))
    shared.open_shared.trigger()
    assert share == window.session.location and window.session.follows_folder
    assert "只读副本" in window.read_only_label.text() and not window.commands.import_files.isEnabled()
    assert 4 == window.session.issue_count() and shared.open_own.isVisible()
    assert str(share) == Settings().shared_folder

    assert (own, "") == startup_location()  # ARCHIVE_READER_DB still wins
    monkeypatch.delenv(ENV_VAR)
    assert (share, "") == startup_location()
    monkeypatch.setenv(ENV_VAR, str(own))  # never the real user's archive
    shared.open_own.trigger()
    assert own == window.session.location
    assert not window.session.follows_folder and "" == Settings().shared_folder
    assert window.commands.import_files.isEnabled()


def test_a_folder_without_a_published_archive_is_refused_and_an_unreachable_share_is_said(
    qtbot: QtBot, window_factory: Callable[..., MainWindow], desk: Path, tmp_path: Path
) -> None:
    window = open_on(window_factory, desk)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not window.shared.use_folder(empty)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "sharedFolderRefused") is not None)
    assert desk == window.session.location and "" == Settings().shared_folder
    Settings().shared_folder = str(empty)  # chosen once; the share is empty or away now
    location, note = startup_location()
    assert location != empty and str(empty) in note
