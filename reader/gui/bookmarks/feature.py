"""The bookmarks of one window: store, panel (in a dock), star, and the failure message.

The window builds this once, places `actions()` in its menu and toolbar, and talks to it
through a few methods (`set_article`, `set_read_only`, `changes_made`, `shutdown`-free: writes
are the writer's), the window's ChangeBus (its bookmark writes announced, other changes followed)
and signals (`article_requested`, `export_requested`, `status_message`): the
feature never reaches into the window's panes, and the window never into the feature's widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from reader.archive.records import ArticleRecord
from reader.gui.bookmarks.panel import BookmarksPanel
from reader.gui.bookmarks.star import BookmarkToggle
from reader.gui.bookmarks.store import BookmarkSource, BookmarkStore
from reader.gui.messages import open_warning
from reader.gui.operations import ArchiveWriter, ChangeBus, Changes

FAILURE_SHOWN_MS = 8000
STATUS_MS = 4000


class BookmarksFeature(QObject):
    """Owns the bookmark store, panel, dock and star of `window`.

    Signals: `article_requested(article_id)` (open it in its issue), `export_requested()`
    (导出剪报册…), `status_message(text, ms)` for the status bar.
    """

    article_requested = Signal(int)
    export_requested = Signal()
    status_message = Signal(str, int)

    def __init__(
        self,
        session: BookmarkSource,
        writer: ArchiveWriter,
        changes: ChangeBus,
        window: QMainWindow,
        chosen: Callable[[], list[ArticleRecord]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._chosen = chosen
        self._read_only: str | None = None
        self._message: QMessageBox | None = None
        self.store = BookmarkStore(session, writer, self)
        self.panel = BookmarksPanel(self.store)
        self.dock = self.panel.as_dock(window, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock.hide()
        self.star = BookmarkToggle(self.store, window)
        self.toggle_dock = self.dock.toggleViewAction()
        self.toggle_dock.setText(self.tr("书签"))
        self.toggle_dock.setShortcut("Ctrl+B")
        # The star marks the article being read; this one every article chosen in a list.
        self.bookmark_chosen = QAction(self.tr("加入书签"), window)
        self.bookmark_chosen.setObjectName("bookmarkChosen")
        self.bookmark_chosen.triggered.connect(self.add_chosen)
        self.panel.article_requested.connect(self.article_requested)
        self.panel.export_requested.connect(self.export_requested)
        self.store.failed.connect(self.show_write_failure)
        self.store.written.connect(lambda: changes.announce(Changes(bookmarks=True)))

    def actions(self) -> list[QAction]:
        """The star (Ctrl+D) and the dock's show/hide (Ctrl+B), for the 查看 menu and the toolbar."""
        return [self.star.action, self.toggle_dock]

    def panel_width(self) -> int:
        """The width the panel asks for when the window has room for it."""
        return self.panel.comfortable_width()

    def set_article(self, record: ArticleRecord | None) -> None:
        """The reading pane shows another article (None: none): the star follows it."""
        self.star.set_article(record)

    def set_read_only(self, reason: str | None) -> None:
        """Bookmarks cannot be kept (`reason`: the user's personal file cannot be written): no
        star, no note editing, no removing bookmarks. A read-only archive is no such reason."""
        self._read_only = reason
        self.star.set_read_only(reason)
        self.panel.set_read_only(reason)
        self.bookmark_chosen.setEnabled(reason is None)
        self.bookmark_chosen.setToolTip(reason or "")

    def add_chosen(self) -> None:
        """Bookmark every article chosen in the article list or the results (else the one being
        read); the status bar says how many were added and how many were bookmarked already."""
        if self._read_only is not None:
            self.status_message.emit(self._read_only, STATUS_MS)
            return
        records = self._chosen()
        new = [r for r in records if not self.store.is_bookmarked(r.key)]
        if new:
            self.store.set_all_bookmarked([r.key for r in new], True)
        before = len(records) - len(new)
        said = self.tr("已加入书签 {0} 篇").format(len(new))
        if before:
            said += self.tr("（{0} 篇原已在书签中）").format(before)
        self.status_message.emit(said if records else self.tr("没有选中或正在阅读的文章"), STATUS_MS)

    def changes_made(self, changes: Changes) -> None:
        """Subscribed to the window's changes: a bookmark shows its article's headline, date and
        paper, which an import, a correction or a date can change; the store already holds its
        own writes, so a bookmark change alone is not read again."""
        if changes.issues or changes.articles or changes.archive_replaced:
            self.reload()

    def reload(self) -> None:
        """Read the bookmarks again from the file."""
        self.store.reload()

    def show_write_failure(self, message: str) -> None:
        """A bookmark write failed: say so in a window-modal box that does not block the caller
        (a second failure while it is open replaces its text) and in the status bar."""
        self.status_message.emit(message, FAILURE_SHOWN_MS)
        if self._message is None:
            box = open_warning(self._window, self.tr("书签未保存"), message, "bookmarkWriteFailed")
            box.finished.connect(self._message_closed)
            self._message = box
        else:
            self._message.setText(message)

    def _message_closed(self) -> None:
        self._message = None
