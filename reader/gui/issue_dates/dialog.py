"""The date dialog for an issue the paper left undated: give, change or clear its date.

Keyboard first: the date field starts on the day the issue's text suggests (or the date given
before), selected, so Enter confirms it and typing replaces it in any form staff write
(2022-7-5, 2022年7月5日, 20220705, 2022/07/05; reader.text.dates.exact_day reads them). What the
typed text means is said under the field, or why it is no day; 确定 waits for a real day. The
calendar beside it follows the typing, and a day picked on it fills the field. 清除日期 appears
when the issue has a date the user gave: the issue goes back to 未定日期.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from reader.archive.formatting import chinese_date, issue_label, weekday_of
from reader.archive.records import IssueRecord
from reader.gui.metrics import chars_width
from reader.gui.plain import plain_label
from reader.text.dates import DAY_FORMS, DateError, exact_day

ERROR_STYLE = "color:#b00020;"
FIELD_CHARS = 24  # room for the placeholder's first forms and a typed 2022年12月31日


class DateDialog(QDialog):
    """`iso_date()` after accept: the day chosen, or None when the user cleared the date."""

    def __init__(
        self, issue: IssueRecord, parent: QWidget | None = None, suggestion: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设定出版日期"))
        self.cleared = False
        self.typed = QLineEdit(self)
        self.typed.setObjectName("typedDate")
        self.typed.setPlaceholderText(DAY_FORMS)
        self.typed.setMinimumWidth(chars_width(self.typed.font(), FIELD_CHARS))
        self.meaning = plain_label("", self)
        self.meaning.setObjectName("dateMeaning")
        self.edit = QDateEdit(self._start(issue, suggestion), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.clear_button = self.buttons.addButton(self.tr("清除日期"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.setObjectName("clearDate")
        self.clear_button.setVisible(bool(issue.user_date))
        self._lay_out(issue, suggestion)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self._clear)
        self.typed.textEdited.connect(self._typed)
        self.edit.dateChanged.connect(self._picked)
        if suggestion:
            self.typed.setText(suggestion)
            self.typed.selectAll()
        self._typed(self.typed.text())
        self.typed.setFocus()

    @staticmethod
    def _start(issue: IssueRecord, suggestion: str | None) -> QDate:
        """The calendar's first day: the suggested day, else 1 January of the year the text
        suggests (or of this year)."""
        if suggestion:
            return QDate.fromString(suggestion, "yyyy-MM-dd")
        return QDate(issue.date_hint_year or QDate.currentDate().year(), 1, 1)

    def _lay_out(self, issue: IssueRecord, suggestion: str | None) -> None:
        form = QFormLayout(self)
        name = issue.source_name or issue_label(issue.date, issue.publication, issue.number, None)
        form.addRow(self.tr("文件："), plain_label(name, self))
        if issue.user_date:
            form.addRow(self.tr("已设定："), QLabel(chinese_date(issue.user_date), self))
        if issue.date_hint_year:
            hint = self.tr("正文提示是 {0} 年").format(issue.date_hint_year)
            if suggestion and not issue.user_date:
                hint += self.tr("，提到的日期是 {0}").format(chinese_date(suggestion))
            form.addRow(self.tr("提示："), QLabel(hint, self))
        form.addRow(self.tr("出版日期："), self.typed)
        form.addRow("", self.meaning)
        form.addRow(self.tr("日历："), self.edit)
        form.addRow(self.buttons)

    def _typed(self, text: str) -> None:
        """Say what the typed text means, follow it on the calendar, allow 确定 for a real day."""
        try:
            iso = exact_day(text)
        except DateError as err:
            self.meaning.setText(str(err) if text.strip() else self.tr("请输入日期，或在日历中选择"))
            self.meaning.setStyleSheet(ERROR_STYLE if text.strip() else "")
            self._ok.setEnabled(False)
            return
        self.meaning.setText(f"{chinese_date(iso)} {weekday_of(iso) or ''}".strip())
        self.meaning.setStyleSheet("")
        self._ok.setEnabled(True)
        self.edit.blockSignals(True)
        self.edit.setDate(QDate.fromString(iso, "yyyy-MM-dd"))
        self.edit.blockSignals(False)

    def _picked(self, day: QDate) -> None:
        """A day chosen on the calendar: the field says it."""
        self.typed.setText(day.toString("yyyy-MM-dd"))
        self._typed(self.typed.text())

    def _clear(self) -> None:
        self.cleared = True
        self.accept()

    def iso_date(self) -> str | None:
        """The day chosen ('YYYY-MM-DD'), or None when 清除日期 was pressed."""
        return None if self.cleared else self.edit.date().toString("yyyy-MM-dd")
