"""The 书签 panel, its model and the Ctrl+D star, on an archive of the test corpus (offscreen).

Reads go through an ArchiveSession, writes through an ArchiveWriter as the window's one writer:
a write lands later, so tests wait for it (the store's signals) as the panel does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_support import MASTHEAD_FILE, VISIT_HEADLINE
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QMenu, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive import db as archive_db
from reader.archive.db import open_archive
from reader.archive.formatting import chinese_date
from reader.archive.importer import import_paths
from reader.archive.queries import article_by_key
from reader.archive.records import ArticleRecord
from reader.archive.search import search
from reader.gui.bookmarks.model import DATE, HEADLINE, NOTE, PUBLICATION
from reader.gui.bookmarks.note_dialog import NoteDialog
from reader.gui.bookmarks.panel import BookmarksPanel
from reader.gui.bookmarks.star import BookmarkToggle
from reader.gui.bookmarks.store import BookmarkStore
from reader.gui.operations import ArchiveWriter
from reader.gui.roles import ArticleIdRole
from reader.gui.session import ArchiveSession
from reader.text.model import ParsedIssue

HEADLINES = ("周立新到我区", "红色邮箱", "帮办代办")  # words of three headlines of MASTHEAD_FILE


def _record(db: Path, words: str) -> ArticleRecord:
    with open_archive(db, readonly=True) as archive:
        record = article_by_key(archive, search(archive, f"标题:{words}").hits[0].key)
    assert record is not None
    return record


@pytest.fixture
def session(corpus_db: Path) -> Iterator[ArchiveSession]:
    """The GUI thread's read-only connection to the corpus archive."""
    opened = ArchiveSession(corpus_db)
    opened.open()
    yield opened
    opened.close()


@pytest.fixture
def writer(qapp: object, corpus_db: Path) -> Iterator[ArchiveWriter]:
    """The one writer, as MainWindow.writer: its own thread and writable connection."""
    one = ArchiveWriter(lambda: corpus_db)
    yield one
    one.shutdown()


@pytest.fixture
def store(session: ArchiveSession, writer: ArchiveWriter) -> BookmarkStore:
    """A store over the corpus archive."""
    return BookmarkStore(session, writer)


@pytest.fixture
def marked(corpus_db: Path) -> list[ArticleRecord]:
    """Three bookmarked articles, the first with a note."""
    records = [_record(corpus_db, words) for words in HEADLINES]
    with open_archive(corpus_db) as archive:
        for index, record in enumerate(records):
            bookmarks.add(archive, record.key, note="开会用" if index == 0 else "")
    return records


@pytest.fixture
def panel(qtbot: QtBot, store: BookmarkStore, marked: list[ArticleRecord]) -> BookmarksPanel:
    """The panel, shown, listing the three bookmarks."""
    widget = BookmarksPanel(store)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester, panel: BookmarksPanel) -> None:
    qtmodeltester.check(panel.model, force_py=True)


def test_rows_show_headline_publication_date_and_note_in_the_order_added(
    panel: BookmarksPanel, marked: list[ArticleRecord], masthead_issue: ParsedIssue
) -> None:
    model = panel.model
    first = [model.index(0, column).data() for column in range(4)]
    assert [marked[0].headline, "东昌时讯", chinese_date(masthead_issue.date), "开会用"] == first
    assert [r.headline for r in marked] == [model.index(row, 0).data() for row in range(model.rowCount())]


def test_double_click_requests_the_article(
    qtbot: QtBot, panel: BookmarksPanel, marked: list[ArticleRecord]
) -> None:
    rect = panel.view.visualRect(panel.model.index(1, 0))
    with qtbot.waitSignal(panel.article_requested) as signal:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [marked[1].id] == signal.args


