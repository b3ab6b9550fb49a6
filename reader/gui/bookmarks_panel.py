"""The 书签 panel and the star toggle of the reading pane, over a BookmarkStore.

Wiring (main window): make one `BookmarkStore(session, window.writer)`; put
`BookmarksPanel(store).as_dock(window)` into the window and connect its `article_requested(int)`
to the slot that shows an article; make one `BookmarkToggle(store, window)`, add its `action`
(Ctrl+D) to a menu and its `tool_button()` to the reading pane, and call `set_article(record)`
whenever the pane shows another article (None when it shows none). Show `store.failed`
messages to the user; call `set_read_only(reason)` on both for an archive that cannot be written.

Writes go through the store to the window's one writer and land later; the panel updates when
they do. No SQL here.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap, QPolygonF, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.archive.bookmarks import BookmarkRecord
from reader.archive.errors import ArchiveError
from reader.archive.formatting import chinese_date
from reader.archive.records import ArticleRecord
from reader.gui.bookmark_store import BookmarkStore
from reader.gui.roles import ArticleIdRole as ARTICLE_ID_ROLE

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole
DISPLAY = Qt.ItemDataRole.DisplayRole
HEADLINE, PUBLICATION, DATE, NOTE = range(4)


class BookmarksModel(QAbstractTableModel):
    """Bookmarks as rows (标题, 报名, 日期, 批注), in the order they were added; notes editable
    unless the archive is read-only.

    Bookmarks are few, so the model keeps their records; it reloads on `store.changed`. An
    edited note shows at once and is written on the writer; a failed write reloads the rows.
    """

    def __init__(self, store: BookmarkStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[BookmarkRecord] = []
        self.editable = True
        self._headers = (self.tr("标题"), self.tr("报名"), self.tr("日期"), self.tr("批注"))
        store.changed.connect(self.refresh)
        store.note_changed.connect(self._note_changed)

    def refresh(self) -> None:
        """Reload every bookmark from the archive."""
        self.beginResetModel()
        try:
            self._rows = self._store.records()
        except ArchiveError:
            self._rows = []
        self.endResetModel()

    def record_at(self, row: int) -> BookmarkRecord | None:
        """The bookmark shown in `row`, or None outside the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 -- Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 -- Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == DISPLAY and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NOTE and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.EditRole and column == NOTE:
            return record.note
        if role == Qt.ItemDataRole.ToolTipRole:
            if record.deleted:
                return self.tr("原文已删除：重新导入后档案中已没有这篇文章，书签保留了标题和批注。")
            return record.note or record.headline
        if role == Qt.ItemDataRole.ForegroundRole and record.deleted:
            return QColor("#8a8a8a")
        if role == KEY_ROLE:
            return record.key
        if role == ARTICLE_ID_ROLE:
            return record.article_id
        return None

    def _display(self, record: BookmarkRecord, column: int) -> str | None:
        if column == HEADLINE:
            title = record.headline or self.tr("（无标题）")
            return self.tr("【原文已删除】{0}").format(title) if record.deleted else title
        if column == PUBLICATION:
            return record.publication or ""
        if column == DATE:
            return chinese_date(record.date)
        if column == NOTE:
            return record.note
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None or index.column() != NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        if not self.editable:
            return False
        note = str(value or "").strip()
        if note == record.note:
            return True
        self._rows[index.row()] = dataclasses.replace(record, note=note)
        self.dataChanged.emit(index, index)
        self._store.set_note(record.key, note)
        return True

    def _note_changed(self, key: str) -> None:
        """The note is in the file: show what the file says."""
        try:
            stored = self._store.record(key)
        except ArchiveError:
            return
        for row, record in enumerate(self._rows):
            if record.key == key and stored is not None:
                self._rows[row] = dataclasses.replace(record, note=stored.note)
                self.dataChanged.emit(self.index(row, NOTE), self.index(row, NOTE))


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


def star_icon(size: int = 32) -> QIcon:
    """A star: outlined when off, filled gold when on (no image files needed)."""
    icon = QIcon()
    for state, fill in ((QIcon.State.Off, None), (QIcon.State.On, QColor("#f2b600"))):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#a07800") if fill else QColor("#666666"))
        if fill is not None:
            painter.setBrush(fill)
        painter.drawPolygon(_star(size))
        painter.end()
        icon.addPixmap(pixmap, QIcon.Mode.Normal, state)
    return icon


def _star(size: int) -> QPolygonF:
    centre, outer, inner = size / 2, size * 0.46, size * 0.19
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre + radius * math.cos(angle), centre + 1 + radius * math.sin(angle)))
    return QPolygonF(points)


class BookmarkToggle(QObject):
    """The star: a checkable `action` (Ctrl+D) that bookmarks or un-bookmarks the shown article.

    Call `set_article(record)` when the reading pane changes; `changed(bool)` reports the state
    asked for by a toggle (shown at once; the write lands later, a failure turns the star back).
    Disabled while no article is shown, and for an archive that cannot be written.
    """

    changed = Signal(bool)

    def __init__(self, store: BookmarkStore, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._record: ArticleRecord | None = None
        self._read_only: str | None = None
        self.action = QAction(star_icon(), self.tr("收藏本文"), parent)
        self.action.setObjectName("bookmarkAction")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setToolTip(self.tr("加入或移出书签（Ctrl+D）"))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.toggle)
        parent.addAction(self.action)
        store.changed.connect(self._sync)

    def set_article(self, record: ArticleRecord | None) -> None:
        """The article now shown (None: nothing), so the star shows its bookmark state."""
        self._record = record
        self._sync()

    def toggle(self) -> None:
        """Bookmark the shown article, or remove its bookmark (written on the writer)."""
        if self._record is None or self._read_only is not None:
            self._sync()
            return
        state = self._store.toggle(self._record.key)
        self._sync()
        self.changed.emit(state)

    def set_read_only(self, reason: str | None) -> None:
        """An archive that cannot be written: the star is off, with `reason` as its tooltip."""
        self._read_only = reason
        self._sync()

    def tool_button(self, parent: QWidget | None = None) -> QToolButton:
        """A flat star button bound to `action`, for the reading pane's corner."""
        button = QToolButton(parent)
        button.setObjectName("bookmarkButton")
        button.setDefaultAction(self.action)
        button.setAutoRaise(True)
        return button

    def _sync(self) -> None:
        record = self._record
        self.action.setEnabled(record is not None and self._read_only is None)
        try:
            marked = record is not None and self._store.is_bookmarked(record.key)
        except ArchiveError:
            marked = False
        self.action.setChecked(marked)
        self.action.setText(self.tr("移出书签") if marked else self.tr("收藏本文"))
        if self._read_only is not None:
            tip = self.tr("只读档案，不能收藏：{0}").format(self._read_only)
        else:
            tip = self.tr("加入或移出书签（Ctrl+D）")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
