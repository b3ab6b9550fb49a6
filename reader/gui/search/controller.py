"""Results as you type: debounce, run off the UI thread, keep only the newest query's answer.

Each edit restarts a 250 ms timer; when it fires the generation counter goes up and the search
runs on the search runner (one worker, queued tasks cancelled when a newer query comes). A result
whose generation is not the current one is dropped, so an old slow query never overwrites a
newer answer. Nothing here touches widgets from a worker.

After each first page the keyword timeline (hits per month, reader.archive.timeline) is counted
on the same worker, behind the page, so the list never waits for it; it depends only on the
query and the publication, so changing the sort or the date range reuses the last one. A change
of the archive forgets it and starts a new generation (archive_changed: the shown query searched
again, or what was running dropped), so no count begun before it reaches the strip or the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reader.archive.timeline import Timeline
from reader.gui.operations import Changes, TaskRunner
from reader.gui.search.adapter import (
    Interrupter,
    SearchOutcome,
    SearchRequest,
    run_search,
    run_timeline,
    warm_up,
)
from reader.gui.search.model import SearchResultModel

DEBOUNCE_MS = 250


class SearchController(QObject):
    """Owns the result model; `finished(outcome)` after each completed first page, then
    `timeline_ready(timeline)` (a reader.archive.timeline.Timeline, or None without a query)."""

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    timeline_ready = Signal(object)

    def __init__(
        self,
        db_path: Callable[[], Path],
        request: Callable[[], SearchRequest],
        results_shown: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._request = request
        self._results_shown = results_shown
        self.model = SearchResultModel(self)
        self.model.set_request_more(self._more)
        self._runner = TaskRunner(self, max_workers=1, name="search")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        self._generation = 0
        self._current: SearchRequest | None = None
        self._interrupter = Interrupter()
        self.last_outcome: SearchOutcome | None = None
        self._timeline: tuple[tuple[str, str | None], Timeline] | None = None

    @property
    def generation(self) -> int:
        return self._generation

    def schedule(self) -> None:
        """The query or a filter changed: search once the user pauses."""
        self._timer.start()

    def run_now(self) -> None:
        """Search for the current request immediately (Enter, or the debounce timer)."""
        self._timer.stop()
        request = self._request()
        self._abandon_running()
        if not request.text:
            self._current = None
            self.last_outcome = None
            self.model.reset(None)
            self.finished.emit(None)
            self.timeline_ready.emit(None)
            return
        self._current = request
        generation = self._generation
        path = self._db_path()
        interrupter = self._interrupter
        self.started.emit()
        self._runner.submit(
            lambda: run_search(path, request, interrupter),
            lambda outcome: self._first_page(generation, outcome),
            lambda error: self._failed(generation, error),
        )

    def _abandon_running(self) -> None:
        """A newer query: drop queued searches and interrupt the one running."""
        self._generation += 1
        self._runner.cancel_pending()
        self._interrupter.cancel()
        self._interrupter = Interrupter()

    def _first_page(self, generation: int, outcome: SearchOutcome) -> None:
        if generation != self._generation:
            return
        self.last_outcome = outcome
        self.model.reset(outcome)
        self.finished.emit(outcome)
        self._count_timeline(generation, outcome)

    def _count_timeline(self, generation: int, outcome: SearchOutcome) -> None:
        """Hits per period for this query, reused while only the sort or date range changes."""
        if outcome.error:
            self.timeline_ready.emit(None)
            return
        request = outcome.request
        key = (request.text, request.publication)
        if self._timeline is not None and self._timeline[0] == key:
            self.timeline_ready.emit(self._timeline[1])
            return
        path = self._db_path()
        interrupter = self._interrupter

        def done(result: Timeline) -> None:
            if generation == self._generation:
                self._timeline = (key, result)
                self.timeline_ready.emit(result)

        def failed(_error: Any) -> None:
            if generation == self._generation:
                self.timeline_ready.emit(None)

        self._runner.submit(lambda: run_timeline(path, request, interrupter), done, failed)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.reset(None)
        self.failed.emit(str(error))

    def _more(self, offset: int) -> None:
        current = self._current
        if current is None:
            self.model.page_failed()
            return
        generation = self._generation
        request = current.page(offset)
        path = self._db_path()

        def done(outcome: SearchOutcome) -> None:
            if generation == self._generation:
                self.model.append_page(outcome)

        def failed(_error: Any) -> None:
            if generation == self._generation:
                self.model.page_failed()

        interrupter = self._interrupter
        self._runner.submit(lambda: run_search(path, request, interrupter), done, failed)

    def warm_up(self) -> None:
        """Load the search engine's word list on the worker while the user looks at the issue."""
        path = self._db_path()
        self._runner.submit(lambda: warm_up(path), lambda _result: None, lambda _error: None)

    def clear(self) -> None:
        """Forget the query (Esc): no results, nothing pending."""
        self._timer.stop()
        self._abandon_running()
        self._current = None
        self.last_outcome = None
        self.model.reset(None)
        self.timeline_ready.emit(None)

    def changes_made(self, changes: Changes) -> None:
        """Subscribed to the window's changes: what a search finds changes with the issues, the
        articles and the words it cuts with; bookmarks alone change no hit."""
        if changes.content:
            self.archive_changed(self._results_shown())

    def archive_changed(self, results_shown: bool) -> None:
        """The archive changed (an import, a correction): count the next timeline afresh, and,
        when the results are in front, search their query again at once, so the count takes in
        what changed and the pages loaded on scrolling come from the same archive as the first
        (appended to a list found before, they repeated or skipped rows). Results out of sight
        come back only through an edit of the query, which searches anew anyway."""
        self._timeline = None
        if results_shown and self._current is not None:
            self.run_now()
        else:  # nothing found before the change may land now (a timeline would be cached)
            self._abandon_running()

    def is_idle(self) -> bool:
        """No search waiting or running (tests wait for this)."""
        return not self._timer.isActive() and not self._runner.busy()

    def shutdown(self) -> None:
        self._timer.stop()
        self._interrupter.cancel()
        self._runner.shutdown(wait=True)
