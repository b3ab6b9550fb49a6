"""帮助 → 快捷键…: every keyboard shortcut of the window, read from its actions when opened.

A hand-written list drifts as soon as someone binds a key; this one is made from the actions
themselves each time it opens: those of the menus in menu order (under the menu's name), then
the window's other actions that have a shortcut (其他). An action with several shortcuts shows
them all (Ctrl+K、Ctrl+L); keys are written as the platform writes them.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

RESIZE = QHeaderView.ResizeMode.ResizeToContents
_MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")


def plain_text(text: str) -> str:
    """A menu text without its mnemonic: 文件(&F) → 文件."""
    return _MNEMONIC.sub("", text)


def keys_of(action: QAction) -> str:
    return "、".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()
    )


def _menu_rows(menu: QMenu, seen: set[int], title: str) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for action in menu.actions():
        if (sub := action.menu()) is not None and isinstance(sub, QMenu):
            rows += _menu_rows(sub, seen, title)
        elif keys := keys_of(action):
            seen.add(id(action))
            rows.append((title, plain_text(action.text()), keys))
    return rows


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action of `window` with a shortcut."""
    seen: set[int] = set()
    rows: list[tuple[str, str, str]] = []
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu):
            rows += _menu_rows(menu, seen, plain_text(entry.text()))
    other = window.tr("其他")
    for action in window.findChildren(QAction):
        if id(action) not in seen and (keys := keys_of(action)):
            seen.add(id(action))
            rows.append((other, plain_text(action.text()), keys))
    return rows


class ShortcutsDialog(QDialog):
    """The table of `shortcut_rows(window)`, read-only."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("快捷键"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("菜单"), self.tr("命令"), self.tr("快捷键")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        for column, mode in enumerate((RESIZE, QHeaderView.ResizeMode.Stretch, RESIZE)):
            header.setSectionResizeMode(column, mode)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row."""
        return [tuple(self._text(r, c) for c in range(3)) for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def show_shortcuts(window: QMainWindow) -> None:
    dialog = ShortcutsDialog(window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
