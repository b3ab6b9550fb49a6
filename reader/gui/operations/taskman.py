"""The worker pool: running work off the UI thread and handing results back to it by queued signal.

Like Anki's aqt/taskman.py: a `ThreadPoolExecutor` runs the callable, and a QObject living on the
GUI thread receives the outcome through a signal connected with Qt.QueuedConnection, so callbacks
always run on the GUI thread and never touch widgets from a worker. sqlite3 connections belong
to the thread that opened them: a task here opens its own (a search, an export), except on the
window's one writer (operations.writer), whose single worker keeps one connection for its life.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


def _give_thread_an_event_dispatcher() -> None:
    """Run once on each worker thread as it starts.

    A Python thread is not a QThread: Qt adopts it without an event dispatcher, and Qt objects
    that start a timer there (the PDF renderer's text layout does) warn and lose the timer. Making
    a QEventLoop once gives the thread its dispatcher for good, as QThread.start() would; the
    loop itself is never run.
    """
    QEventLoop()


class TaskRunner(QObject):
    """Runs callables on its own worker threads; results come back on the GUI thread.

    `max_workers=1` gives a serial queue: the writer (operations.writer) is one such runner,
    searches run on another (so a newer query waits behind at most one).
    """

    _finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, max_workers: int = 1, name: str = "reader") -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix=name, initializer=_give_thread_an_event_dispatcher
        )
        self._callbacks: dict[int, tuple[Callback, ErrorCallback | None]] = {}
        self._futures: dict[int, Future[Any]] = {}
        self._next_token = 0
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, fn: Callable[[], Any], on_done: Callback, on_error: ErrorCallback | None = None) -> int:
        """Run `fn()` on a worker; `on_done(result)` or `on_error(exc)` later on the GUI thread.

        After `shutdown()` (the window is closing) the task is dropped and 0 returned.
        """
        if self._closed:
            return 0
        self._next_token += 1
        token = self._next_token
        self._callbacks[token] = (on_done, on_error)

        def job() -> None:
            try:
                result = fn()
            except BaseException as exc:  # every failure must reach the GUI thread
                self._emit(token, None, exc)
            else:
                self._emit(token, result, None)

        self._futures[token] = self._executor.submit(job)
        return token

    def _emit(self, token: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            if self._closed:
                return
            self._finished.emit(token, result, error)

    def cancel_pending(self) -> None:
        """Drop every task that has not started yet (a running one finishes, its result is ignored)."""
        for token, future in list(self._futures.items()):
            if future.cancel():
                self._futures.pop(token, None)
                self._callbacks.pop(token, None)

    def wait(self) -> None:
        """Block until every submitted task has run; results are still delivered afterwards, by
        the queued signal. For a window closing after it cancelled its work (an export must let
        go of its file and printer before the window is gone); not for ordinary use."""
        futures_wait(list(self._futures.values()))

    def busy(self) -> bool:
        """True while any submitted task has not been delivered yet."""
        return bool(self._callbacks)

    def _deliver(self, token: int, result: Any, error: object) -> None:
        self._futures.pop(token, None)
        callbacks = self._callbacks.pop(token, None)
        if callbacks is None:
            return
        on_done, on_error = callbacks
        if error is None:
            on_done(result)
        elif on_error is not None:
            assert isinstance(error, BaseException)
            on_error(error)
        else:
            raise error  # type: ignore[misc]

    def shutdown(self, wait: bool = True, drop_queued: bool = True) -> None:
        """Stop accepting work and (by default) wait for the running task; results are dropped.

        `drop_queued=False` runs the tasks already queued first (with `wait`): the writer does
        that on close, so a bookmark clicked just before closing is still written.
        """
        with self._lock:
            self._closed = True
        self._callbacks.clear()
        self._executor.shutdown(wait=wait, cancel_futures=drop_queued)
