"""What the window says about a search: which list is in front, the hit count, the heading above
the results, the status bar and whether 导出检索结果为PDF… can run.

The search itself (debounce, worker, paging) is the SearchController's job; this module only
turns its signals into what the user sees, so that story is not spread through the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from reader.gui.middle_pane import MiddlePane
from reader.gui.search_adapter import SearchOutcome
from reader.gui.search_bar import SearchBar
from reader.gui.search_controller import SearchController


class SearchStatus(QObject):
    """Follows the search bar and the controller; owns the permanent hit-count label.

    Signals: `query_cleared()` when the field was emptied (the window goes back to the issue),
    `status_message(text, ms)` for the status bar (0 ms: until replaced).
    """

    query_cleared = Signal()
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
        bar.changed.connect(self._query_edited)
        bar.return_pressed.connect(search.run_now)
        search.started.connect(lambda: self.status_message.emit(self.tr("正在检索…"), 0))
        search.finished.connect(self._finished)
        search.failed.connect(self._failed)

    def _query_edited(self) -> None:
        if self._bar.text().strip():
            self._middle.show_results()
            self._search.schedule()
        else:
            self._search.clear()
            self.hit_label.setText("")
            self.query_cleared.emit()

    def _finished(self, outcome: SearchOutcome | None) -> None:
        self._export_results.setEnabled(bool(outcome is not None and outcome.total))
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
        self._middle.set_search_title(self.tr("“{0}”：{1}").format(outcome.request.text, text))
        self.status_message.emit(self.tr("检索用时 {0:.0f} 毫秒").format(outcome.elapsed_ms), 4000)

    def _failed(self, message: str) -> None:
        self.hit_label.setText("")
        self._middle.set_search_title(self.tr("检索出错：{0}").format(message))
