"""The left pane: publication filter, a month calendar marking issue days, the year strip (issues
per month of the shown year), and undated issues.

The calendar asks for one month of dates at a time (on every page change) and marks them bold
and coloured with a QTextCharFormat per date. Issue days are the only marked days: Qt paints
weekends red by default, which looked like issue days, so weekends take the normal text colour.
Days where a publication's schedule expects an issue the archive lacks get a dashed outline
(GapCalendar) and a tooltip 缺第1452期（按期号推算）. Undated issues are a list model below.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.archive.records import IssueRecord
from reader.gui import palette
from reader.gui.calendar.gap_calendar import GapCalendar
from reader.gui.calendar.year_strip import YearStrip
from reader.gui.plain import literal

Index = QModelIndex | QPersistentModelIndex
IssueIdRole = Qt.ItemDataRole.UserRole + 1
ISSUE_COLOR = QColor(palette.ISSUE_COLOUR)
ISSUE_BACKGROUND = QColor(palette.ISSUE_BACKGROUND)


class UndatedIssueModel(QAbstractListModel):
    """Issues without a date (未定日期), by file name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._issues: list[IssueRecord] = []

    def set_issues(self, issues: list[IssueRecord]) -> None:
        self.beginResetModel()
        self._issues = list(issues)
        self.endResetModel()

    def issue_at(self, row: int) -> IssueRecord | None:
        return self._issues[row] if 0 <= row < len(self._issues) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._issues)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._issues):
            return None
        issue = self._issues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = issue.publication or issue.source_name or self.tr("（未知报名）")
            number = self.tr("第{0}期").format(issue.number) if issue.number is not None else ""
            year = self.tr("约{0}年").format(issue.date_hint_year) if issue.date_hint_year else ""
            count = self.tr("{0}篇").format(issue.article_count)
            return " ".join(x for x in (name, number, year, count) if x)
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = ""
            if issue.date_hint_year:
                hint = self.tr("\n可能是 {0} 年").format(issue.date_hint_year)
                if issue.date_hint_reason:
                    hint += f"（{issue.date_hint_reason}）"
            return literal(self.tr("文件：{0}").format(issue.source_name or "") + hint)
        if role == IssueIdRole:
            return issue.id
        return None


