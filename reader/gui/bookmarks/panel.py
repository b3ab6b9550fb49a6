"""The 书签 panel: the bookmark list with 打开, 删除, 撤销删除 and 导出剪报册….

It talks outwards only by signals (`article_requested`, `export_requested`); writes go through
the store, which queues them on the window's one writer, so the panel never waits for a lock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.archive.bookmarks import BookmarkRecord
from reader.gui.bookmarks.model import HEADLINE, BookmarksModel
from reader.gui.bookmarks.store import BookmarkStore


class BookmarksPanel(QWidget):
    """The bookmark list with 打开, 删除 (undoable with 撤销删除 / Ctrl+Z) and 导出剪报册….

    Emits `article_requested(article_id)` on double-click or 打开, and `export_requested()`
    for 导出剪报册…. A bookmark whose article is gone cannot be opened; the panel says so.
    """

    article_requested = Signal(int)
    export_requested = Signal()

    def __init__(self, store: BookmarkStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksPanel")
        self.store = store
        self.model = BookmarksModel(store, self)
        self._undo: list[list[BookmarkRecord]] = []
        self._writing = False
        self._read_only: str | None = None
        self.view = QTableView(self)
        self.view.setObjectName("bookmarksView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.undo_button = QPushButton(self.tr("撤销删除"), self)
        self.export_button = QPushButton(self.tr("导出剪报册…"), self)
        self.undo_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self.open_row(self.view.currentIndex().row()))
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button.clicked.connect(self.undo_remove)
        self.export_button.clicked.connect(self.export_requested)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_remove)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.remove_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        store.failed.connect(self._write_failed)
        self.model.refresh()

    def as_dock(
        self, window: QMainWindow, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    ) -> QDockWidget:
        """Put the panel into a dock widget named 书签 on `window`; its toggleViewAction shows/hides it."""
        dock = QDockWidget(self.tr("书签"), window)
        dock.setObjectName("bookmarksDock")
        dock.setWidget(self)
        window.addDockWidget(area, dock)
        return dock

    def open_row(self, row: int) -> None:
        """Ask for the bookmark's article, or say that it was deleted."""
        record = self.model.record_at(row)
        if record is None:
            return
        if record.article_id is None:
            self.status.setText(self.tr("“{0}”的原文已删除，无法打开。").format(record.headline))
            return
        self.article_requested.emit(record.article_id)

    def selected_keys(self) -> list[str]:
        """Keys of the selected bookmarks, top to bottom."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [r.key for r in (self.model.record_at(row) for row in rows) if r is not None]

    def remove_selected(self) -> None:
        """Remove the selected bookmarks; 撤销删除 (Ctrl+Z) brings them back once removed."""
        keys = self.selected_keys()
        if not keys or self._writing or self._read_only is not None:
            return

        def done(removed: list[BookmarkRecord]) -> None:
            self._undo.append(removed)
            self._set_writing(False)
            self.status.setText(self.tr("已删除 {0} 个书签。按“撤销删除”可恢复。").format(len(removed)))

        self._set_writing(True)
        self.status.setText(self.tr("正在删除书签…"))
        self.store.remove(keys, done, lambda: self._set_writing(False))

    def undo_remove(self) -> None:
        """Restore the bookmarks removed last (written on the writer; the list updates when done)."""
        if not self._undo or self._writing or self._read_only is not None:
            return
        records = self._undo[-1]

        def done() -> None:
            if self._undo and self._undo[-1] is records:
                self._undo.pop()
            self._set_writing(False)
            self.status.setText(self.tr("已恢复 {0} 个书签。").format(len(records)))

        self._set_writing(True)
        self.store.restore(records, done, lambda: self._set_writing(False))

    def set_read_only(self, reason: str | None) -> None:
        """An archive that cannot be written: notes, 删除 and 撤销删除 are off, with `reason` as tip."""
        self._read_only = reason
        self.model.editable = reason is None
        tip = self.tr("只读档案：{0}").format(reason) if reason else ""
        for button in (self.remove_button, self.undo_button):
            button.setToolTip(tip)
        self._set_writing(self._writing)

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        writable = self._read_only is None and not writing
        self.remove_button.setEnabled(writable)
        self.undo_button.setEnabled(writable and bool(self._undo))

    def _write_failed(self, message: str) -> None:
        self.status.setText(message)
