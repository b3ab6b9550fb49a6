"""设定报名和日期…: the window gives an issue its paper, date, number and page, changes or clears them.

The dialog (reader.gui.issue_dates.dialog) starts on what the issue has or its text suggests,
read through the session (reader.archive.issue_names.suggest_names); the names are stored on the
writer (reader.archive.issue_names.set_issue_names; a date alone by queries.set_issue_date), and
the issue is shown again under its new names, on its new day or back among 未定日期. The status
bar says what was done. What changed is announced on the window's ChangeBus: issues (the
calendar, missing issues, the bookmarks' and hits' dates follow), and for names also articles
(a paper or page shows in the lists, the results and the bookmarks).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.archive import queries
from reader.archive.formatting import DateStyle, chinese_date, source_line
from reader.archive.handle import Archive
from reader.archive.issue_names import IssueNames, set_issue_names
from reader.gui.issue_dates.dialog import IssueNamesDialog
from reader.gui.operations import ArchiveOp, ArchiveWriter, ChangeBus, Changes
from reader.gui.session import ArchiveSession

STATUS_MS = 8000


class IssueDates(QObject):
    """`dated(issue_id)` once names are stored or cleared and announced (the window shows the
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
        """The naming dialog for this issue, starting on what it has or its text suggests."""
        issue = self._session.issue(issue_id)
        if issue is None or self._blocked():
            return
        suggestion = self._session.suggest_names(issue_id)
        dialog = IssueNamesDialog(issue, self._window, suggestion, self._session.publications())
        dialog.setObjectName("dateDialog")
        dialog.accepted.connect(lambda: self.assign_names(issue_id, dialog.names()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def assign(self, issue_id: int, iso: str | None) -> None:
        """Store the user's date alone (None: clear it) on the writer, then have the issue shown."""
        said = self.tr("已清除设定的日期")
        if iso:
            said = self.tr("已设定出版日期：{0}").format(chinese_date(iso))
        write = lambda archive: queries.set_issue_date(archive, issue_id, iso)  # noqa: E731
        self._store(issue_id, write, said, Changes(issues=True))

    def assign_names(self, issue_id: int, names: IssueNames | None) -> None:
        """Store what the user named the issue (None: clear all of it), then have it shown."""
        if names is None:
            said = self.tr("已清除设定的报名、日期、期号和版次")
        else:
            line = source_line(
                names.publication, names.date, DateStyle.CHINESE, number=names.number, page=names.page
            )
            said = self.tr("已设定本期：{0}").format(line)
        write = lambda archive: set_issue_names(archive, issue_id, names or IssueNames())  # noqa: E731
        self._store(issue_id, write, said, Changes(issues=True, articles=True))

    def _store(self, issue_id: int, write: Callable[[Archive], object], said: str, changed: Changes) -> None:
        def done(_result: object) -> None:
            self._changes.announce(changed)
            self.dated.emit(issue_id)  # shown first: its 本期共 N 篇 gives way to what was done
            self.status_message.emit(said, STATUS_MS)

        op = ArchiveOp(parent=self._window, writer=self._writer, op=lambda archive, _p: write(archive))
        op.success(done).run_in_background()  # a known error: the operations' one warning
