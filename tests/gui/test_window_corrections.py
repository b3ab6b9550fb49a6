"""Corrections in the window, driven as a user does: right-click an article, choose a command,
fill in the dialog, see 已校订 painted in the list and the reading pane, Ctrl+Z, Ctrl+Shift+Z."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import import_at
from correction_support import EDITED_ISSUE, FIRST, ISSUE, SECOND, SPLIT_PARAGRAPH, THIRD, write_issue
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot
from window_support import commit_chars, type_query

from reader.archive import bookmarks, corrections
from reader.archive.db import open_archive
from reader.archive.search import search
from reader.gui.main_window import MainWindow
from reader.gui.middle.article_model import COL_TITLE
from reader.gui.roles import ArticleIdRole
from reader.gui.search.model import HtmlRole
from reader.resources import USER_DICTIONARY, locate
from reader.text.words import user_words

pytestmark = pytest.mark.gui
# A popup menu on the offscreen platform cannot raise itself or grab the keyboard, and says so.
# On each test, not the module: conftest gives every GUI test its own marker, which wins.
popup_noise = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "does not support propagateSizeHints"
)


@pytest.fixture
def issue_db(db_path: Path, tmp_path: Path) -> Path:
    report = import_at(db_path, [write_issue(tmp_path / "dump")])
    assert report.ok
    return db_path


@pytest.fixture
def window(qtbot: QtBot, issue_db: Path, window_factory) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory(issue_db)


def _titles(window: MainWindow) -> list[str]:
    model = window.articles
    return [model.index(row, COL_TITLE).data() for row in range(model.rowCount())]


def _right_click(qtbot: QtBot, widget: QWidget, pos: QPoint, text: str) -> list[str]:
    """Right-click at `pos` of `widget`, choose `text` in the menu with the keyboard; the entries."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    qtbot.waitExposed(menu)
    entries = [action.text() for action in menu.actions() if action.text()]
    chosen = next(a for a in menu.actions() if a.text() == text)
    assert chosen.isEnabled(), text
    menu.setActiveAction(chosen)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    return entries


def _row_click(qtbot: QtBot, window: MainWindow, row: int, text: str) -> list[str]:
    table = window.middle.table
    rect = table.visualRect(window.articles.index(row, COL_TITLE))
    return _right_click(qtbot, table.viewport(), rect.center(), text)


