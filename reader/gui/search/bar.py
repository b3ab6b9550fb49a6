"""The search bar: query field, sort order and an optional date range, above the panes.

It only collects what the user wants (`request()`) and says when that changed; debouncing,
running and showing results belong to the SearchController.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from reader.archive.search_request import SORT_LABELS, SORTS, SearchRequest
from reader.gui.metrics import chars_width
from reader.gui.search.adapter import PAGE_SIZE

FIELD_CHARS = 10  # the query field's narrowest: a few words; on a small screen it gives way first


class SearchBar(QWidget):
    """Emits `changed` on every edit; `escape_pressed` when Esc is pressed in the field."""

    changed = Signal()
    escape_pressed = Signal()
    return_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("检索全部报纸：输入关键词，空格分隔多个词（Ctrl+K）"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(chars_width(self.field.font(), FIELD_CHARS))
        self.sort = QComboBox(self)
        self.sort.setObjectName("searchSort")
        for key in SORTS:
            self.sort.addItem(self.tr(SORT_LABELS[key]), key)
        self.range_box = QCheckBox(self.tr("日期范围"), self)
        today = QDate.currentDate()  # until the window gives the archive's own span
        self._span: tuple[str, str] | None = None  # the archive's first and last issue day
        self.date_from = QDateEdit(today.addYears(-1), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(QLabel(self.tr("排序："), self))
        layout.addWidget(self.sort)
        layout.addSpacing(8)
        layout.addWidget(self.range_box)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("—", self))
        layout.addWidget(self.date_to)
        self.field.textChanged.connect(self.changed)
        self.field.returnPressed.connect(self.return_pressed)
        self.sort.currentIndexChanged.connect(self.changed)
        self.range_box.toggled.connect(self._range_toggled)
        self.date_from.dateChanged.connect(self._range_edited)
        self.date_to.dateChanged.connect(self._range_edited)
        self.field.installEventFilter(self)

    def eventFilter(self, watched: object, event: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.escape_pressed.emit()
            return True
        return False

    def _range_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def _range_edited(self) -> None:
        if self.range_box.isChecked():
            self.changed.emit()

    def set_date_span(self, span: tuple[str, str] | None) -> None:
        """Offer the archive's first and last issue dates as the range (while it is not ticked).

        Ticking 日期范围 then starts from the whole archive and narrows from there; a range the
        user has ticked is theirs and stays as it is.
        """
        self._span = span
        if span is None or self.range_box.isChecked():
            return
        first, last = (QDate.fromString(day, "yyyy-MM-dd") for day in span)
        if first.isValid() and last.isValid():
            self.date_from.setDate(first)
            self.date_to.setDate(last)

    def set_range(self, first: str, last: str) -> None:
        """Tick 日期范围 with these ISO days (a period chosen on the timeline); one `changed`."""
        self.blockSignals(True)
        try:
            self.date_from.setDate(QDate.fromString(first, "yyyy-MM-dd"))
            self.date_to.setDate(QDate.fromString(last, "yyyy-MM-dd"))
            self.range_box.setChecked(True)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def chosen_range(self) -> tuple[str, str] | None:
        """The ticked date range as ISO days, or None when 日期范围 is off."""
        if not self.range_box.isChecked():
            return None
        return self.date_from.date().toString("yyyy-MM-dd"), self.date_to.date().toString("yyyy-MM-dd")

    def clear_range(self) -> None:
        """Untick 日期范围 (the search runs again without it); the boxes go back to the
        archive's span, so a range that found nothing is not what the next tick starts from."""
        self.range_box.setChecked(False)
        self.set_date_span(self._span)

    def clear_query(self) -> None:
        """Empty the field (Esc); `changed` says so as for any edit."""
        self.field.clear()

    def text(self) -> str:
        return self.field.text()

    def focus(self) -> None:
        """Put the cursor in the field with its text selected (Ctrl+K or Ctrl+L)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def request(self, publication: str | None = None) -> SearchRequest:
        """What to search for now (date range only when ticked)."""
        date_from = date_to = None
        if self.range_box.isChecked():
            start, end = self.date_from.date(), self.date_to.date()
            if start > end:
                start, end = end, start
            date_from, date_to = start.toString("yyyy-MM-dd"), end.toString("yyyy-MM-dd")
        return SearchRequest(
            self.field.text().strip(),
            date_from,
            date_to,
            publication,
            sort=str(self.sort.currentData()),
            limit=PAGE_SIZE,
        )
