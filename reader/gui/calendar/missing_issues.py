"""Missing issues in the calendar: read once per archive change on a reader worker, then shown
for whichever month and publication the calendar shows.

The issues the schedule cannot pin to a day get no outline; the calendar lists the shown month's
under itself (缺 5 期，日期无法确定：第1450、1452…期), each with its span of days as a tooltip.

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
from reader.archive.formatting import chinese_date
from reader.archive.gaps import PublicationGaps, expected_days, publication_gaps, unpinned
from reader.archive.schedule import Expected
from reader.archive.steady import read_steadily
from reader.gui.calendar.panel import CalendarPanel
from reader.gui.operations import Changes, OpProgress, ReadOp, TaskRunner

UNPINNED_SHOWN = 8  # numbers listed under the calendar; the tooltip has every one


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

    def changes_made(self, changes: Changes) -> None:
        """Subscribed to the window's changes: only issues added, removed or dated move a gap (a
        correction or a bookmark never does, and reading every schedule again is not free)."""
        if changes.issues or changes.archive_replaced:
            self.reload()

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
        self._show_unpinned(unpinned(gaps, year, month), named)

    def _show_unpinned(self, entries: list[tuple[str, Expected]], named: bool) -> None:
        """缺 N 期，日期无法确定：第1450、1452…期 under the calendar ("" when there are none)."""
        groups: dict[str, list[int]] = {}
        for name, missing in entries:
            groups.setdefault(name, []).append(missing.number)
        parts = [
            (name if named else "") + self.tr("第{0}期").format(self._numbers(numbers))
            for name, numbers in groups.items()
        ]
        text = (
            self.tr("缺 {0} 期，日期无法确定：{1}").format(len(entries), "；".join(parts)) if entries else ""
        )
        spans = [
            (f"{name} " if named else "")
            + self.tr("第{0}期：{1}至{2}之间").format(
                m.number, chinese_date(m.earliest.isoformat()), chinese_date(m.latest.isoformat())
            )
            for name, m in entries
        ]
        self._calendar.set_unpinned(text, "\n".join(spans))

    @staticmethod
    def _numbers(numbers: list[int]) -> str:
        """1450、1452、1453 — the first eight, then …"""
        shown = "、".join(str(n) for n in numbers[:UNPINNED_SHOWN])
        return shown + ("…" if len(numbers) > UNPINNED_SHOWN else "")

    def shutdown(self) -> None:
        self._runner.shutdown(wait=True)