def _dialog(qtbot: QtBot, window: MainWindow, name: str) -> QDialog:
    qtbot.waitUntil(lambda: window.findChild(QDialog, name) is not None)
    dialog = window.findChild(QDialog, name)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _ok(qtbot: QtBot, dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """Give the keyboard to `widget`, as a click into it after the dialog closed would."""
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _painted(qtbot: QtBot, window: MainWindow) -> None:
    window.repaint()
    assert not window.grab().isNull()


@popup_noise
def test_split_from_the_article_list_then_undo_and_redo_with_the_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert [FIRST, SECOND, THIRD] == _titles(window)
    entries = _row_click(qtbot, window, 0, "从此段拆分…")
    assert [
        "复制标题", "复制全文", "复制引文", "加入书签",
        "修改标题/引题/署名…", "从此段拆分…", "与下一篇合并", "设为图片说明", "修改正文…",
    ] == entries  # fmt: skip
    dialog = _dialog(qtbot, window, "splitDialog")
    paragraphs = dialog.findChild(QListWidget, "paragraphList")
    assert 1 == paragraphs.currentRow()  # paragraph 2: the first one that can start an article
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: 4 == window.articles.rowCount())
    _painted(qtbot, window)
    assert [f"〔已校订〕{FIRST}", f"〔已校订〕{SPLIT_PARAGRAPH}", SECOND, THIRD] == _titles(window)
    assert "已校订" in window.pane.toPlainText()
    assert window.statusBar().currentMessage().startswith("已校订")

    _focus(qtbot, window, window.middle.table)
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        qtbot.keyClick(window.middle.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [FIRST, SECOND, THIRD] == _titles(window))
    _painted(qtbot, window)
    assert "已校订" not in window.pane.toPlainText()

    _focus(qtbot, window, window.middle.table)
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        qtbot.keyClick(
            window.middle.table,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    qtbot.waitUntil(lambda: 4 == window.articles.rowCount())


@popup_noise
def test_split_from_the_reading_pane_takes_the_paragraph_clicked_and_an_entered_headline(
    qtbot: QtBot, window: MainWindow, issue_db: Path
) -> None:
    pane = window.pane
    cursor = pane.document().find(SPLIT_PARAGRAPH[:6])
    assert not cursor.isNull()
    cursor.clearSelection()
    pane.setTextCursor(cursor)
    spot = pane.cursorRect(cursor).center()
    pane.setTextCursor(QTextCursor(pane.document()))  # the right click, not the old cursor, decides
    _right_click(qtbot, pane.viewport(), spot, "从此段拆分…")
    dialog = _dialog(qtbot, window, "splitDialog")
    assert 1 == dialog.findChild(QListWidget, "paragraphList").currentRow()
    commit_chars(dialog.findChild(QLineEdit, "headlineEdit"), "食堂是民生工程")
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: 4 == window.articles.rowCount())
    assert "〔已校订〕食堂是民生工程" == _titles(window)[1]
    with open_archive(issue_db, readonly=True) as archive:
        [made] = corrections.list_corrections(archive)
    assert ("split", 2, "食堂是民生工程") == (made.kind, made.params["paragraph"], made.params["headline"])


@popup_noise
def test_retitle_merge_and_caption_from_the_menus_keep_the_bookmark_on_the_text(
    qtbot: QtBot, window: MainWindow, issue_db: Path
) -> None:
    window.middle.select_article_row(2)
    third_key = window.pane.record.key
    with qtbot.waitSignal(window.bookmarks.store.changed, timeout=30_000):
        window.bookmarks.star.action.trigger()

    _row_click(qtbot, window, 0, "修改标题/引题/署名…")
    dialog = _dialog(qtbot, window, "retitleDialog")
    headline = dialog.findChild(QLineEdit, "headlineEdit")
    headline.selectAll()
    commit_chars(headline, "区领导督导调研幸福食堂")
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _titles(window)[0] == "〔已校订〕区领导督导调研幸福食堂")

    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _row_click(qtbot, window, 1, "与下一篇合并")
    qtbot.waitUntil(lambda: 2 == window.articles.rowCount())
    assert THIRD in window.pane.toPlainText() and SECOND == window.pane.record.headline
    with open_archive(issue_db, readonly=True) as archive:
        [mark] = bookmarks.list_bookmarks(archive)
    assert (third_key, SECOND, False) == (mark.key, mark.headline, mark.deleted)

    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _row_click(qtbot, window, 1, "设为图片说明")
    qtbot.waitUntil(lambda: "photo" == window.pane.record.kind)
    _painted(qtbot, window)
    assert 3 == window.corrections.stack.count()
    assert window.corrections.undo_action.text().startswith("撤销校订")


@popup_noise
def test_corrections_not_applied_after_a_reimport_are_listed_in_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _row_click(qtbot, window, 1, "设为图片说明")
    text = ISSUE.replace(SECOND, "柳园广场晚会").replace("居民载歌载舞", "市民踊跃参加")
    with qtbot.waitSignal(window.imports.imported, timeout=60_000):
        window.import_paths([write_issue(tmp_path / "dump", text)])
    window.corrections.failed_action.trigger()
    dialog = _dialog(qtbot, window, "failedCorrections")
    items = dialog.findChild(QListWidget, "failedList")
    assert 1 == items.count()
    assert SECOND in items.item(0).text() and "原因：" in items.item(0).text()
    dialog.reject()
    assert EDITED_ISSUE  # the other edited text is the archive tests' business


