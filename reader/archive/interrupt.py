"""Abandoning a query that runs on another thread: the GUI's way to drop an outdated search.

sqlite3's `Connection.interrupt()` is meant to be called from another thread; the running query
then fails with OperationalError("interrupted") and the worker moves on to the newer one. The
connection stays inside the archive layer; the GUI only holds this object.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Interrupter:
    """Watches one connection at a time; `cancel()` from any thread interrupts it for good."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False

    @contextmanager
    def watching(self, conn: sqlite3.Connection) -> Iterator[None]:
        with self._lock:
            if self._cancelled:
                raise sqlite3.OperationalError("interrupted")
            self._conn = conn
        try:
            yield
        finally:
            with self._lock:
                self._conn = None

    def cancelled(self) -> bool:
        """True once `cancel()` was called: the `should_cancel` of the work it watches."""
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()
