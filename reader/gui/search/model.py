"""Search results: a list model over pages of hits, and a delegate that draws them as rich text.

The model holds the hits loaded so far and the total; `fetchMore` asks for the next page through
a callback (the controller runs it off the UI thread and calls `append_page`), so scrolling
through 10,000 hits loads them a page at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.gui.palette import SOURCE_COLOUR
from reader.gui.plain import literal
from reader.gui.roles import ArticleIdRole
from reader.gui.search.adapter import HitRow, SearchOutcome

Index = QModelIndex | QPersistentModelIndex
HtmlRole = Qt.ItemDataRole.UserRole + 10
SELECTED_BACKGROUND = QColor("#dceaf8")
SELECTED_EDGE = QColor("#2b6cb0")


def hit_html(hit: HitRow) -> str:
    """The three lines of a result: headline, publication · date · page, snippet."""
    return (
        f'<div style="font-weight:bold; font-size:large;">{hit.headline_html}</div>'
        f'<div style="color:{SOURCE_COLOUR};">{hit.meta}</div>'
        f'<div style="color:#333;">{hit.snippet_html}</div>'
    )


class SearchResultModel(QAbstractListModel):
    """Hits of the current query, loaded page by page."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[HitRow] = []
        self._total = 0
        self._loading = False
        self._request_more: Callable[[int], None] | None = None

    def set_request_more(self, request_more: Callable[[int], None]) -> None:
        """`request_more(offset)` is called when the view wants rows beyond those loaded."""
        self._request_more = request_more

    @property
    def total(self) -> int:
        return self._total

    def reset(self, outcome: SearchOutcome | None) -> None:
        """Show the first page of a new query (or nothing)."""
        self.beginResetModel()
        self._hits = list(outcome.hits) if outcome else []
        self._total = outcome.total if outcome else 0
        self._loading = False
        self.endResetModel()

    def append_page(self, outcome: SearchOutcome) -> None:
        """Add the next page (ignored unless it starts where the loaded rows end)."""
        self._loading = False
        if outcome.request.offset != len(self._hits) or not outcome.hits:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(outcome.hits) - 1)
        self._hits.extend(outcome.hits)
        self.endInsertRows()

    def page_failed(self) -> None:
        self._loading = False

    def hit(self, row: int) -> HitRow | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._loading and len(self._hits) < self._total

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent) and self._request_more is not None:
            self._loading = True
            self._request_more(len(self._hits))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.headline_text}\n{hit.meta}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(hit.headline_text)
        if role == HtmlRole:
            return hit_html(hit)
        if role == ArticleIdRole:
            return hit.id
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's HtmlRole as wrapped rich text; height follows the view's width.

    Heights are cached by (html, width): a layout pass or a scroll does not lay out every
    document again.
    """

    MARGIN = 6
    CACHE_LIMIT = 2000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int], QSize] = {}

    def _document(self, option: QStyleOptionViewItem, index: Index, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.MARGIN)
        doc.setHtml(index.data(HtmlRole) or "")
        doc.setTextWidth(max(50.0, width))
        return doc

    def _width(self, option: QStyleOptionViewItem) -> float:
        view = self.parent()
        if isinstance(view, QWidget) and hasattr(view, "viewport"):
            return float(view.viewport().width())
        return float(option.rect.width())

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            # A light selection keeps the coloured meta line and the hit marks readable.
            opt.state &= ~QStyle.StateFlag.State_Selected
            painter.fillRect(option.rect, SELECTED_BACKGROUND)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if selected:
            painter.fillRect(option.rect, SELECTED_BACKGROUND)
            painter.fillRect(option.rect.adjusted(0, 0, -option.rect.width() + 3, 0), SELECTED_EDGE)
        doc = self._document(option, index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = int(self._width(option))
        key = (index.data(HtmlRole) or "", width)
        size = self._heights.get(key)
        if size is None:
            doc = self._document(option, index, width)
            size = QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
            if len(self._heights) >= self.CACHE_LIMIT:
                self._heights.clear()
            self._heights[key] = size
        return size