def test_editing_a_note_stores_it(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path, marked: list[ArticleRecord]
) -> None:
    index = panel.model.index(2, NOTE)
    assert panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(panel.store.note_changed, timeout=30_000) as signal:
        assert panel.model.setData(index, "  写进年终总结 ", Qt.ItemDataRole.EditRole)
        assert "写进年终总结" == index.data()
    assert [marked[2].key] == signal.args
    assert "写进年终总结" == index.data()
    with open_archive(corpus_db, readonly=True) as archive:
        assert "写进年终总结" == bookmarks.get(archive, marked[2].key).note  # type: ignore[union-attr]


def test_only_the_note_column_is_editable(panel: BookmarksPanel) -> None:
    flags = [panel.model.flags(panel.model.index(0, column)) for column in range(4)]
    editable = [bool(f & Qt.ItemFlag.ItemIsEditable) for f in flags]
    assert [False, False, False, True] == editable


def test_remove_then_undo_brings_the_bookmark_back_with_its_note(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path, marked: list[ArticleRecord]
) -> None:
    panel.view.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: 2 == panel.model.rowCount(), timeout=30_000)
    with open_archive(corpus_db, readonly=True) as archive:
        assert not bookmarks.is_bookmarked(archive, marked[0].key)
    qtbot.waitUntil(panel.undo_button.isEnabled)
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: 3 == panel.model.rowCount(), timeout=30_000)
    assert "开会用" == panel.model.index(0, NOTE).data()
    with open_archive(corpus_db, readonly=True) as archive:
        assert "开会用" == bookmarks.get(archive, marked[0].key).note  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not panel.undo_button.isEnabled())


def test_bookmark_of_a_deleted_article_is_marked_and_cannot_be_opened(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path, tmp_path: Path
) -> None:
    edited = tmp_path / "edited" / MASTHEAD_FILE.name
    edited.parent.mkdir()
    text = MASTHEAD_FILE.read_text(encoding="utf-8")
    assert f"{VISIT_HEADLINE}\n" in text
    renamed = text.replace(f"{VISIT_HEADLINE}\n", "副市长调研老年助餐工作\n")
    edited.write_text(renamed, encoding="utf-8")
    with open_archive(corpus_db) as archive:
        assert [edited] == import_paths(archive, [edited]).replaced
    panel.model.refresh()
    index = panel.model.index(0, 0)
    assert f"【已不在档案中】{VISIT_HEADLINE}" == index.data()
    assert index.data(ArticleIdRole) is None
    with qtbot.assertNotEmitted(panel.article_requested):
        panel.open_row(0)
    assert "已不在档案中" in panel.status.text()


