"""The year strip under the calendar: the shown year's twelve months with their issue counts.

A month calendar shows one month; a user looking for "what does this archive hold?" would have
to page through years of empty months. The strip answers at a glance: months with issues are
marked as the calendar marks issue days, with the count; a click shows that month in the
calendar, ‹ and › step a year. It holds no data of its own: the panel hands it the counts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.palette import ISSUE_BACKGROUND, ISSUE_COLOUR

Index = QModelIndex | QPersistentModelIndex
MonthRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = 6  # two rows of six months: narrow enough for the calendar's column
EMPTY_COLOUR = QColor("#9e9e9e")


class MonthCountModel(QAbstractTableModel):
    """Issues per month of one year as a 2×6 grid (January–June above, July–December below)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._year = 0
        self._counts = [0] * 12

    def set_counts(self, year: int, counts: list[int]) -> None:
        """The year and its twelve counts; the grid keeps its shape, so views keep their state."""
        self._year = year
        self._counts = (list(counts) + [0] * 12)[:12]
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, COLUMNS - 1))

    def year(self) -> int:
        return self._year

    def count(self, month: int) -> int:
        return self._counts[month - 1]

    def index_of(self, month: int) -> QModelIndex:
        return self.index((month - 1) // COLUMNS, (month - 1) % COLUMNS)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else 12 // COLUMNS

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        month = index.row() * COLUMNS + index.column() + 1
        count = self._counts[month - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            # Always two lines, so every row is as tall as the one the strip's height was made for.
            return (
                self.tr("{0}月\n{1}期").format(month, count) if count else self.tr("{0}月\n–").format(month)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if count:
                return self.tr("{0}年{1}月：{2} 期").format(self._year, month, count)
            return self.tr("{0}年{1}月：没有报纸").format(self._year, month)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ISSUE_COLOUR) if count else EMPTY_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ISSUE_BACKGROUND)) if count else None
        if role == Qt.ItemDataRole.FontRole and count:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == MonthRole:
            return month
        return None


class YearStrip(QWidget):
    """Emits `month_chosen(year, month)` for a clicked month and `year_step(±1)` for ‹ and ›."""

    month_chosen = Signal(int, int)
    year_step = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MonthCountModel(self)
        self.back = QToolButton(self)
        self.back.setObjectName("yearBack")
        self.back.setText("‹")
        self.back.setToolTip(self.tr("上一年"))
        self.forward = QToolButton(self)
        self.forward.setObjectName("yearForward")
        self.forward.setText("›")
        self.forward.setToolTip(self.tr("下一年"))
        self.year_label = QLabel(self)
        self.year_label.setObjectName("yearLabel")
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = QTableView(self)
        self.view.setObjectName("monthStrip")
        self.view.setModel(self.model)
        self.view.horizontalHeader().hide()
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(1)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit_height()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.back)
        top.addWidget(self.year_label, 1)
        top.addWidget(self.forward)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.back.clicked.connect(lambda: self.year_step.emit(-1))
        self.forward.clicked.connect(lambda: self.year_step.emit(1))
        self.view.clicked.connect(self._month_activated)
        self.view.activated.connect(self._month_activated)

    def _fit_height(self) -> None:
        """Both rows in view, no scrolling. The rows' height is what the delegate needs for two
        lines of the cells' text: the Chinese glyphs come from a fallback font whose lines are
        taller than the view font's, so the font's own line spacing would cut the count off."""
        row = max(self.view.sizeHintForRow(r) for r in range(self.model.rowCount()))
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(row)
        self.view.setFixedHeight(row * self.model.rowCount() + 2 * self.view.frameWidth())

    def show_year(self, year: int, month: int, counts: list[int]) -> None:
        """The counts of `year`, with `month` (the calendar's) selected."""
        self.model.set_counts(year, counts)
        self.year_label.setText(self.tr("{0}年").format(year))
        total = sum(self.model.count(m) for m in range(1, 13))
        self.year_label.setToolTip(self.tr("{0}年共 {1} 期").format(year, total))
        self.view.setCurrentIndex(self.model.index_of(month))

    def _month_activated(self, index: QModelIndex) -> None:
        month = index.data(MonthRole)
        if month is not None:
            self.month_chosen.emit(self.model.year(), int(month))
