"""What a window shows and turns off for an archive it cannot write (a read-only place, or a
copy the archivist published): one place for the reason, so every part says the same.

Browsing, search and bookmarks work (bookmarks are the user's own, in their personal file);
import (menu and drop), corrections, the dictionary, user dates, repair and publishing are off,
each with the reason as its tooltip, and a permanent note in the status bar says why and where
the archive is (the file as its tooltip; a published copy's reason names the archivist's file).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from reader.gui.plain import literal, plain_label


class ReadOnlyAware(Protocol):
    """A part of the window that turns its writes off for a read-only archive."""

    def set_read_only(self, reason: str | None) -> None: ...


class ReadOnlyView(QObject):
    """Applies a write blocker to `window`: its drops, the import actions, the parts given."""

    def __init__(
        self,
        window: QMainWindow,
        imports: Sequence[QAction],
        file_menu: QMenu,
        parts: Sequence[ReadOnlyAware],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._imports = imports
        self._file_menu = file_menu
        self._parts = parts
        self.label = plain_label("", window)
        self.label.setObjectName("readOnlyNote")

    def apply(self, reason: str | None, path: Path) -> None:
        """`reason` why the archive at `path` cannot be written, or None when it can."""
        self._window.setAcceptDrops(reason is None)
        tip = self.tr("只读档案，不能导入：{0}").format(reason) if reason else ""
        for action in self._imports:
            action.setEnabled(reason is None)
            action.setToolTip(literal(tip) if tip else action.text())
            action.setStatusTip(tip)
        self._file_menu.setToolTipsVisible(reason is not None)
        for part in self._parts:
            part.set_read_only(reason)
        if reason is None:
            self.label.hide()
            return
        self.label.setText(self.tr("只读档案：{0}；可以浏览、检索和收藏，不能导入或校订").format(reason))
        self.label.setToolTip(literal(str(path)))
        self._window.statusBar().addPermanentWidget(self.label)
        self.label.show()