def test_ctrl_d_toggles_the_bookmark_of_the_shown_article(
    qtbot: QtBot, store: BookmarkStore, corpus_db: Path
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    toggle = BookmarkToggle(store, window)
    panel = BookmarksPanel(store)
    panel.as_dock(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    panel.view.setFocus()
    record = _record(corpus_db, "红色邮箱")
    toggle.set_article(record)
    assert toggle.action.isEnabled() and not toggle.action.isChecked()
    with qtbot.waitSignal(toggle.changed) as signal, qtbot.waitSignal(store.changed, timeout=30_000):
        qtbot.keyClick(panel.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [True] == signal.args
    assert toggle.action.isChecked()
    assert [record.headline] == [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    with qtbot.waitSignal(store.changed, timeout=30_000):
        toggle.action.trigger()
    assert not toggle.action.isChecked()
    assert 0 == panel.model.rowCount()


def test_star_is_disabled_without_an_article(qtbot: QtBot, store: BookmarkStore) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    toggle = BookmarkToggle(store, window)
    toggle.set_article(None)
    assert not toggle.action.isEnabled()


def test_a_toggle_lands_in_the_file(
    qtbot: QtBot, bare_window: QMainWindow, store: BookmarkStore, corpus_db: Path
) -> None:
    record = _record(corpus_db, "红色邮箱")
    star = BookmarkToggle(store, bare_window)
    star.set_article(record)
    with qtbot.waitSignal(star.changed) as asked, qtbot.waitSignal(store.changed, timeout=30_000):
        star.action.trigger()
    assert [True] == asked.args
    with open_archive(corpus_db, readonly=True) as archive:
        assert bookmarks.is_bookmarked(archive, record.key)
    with qtbot.waitSignal(star.changed) as asked, qtbot.waitSignal(store.changed, timeout=30_000):
        star.action.trigger()
    assert [False] == asked.args
    with open_archive(corpus_db, readonly=True) as archive:
        assert not bookmarks.is_bookmarked(archive, record.key)


@pytest.fixture
def bare_window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def star(bare_window: QMainWindow, store: BookmarkStore, corpus_db: Path) -> BookmarkToggle:
    """The star in a bare window, showing the article 红色邮箱 (not bookmarked)."""
    toggle = BookmarkToggle(store, bare_window)
    toggle.set_article(_record(corpus_db, "红色邮箱"))
    return toggle


@pytest.fixture
def write_lock(corpus_db: Path, personal_file: Path) -> Iterator[sqlite3.Connection]:
    """Another program of the user writing their personal file, where bookmarks are kept (a
    window on another archive): a connection holding its write lock (BEGIN IMMEDIATE)."""
    assert personal_file.is_file()  # made when the corpus archive was
    other = sqlite3.connect(personal_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_toggle_while_another_program_writes_does_not_block_the_window(
    qtbot: QtBot, star: BookmarkToggle, store: BookmarkStore, corpus_db: Path, write_lock: sqlite3.Connection
) -> None:
    failures: list[str] = []
    store.failed.connect(failures.append)
    key = _record(corpus_db, "红色邮箱").key
    waiting_while_the_loop_ran: list[bool] = []

    def in_the_file() -> bool:
        with open_archive(corpus_db, readonly=True) as archive:
            return bookmarks.is_bookmarked(archive, key)

    def later() -> None:
        waiting_while_the_loop_ran.append(not in_the_file())
        write_lock.execute("COMMIT")  # the other program is done

    QTimer.singleShot(50, later)
    with qtbot.waitSignal(store.changed, timeout=30_000):
        star.action.trigger()
        assert not in_the_file()  # the call came back before the write could be done
        assert star.action.isChecked()  # the star shows what was asked for meanwhile
    assert [True] == waiting_while_the_loop_ran  # the event loop ran while the write waited
    landed = in_the_file()
    if landed:
        assert star.action.isChecked() and [] == failures
    else:  # a very slow machine: the lock outlasted the busy timeout, which must be said
        assert not star.action.isChecked() and "锁定" in failures[0]


def test_a_write_that_cannot_get_the_lock_says_so_and_the_star_goes_back(
    qtbot: QtBot,
    star: BookmarkToggle,
    store: BookmarkStore,
    write_lock: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 50)
    with qtbot.waitSignal(store.failed, timeout=30_000) as signal:
        star.action.trigger()
        assert star.action.isChecked()
    assert signal.args[0].startswith("无法收藏这篇文章：")
    assert "锁定" in signal.args[0]
    assert not star.action.isChecked()
    write_lock.execute("ROLLBACK")  # the other program is done: nothing of the failed write is left over
    with qtbot.waitSignal(store.changed, timeout=30_000):
        star.action.trigger()
    assert star.action.isChecked()
    assert 1 == len(store.records())


def test_a_note_that_cannot_be_written_goes_back_to_the_stored_one(
    qtbot: QtBot,
    panel: BookmarksPanel,
    write_lock: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 50)
    index = panel.model.index(0, NOTE)
    with qtbot.waitSignal(panel.store.failed, timeout=30_000) as signal:
        panel.model.setData(index, "新批注", Qt.ItemDataRole.EditRole)
    assert signal.args[0].startswith("无法保存批注：")
    assert "开会用" == panel.model.index(0, NOTE).data()
    assert signal.args[0] == panel.status.text()


def test_a_removal_that_cannot_be_written_keeps_the_rows_and_offers_no_undo(
    qtbot: QtBot,
    panel: BookmarksPanel,
    write_lock: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive_db, "BUSY_TIMEOUT_MS", 50)
    panel.view.selectRow(1)
    with qtbot.waitSignal(panel.store.failed, timeout=30_000) as signal:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
        assert not panel.remove_button.isEnabled()  # one removal at a time
    assert signal.args[0].startswith("无法删除书签：")
    assert 3 == panel.model.rowCount()
    assert panel.remove_button.isEnabled() and not panel.undo_button.isEnabled()


def test_a_note_for_a_bookmark_removed_meanwhile_says_so_in_the_archives_words(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path, marked: list[ArticleRecord]
) -> None:
    with open_archive(corpus_db) as archive:  # another window removed it
        assert bookmarks.remove(archive, marked[0].key) is not None
    with qtbot.waitSignal(panel.store.failed, timeout=30_000) as signal:
        panel.model.setData(panel.model.index(0, NOTE), "新批注", Qt.ItemDataRole.EditRole)
    assert "无法保存批注：档案中已没有这篇文章或这个书签（可能刚被重新导入）" == signal.args[0]
    assert signal.args[0] == panel.status.text()


def test_a_bug_in_a_bookmark_write_is_raised_not_shown_as_a_message(
    qtbot: QtBot, star: BookmarkToggle, store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_archive: object, _key: str, note: str = "") -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(bookmarks, "add", broken)
    with (
        qtbot.captureExceptions() as raised,
        qtbot.assertNotEmitted(store.failed),
        qtbot.waitSignal(store.changed, timeout=30_000),  # the star goes back first
    ):
        star.action.trigger()
    assert [RuntimeError] == [type(error) for _kind, error, _tb in raised]
    assert not star.action.isChecked()


def test_the_context_menu_offers_to_edit_the_note_and_the_panel_says_how(panel: BookmarksPanel) -> None:
    assert Qt.ContextMenuPolicy.ActionsContextMenu == panel.view.contextMenuPolicy()
    assert ["打开", "编辑批注…", "删除"] == [action.text() for action in panel.view.actions()]
    assert "双击打开文章；F2 或右键 → 编辑批注…" == panel.hint.text()
    assert panel.hint.isVisible()


def choose_from_context_menu(qtbot: QtBot, view: QAbstractItemView, pos: QPoint, text: str) -> list[str]:
    """Right-click at `pos` (press, then the context-menu event) and pick `text` in the menu
    with the keyboard; returns the menu's entries."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=pos)
    entries: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        try:
            entries.extend(action.text() for action in menu.actions())
            menu.setActiveAction(next(a for a in menu.actions() if a.text() == text))
            qtbot.keyClick(menu, Qt.Key.Key_Return)
        finally:
            menu.close()  # never leave the test waiting on an open menu

    QTimer.singleShot(0, pick)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    return entries


# A popup menu on the offscreen platform: it cannot raise the menu or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "does not support propagateSizeHints"
)
def test_edit_note_from_the_context_menu_types_into_the_note_and_stores_it(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path, marked: list[ArticleRecord], personal_file: Path
) -> None:
    """Right-click a row, 编辑批注…, type two lines in the note editor, Ctrl+Enter: the note is
    in the user's personal file, and shown whole under the list."""
    rect = panel.view.visualRect(panel.model.index(1, 0))
    entries = choose_from_context_menu(qtbot, panel.view, rect.center(), "编辑批注…")
    assert ["打开", "编辑批注…", "删除"] == entries
    assert 1 == panel.view.currentIndex().row()
    note = panel.model.index(1, NOTE)
    dialog = wait_for_note_dialog(qtbot, panel)
    editor = dialog.editor
    editor.selectAll()
    with qtbot.waitSignal(panel.store.note_changed, timeout=30_000) as signal:
        type_chinese(editor, "第二段可引用")
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line, not the end of the note
        type_chinese(editor, "写进年终总结里")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [marked[1].key] == signal.args
    assert "第二段可引用\n写进年终总结里" == note.data()
    connection = sqlite3.connect(personal_file)  # what the file says, not the model
    try:
        stored = connection.execute("SELECT note FROM bookmarks WHERE note != ''").fetchall()
    finally:
        connection.close()
    assert [("开会用",), ("第二段可引用\n写进年终总结里",)] == sorted(stored)
    with open_archive(corpus_db, readonly=True) as archive:
        assert "第二段可引用\n写进年终总结里" == bookmarks.get(archive, marked[1].key).note  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: panel.note_view.isVisible())
    assert "批注：第二段可引用\n写进年终总结里" == panel.note_view.text()


def type_chinese(editor: QWidget, text: str) -> None:
    """Chinese arrives from the input method, a phrase at a time."""
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(editor, typed)


def wait_for_note_dialog(qtbot: QtBot, panel: BookmarksPanel) -> NoteDialog:
    qtbot.waitUntil(lambda: panel.findChild(NoteDialog) is not None)
    dialog = panel.findChild(NoteDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.grab()  # painted
    return dialog


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_f2_opens_the_note_editor_and_esc_leaves_the_note_as_it_was(
    qtbot: QtBot, panel: BookmarksPanel, marked: list[ArticleRecord]
) -> None:
    panel.view.setFocus()
    panel.view.selectRow(0)
    before = panel.model.index(0, NOTE).data()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    dialog = wait_for_note_dialog(qtbot, panel)
    assert before == dialog.editor.toPlainText()
    assert dialog.editor.width() > 5 * panel.view.columnWidth(NOTE)  # not a cramped cell
    type_chinese(dialog.editor, "不该保存")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert before == panel.model.index(0, NOTE).data()


def test_edit_note_is_off_on_a_read_only_archive(panel: BookmarksPanel) -> None:
    panel.set_read_only("文件只读")
    assert not panel.edit_note_action.isEnabled()
    panel.view.selectRow(0)
    panel.edit_note()  # what the action would do, were it on
    QApplication.processEvents()
    assert panel.findChild(NoteDialog) is None
    assert "不能编辑批注" in panel.hint.text()


def test_the_headline_column_takes_the_spare_width_and_shows_the_whole_headline_as_tip(
    qtbot: QtBot, panel: BookmarksPanel, marked: list[ArticleRecord]
) -> None:
    header = panel.view.horizontalHeader()

    def widths() -> dict[int, int]:
        shown = [c for c in range(panel.model.columnCount()) if not panel.view.isColumnHidden(c)]
        return {column: header.sectionSize(column) for column in shown}

    assert panel.view.isColumnHidden(PUBLICATION)  # every bookmark is of 东昌时讯
    before = widths()
    assert before[HEADLINE] == max(before.values())
    dates = max(panel.view.sizeHintForColumn(DATE), header.sectionSizeHint(DATE))
    assert dates == before[DATE]  # the date column takes what its dates need, no more
    panel.resize(panel.width() + 200, panel.height())
    qtbot.waitUntil(lambda: widths()[HEADLINE] == before[HEADLINE] + 200)
    after = widths()
    assert {c: w for c, w in after.items() if c != HEADLINE} == {
        c: w for c, w in before.items() if c != HEADLINE
    }
    tip = panel.model.index(0, HEADLINE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(marked[0].headline + "\n") and "东昌时讯" in tip


def test_the_paper_column_appears_once_bookmarks_come_from_two_papers(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path
) -> None:
    with open_archive(corpus_db, readonly=True) as archive:
        other = search(archive, "开发区", publication="今日开发区").hits[0].key
    with open_archive(corpus_db) as archive:
        bookmarks.add(archive, other)
    panel.model.refresh()
    assert not panel.view.isColumnHidden(PUBLICATION)
