"""The window's one writer: one worker thread and one writable archive connection for its life.

Every write of a window (import, bookmark, note, date correction, demo removal) queues here, so
two writes never wait on SQLite's lock against each other and none runs on the UI thread. The
connection is opened lazily on the worker thread (sqlite3 connections belong to the thread that
opened them) and kept: opening a writable archive sets WAL mode and runs the migrations, which is
worth doing once per window, not once per click. Work that needs every connection closed (a
repair replaces the file) or none of the writer's (a backup reads through its own) is queued with
`submit_detached`: the connection is closed first and opened again by the next write.

An archive nobody may write (a read-only share, a published snapshot) still has writes of the
user's own: bookmarks and notes, kept in the personal file every connection attaches. For it
the writer opens a reader's connection instead (`read_only()` says when), through which only
the personal file can be written; an archive write on it is refused as "readonly".

Nothing is written into a damaged archive (writing through bad pages can spread the damage):
each writable connection, when opened, is checked once (reader.archive.health.damage_error,
SQLite's quick check: a few seconds on a 100,000-article archive, on this worker, not per
click); while the check has found damage every write on it fails with that ArchiveError, until
a repair (which closes the connection) makes the next one check again. A reader's connection is
not checked: nothing goes into its archive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject

from reader.archive.db import Archive, open_archive
from reader.archive.errors import ArchiveError
from reader.archive.health import damage_error
from reader.gui.operations.taskman import ErrorCallback, TaskRunner

T = TypeVar("T")


class ArchiveWriter(QObject):
    """Runs writes one after another on one thread, each with the same writable `Archive`.

    `path` is a getter: when the window's archive is reopened at another path (a newer
    snapshot), the next write opens that one. `read_only` is a getter too: True while the
    archive cannot be written, so the connection is a reader's (bookmarks only). Callbacks run
    on the GUI thread (see TaskRunner).
    """

    def __init__(
        self,
        path: Callable[[], Path],
        parent: QObject | None = None,
        name: str = "writer",
        read_only: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._read_only = read_only
        self._runner = TaskRunner(self, max_workers=1, name=name)
        self._archive: Archive | None = None  # touched only on the worker thread
        self._damage: ArchiveError | None = None  # what the check of that connection found

    def submit(
        self,
        work: Callable[[Archive], T],
        on_done: Callable[[T], None],
        on_error: ErrorCallback | None = None,
    ) -> bool:
        """Queue `work(archive)`; `on_done(result)` or `on_error(exc)` later on the GUI thread.

        False when the writer was shut down (the window is closing): the work is dropped.
        """
        return bool(self._runner.submit(lambda: work(self._connection()), on_done, on_error))

    def submit_detached(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: ErrorCallback | None = None,
    ) -> bool:
        """Queue `work()` to run in turn with the writer's connection closed; False after shutdown."""

        def job() -> T:
            self._close()
            return work()

        return bool(self._runner.submit(job, on_done, on_error))

    def busy(self) -> bool:
        """True while any submitted work has not been delivered yet."""
        return self._runner.busy()

    def shutdown(self) -> None:
        """Run what is queued (a bookmark clicked just before closing is still written), close the
        connection on its own thread, and stop; results are no longer delivered."""
        self._runner.submit(self._close, lambda _none: None)
        self._runner.shutdown(wait=True, drop_queued=False)

    def _connection(self) -> Archive:
        path, read_only = Path(self._path()), self._read_only()
        kept = self._archive
        if kept is not None and (kept.path != path or kept.readonly != read_only or kept.changed_on_disk()):
            self._close()
        if self._archive is None:
            archive = open_archive(path, readonly=read_only)
            try:
                self._damage = None if read_only else damage_error(archive)
            except BaseException:
                archive.close()
                raise
            self._archive = archive
        if self._damage is not None:
            raise ArchiveError(self._damage.path, self._damage.kind, self._damage.detail)
        return self._archive

    def _close(self) -> None:
        if self._archive is not None:
            archive, self._archive = self._archive, None
            archive.close()
