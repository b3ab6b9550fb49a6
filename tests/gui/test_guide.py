"""帮助 → 使用说明 driven as a user does: F1 opens the guide, it paints, the menu has it first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.gui.help.guide import GuideDialog
from reader.gui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_f1_opens_the_user_guide_once_and_it_reads_as_the_guide(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    window = corpus_window
    help_menu = window.menuBar().actions()[-1].menu()
    assert "使用说明" == help_menu.actions()[0].text()
    window.activateWindow()
    qtbot.keyClick(window.middle.table, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: window.findChild(GuideDialog) is not None and window.findChild(GuideDialog).isVisible()
    )
    dialog = window.findChild(GuideDialog)
    assert dialog is not None and not dialog.grab().isNull()
    shown = dialog.text.toPlainText()
    assert shown.startswith("报刊档案阅读器 使用说明")
    assert "标题:幸福食堂" in shown and "修改正文" in shown
    assert "#" not in shown.splitlines()[0]  # read as Markdown, not shown as source
    help_menu.actions()[0].trigger()  # asked again: the same window, not a second one
    assert [dialog] == window.findChildren(GuideDialog)
    dialog.close()
    assert not dialog.isVisible()
