"""Bookmarks of the window's archive: read on the GUI thread, written by the one writer.

Reads go through the session's read-only connection (quick: a bookmark table is small; asking
"is this article bookmarked?" for the star costs one indexed lookup, no new connection). Every
write (add, remove, restore, note) runs on the window's one writer (ArchiveWriter), the same
serial queue the import uses, with the writer's long-lived connection; so a click opens no
connection at all, never runs on the GUI thread and never waits there for a lock held by an
import or by another program. Results come back by signal. No SQL here: reader.archive.bookmarks
does the work and says in Chinese what went wrong.

The star is optimistic: `is_bookmarked` answers what the user asked for while that write is on
its way; a write that fails forgets it again (the file's state shows) and `failed` carries a
Chinese message for the window to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from reader.archive import bookmarks
from reader.archive.bookmarks import BookmarkError, BookmarkRecord
from reader.archive.db import Archive
from reader.gui.operations import ArchiveWriter
from reader.gui.operations.errors import describe, is_known

T = TypeVar("T")


class BookmarkSource(Protocol):
    """What the store reads through: the window's ArchiveSession."""

    @property
    def personal_blocker(self) -> str | None: ...

    def bookmarks(self) -> list[BookmarkRecord]: ...

    def bookmark(self, key: str) -> BookmarkRecord | None: ...

    def is_bookmarked(self, key: str) -> bool: ...


def _known(error: BaseException) -> bool:
    """A failure the user is told about: the operations' known errors, or a bookmark whose
    article vanished (re-imported meanwhile)."""
    return is_known(error) or isinstance(error, BookmarkError)


class BookmarkStore(QObject):
    """Bookmarks read through `session`, written on `writer` (the window's one writer).

    Signals (always on the GUI thread):
    - `changed()`: an add, remove or restore has landed in the file, or a failed write was
      rolled back: re-read the bookmarks.
    - `note_changed(key)`: that bookmark's new note is in the file.
    - `failed(message)`: a write could not be done; `message` is complete and in Chinese.
    - `written()`: one of this store's writes (bookmark, removal, restore, note) landed; unlike
      `changed`, never for a re-read, so the window can announce it without an echo.

    Write methods return at once. `done` callbacks run on the GUI thread after the write landed,
    `undone` ones after it failed (besides `failed`).
    """

    changed = Signal()
    note_changed = Signal(str)
    failed = Signal(str)
    written = Signal()

    def __init__(self, session: BookmarkSource, writer: ArchiveWriter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._writer = writer
        self._wanted: dict[str, bool] = {}
        self._in_flight: dict[str, int] = {}

    # --- reads ---------------------------------------------------------------------------------

    def records(self) -> list[BookmarkRecord]:
        """All bookmarks in the file, oldest first. Raises ArchiveError when the archive is closed."""
        return self._session.bookmarks()

    def record(self, key: str) -> BookmarkRecord | None:
        """The bookmark of this article as the file has it, or None."""
        return self._session.bookmark(key)

    def is_bookmarked(self, key: str) -> bool:
        """True when the article is bookmarked, or is about to be (a write on its way)."""
        if key in self._wanted:
            return self._wanted[key]
        return self._session.is_bookmarked(key)

    def reload(self) -> None:
        """The archive changed under the bookmarks (an import took the demo and its bookmarks
        out, a repair): everyone showing them reads them again."""
        self.changed.emit()

    @property
    def write_blocker(self) -> str | None:
        """Why bookmarks cannot be changed (the user's personal file cannot be written), or
        None: an archive that cannot be written is no reason, they are not kept in it."""
        return self._session.personal_blocker

    # --- writes --------------------------------------------------------------------------------

    def set_bookmarked(self, key: str, wanted: bool) -> None:
        """Bookmark the article with this key, or remove every bookmark that leads to it."""
        self.set_all_bookmarked([key], wanted)

    def set_all_bookmarked(self, keys: list[str], wanted: bool) -> None:
        """Bookmark these articles, or remove every bookmark that leads to them, in one write
        (and one `changed`): several articles chosen at once are not several rounds."""

        def work(archive: Archive) -> None:
            for key in keys:
                if wanted:
                    bookmarks.add(archive, key)
                else:  # a merged article's star may be on through the bookmark of its other half
                    bookmarks.remove_article(archive, key)

        def landed(_none: None) -> None:
            for key in keys:
                left = self._in_flight.get(key, 1) - 1
                if left > 0:
                    self._in_flight[key] = left
                else:
                    self._in_flight.pop(key, None)
                    self._wanted.pop(key, None)
            self.changed.emit()

        def rollback() -> None:
            for key in keys:
                self._in_flight.pop(key, None)
                self._wanted.pop(key, None)

        title = self.tr("无法收藏这篇文章") if wanted else self.tr("无法移出书签")
        if self._refused(title):
            return
        for key in keys:
            self._wanted[key] = wanted
            self._in_flight[key] = self._in_flight.get(key, 0) + 1
        self._submit(work, title, landed, rollback)

    def remove(
        self,
        keys: list[str],
        done: Callable[[list[BookmarkRecord]], None] | None = None,
        undone: Callable[[], None] | None = None,
    ) -> None:
        """Remove these bookmarks; `done(removed)` gets what was removed, for `restore` (undo)."""

        def work(archive: Archive) -> list[BookmarkRecord]:
            return [r for r in (bookmarks.remove(archive, k) for k in keys) if r is not None]

        def landed(removed: list[BookmarkRecord]) -> None:
            self.changed.emit()
            if done is not None:
                done(removed)

        title = self.tr("无法删除书签")
        if not self._refused(title, undone):
            self._submit(work, title, landed, undone)

    def restore(
        self,
        records: list[BookmarkRecord],
        done: Callable[[], None] | None = None,
        undone: Callable[[], None] | None = None,
    ) -> None:
        """Put removed bookmarks back as they were (note and time added included)."""

        def work(archive: Archive) -> None:
            for record in records:
                bookmarks.restore(archive, record)

        def landed(_none: None) -> None:
            self.changed.emit()
            if done is not None:
                done()

        title = self.tr("无法恢复书签")
        if not self._refused(title, undone):
            self._submit(work, title, landed, undone)

    def set_note(self, key: str, note: str) -> None:
        """Replace the bookmark's note; `note_changed(key)` once it is in the file."""
        title = self.tr("无法保存批注")
        if not self._refused(title):
            self._submit(
                lambda archive: bookmarks.set_note(archive, key, note),
                title,
                lambda _none: self.note_changed.emit(key),
                None,
            )

    # --- the writer ----------------------------------------------------------------------------

    def _refused(self, title: str, undone: Callable[[], None] | None = None) -> bool:
        blocker = self.write_blocker
        if blocker is None:
            return False
        if undone is not None:
            undone()
        self.failed.emit(self.tr("{0}：{1}").format(title, blocker))
        return True

    def _submit(
        self,
        work: Callable[[Archive], T],
        title: str,
        landed: Callable[[T], None],
        undone: Callable[[], None] | None,
    ) -> None:
        def on_error(error: BaseException) -> None:
            if undone is not None:
                undone()
            self.changed.emit()  # what the file says again, whatever was shown before
            if not _known(error):
                raise error  # a bug: a crash report, not a message
            self.failed.emit(self.tr("{0}：{1}").format(title, describe(error)))

        def on_landed(result: T) -> None:
            landed(result)
            self.written.emit()

        self._writer.submit(work, on_landed, on_error)
