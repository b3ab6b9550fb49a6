"""Open where the reader left off: the issue and article, the search whose results were in
front, and how far the article was scrolled (their personal file, reader.archive.places).

Staff close the program in the middle of a search and come back to it the next morning; the
issue alone sent them to the top of an article, without the results they were working through.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.archive.places import Place
from reader.gui.middle.pane import MiddlePane
from reader.gui.reading.pane import ReadingPane
from reader.gui.search.bar import SearchBar
from reader.gui.search.controller import SearchController
from reader.gui.window.navigation import IssueNavigator


class Resume(QObject):
    """Opens the last place (`open`) and says where the reader is (`place_now`)."""

    def __init__(
        self,
        navigator: IssueNavigator,
        middle: MiddlePane,
        pane: ReadingPane,
        search_bar: SearchBar,
        search: SearchController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._middle = middle
        self._pane = pane
        self._bar = search_bar
        self._search = search
        self._pending: Place | None = None
        search.finished.connect(self._search_done)
        search.failed.connect(lambda _message: self._forget())

    def open(self) -> None:
        """The last place's issue and article (or the latest issue), then its search and scroll."""
        self._pending = None
        place = self._navigator.open_last_place()
        if place is None:
            return
        if place.query:
            self._pending = place
            self._bar.field.setText(place.query)  # shows the results, schedules the search
            self._search.run_now()
        else:
            self._pane.scroll_to_position(place.scroll)

    def place_now(self) -> tuple[str, int]:
        """(the search in front, '' for none; the reading pane's scroll), to remember on closing."""
        query = self._bar.text().strip() if self._middle.showing_search() else ""
        return query, self._pane.scroll_position()

    def _search_done(self, _outcome: object) -> None:
        place, self._pending = self._pending, None
        if place is None or place.article_id is None:
            return
        self._navigator.show_result(place.article_id)
        self._pane.scroll_to_position(place.scroll)

    def _forget(self) -> None:
        self._pending = None
