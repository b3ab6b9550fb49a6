"""设定日期…: the window gives an issue the paper left undated its date, changes or clears it.

The dialog (reader.gui.issue_dates.dialog) starts on the day the issue's text suggests, read
through the session (reader.archive.issue_dates.suggested_date); the date is stored on the
writer (reader.archive.queries.set_issue_date, None clears it), and the issue is shown again on
its new day, or back among 未定日期 when its date was cleared. The status bar says what was done.
A date is announced on the window's ChangeBus as issues changed: the calendar, missing issues,
the bookmarks' dates and the hits' dates follow it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.archive import queries
from reader.archive.formatting import chinese_date
from reader.gui.issue_dates.dialog import DateDialog
from reader.gui.operations import ArchiveOp, ArchiveWriter, ChangeBus, Changes
from reader.gui.session import ArchiveSession

STATUS_MS = 8000


class IssueDates(QObject):
    """`dated(issue_id)` once a date is stored or cleared and announced (the window shows the
    issue); `status_message(text, ms)` says what was done."""

    dated = Signal(int)
    status_message = Signal(str, int)

    def __init__(
        self,
        session: ArchiveSession,
        writer: ArchiveWriter,
        changes: ChangeBus,
        window: QWidget,
        blocked: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._session = session
        self._writer = writer
        self._changes = changes
        self._window = window
        self._blocked = blocked

    def ask(self, issue_id: int) -> None:
        """The date dialog for this issue, starting on the suggested day."""
        issue = self._session.issue(issue_id)
        if issue is None or self._blocked():
            return
        dialog = DateDialog(issue, self._window, self._session.suggested_date(issue_id))
        dialog.setObjectName("dateDialog")
        dialog.accepted.connect(lambda: self.assign(issue_id, dialog.iso_date()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def assign(self, issue_id: int, iso: str | None) -> None:
        """Store the user's date (None: clear it) on the writer, then have the issue shown."""

        def done(_result: object) -> None:
            said = (
                self.tr("已设定出版日期：{0}").format(chinese_date(iso))
                if iso
                else self.tr("已清除设定的日期")
            )
            self._changes.announce(Changes(issues=True))
            self.dated.emit(issue_id)  # shown first: its 本期共 N 篇 gives way to what was done
            self.status_message.emit(said, STATUS_MS)

        op = ArchiveOp(
            parent=self._window,
            writer=self._writer,
            op=lambda archive, _p: queries.set_issue_date(archive, issue_id, iso),
        )
        op.success(done).run_in_background()  # a known error: the operations' one warning
