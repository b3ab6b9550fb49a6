"""设定报名和日期…: give an issue its paper, date, number and page, change them or clear them.

Keyboard first, for the dumps without a masthead (issue 23 defect 1) as much as for a masthead
that prints a wrong date. Each field starts on what the issue has or its text suggests
(reader.archive.issue_names.suggest_names: the user's value, else the printed one, else a day
the text mentions and the paper its datelines' place points to). The date field has focus with
its text selected, so Enter confirms it and typing replaces it in any form staff write
(2022-7-5, 2022年7月5日, 20220705; reader.text.dates.exact_day); what the typed text means is said
under it, or why it is no day, and 确定 waits for a real day (an empty field leaves the issue
undated). Tab leads on to the number and the page (the calendar, which takes Tab for its own
sections, comes last); Shift+Tab back to the paper, a list of the archive's papers that takes a
new name typed in. What the files print is shown as
报头印的是…, so an override never hides it. 清除设定 takes back everything the user gave.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from reader.archive.formatting import DateStyle, chinese_date, source_line, weekday_of
from reader.archive.issue_names import IssueNames, Suggestion
from reader.archive.records import IssueRecord
from reader.gui.metrics import chars_width
from reader.gui.plain import plain_label
from reader.text.dates import DAY_FORMS, DateError, exact_day

ERROR_STYLE = "color:#b00020;"
FIELD_CHARS = 24  # room for the placeholder's first forms and a typed 2022年12月31日
NUMBER_CHARS = 8


def _starting_names(issue: IssueRecord) -> Suggestion:
    """What the dialog starts from when no suggestion was read: the issue as it is shown."""
    shown = IssueNames(issue.publication, issue.date, issue.number, issue.user_page)
    given = IssueNames(issue.user_publication, issue.user_date, issue.user_number, issue.user_page)
    return Suggestion(shown, IssueNames(date=issue.printed_date), given, None, 1)


class IssueNamesDialog(QDialog):
    """`names()` after accept: what the user gave the issue, or None when 清除设定 was pressed."""

    def __init__(
        self,
        issue: IssueRecord,
        parent: QWidget | None = None,
        suggestion: Suggestion | None = None,
        papers: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设定报名和日期"))
        self.cleared = False
        start = suggestion or _starting_names(issue)
        self.paper = QComboBox(self)
        self.paper.setObjectName("paperField")
        self.paper.setEditable(True)
        self.paper.addItems(list(papers))
        self.paper.setCurrentText(start.names.publication or "")
        typed_paper = self.paper.lineEdit()
        if typed_paper is not None:
            typed_paper.setPlaceholderText(self.tr("选择或输入报纸名称"))
        self.typed = QLineEdit(self)
        self.typed.setObjectName("typedDate")
        self.typed.setPlaceholderText(DAY_FORMS)
        self.typed.setMinimumWidth(chars_width(self.typed.font(), FIELD_CHARS))
        self.meaning = plain_label("", self)
        self.meaning.setObjectName("dateMeaning")
        self.edit = QDateEdit(self._start(issue, start.names.date), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.number = self._number_field("numberField", start.names.number, self.tr("总第N期的 N，可不填"))
        self.page = self._number_field("pageField", start.names.page, self.tr("第N版的 N，可不填"))
        if start.pages > 1:
            self.page.setText("")
            self.page.setEnabled(False)
            self.page.setPlaceholderText(self.tr("本期的文章分在 {0} 个版面上").format(start.pages))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.clear_button = self.buttons.addButton(self.tr("清除设定"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.setObjectName("clearDate")
        self.clear_button.setToolTip(self.tr("清除给本期设定的报名、日期、期号和版次，回到文件里印的"))
        self.clear_button.setVisible(issue.named_by_user)
        self._lay_out(issue, start)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self._clear)
        self.typed.textEdited.connect(self._typed)
        self.edit.dateChanged.connect(self._picked)
        if start.names.date:
            self.typed.setText(start.names.date)
            self.typed.selectAll()
        self._typed(self.typed.text())
        self.typed.setFocus()

    def _number_field(self, name: str, value: int | None, placeholder: str) -> QLineEdit:
        field = QLineEdit("" if value is None else str(value), self)
        field.setObjectName(name)
        field.setValidator(QIntValidator(1, 999_999, field))
        field.setPlaceholderText(placeholder)
        field.setMaximumWidth(chars_width(field.font(), NUMBER_CHARS + 6))
        return field

    @staticmethod
    def _start(issue: IssueRecord, suggestion: str | None) -> QDate:
        """The calendar's first day: the suggested day, else 1 January of the year the text
        suggests (or of this year)."""
        if suggestion:
            return QDate.fromString(suggestion, "yyyy-MM-dd")
        return QDate(issue.date_hint_year or QDate.currentDate().year(), 1, 1)

    def _lay_out(self, issue: IssueRecord, start: Suggestion) -> None:
        form = QFormLayout(self)
        name = issue.source_name or issue.key
        form.addRow(self.tr("文件："), plain_label(name, self))
        printed = start.printed
        if printed.publication or printed.date or printed.number is not None:
            line = source_line(printed.publication, printed.date, DateStyle.CHINESE, number=printed.number)
            form.addRow(self.tr("报头印的是："), plain_label(line, self))
        hints = []
        if issue.date_hint_year:
            hints.append(self.tr("正文提示是 {0} 年").format(issue.date_hint_year))
        if start.names.date and not start.given.date and not printed.date:
            hints.append(self.tr("提到的日期是 {0}").format(chinese_date(start.names.date)))
        if start.place:
            hints.append(self.tr("电头是“{0}讯”").format(start.place))
        if hints:
            form.addRow(self.tr("提示："), plain_label("，".join(hints), self))
        form.addRow(self.tr("报纸："), self.paper)
        form.addRow(self.tr("出版日期："), self.typed)
        form.addRow("", self.meaning)
        form.addRow(self.tr("日历："), self.edit)
        form.addRow(self.tr("期号："), self.number)
        form.addRow(self.tr("版次："), self.page)
        form.addRow(self.buttons)
        # The calendar last: a QDateEdit takes Tab for its own sections (day, month, year).
        for first, second in ((self.paper, self.typed), (self.typed, self.number), (self.number, self.page)):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.page, self.edit)

    def _typed(self, text: str) -> None:
        """Say what the typed text means, follow it on the calendar, allow 确定 for a real day
        or for no date at all (the issue stays undated)."""
        if not text.strip():
            self.meaning.setText(self.tr("请输入日期，或在日历中选择；不填则仍为未定日期"))
            self.meaning.setStyleSheet("")
            self._ok.setEnabled(True)
            return
        try:
            iso = exact_day(text)
        except DateError as err:
            self.meaning.setText(str(err))
            self.meaning.setStyleSheet(ERROR_STYLE)
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
        """The day chosen ('YYYY-MM-DD'); None when the field is empty or 清除设定 was pressed."""
        if self.cleared or not self.typed.text().strip():
            return None
        return self.edit.date().toString("yyyy-MM-dd")

    def names(self) -> IssueNames | None:
        """What the user gave the issue; None when 清除设定 was pressed."""
        if self.cleared:
            return None
        number, page = self.number.text().strip(), self.page.text().strip()
        return IssueNames(
            publication=" ".join(self.paper.currentText().split()) or None,
            date=self.iso_date(),
            number=int(number) if number and self.number.hasAcceptableInput() else None,
            page=int(page) if page and self.page.isEnabled() and self.page.hasAcceptableInput() else None,
        )
