"""后退 / 前进 (Alt+← / Alt+→, the mouse's back and forward buttons) across what was read.

A reader follows a search into an article, jumps to a bookmark, turns to another day, and wants
to go back the way a browser goes back. Every article shown is a visit: the article, its issue,
and the search whose results were in front (None when the issue's list was). Going back to a
visit made from the results runs that search again and chooses the article among its results;
one made from an issue opens the issue at the article. Moving through the history records
nothing, so 前进 goes where 后退 came from.

The history lives as long as the window; it keeps row ids, which a re-import may change, so an
article no longer in the archive is said so in the reading pane (IssueNavigator) and left in
the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QMouseEvent
from PySide6.QtWidgets import QMainWindow, QStyle, QWidget

from reader.archive.records import ArticleRecord
from reader.gui.middle.pane import MiddlePane
from reader.gui.reading.pane import ReadingPane
from reader.gui.search.bar import SearchBar
from reader.gui.search.controller import SearchController
from reader.gui.window.commands import window_action
from reader.gui.window.navigation import IssueNavigator

MAX_VISITS = 200


@dataclass(frozen=True)
class Visit:
    """One article read: which, in which issue, and from which search's results (or None)."""

    article_id: int
    issue_id: int
    query: str | None


class ReadingHistory(QObject):
    """The visits of this window and where in them the user is; `back` and `forward` actions."""

    def __init__(
        self,
        window: QMainWindow,
        navigator: IssueNavigator,
        middle: MiddlePane,
        search_bar: SearchBar,
        search: SearchController,
        pane: ReadingPane,
        leave_search: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._navigator = navigator
        self._middle = middle
        self._bar = search_bar
        self._search = search
        self._leave_search = leave_search
        self.visits: list[Visit] = []
        self.position = -1
        self._target: Visit | None = None  # where a move goes; what the pane shows on the way is no visit
        self._pending: Visit | None = None  # a visit whose search runs again
        icons = window.style()
        # Not QKeySequence.StandardKey.Back: on Linux it includes Backspace, which would go back
        # whenever a text field does not take the key.
        back_tip, forward_tip = self.tr("后退（Alt+←）"), self.tr("前进（Alt+→）")
        self.back = window_action(
            window, self.tr("后退"), "Alt+Left", QKeySequence(Qt.Key.Key_Back), tip=back_tip
        )
        self.back.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.forward = window_action(
            window, self.tr("前进"), "Alt+Right", QKeySequence(Qt.Key.Key_Forward), tip=forward_tip
        )
        self.forward.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.back.triggered.connect(lambda: self.go(-1))
        self.forward.triggered.connect(lambda: self.go(1))
        search.finished.connect(self._search_done)
        search.failed.connect(lambda _message: self._arrive())
        # The mouse's side buttons where a reader points: the lists and the reading pane. Not an
        # application-wide filter, which would run Python for every event of the program.
        for area in (middle.table, middle.result_view, pane):
            area.viewport().installEventFilter(self)
        self._update()

    # --- recording -------------------------------------------------------------------------

    def record(self, article: ArticleRecord | None) -> None:
        """The reading pane shows `article` (the pane's article_changed): a new visit, unless
        the history itself moved there or it is the visit the user is on."""
        if self._target is not None:
            return
        if article is None:
            return
        query = self._bar.text().strip() if self._middle.showing_search() else ""
        visit = Visit(article.id, article.issue_id, query or None)
        if 0 <= self.position < len(self.visits) and self.visits[self.position] == visit:
            return
        del self.visits[self.position + 1 :]
        self.visits.append(visit)
        if len(self.visits) > MAX_VISITS:
            del self.visits[0]
        self.position = len(self.visits) - 1
        self._update()

    # --- moving ----------------------------------------------------------------------------

    def go(self, step: int) -> None:
        """Back (-1) or forward (+1) one visit, when there is one."""
        target = self.position + step
        if not 0 <= target < len(self.visits):
            return
        self.position = target
        visit = self.visits[target]
        self._target = visit
        self._pending = None  # a search still running for an earlier step is no longer wanted
        if visit.query is None:
            if self._middle.showing_search():
                self._leave_search()
            self._navigator.open_issue(visit.issue_id, visit.article_id)
            self._arrive()
        elif self._middle.showing_search() and self._bar.text().strip() == visit.query:
            self._choose_result(visit)
        else:
            self._pending = visit
            self._bar.field.setText(visit.query)  # shows the results, schedules the search
            self._search.run_now()
        self._update()

    def _search_done(self, _outcome: object) -> None:
        """The search of a visit went back to has its results: choose the visit's article."""
        visit, self._pending = self._pending, None
        if visit is not None:
            self._choose_result(visit)

    def _choose_result(self, visit: Visit) -> None:
        self._navigator.show_result(visit.article_id)
        self._arrive()

    def _arrive(self) -> None:
        """The move is over: what the pane showed on the way was no visit, and what it shows
        from now on is (the target itself, already a visit, is not recorded twice)."""
        self._target = None
        self._pending = None

    def _update(self) -> None:
        self.back.setEnabled(self.position > 0)
        self.forward.setEnabled(self.position < len(self.visits) - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        side = (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and event.button() in side
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self.go(-1 if event.button() == Qt.MouseButton.BackButton else 1)
            return True
        return super().eventFilter(watched, event)
