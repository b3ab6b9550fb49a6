"""The bookmarks as a table model: 标题, 报名, 日期, 批注, in the order they were added.

A model of its own so the panel is only a view with buttons, and the note editing (write on
the writer, show what the file says when it lands) has one home.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reader.archive.bookmarks import BookmarkRecord
from reader.archive.errors import ArchiveError
from reader.archive.formatting import chinese_date
from reader.gui.bookmarks.store import BookmarkStore
from reader.gui.plain import literal
from reader.gui.roles import ArticleIdRole

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
                return self.tr(
                    "已不在档案中：档案里已没有这篇文章（重新导入时删去，或新发布的档案里没有它），"
                    "书签保留了标题和批注；文章回到档案后书签照常可用。"
                )
            if column == HEADLINE:  # the whole headline, which a narrow column cuts, and its paper
                where = " · ".join(x for x in (record.publication, chinese_date(record.date)) if x)
                return literal(f"{record.headline}\n{where}" if where else record.headline)
            return literal(record.note or record.headline)
        if role == Qt.ItemDataRole.ForegroundRole and record.deleted:
            return QColor("#8a8a8a")
        if role == KEY_ROLE:
            return record.key
        if role == ArticleIdRole:
            return record.article_id
        return None

    def _display(self, record: BookmarkRecord, column: int) -> str | None:
        if column == HEADLINE:
            title = record.headline or self.tr("（无标题）")
            return self.tr("【已不在档案中】{0}").format(title) if record.deleted else title
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
