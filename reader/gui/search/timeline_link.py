"""The keyword timeline between the controller, the middle pane and the search bar.

The controller counts hits per period after each search; the pane's strip shows them, marking
the bar whose period is exactly the search bar's date range. A click on a bar sets that period
as the date range (the search runs again, the strip stays the same: it is counted over every
date); a click on the marked bar unticks the range.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.archive.timeline import Timeline, period_range
from reader.gui.middle.pane import MiddlePane
from reader.gui.search.bar import SearchBar
from reader.gui.search.controller import SearchController


class TimelineLink(QObject):
    """Wires the three together; holds no data beyond the timeline shown."""

    def __init__(self, search: SearchController, bar: SearchBar, middle: MiddlePane, parent: QObject) -> None:
        super().__init__(parent)
        self._bar = bar
        self._middle = middle
        self._shown: Timeline | None = None
        search.timeline_ready.connect(self._show)
        middle.period_chosen.connect(self._choose)
        middle.period_cleared.connect(bar.clear_range)

    def _show(self, result: Timeline | None) -> None:
        self._shown = result
        if result is None or not result.total:
            self._middle.show_timeline([])
            return
        chosen = self._bar.chosen_range()
        selected = next((p.period for p in result.periods if period_range(p.period) == chosen), None)
        self._middle.show_timeline([(p.period, p.count) for p in result.periods], selected, result.undated)

    def _choose(self, period: str) -> None:
        first, last = period_range(period)
        self._bar.set_range(first, last)
