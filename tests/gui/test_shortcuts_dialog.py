"""帮助 → 快捷键…: every shortcut of the window, made from its actions when it opens, so it
cannot drift from the keys bound (issue 23, help)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from reader.gui.help.shortcuts import ShortcutsDialog, keys_of
from reader.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def open_from_help_menu(qtbot: QtBot, window: MainWindow) -> ShortcutsDialog:
    help_menu = window.menuBar().actions()[-1].menu()
    assert "帮助(&H)" == window.menuBar().actions()[-1].text()
    (entry,) = [a for a in help_menu.actions() if a.text() == "快捷键…"]
    entry.trigger()
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_lists_every_shortcut_of_the_window(qtbot: QtBot, corpus_window: MainWindow) -> None:
    dialog = open_from_help_menu(qtbot, corpus_window)
    rows = dialog.rows()
    native = QKeySequence.SequenceFormat.NativeText
    assert ("查看", "在本文中查找…", QKeySequence("Ctrl+F").toString(native)) in rows
    searching = "、".join(QKeySequence(k).toString(native) for k in ("Ctrl+K", "Ctrl+L"))
    assert ("查看", "检索全部报纸", searching) in rows
    assert any(row[1] == "撤销校订" and row[0] == "校订" for row in rows)
    bound = {keys_of(a) for a in corpus_window.findChildren(QAction) if keys_of(a)}
    assert bound == {row[2] for row in rows}
    dialog.reject()


def test_a_key_bound_anew_is_listed_as_bound(qtbot: QtBot, corpus_window: MainWindow) -> None:
    corpus_window.commands.copy_citation.setShortcut(QKeySequence("Ctrl+Alt+Y"))
    rows = open_from_help_menu(qtbot, corpus_window).rows()
    keys = QKeySequence("Ctrl+Alt+Y").toString(QKeySequence.SequenceFormat.NativeText)
    assert ("查看", "复制引文", keys) in rows
