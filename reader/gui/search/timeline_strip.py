"""The keyword timeline under the result count: one bar per month (or year) of the hits.

"When was this written about?" at a glance. The strip only paints what it is given (periods and
counts from reader.archive.timeline, computed on the search worker) and says what the user
picked: a click on a bar asks for that period as the date range (`period_chosen`), a click on
the bar already chosen asks to drop the range again (`period_cleared`). Hovering a bar shows
2022年7月：12 篇. Painted with QPainter: a few dozen rectangles need no chart library.

Hits in issues without a date belong to no bar; a second line under the bars counts them
(未定日期：8 篇), so what the strip shows adds up to the result count. When every hit is undated
that line is all the strip shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reader.archive.formatting import period_label
from reader.gui.palette import ISSUE_COLOUR

BAR_AREA = 34  # px of bar height; the labels below take one line of the font
SELECTED_COLOUR = QColor("#e65100")
EMPTY_COLOUR = QColor("#d0d0d0")
MAX_SLOT = 36.0


class TimelineStrip(QWidget):
    """Signals `period_chosen(period)` and `period_cleared()`; shows nothing until given periods."""

    period_chosen = Signal(str)
    period_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineStrip")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._periods: list[tuple[str, int]] = []
        self._selected: str | None = None
        self._hover: int | None = None
        self._undated = 0
        self.setFixedHeight(self.sizeHint().height())

    # --- what it shows -------------------------------------------------------------------------

    def set_periods(
        self, periods: Sequence[tuple[str, int]], selected: str | None = None, undated: int = 0
    ) -> None:
        """The bars, in order, the period currently chosen as the date range (if any), and the
        hits in undated issues (on a line of their own)."""
        self._periods = list(periods)
        self._selected = selected if any(p == selected for p, _ in self._periods) else None
        self._hover = None
        self._undated = undated
        self.setFixedHeight(self.sizeHint().height())
        self.setVisible(bool(self._periods) or undated > 0)
        self.update()

    def undated(self) -> int:
        return self._undated

    def periods(self) -> list[tuple[str, int]]:
        return list(self._periods)

    def selected(self) -> str | None:
        return self._selected

    def sizeHint(self) -> QSize:
        return QSize(240, self._line_top(len(self.caption_lines())) + 4)

    def _line_top(self, line: int) -> int:
        """Where text line `line` (0: the first under the bars) starts; no bars, no bar area."""
        bars = 2 + BAR_AREA + 2 if self._periods else 2
        return bars + line * self.fontMetrics().height()

    # --- geometry ----------------------------------------------------------------------------

    def _slot(self) -> float:
        """Each bar's column: the width shared out, but never wider than MAX_SLOT (a few bars
        stay bars, left-aligned, instead of blocks across the pane)."""
        return min(MAX_SLOT, (self.width() - 2) / max(1, len(self._periods)))

    def bar_rect(self, index: int) -> QRectF:
        """Where bar `index` may be drawn (its full height), in widget coordinates."""
        slot = self._slot()
        gap = 1.0 if slot >= 4 else 0.0
        return QRectF(1 + index * slot, 2, max(1.0, slot - gap), BAR_AREA)

    def index_at(self, pos: QPoint) -> int | None:
        """The bar under `pos` (anywhere in its column), or None."""
        if not self._periods or not 0 <= pos.y() < self.height():
            return None
        index = int((pos.x() - 1) // self._slot())
        return index if 0 <= index < len(self._periods) else None

    def tooltip_at(self, pos: QPoint) -> str:
        """What hovering at `pos` shows: 2022年7月：12 篇 ("" between bars)."""
        index = self.index_at(pos)
        if index is None:
            return ""
        period, count = self._periods[index]
        text = self.tr("{0}：{1} 篇").format(period_label(period), count)
        if period == self._selected:
            return text + self.tr("（再点一次取消日期范围）")
        return text + (self.tr("（点击只看这段时间）") if count else "")

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._periods:
            self._paint_bars(painter)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for number, line in enumerate(self.caption_lines()):
            rect = QRectF(2, self._line_top(number), self.width() - 4, self.fontMetrics().height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, line)
        painter.end()

    def _paint_bars(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        most = max(c for _, c in self._periods) or 1
        baseline = 2 + BAR_AREA
        painter.setPen(EMPTY_COLOUR)
        painter.drawLine(1, baseline, self.width() - 1, baseline)
        for index, (period, count) in enumerate(self._periods):
            rect = self.bar_rect(index)
            if not count:
                continue
            height = max(2.0, rect.height() * count / most)
            bar = QRectF(rect.left(), baseline - height, rect.width(), height)
            colour = SELECTED_COLOUR if period == self._selected else QColor(ISSUE_COLOUR)
            if index == self._hover and period != self._selected:
                colour = colour.lighter(140)
            painter.fillRect(bar, colour)

    def caption_lines(self) -> list[str]:
        """The lines under the bars: the span and scale, then 未定日期：N 篇 when there are any."""
        lines = [self.caption()] if self._periods else []
        if self._undated:
            lines.append(self.tr("未定日期：{0} 篇（不在上面的柱中）").format(self._undated))
        return lines

    def caption(self) -> str:
        """The line under the bars: 2022年7月—2022年8月，每柱一月，最多 7 篇."""
        first, last = self._periods[0][0], self._periods[-1][0]
        span = period_label(first) if first == last else f"{period_label(first)}—{period_label(last)}"
        unit = self.tr("每柱一月") if len(first) == 7 else self.tr("每柱一年")
        most = max(c for _, c in self._periods)
        return self.tr("{0}，{1}，最多 {2} 篇").format(span, unit, most)

    # --- the user ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if index is not None else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        index = self.index_at(event.position().toPoint())
        if index is None:
            return None
        period, count = self._periods[index]
        if period == self._selected:
            self._selected = None
            self.update()
            self.period_cleared.emit()
        elif count:
            self._selected = period
            self.update()
            self.period_chosen.emit(period)
        return None
