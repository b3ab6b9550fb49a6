"""Bookmarks (书签 dock and the Ctrl+D star), printing / PDF export and 备份档案…, wired into
the window.

The features themselves live in bookmarks_panel, printing and backup_action; this module
only connects them to the main window, following the wiring notes in those modules, so
main_window stays a composition of panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.archive.records import ArticleRecord
from reader.gui.backup_action import ArchiveBackup
from reader.gui.bookmark_store import BookmarkStore
from reader.gui.bookmarks_panel import BookmarksPanel, BookmarkToggle
from reader.gui.messages import open_warning
from reader.gui.printing import PrintExport

if TYPE_CHECKING:
    from reader.gui.main_window import MainWindow


class WindowFeatures:
    """Owns the bookmark store, panel and star, and the print/export actions of one window."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._message: QMessageBox | None = None
        path = lambda: window.session.path  # noqa: E731 — a getter: the archive may be reopened
        self.store = BookmarkStore(window.session, window.writer, window)
        self.panel = BookmarksPanel(self.store)
        self.dock = self.panel.as_dock(window, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock.hide()
        self.star = BookmarkToggle(self.store, window)
        self.print_export = PrintExport(window, current=self.current_records, db_path=path)

        actions = window.actions_
        first = actions.file_menu.actions()[0]  # 导入文件…: build_actions puts it there
        actions.file_menu.insertActions(first, self.print_export.actions.all())
        actions.file_menu.insertSeparator(first)
        toggle_dock = self.dock.toggleViewAction()
        toggle_dock.setText(window.tr("书签"))
        toggle_dock.setShortcut("Ctrl+B")
        actions.view_menu.addSeparator()
        actions.view_menu.addActions([self.star.action, toggle_dock])
        window.toolbar.addAction(self.star.action)
        window.toolbar.addAction(toggle_dock)

        self.export_results = window.addAction(window.tr("导出检索结果为PDF…"))
        self.export_results.setEnabled(False)
        self.export_results.triggered.connect(self.export_search_results)
        actions.file_menu.insertAction(first, self.export_results)
        window.search.finished.connect(
            lambda outcome: self.export_results.setEnabled(bool(outcome is not None and outcome.total))
        )

        self.backup = ArchiveBackup(window, window.writer, path, window.settings)
        actions.file_menu.insertActions(actions.quit, [self.backup.action])
        actions.file_menu.insertSeparator(actions.quit)
        self.backup.finished.connect(lambda message: window.statusBar().showMessage(message, 8000))

        self.panel.article_requested.connect(window.open_article)
        self.panel.export_requested.connect(self.print_export.export_bookmarks)
        self.print_export.finished.connect(lambda message: window.statusBar().showMessage(message, 6000))
        self.store.failed.connect(self.show_write_failure)
        window.pane.article_changed.connect(self.star.set_article)

    def set_read_only(self, reason: str | None) -> None:
        """An archive that cannot be written: no star, no note editing, no removing bookmarks."""
        self.star.set_read_only(reason)
        self.panel.set_read_only(reason)

    def show_write_failure(self, message: str) -> None:
        """A bookmark write failed: say so in a window-modal box that does not block the caller
        (a second failure while it is open replaces its text) and in the status bar."""
        self._window.statusBar().showMessage(message, 8000)
        if self._message is None:
            box = open_warning(self._window, self._window.tr("书签未保存"), message, "bookmarkWriteFailed")
            box.finished.connect(self._message_closed)
            self._message = box
        else:
            self._message.setText(message)

    def _message_closed(self) -> None:
        self._message = None

    def export_search_results(self) -> None:
        """The current search's results, as the list orders them, into a clippings book."""
        outcome = self._window.search.last_outcome
        if outcome is None or not outcome.total:
            return
        request = outcome.request
        self.print_export.export_search(
            request.text,
            date_from=request.date_from,
            date_to=request.date_to,
            publication=request.publication,
            sort=request.sort,
        )

    def shutdown(self) -> None:
        """The window is closing: stop a running print, export or backup first."""
        self.print_export.shutdown()
        self.backup.cancel()

    def current_records(self) -> list[ArticleRecord]:
        """What 打印 / 导出为PDF act on: the selected articles, else the one in the reading pane."""
        rows = self._window.middle.selected_article_rows()
        if len(rows) > 1:
            records = (self._window.articles.record(row) for row in rows)
            return [r for r in records if r is not None]
        record = self._window.pane.record
        return [record] if record is not None else []
