"""A window on a published folder when the archivist publishes again: 「档案已更新：新增 N 期」,
刷新, and the reader's place kept.

OutsideChanges finds the newer snapshot and moves the session to it (or says one is waiting
while a dialog is open). This shows it in the status bar, and on a move has the window read
everything again while keeping what the reader was looking at: the issue and article (row ids
are the same in every snapshot, they are backup copies of one archive), the search and its
results, and how far the lists and the article were scrolled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton

from reader.gui.middle.pane import MiddlePane
from reader.gui.reading.pane import ReadingPane
from reader.gui.search.controller import SearchController
from reader.gui.window.outside_changes import OutsideChanges

SHOWN_MS = 10_000


@dataclass(frozen=True)
class Place:
    """What the reader looks at, as far as a re-read could lose it."""

    lists: tuple[int, int]
    article: int
    result: int | None
    searching: bool


class SnapshotUpdates(QObject):
    """The 刷新 action and the notice in `status_bar`; `reread()` is the window's "read
    everything again, same issue and article" (its archive_changed + reopen_current)."""

    status_message = Signal(str, int)

    def __init__(
        self,
        changes: OutsideChanges,
        status_bar: QStatusBar,
        panes: tuple[MiddlePane, ReadingPane],
        search: SearchController,
        reread: Callable[[], None],
    ) -> None:
        super().__init__(status_bar)
        self._middle, self._pane = panes
        self._search = search
        self._reread = reread
        self._pending: Place | None = None
        self.notice = QLabel("", status_bar)
        self.notice.setObjectName("snapshotNotice")
        self.refresh_action = QAction(self.tr("刷新"), self)
        self.refresh_action.setObjectName("snapshotRefresh")
        self.refresh_action.setToolTip(self.tr("改读档案员刚发布的新版本"))
        self.button = QToolButton(status_bar)
        self.button.setDefaultAction(self.refresh_action)
        for widget in (self.notice, self.button):
            status_bar.addPermanentWidget(widget)
            widget.hide()
        self.refresh_action.triggered.connect(lambda _checked=False: changes.switch_now())
        changes.update_waiting.connect(self._waiting)
        changes.switched.connect(self._switched)
        search.finished.connect(self._search_done)

    def message(self, added: int) -> str:
        """「档案已更新：新增 N 期」 (without a count when the newer copy has no more issues)."""
        if added > 0:
            return self.tr("档案已更新：新增 {0} 期").format(added)
        return self.tr("档案已更新")

    def _waiting(self, added: int) -> None:
        self.notice.setText(self.message(added))
        self.notice.show()
        self.button.show()

    def _switched(self, added: int) -> None:
        self.notice.hide()
        self.button.hide()
        place = Place(
            self._middle.scroll_state(),
            self._pane.scroll_position(),
            self._middle.current_result_id(),
            self._middle.showing_search(),
        )
        self._reread()
        self._pending = place if place.searching else None
        self._middle.restore_scroll_state(place.lists)
        if not place.searching:
            self._pane.scroll_to_position(place.article)
        self.status_message.emit(self.tr("{0}，已改读新版本").format(self.message(added)), SHOWN_MS)

    def _search_done(self, _outcome: object) -> None:
        """The results of a search run again on the newer snapshot: the same row and scroll."""
        place, self._pending = self._pending, None
        if place is None:
            return
        if place.result is not None:
            self._middle.select_result(place.result)
        self._middle.restore_scroll_state(place.lists)
        self._pane.scroll_to_position(place.article)
