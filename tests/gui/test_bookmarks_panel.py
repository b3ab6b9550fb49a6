"""The 书签 panel, its model and the Ctrl+D star, on an archive of the real corpus (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.archive import bookmarks
from reader.archive.db import open_archive
from reader.archive.importer import import_paths
from reader.archive.queries import article_by_key
from reader.archive.records import ArticleRecord
from reader.archive.search import search
from reader.gui.bookmarks_panel import (
    ARTICLE_ID_ROLE,
    NOTE,
    BookmarksPanel,
    BookmarkStore,
    BookmarkToggle,
)

HEADLINES = ("马卫红来我区", "红色邮箱", "加快审批赢取百姓赞许")


def _record(db: Path, words: str) -> ArticleRecord:
    with open_archive(db, readonly=True) as archive:
        record = article_by_key(archive, search(archive, f"标题:{words}").hits[0].key)
    assert record is not None
    return record


@pytest.fixture
def store(corpus_db: Path) -> BookmarkStore:
    """A store over the corpus archive."""
    return BookmarkStore(lambda: corpus_db)


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
    panel: BookmarksPanel, marked: list[ArticleRecord]
) -> None:
    model = panel.model
    first = [model.index(0, column).data() for column in range(4)]
    assert [marked[0].headline, "东昌时讯", "2022年7月5日", "开会用"] == first
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
    panel: BookmarksPanel, corpus_db: Path, marked: list[ArticleRecord]
) -> None:
    index = panel.model.index(2, NOTE)
    assert panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert panel.model.setData(index, "  写进年终总结 ", Qt.ItemDataRole.EditRole)
    assert "写进年终总结" == index.data()
    with open_archive(corpus_db, readonly=True) as archive:
        assert "写进年终总结" == bookmarks.get(archive, marked[2].key).note  # type: ignore[union-attr]


def test_only_the_note_column_is_editable(panel: BookmarksPanel) -> None:
    flags = [panel.model.flags(panel.model.index(0, column)) for column in range(4)]
    editable = [bool(f & Qt.ItemFlag.ItemIsEditable) for f in flags]
    assert [False, False, False, True] == editable


def test_remove_then_undo_brings_the_bookmark_back_with_its_note(panel: BookmarksPanel) -> None:
    panel.view.selectRow(0)
    panel.remove_selected()
    assert 2 == panel.model.rowCount()
    assert panel.undo_button.isEnabled()
    panel.undo_remove()
    assert 3 == panel.model.rowCount()
    assert "开会用" == panel.model.index(0, NOTE).data()


def test_bookmark_of_a_deleted_article_is_marked_and_cannot_be_opened(
    qtbot: QtBot, panel: BookmarksPanel, corpus_db: Path, tmp_path: Path, corpus_dir: Path
) -> None:
    source = corpus_dir / "000_412b62444f90ef19.txt"
    edited = tmp_path / "edited" / source.name
    edited.parent.mkdir()
    text = source.read_text(encoding="utf-8")
    renamed = text.replace("马卫红来我区 督导调研幸福食堂\n", "副市长督导幸福食堂建设\n")
    edited.write_text(renamed, encoding="utf-8")
    with open_archive(corpus_db) as archive:
        assert [edited] == import_paths(archive, [edited]).replaced
    panel.model.refresh()
    index = panel.model.index(0, 0)
    assert "【原文已删除】马卫红来我区 督导调研幸福食堂" == index.data()
    assert index.data(ARTICLE_ID_ROLE) is None
    with qtbot.assertNotEmitted(panel.article_requested):
        panel.open_row(0)
    assert "原文已删除" in panel.status.text()


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
    with qtbot.waitSignal(toggle.changed) as signal:
        qtbot.keyClick(panel.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [True] == signal.args
    assert toggle.action.isChecked()
    assert [record.headline] == [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    toggle.action.trigger()
    assert not toggle.action.isChecked()
    assert 0 == panel.model.rowCount()


def test_star_is_disabled_without_an_article(qtbot: QtBot, store: BookmarkStore) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    toggle = BookmarkToggle(store, window)
    toggle.set_article(None)
    assert not toggle.action.isEnabled()
    assert toggle.tool_button(window).defaultAction() is toggle.action
