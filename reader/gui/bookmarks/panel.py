"""The 书签 panel: the bookmark list with 打开, 删除, 撤销删除 and 导出剪报册…, and 编辑批注… in its
context menu and on F2 (a hint line says so: double-click opens, so editing a note must be
findable). A note is written in its own dialog and the chosen bookmark's note is shown in full
under the list: the note column is a few characters wide in a narrow panel.

It talks outwards only by signals (`article_requested`, `export_requested`); writes go through
the store, which queues them on the window's one writer, so the panel never waits for a lock.
The panel shares the window's left column with the calendar, so it is built to be narrow: the
headline takes the spare width, the other columns only what they need, and the buttons wrap
onto two rows.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.archive.bookmarks import BookmarkRecord
from reader.gui.bookmarks.model import DATE, HEADLINE, NOTE, PUBLICATION, BookmarksModel
from reader.gui.bookmarks.note_dialog import NoteDialog
from reader.gui.bookmarks.store import BookmarkStore
from reader.gui.metrics import chars_width

NOTE_CHARS = 5  # the note column to start with; its tooltip and editor show the whole note
HEADLINE_CHARS = 16  # what the panel asks for the headline when the window has room
LONGEST_DATE = "2022年12月31日"  # the widest date the date column shows (chinese_date)
DATE_PADDING = 6  # a cell's margin on either side of its text


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
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # notes: NoteDialog
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        for column in (PUBLICATION, DATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NOTE, chars_width(self.view.font(), NOTE_CHARS))
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.hint = QLabel("", self)
        self.hint.setObjectName("bookmarksHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#666;")
        self.note_view = QLabel("", self)
        self.note_view.setObjectName("bookmarkNote")
        self.note_view.setTextFormat(Qt.TextFormat.PlainText)  # what the user wrote, as written
        self.note_view.setWordWrap(True)
        self.note_view.setStyleSheet("color:#5a3d00; background:#fff6dc; padding:4px;")
        self.note_view.hide()
        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # names headlines
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
        edit = QShortcut(QKeySequence(Qt.Key.Key_F2), self.view)
        edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        edit.activated.connect(self.edit_note)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_remove)
        self.open_action = QAction(self.tr("打开"), self.view)
        self.edit_note_action = QAction(self.tr("编辑批注…"), self.view)
        self.remove_action = QAction(self.tr("删除"), self.view)
        self.open_action.triggered.connect(lambda: self.open_row(self.view.currentIndex().row()))
        self.edit_note_action.triggered.connect(self.edit_note)
        self.remove_action.triggered.connect(self.remove_selected)
        self.view.addActions([self.open_action, self.edit_note_action, self.remove_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.remove_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        export = QHBoxLayout()
        export.addStretch(1)
        export.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note_view)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addLayout(export)
        store.failed.connect(self._write_failed)
        self.model.modelReset.connect(self._show_needed_columns)
        self.model.modelReset.connect(self._show_note)
        self.model.dataChanged.connect(self._show_note)
        self.view.selectionModel().currentRowChanged.connect(self._show_note)
        self.model.refresh()
        self._show_hint()

    def as_dock(
        self, window: QMainWindow, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    ) -> QDockWidget:
        """Put the panel into a dock widget named 书签 on `window`; its toggleViewAction shows/hides it."""
        dock = QDockWidget(self.tr("书签"), window)
        dock.setObjectName("bookmarksDock")
        dock.setWidget(self)
        window.addDockWidget(area, dock)
        return dock

    def comfortable_width(self) -> int:
        """The width to ask for when the window has room: HEADLINE_CHARS of headline beside the
        other columns as they are (not the sizeHint: a hidden tab's hint widens its column), the
        date column as wide as the longest date whether or not one is listed yet, so the width
        asked for stays the same as bookmarks come and go (the left column keeps one width)."""
        header = self.view.horizontalHeader()
        longest_date = self.view.fontMetrics().horizontalAdvance(LONGEST_DATE) + 2 * DATE_PADDING
        others = sum(
            max(header.sectionSize(column), longest_date if column == DATE else 0)
            for column in range(self.model.columnCount())
            if column != HEADLINE and not self.view.isColumnHidden(column)
        )
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.view)
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else self.contentsMargins()
        chrome = scroll_bar + 2 * self.view.frameWidth() + margins.left() + margins.right() + 2
        width = chars_width(self.view.font(), HEADLINE_CHARS) + others + chrome
        return max(width, self.minimumSizeHint().width())

    def open_row(self, row: int) -> None:
        """Ask for the bookmark's article, or say that it was deleted."""
        record = self.model.record_at(row)
        if record is None:
            return
        if record.article_id is None:
            self.status.setText(self.tr("“{0}”已不在档案中，无法打开。").format(record.headline))
            return
        self.article_requested.emit(record.article_id)

    def edit_note(self) -> None:
        """编辑批注… / F2: the note of the current bookmark (the first one when none is) in a
        NoteDialog; saved through the model, which writes it on the writer."""
        row = self.view.currentIndex().row()
        if self.model.record_at(row) is None:
            row = 0
        record = self.model.record_at(row)
        index = self.model.index(row, NOTE)
        if record is None or not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        dialog = NoteDialog(record.key, record.headline, record.note, self)
        dialog.saved.connect(self._save_note)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_note(self, key: str, note: str) -> None:
        """The dialog's note, onto the row that has `key` now (the list may have been re-read)."""
        for row in range(self.model.rowCount()):
            record = self.model.record_at(row)
            if record is not None and record.key == key:
                self.model.setData(self.model.index(row, NOTE), note)
                return

    def _show_note(self) -> None:
        """The chosen bookmark's whole note under the list; hidden when it has none."""
        record = self.model.record_at(self.view.currentIndex().row())
        note = record.note if record is not None else ""
        self.note_view.setText(self.tr("批注：{0}").format(note) if note else "")
        self.note_view.setVisible(bool(note))

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
        """Bookmarks cannot be kept (the user's personal file cannot be written; a read-only
        archive is no reason): notes, 删除 and 撤销删除 are off, with `reason` as tip."""
        self._read_only = reason
        self.model.editable = reason is None
        tip = reason or ""
        for button in (self.remove_button, self.undo_button):
            button.setToolTip(tip)
        self.edit_note_action.setEnabled(reason is None)
        self._set_writing(self._writing)
        self._show_hint()

    def _show_hint(self) -> None:
        if self._read_only is None:
            self.hint.setText(self.tr("双击打开文章；F2 或右键 → 编辑批注…"))
        else:
            self.hint.setText(self.tr("双击打开文章；不能编辑批注：{0}").format(self._read_only))

    def _show_needed_columns(self) -> None:
        """报名 only when the bookmarks come from more than one paper: a column that says the
        same on every row would take the headline's width in a narrow panel (the headline's
        tooltip still names the paper)."""
        records = (self.model.record_at(row) for row in range(self.model.rowCount()))
        papers = {record.publication for record in records if record is not None}
        self.view.setColumnHidden(PUBLICATION, len(papers) <= 1)

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        writable = self._read_only is None and not writing
        self.remove_button.setEnabled(writable)
        self.remove_action.setEnabled(writable)
        self.undo_button.setEnabled(writable and bool(self._undo))

    def _write_failed(self, message: str) -> None:
        self.status.setText(message)