class CalendarPanel(QWidget):
    """Signals what the user picked; the window decides what to open."""

    date_chosen = Signal(str)
    month_changed = Signal(int, int)
    publication_changed = Signal()
    latest_requested = Signal()
    undated_chosen = Signal(int)
    assign_date_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.publication = QComboBox(self)
        self.publication.setObjectName("publicationFilter")
        self.publication.addItem(self.tr("全部"), None)
        self.calendar = GapCalendar(self)
        self.calendar.setObjectName("issueCalendar")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):  # header and dates alike
            self.calendar.setWeekdayTextFormat(weekend, QTextCharFormat())
        self.year_strip = YearStrip(self)
        self.set_month_counts([0] * 12)  # until the window reads the archive
        self.unpinned = QLabel("", self)
        self.unpinned.setObjectName("unpinnedMissing")
        self.unpinned.setTextFormat(Qt.TextFormat.PlainText)  # a paper's name as written
        self.unpinned.setWordWrap(True)
        self.unpinned.setVisible(False)
        self.latest = QPushButton(self.tr("最新一期"), self)
        self.latest.setObjectName("latestButton")
        self.undated_model = UndatedIssueModel(self)
        self.undated_view = QListView(self)
        self.undated_view.setObjectName("undatedList")
        self.undated_view.setModel(self.undated_model)
        self.undated_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        # A long file name is cut in its middle (the tooltip names it whole), never scrolled
        # sideways in a column that is narrow on a small screen.
        self.undated_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.undated_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.assign = QPushButton(self.tr("设定报名和日期…"), self)
        self.assign.setObjectName("nameIssueButton")
        self.assign.setEnabled(False)
        self.undated_label = QLabel(self.tr("未定日期"), self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报名："), self))
        top.addWidget(self.publication, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.calendar)
        layout.addWidget(self.year_strip)
        layout.addWidget(self.unpinned)
        layout.addWidget(self.latest)
        layout.addSpacing(6)
        layout.addWidget(self.undated_label)
        layout.addWidget(self.undated_view, 1)
        layout.addWidget(self.assign)
        layout.addStretch(0)
        self._layout = layout
        self.calendar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._marked: list[QDate] = []
        self._missing: dict[QDate, str] = {}
        self._read_only: str | None = None
        self._datable: int | None = None  # the shown issue, when the user may date it
        self.calendar.clicked.connect(self._date_clicked)
        self.calendar.activated.connect(self._date_clicked)
        self.calendar.currentPageChanged.connect(self.month_changed)
        self.year_strip.month_chosen.connect(self.show_month)
        self.year_strip.year_step.connect(self._step_year)
        self.publication.currentIndexChanged.connect(self.publication_changed)
        self.latest.clicked.connect(self.latest_requested)
        self.undated_view.activated.connect(self._undated_activated)
        self.undated_view.clicked.connect(self._undated_activated)
        self.assign.clicked.connect(self._assign_clicked)

    def current_publication(self) -> str | None:
        value = self.publication.currentData()
        return value if isinstance(value, str) else None

    def show_all_publications(self) -> None:
        """Choose 全部 in the publication filter (emits publication_changed when it changes)."""
        self.publication.setCurrentIndex(0)

    def set_publications(self, names: list[str]) -> None:
        """Refill the filter, keeping the current choice when it still exists."""
        current = self.current_publication()
        self.publication.blockSignals(True)
        self.publication.clear()
        self.publication.addItem(self.tr("全部"), None)
        for name in names:
            self.publication.addItem(name, name)
        index = self.publication.findData(current) if current else 0
        self.publication.setCurrentIndex(max(0, index))
        self.publication.blockSignals(False)

    def shown_month(self) -> tuple[int, int]:
        return self.calendar.yearShown(), self.calendar.monthShown()

    def mark_dates(self, dates: list[str]) -> None:
        """Make exactly these days stand out (the shown month's issue days)."""
        self._reset_formats()
        days = (QDate.fromString(text, "yyyy-MM-dd") for text in dates)
        self._marked = [day for day in days if day.isValid()]
        self._apply_formats()

    def mark_missing(self, days: dict[str, str]) -> None:
        """Outline exactly these days (ISO day → tooltip): issues the schedule expects there."""
        self._reset_formats()
        qdays = ((QDate.fromString(text, "yyyy-MM-dd"), tip) for text, tip in days.items())
        self._missing = {day: tip for day, tip in qdays if day.isValid()}
        self.calendar.set_missing(set(self._missing))
        self._apply_formats()

    def set_unpinned(self, text: str, tooltip: str) -> None:
        """Under the calendar: the missing issues no day can be outlined for ("" hides it)."""
        self.unpinned.setText(text)
        self.unpinned.setToolTip(literal(tooltip))
        self.unpinned.setVisible(bool(text))

    def missing_tooltip(self, iso: str) -> str | None:
        """The tooltip of an outlined day, or None when the day is not outlined."""
        return self._missing.get(QDate.fromString(iso, "yyyy-MM-dd"))

    def _reset_formats(self) -> None:
        plain = QTextCharFormat()
        for day in [*self._marked, *self._missing]:
            self.calendar.setDateTextFormat(day, plain)

    def _apply_formats(self) -> None:
        issue = QTextCharFormat()
        issue.setFontWeight(QFont.Weight.Bold)
        issue.setForeground(QBrush(ISSUE_COLOR))
        issue.setBackground(QBrush(ISSUE_BACKGROUND))
        issue.setToolTip(self.tr("有报纸"))
        for day in self._marked:
            self.calendar.setDateTextFormat(day, issue)
        for day, tip in self._missing.items():
            fmt = self.calendar.dateTextFormat(day)
            fmt.setToolTip(literal("\n".join(t for t in (fmt.toolTip(), tip) if t)))
            self.calendar.setDateTextFormat(day, fmt)

    def set_month_counts(self, counts: list[int]) -> None:
        """The shown year's issues per month (twelve counts), for the year strip."""
        year, month = self.shown_month()
        self.year_strip.show_year(year, month, counts)

    def show_month(self, year: int, month: int) -> None:
        """Turn the calendar to this month (emits month_changed); the selection stays."""
        self.calendar.setCurrentPage(year, month)

    def _step_year(self, step: int) -> None:
        year, month = self.shown_month()
        self.show_month(year + step, month)

    def is_marked(self, iso: str) -> bool:
        """True when this day is shown as having an issue."""
        day = QDate.fromString(iso, "yyyy-MM-dd")
        return self.calendar.dateTextFormat(day).fontWeight() == QFont.Weight.Bold

    def select_date(self, iso: str) -> None:
        """Show the day's month and select it without emitting date_chosen."""
        day = dt.date.fromisoformat(iso)
        qdate = QDate(day.year, day.month, day.day)
        self.calendar.setCurrentPage(day.year, day.month)
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(qdate)
        self.calendar.blockSignals(False)

    def set_undated(self, issues: list[IssueRecord]) -> None:
        self.undated_model.set_issues(issues)
        visible = bool(issues)
        self.undated_label.setVisible(visible)
        self.undated_view.setVisible(visible)
        self._update_assign()
        # Without undated issues the space below the calendar stays empty, not a stretched calendar.
        self._layout.setStretch(self._layout.count() - 1, 0 if visible else 1)
        self.undated_label.setText(self.tr("未定日期（{0}）").format(len(issues)))

    def set_read_only(self, reason: str | None) -> None:
        """An archive that cannot be written: 设定报名和日期… is off, with `reason` as its tooltip."""
        self._read_only = reason
        self._update_assign()

    def set_shown_issue(self, issue: IssueRecord | None) -> None:
        """The issue the window lists; 设定报名和日期… acts on it (an undated one, or one whose
        masthead prints a wrong date: what the user gives comes first, what is printed stays)."""
        self._datable = issue.id if issue is not None else None
        self._update_assign()

    def _update_assign(self) -> None:
        """设定报名和日期… shows while there are undated issues or an issue is shown, and works on
        the shown issue in a writable archive."""
        self.assign.setVisible(self.undated_model.rowCount() > 0 or self._datable is not None)
        self.assign.setEnabled(self._datable is not None and self._read_only is None)
        reason = self._read_only
        self.assign.setToolTip(
            self.tr("只读档案，不能设定报名和日期：{0}").format(reason)
            if reason
            else self.tr("设定、更改或清除本期的报名、出版日期、期号和版次")
        )

    def _date_clicked(self, day: QDate) -> None:
        self.date_chosen.emit(day.toString("yyyy-MM-dd"))

    def _undated_activated(self, index: QModelIndex) -> None:
        issue_id = index.data(IssueIdRole)
        if issue_id is not None:
            self.undated_chosen.emit(int(issue_id))  # the window shows it: set_shown_issue

    def _assign_clicked(self) -> None:
        if self._datable is not None:
            self.assign_date_requested.emit(self._datable)
