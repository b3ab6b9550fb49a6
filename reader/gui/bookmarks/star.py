"""The star (收藏本文, Ctrl+D): bookmarks or un-bookmarks the article in the reading pane.

Its state is read from the session's connection through the store (no connection of its own)
and shown optimistically while the write is on its way to the writer.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from reader.archive.errors import ArchiveError
from reader.archive.records import ArticleRecord
from reader.gui.bookmarks.store import BookmarkStore


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
        state = not self._store.is_bookmarked(self._record.key)
        self._store.set_bookmarked(self._record.key, state)
        self._sync()
        self.changed.emit(state)

    def set_read_only(self, reason: str | None) -> None:
        """Bookmarks cannot be kept (the user's personal file cannot be written; a read-only
        archive is no reason): the star is off, with `reason` as its tooltip."""
        self._read_only = reason
        self._sync()

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
            tip = self.tr("不能收藏：{0}").format(self._read_only)
        else:
            tip = self.tr("加入或移出书签（Ctrl+D）")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
