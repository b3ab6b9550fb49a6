"""Missing issues in the calendar: read once per archive change on a reader worker, then shown
for whichever month and publication the calendar shows.

Inferring every publication's schedule reads all numbered issues (reader.archive.gaps), which on
a large archive is more than the GUI thread's small queries should do; paging the calendar then
only filters what was read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from reader.archive.db import open_archive
from reader.archive.gaps import PublicationGaps, expected_days, publication_gaps
from reader.archive.steady import read_steadily
from reader.gui.calendar_panel import CalendarPanel
from reader.gui.operations import OpProgress, ReadOp, TaskRunner


def read_gaps(path: Path) -> list[PublicationGaps]:
    """Every publication's schedule and missing issues, on the worker's own connection."""
    with open_archive(path, readonly=True) as archive:
        return read_steadily(archive, publication_gaps)


class MissingIssues(QObject):
    """Keeps the calendar's outlined days in step with the archive, the month and the filter."""

    def __init__(self, calendar: CalendarPanel, db_path: Callable[[], Path], window: QWidget) -> None:
        super().__init__(window)
        self._calendar = calendar
        self._db_path = db_path
        self._window = window
        self._runner = TaskRunner(self, max_workers=1, name="gaps")
        self._gaps: list[PublicationGaps] = []
        self._op: ReadOp[list[PublicationGaps]] | None = None
        calendar.month_changed.connect(lambda _y, _m: self.show())
        calendar.publication_changed.connect(self.show)

    def reload(self) -> None:
        """Read the gaps again (the archive changed); the calendar follows when they arrive."""
        path = self._db_path()

        def work(_progress: OpProgress) -> list[PublicationGaps]:
            return read_gaps(path)

        self._op = ReadOp(parent=self._window, runner=self._runner, op=work)
        self._op.success(self._loaded).failure(lambda _error: self._loaded([])).run_in_background()

    def loading(self) -> bool:
        """True while a reload runs (tests wait for this)."""
        return self._op is not None and self._op.running

    def _loaded(self, gaps: list[PublicationGaps]) -> None:
        self._gaps = gaps
        self.show()

    def show(self) -> None:
        """Outline the shown month's expected-but-missing days of the chosen publication(s)."""
        year, month = self._calendar.shown_month()
        chosen = self._calendar.current_publication()
        gaps = [g for g in self._gaps if chosen in (None, g.publication)]
        named = chosen is None and len(gaps) > 1
        tips: dict[str, str] = {}
        for day, entries in expected_days(gaps, year, month).items():
            lines = [
                (f"{name} " if named else "") + self.tr("缺第{0}期（按期号推算）").format(number)
                for name, number in entries
            ]
            tips[day] = "\n".join(lines)
        self._calendar.mark_missing(tips)

    def shutdown(self) -> None:
        self._runner.shutdown(wait=True)
