"""What the window says about a search: which list is in front, the hit count, the heading above
the results (and why they are empty when a filter is the reason), the status bar, where the
reading pane is among an article's hits, and whether 导出检索结果为PDF… can run.

The search itself (debounce, worker, paging) is the SearchController's job; this module only
turns its signals into what the user sees, so that story is not spread through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from reader.gui.middle.pane import MiddlePane
from reader.gui.search.adapter import SearchOutcome
from reader.gui.search.bar import SearchBar
from reader.gui.search.controller import SearchController
from reader.gui.search.filter_notice import DATES, PUBLICATION


class SearchStatus(QObject):
    """Follows the search bar and the controller; owns the permanent hit-count and hit-position
    labels.

    Signals: `query_cleared()` when the field was emptied (the window goes back to the issue),
    `publication_clear_requested()` when the user asked to search every publication again,
    `status_message(text, ms)` for the status bar (0 ms: until replaced).
    """

    query_cleared = Signal()
    publication_clear_requested = Signal()
    status_message = Signal(str, int)

    def __init__(
        self,
        search: SearchController,
        bar: SearchBar,
        middle: MiddlePane,
        export_results: QAction,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._search = search
        self._bar = bar
        self._middle = middle
        self._export_results = export_results
        self.hit_label = QLabel("", window)
        self.hit_label.setObjectName("hitCount")
        self.hit_position_label = QLabel("", window)
        self.hit_position_label.setObjectName("hitPosition")
        bar.changed.connect(self._query_edited)
        middle.filter_clear_requested.connect(self._clear_filter)
        bar.return_pressed.connect(search.run_now)
        search.started.connect(lambda: self.status_message.emit(self.tr("正在检索…"), 0))
        search.finished.connect(self._finished)
        search.failed.connect(self._failed)

    def leave(self) -> None:
        """Esc: empty the search box; the count, the heading and the status line go with it."""
        self._bar.clear_query()  # an edit like any other: `_query_edited` does the rest
        self._forget()

    def show_hit_position(self, current: int, total: int) -> None:
        """Which of the shown article's hits is selected (第 2/7 处); nothing without hits."""
        self.hit_position_label.setText(self.tr("第 {0}/{1} 处").format(current, total) if total else "")

    def _query_edited(self) -> None:
        if self._bar.text().strip():
            self._middle.show_results()
            self._search.schedule()
        else:
            self._search.clear()
            self._forget()
            self.query_cleared.emit()

    def _forget(self) -> None:
        """No query: nothing found, nothing searching (not even "正在检索…" of an abandoned one)."""
        self.hit_label.setText("")
        self._middle.set_search_title("")
        self._middle.offer_filter_clearing([])
        self._export_results.setEnabled(False)
        self.status_message.emit("", 0)

    def _finished(self, outcome: SearchOutcome | None) -> None:
        self._export_results.setEnabled(bool(outcome is not None and outcome.total))
        self._middle.offer_filter_clearing([])
        if outcome is None:
            self.hit_label.setText("")
            return
        if outcome.error:
            self.hit_label.setText("")
            self._middle.set_search_title(outcome.error)
            self.status_message.emit(outcome.error, 5000)
            return
        text = self.tr("找到 {0} 篇").format(outcome.total)
        self.hit_label.setText(text)
        title = self.tr("“{0}”：{1}").format(outcome.request.text, text)
        if not outcome.total and outcome.unfiltered_total:
            title += self._filter_explanation(outcome)
        self._middle.set_search_title(title)
        self.status_message.emit(self.tr("检索用时 {0:.0f} 毫秒").format(outcome.elapsed_ms), 4000)

    def _filter_explanation(self, outcome: SearchOutcome) -> str:
        """' — 日期范围 A—B 内没有；不限范围共有 N 篇', and a clear button for each filter that was on."""
        request = outcome.request
        where: list[str] = []
        kinds: list[str] = []
        if request.date_from or request.date_to:
            where.append(self.tr("日期范围 {0}—{1}").format(request.date_from or "", request.date_to or ""))
            kinds.append(DATES)
        if request.publication:
            where.append(self.tr("报纸“{0}”").format(request.publication))
            kinds.append(PUBLICATION)
        self._middle.offer_filter_clearing(kinds)
        return self.tr(" — {0} 内没有；不限范围共有 {1} 篇").format(
            "、".join(where), outcome.unfiltered_total
        )

    def _clear_filter(self, kind: str) -> None:
        """A clear button under an empty result: drop that filter and search again at once."""
        if kind == DATES:
            self._bar.clear_range()
            self._search.run_now()
        elif kind == PUBLICATION:
            self.publication_clear_requested.emit()  # the calendar's choice; the window re-searches

    def _failed(self, message: str) -> None:
        self.hit_label.setText("")
        self._middle.offer_filter_clearing([])
        self._middle.set_search_title(self.tr("检索出错：{0}").format(message))