def test_the_dictionary_dialog_adds_a_name_the_archive_then_cuts_whole_and_removes_it(
    qtbot: QtBot, window: MainWindow, issue_db: Path
) -> None:
    name = "江明远"  # jieba cuts 区长江明远 as 区 / 长江 / 明远 (tests/test_dictionary.py ranks it)
    shipped = [word for word, _freq, _tag in user_words(locate(USER_DICTIONARY))]
    window.dictionary.action.trigger()
    dialog = _dialog(qtbot, window, "dictionaryDialog")
    listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert [f"{w}（随程序附带）" for w in sorted(shipped)] == listed  # the shipped words are shown
    commit_chars(dialog.findChild(QLineEdit, "wordEdit"), name)
    with qtbot.waitSignal(window.dictionary.changed, timeout=30_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "addWord"), Qt.MouseButton.LeftButton)
    words = [str(dialog.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(dialog.list.count())]
    assert sorted([*shipped, name]) == words
    assert name == dialog.list.item(words.index(name)).text()
    assert f"已添加 1 个词：{name}；重新索引了 0 篇文章" == dialog.status.text()
    assert window.statusBar().currentMessage().startswith("已添加")
    with open_archive(issue_db, readonly=True) as archive:
        assert ["区长", name] == archive.tokenizer.words(f"区长{name}")
    dialog.list.item(words.index(name)).setSelected(True)
    with qtbot.waitSignal(window.dictionary.changed, timeout=30_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "removeWord"), Qt.MouseButton.LeftButton)
    assert len(shipped) == dialog.list.count()
    dialog.list.clearSelection()
    dialog.list.item(0).setSelected(True)  # a shipped word that cuts a name badly: taken back
    with qtbot.waitSignal(window.dictionary.changed, timeout=30_000):
        qtbot.mouseClick(dialog.findChild(QPushButton, "removeWord"), Qt.MouseButton.LeftButton)
    first = sorted(shipped)[0]
    assert f"{first}（不再整词切分）" == dialog.list.item(0).text()
    with open_archive(issue_db, readonly=True) as archive:
        assert first not in archive.tokenizer.words(f"区长{first}")
    dialog.reject()


@popup_noise
def test_ctrl_z_in_the_reading_pane_undoes_a_caption_and_the_list_mark_goes(
    qtbot: QtBot, window: MainWindow
) -> None:
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _row_click(qtbot, window, 2, "设为图片说明")
    qtbot.waitUntil(lambda: _titles(window)[2].startswith("〔已校订〕"))
    assert "已校订" in window.pane.toPlainText()
    _focus(qtbot, window, window.pane)
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        qtbot.keyClick(window.pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [FIRST, SECOND, THIRD] == _titles(window))
    assert "news" == window.pane.record.kind and "已校订" not in window.pane.toPlainText()
    assert window.statusBar().currentMessage().startswith("已撤销")
    assert not window.corrections.undo_action.isEnabled()


def test_search_results_mark_a_corrected_article_as_the_article_list_does(
    qtbot: QtBot, issue_db: Path, window_factory: Callable[..., MainWindow]
) -> None:
    with open_archive(issue_db) as archive:
        key = next(
            r[0] for r in archive.conn.execute("SELECT key FROM articles WHERE headline = ?", (FIRST,))
        )
        corrections.retitle(archive, key, headline="区领导督导调研幸福食堂")
    window = window_factory(issue_db)
    assert "〔已校订〕区领导督导调研幸福食堂" == _titles(window)[0]
    window.search_bar.sort.setCurrentIndex(window.search_bar.sort.findData("oldest"))
    type_query(qtbot, window, "古楼街道")
    model = window.search.model
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert [_titles(window)[0], SECOND] == [text.split("\n")[0] for text in shown]
    painted = QTextDocument()
    painted.setHtml(model.index(0, 0).data(HtmlRole))  # what the list's delegate draws
    assert painted.toPlainText().startswith("〔已校订〕区领导督导调研幸福食堂")
    painted.setHtml(model.index(1, 0).data(HtmlRole))
    assert "已校订" not in painted.toPlainText()
    view = window.middle.result_view
    view.repaint()
    assert not view.grab().isNull()


