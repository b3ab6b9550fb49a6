"""Reading comfort driven as a user does: 查看 → 阅读设置… (font, line spacing, tried live, kept
or taken back) and F11 for full-screen reading; remembered at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFontComboBox, QSpinBox
from pytestqt.qtbot import QtBot
from test_window import ISSUE_DAY, choose_day

from reader.gui.main_window import MainWindow
from reader.gui.reading.comfort import ReadingStyleDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def body_line_heights(window: MainWindow) -> set[int]:
    """The line spacing of the article's body paragraphs, as laid out in the pane."""
    heights = set()
    block = window.pane.document().begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.textIndent() > 0:  # body paragraphs are the indented ones
            heights.add(round(fmt.lineHeight()))
        block = block.next()
    return heights


def open_style_dialog(qtbot: QtBot, window: MainWindow) -> ReadingStyleDialog:
    window.comfort.style_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ReadingStyleDialog) is not None)
    dialog = window.findChild(ReadingStyleDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.grab()
    return dialog


def other_chinese_family(current: str) -> str:
    families = [
        f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) if f != current
    ]
    if not families:
        pytest.skip("only one Chinese font on this machine (scripts/setup.sh installs one)")
    return families[0]


def test_line_spacing_and_font_are_tried_live_kept_on_ok_and_remembered(
    qtbot: QtBot,
    corpus_window: MainWindow,
    window_factory,
    corpus_db: Path,  # type: ignore[no-untyped-def]
) -> None:
    window = corpus_window
    choose_day(window, ISSUE_DAY)
    assert {160} == body_line_heights(window)
    dialog = open_style_dialog(qtbot, window)
    spacing = dialog.findChild(QSpinBox, "lineSpacing")
    spacing.selectAll()
    qtbot.keyClicks(spacing, "200")
    assert {200} == body_line_heights(window)  # tried on the article at once
    dialog.findChild(QCheckBox, "ownFont").setChecked(False)
    combo = dialog.findChild(QFontComboBox, "fontFamily")
    family = other_chinese_family(window.pane.document().defaultFont().families()[0])
    combo.setCurrentFont(QFont(family))
    assert family == window.pane.document().defaultFont().families()[0]
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ReadingStyleDialog) is None)
    window.close()

    again = window_factory(corpus_db)
    choose_day(again, ISSUE_DAY)
    assert {200} == body_line_heights(again)
    assert family == again.pane.reading_family()


def test_cancel_takes_back_what_was_tried(qtbot: QtBot, corpus_window: MainWindow) -> None:
    window = corpus_window
    choose_day(window, ISSUE_DAY)
    dialog = open_style_dialog(qtbot, window)
    dialog.findChild(QSpinBox, "lineSpacing").setValue(250)
    assert {250} == body_line_heights(window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(ReadingStyleDialog) is None)
    assert {160} == body_line_heights(window)
    assert 160 == window.settings.line_spacing


def test_f11_reads_full_screen_and_again_leaves_it(qtbot: QtBot, corpus_window: MainWindow) -> None:
    window = corpus_window
    window.activateWindow()
    qtbot.keyClick(window.pane, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    assert window.comfort.full_screen_action.isChecked()
    window.grab()
    qtbot.keyClick(window.pane, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowFullScreen)
    assert not window.comfort.full_screen_action.isChecked()
