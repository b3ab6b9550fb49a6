"""Laying a document out in pages for one device and painting it with page-number footers.

We paint each page ourselves (QTextDocument.drawContents over the page's rectangle) rather than
calling QTextDocument.print, because the footer must say "第 N 页 / 共 M 页" and the clippings
book needs to know on which page each article starts. The same code paints on a QPdfWriter and
on a paper QPrinter, so PDF and print look alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)

from reader.export.errors import ExportCancelled
from reader.export.markup import stylesheet

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageStyle:
    """Paper, margins (mm: left, top, right, bottom) and the sizes of body text and footer."""

    margins_mm: tuple[float, float, float, float] = (22.0, 20.0, 22.0, 16.0)
    body_pt: float = 11.5
    footer_pt: float = 9.0
    footer_gap_pt: float = 12.0

    def page_layout(self) -> QPageLayout:
        """A4 portrait with these margins."""
        left, top, right, bottom = self.margins_mm
        return QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(left, top, right, bottom),
            QPageLayout.Unit.Millimeter,
        )


def footer_text(page: int, pages: int) -> str:
    """'第 3 页 / 共 12 页'."""
    return f"第 {page} 页 / 共 {pages} 页"


def print_font(family: str, point_size: float) -> QFont:
    """The CJK family at this size, with the OpenType 'locl' feature off.

    In Latin runs (e.g. "PM2.5", "5G") Noto CJK's 'locl' swaps digits for variants that have no
    code point, so they would vanish from text copied out of the PDF; the SC family needs no
    localisation anyway. (QFont.setFeature is new in Qt 6.7, the oldest PySide6 pyproject.toml
    allows.)
    """
    font = QFont(family)
    font.setPointSizeF(point_size)
    font.setFeature(QFont.Tag("locl"), 0)
    return font


class PagedDocument:
    """HTML laid out in pages of one device's printable area, minus room for the footer.

    Create it in the thread that paints (QTextDocument is a QObject). Page numbers are 1-based.
    """

    def __init__(self, html: str, family: str, device: QPagedPaintDevice, style: PageStyle) -> None:
        self.family = family
        self.style = style
        dpi = device.logicalDpiY()  # QPdfWriter and QPrinter both report their resolution here
        self._dpi = float(dpi)
        rect = device.pageLayout().paintRectPixels(dpi)
        self.width = float(rect.width())
        footer = (style.footer_pt * 1.6 + style.footer_gap_pt) * self._dpi / POINTS_PER_INCH
        self.body_height = float(rect.height()) - footer
        self.full_height = float(rect.height())
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(device)
        self.document.setDefaultStyleSheet(stylesheet(2 * style.body_pt * self._dpi / POINTS_PER_INCH))
        self.document.setDefaultFont(print_font(family, style.body_pt))
        self.document.setDocumentMargin(0)
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        self.set_html(html)

    def set_html(self, html: str) -> None:
        """Replace the content and lay it out again (the page size and fonts stay)."""
        self.document.setHtml(html)

    @property
    def page_count(self) -> int:
        """How many pages the laid-out document has."""
        return max(1, self.document.pageCount())

    def anchor_pages(self) -> dict[str, int]:
        """Page (1-based) of every named anchor: where each article starts."""
        layout = self.document.documentLayout()
        found: dict[str, int] = {}
        block = self.document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                names = fragments.fragment().charFormat().anchorNames()
                if names:
                    top = layout.blockBoundingRect(block).top()
                    # A block pushed to a new page starts exactly on its top edge; allow rounding.
                    page = int((top + 1.0) // self.body_height) + 1
                    for name in names:
                        found.setdefault(name, page)
                fragments += 1
            block = block.next()
        return found

    def paint(
        self,
        painter: QPainter,
        device: QPagedPaintDevice,
        pages: Iterable[int] | None = None,
        *,
        footer_from: int = 1,
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> int:
        """Paint the given pages (default all), a new device page between them; returns how many.

        Footers are drawn on pages numbered `footer_from` and later (a title page has none).
        Raises ExportCancelled between pages when `should_cancel()` turns true.
        """
        total = self.page_count
        chosen = [p for p in (range(1, total + 1) if pages is None else pages) if 1 <= p <= total]
        for done, page in enumerate(chosen):
            if should_cancel is not None and should_cancel():
                raise ExportCancelled()
            if done:
                device.newPage()
            self._paint_page(painter, page, total, with_footer=page >= footer_from)
            if progress is not None:
                progress(done + 1, len(chosen))
        return len(chosen)

    def _paint_page(self, painter: QPainter, page: int, total: int, *, with_footer: bool) -> None:
        top = (page - 1) * self.body_height
        painter.save()
        painter.translate(0, -top)
        self.document.drawContents(painter, QRectF(0, top, self.width, self.body_height))
        painter.restore()
        if with_footer:
            self._paint_footer(painter, page, total)

    def _paint_footer(self, painter: QPainter, page: int, total: int) -> None:
        font = print_font(self.family, self.style.footer_pt)
        line_height = self.style.footer_pt * 1.6 * self._dpi / POINTS_PER_INCH
        rule_y = self.full_height - line_height - self.style.footer_gap_pt * self._dpi / POINTS_PER_INCH / 2
        painter.save()
        pen = QPen(QColor("#999999"))
        pen.setWidthF(0.4 * self._dpi / POINTS_PER_INCH)
        painter.setPen(pen)
        painter.drawLine(0, int(rule_y), int(self.width), int(rule_y))
        painter.setPen(QColor("#444444"))
        painter.setFont(font)
        box = QRectF(0, self.full_height - line_height, self.width, line_height)
        align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        painter.drawText(box, int(align), footer_text(page, total))
        painter.restore()
