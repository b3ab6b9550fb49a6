"""An opened search hit in the reading pane: the headline stays in view when the hit is on the
first screen, a hit far down lands a third of the way down (not at the very top), and 下一处 /
上一处 (F3 / Shift+F3) step through the article's hits with 第 i/n 处 in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from archive_helpers import make_article, make_issue
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot
from window_support import type_query

from reader.archive.db import open_archive
from reader.archive.importer import import_issue
from reader.gui.main_window import MainWindow
from reader.gui.reading.pane import ReadingPane

pytestmark = pytest.mark.gui

FILLER = "今年以来，全区持续推进城乡环境整治工作，各街道社区组织志愿者开展清洁行动，群众满意度不断提升。"
NEAR = "鹭鸶"  # first in the first paragraph, then further down: 4 hits
FAR = "银杏"  # only far down the article: 2 hits
NEAR_HEADLINE = "湿地公园迎来候鸟"
FAR_HEADLINE = "城区绿化工作综述"


def paragraphs(count: int, extra: dict[int, str]) -> str:
    return "\n".join(FILLER + extra.get(number, "") for number in range(count))


@pytest.fixture
def hits_window(window_factory: Callable[..., MainWindow], db_path: Path) -> MainWindow:
    near = make_article(
        NEAR_HEADLINE,
        body=paragraphs(
            40, {0: f"{NEAR}成群。", 12: f"{NEAR}觅食。", 25: f"{NEAR}南飞。", 38: f"{NEAR}归来。"}
        ),
    )
    far = make_article(FAR_HEADLINE, body=paragraphs(60, {45: f"{FAR}成荫。", 52: f"{FAR}金黄。"}))
    with open_archive(db_path) as archive:
        import_issue(archive, make_issue([near, far]))
    window = window_factory(db_path)
    window.resize(1280, 800)
    return window


def open_first_hit(qtbot: QtBot, window: MainWindow, text: str) -> ReadingPane:
    type_query(qtbot, window, text)
    assert 1 == window.search.model.rowCount()
    view = window.middle.result_view
    rect = view.visualRect(window.search.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.grab()  # laid out and painted as the user sees it
    return window.pane


def block_rect(pane: ReadingPane, text: str) -> QRect:
    """Where the paragraph holding `text` is, in viewport coordinates."""
    block = pane.document().find(text).block()
    assert block.isValid()
    rect = pane.document().documentLayout().blockBoundingRect(block).toRect()
    return rect.translated(0, -pane.verticalScrollBar().value())


def selected_rect(pane: ReadingPane) -> QRect:
    """The selected hit's line, in viewport coordinates."""
    cursor = QTextCursor(pane.textCursor())
    cursor.setPosition(cursor.selectionStart())
    return pane.cursorRect(cursor)


def test_a_hit_in_the_first_paragraph_keeps_the_headline_in_view(
    qtbot: QtBot, hits_window: MainWindow
) -> None:
    pane = open_first_hit(qtbot, hits_window, NEAR)
    viewport = pane.viewport().rect()
    assert NEAR_HEADLINE == pane.record.headline
    assert viewport.contains(block_rect(pane, NEAR_HEADLINE))
    assert NEAR == pane.textCursor().selectedText()
    assert viewport.contains(selected_rect(pane))


def test_a_hit_far_down_lands_in_the_upper_half_below_the_top(qtbot: QtBot, hits_window: MainWindow) -> None:
    pane = open_first_hit(qtbot, hits_window, FAR)
    height = pane.viewport().height()
    assert pane.verticalScrollBar().value() > 0
    assert not pane.viewport().rect().intersects(block_rect(pane, FAR_HEADLINE))
    hit = selected_rect(pane)
    assert FAR == pane.textCursor().selectedText()
    assert height // 6 < hit.top() and hit.bottom() < height // 2


def test_f3_and_shift_f3_step_through_the_hits(qtbot: QtBot, hits_window: MainWindow) -> None:
    window = hits_window
    with qtbot.waitActive(window):
        window.activateWindow()
    pane = open_first_hit(qtbot, window, NEAR)
    label = window.search_status.hit_position_label
    commands = window.commands
    assert commands.next_hit.isEnabled() and commands.previous_hit.isEnabled()
    assert "第 1/4 处" == label.text()
    starts = [pane.textCursor().selectionStart()]
    for number in (2, 3, 4, 1):
        qtbot.keyClick(pane, Qt.Key.Key_F3)
        assert f"第 {number}/4 处" == label.text()
        assert NEAR == pane.textCursor().selectedText()
        assert pane.viewport().rect().contains(selected_rect(pane))
        starts.append(pane.textCursor().selectionStart())
    assert starts[0] < starts[1] < starts[2] < starts[3] and starts[4] == starts[0]
    for number in (4, 3):
        qtbot.keyClick(pane, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
        assert f"第 {number}/4 处" == label.text()
        assert starts[number - 1] == pane.textCursor().selectionStart()
    window.grab()
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)  # back to the issue: no hits
    assert "" == label.text()
    assert not commands.next_hit.isEnabled() and not commands.previous_hit.isEnabled()