@popup_noise
def test_the_star_of_a_merged_article_shows_the_bookmark_of_the_article_merged_into_it(
    qtbot: QtBot, window: MainWindow, issue_db: Path
) -> None:
    star = window.bookmarks.star.action
    panel = window.bookmarks.panel.model
    window.middle.select_article_row(2)
    _focus(qtbot, window, window.pane)
    with qtbot.waitSignal(window.bookmarks.store.changed, timeout=30_000):
        qtbot.keyClick(window.pane, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    window.middle.select_article_row(1)
    assert SECOND == window.pane.record.headline and not star.isChecked()

    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _row_click(qtbot, window, 1, "与下一篇合并")
    qtbot.waitUntil(lambda: 2 == window.articles.rowCount())
    merged = window.pane.record
    assert SECOND == merged.headline and THIRD in window.pane.toPlainText()
    assert star.isChecked() and "移出书签" == star.text()
    assert [merged.id] == [panel.index(row, 0).data(ArticleIdRole) for row in range(panel.rowCount())]

    _focus(qtbot, window, window.pane)
    with qtbot.waitSignal(window.bookmarks.store.changed, timeout=30_000):
        qtbot.keyClick(window.pane, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not star.isChecked()
    assert 0 == panel.rowCount()
    with open_archive(issue_db, readonly=True) as archive:
        assert [] == bookmarks.list_bookmarks(archive)


@popup_noise
def test_a_typo_is_corrected_from_the_reading_pane_searched_for_shown_original_and_undone(
    qtbot: QtBot, window: MainWindow, issue_db: Path
) -> None:
    """Right-click the paragraph with the typo, 修改正文…, fix it, OK: the pane shows the fixed
    text, the status bar says Ctrl+Z undoes it, search finds the new words, 查看原文 shows the
    imported text, and Ctrl+Z puts it back."""
    pane = window.pane
    cursor = pane.document().find(SPLIT_PARAGRAPH[:6])
    assert not cursor.isNull()
    spot = pane.cursorRect(cursor).center()
    pane.setTextCursor(QTextCursor(pane.document()))
    _right_click(qtbot, pane.viewport(), spot, "修改正文…")
    dialog = _dialog(qtbot, window, "editTextDialog")
    assert 1 == dialog.findChild(QListWidget, "paragraphList").currentRow()  # the paragraph clicked
    editor = dialog.findChild(QPlainTextEdit, "paragraphEdit")
    assert SPLIT_PARAGRAPH == editor.toPlainText()
    editor.selectAll()
    commit_chars(editor, SPLIT_PARAGRAPH.replace("放心", "放心、吃得舒心"))
    dialog.grab()
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "吃得舒心" in pane.toPlainText())
    _painted(qtbot, window)
    assert "Ctrl+Z 撤销" in window.statusBar().currentMessage()
    assert f"〔已校订〕{FIRST}" == _titles(window)[0]
    with open_archive(issue_db, readonly=True) as archive:
        assert [FIRST] == [hit.headline for hit in search(archive, "吃得舒心").hits]
    _right_click(qtbot, pane.viewport(), QPoint(20, 20), "查看原文")
    original = _dialog(qtbot, window, "originalTextDialog")
    shown = original.findChild(QTextBrowser).toPlainText()
    assert SPLIT_PARAGRAPH in shown and "吃得舒心" not in shown
    original.grab()
    original.reject()
    _focus(qtbot, window, pane)
    with qtbot.waitSignal(window.corrections.changed, timeout=30_000):
        qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "吃得舒心" not in pane.toPlainText())
    assert SPLIT_PARAGRAPH in pane.toPlainText()
