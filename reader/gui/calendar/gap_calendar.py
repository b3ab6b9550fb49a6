"""The month calendar with missing issues drawn in: a dashed outline on each day where the
publication's schedule expects an issue the archive lacks (reader.archive.gaps).

A subclass only for the painting: QCalendarWidget's cells are drawn by `paintCell`, and a dashed
frame is not something a QTextCharFormat can say. Which days, and their tooltips, the calendar
panel decides.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QCalendarWidget, QWidget

from reader.gui import palette


class GapCalendar(QCalendarWidget):
    """A QCalendarWidget that outlines the days given to `set_missing`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._missing: set[QDate] = set()

    def set_missing(self, days: set[QDate]) -> None:
        self._missing = set(days)
        self.updateCells()

    def missing(self) -> set[QDate]:
        return set(self._missing)

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate | object) -> None:
        super().paintCell(painter, rect, date)  # type: ignore[arg-type]
        if date in self._missing:
            painter.save()
            pen = QPen(QColor(palette.ISSUE_COLOUR), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
            painter.restore()
