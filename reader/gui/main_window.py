"""The main window: calendar (bookmarks as its tab) | article list or search results | reading pane.

Composition only: the panes, the commands and each feature (bookmarks, printing, backup,
archive care, importing, issue navigation) are built here and connected by their signals and a
few methods; no feature reaches into the window's attributes and the window never reaches into
a pane's inner widgets. It never runs SQL itself: quick reads go through the session, every
write through the one writer. What a write changed is announced on the one ChangeBus
(reader.gui.operations.changes) by the part that made it; each part that shows the archive
subscribes (`_subscribe`) and decides itself what to read again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter

from reader.archive import places
from reader.archive.errors import ArchiveError
from reader.archive.paths import default_archive_path
from reader.archive.records import ArticleRecord
from reader.gui.bookmarks.feature import BookmarksFeature
from reader.gui.calendar.missing_issues import MissingIssues
from reader.gui.calendar.panel import CalendarPanel
from reader.gui.care.archive_care import ArchiveCare
from reader.gui.care.backup import ArchiveBackup
from reader.gui.care.publish import ArchivePublish
from reader.gui.corrections import CorrectionsFeature
from reader.gui.dictionary import DictionaryFeature
from reader.gui.help.about import show_about
from reader.gui.help.guide import guide_action
from reader.gui.help.shortcuts import show_shortcuts
from reader.gui.importing import ImportController
from reader.gui.importing.commands import ImportCommands
from reader.gui.issue_dates.commands import IssueDates
from reader.gui.middle.article_model import ArticleListModel
from reader.gui.middle.pane import MiddlePane
from reader.gui.operations import ArchiveWriter, ChangeBus, Changes
from reader.gui.papers.feature import PapersFeature
from reader.gui.printing import PrintExport
from reader.gui.reading.comfort import ReadingComfort
from reader.gui.reading.find_bar import FindBar
from reader.gui.reading.pane import ReadingPane
from reader.gui.search.adapter import SearchRequest
from reader.gui.search.bar import SearchBar
from reader.gui.search.controller import SearchController
from reader.gui.search.history import SearchHistory
from reader.gui.search.status import SearchStatus
from reader.gui.search.timeline_link import TimelineLink
from reader.gui.session import ArchiveSession
from reader.gui.settings import Settings
from reader.gui.window.citations import CopyCitations
from reader.gui.window.commands import build_commands, build_toolbar
from reader.gui.window.history import ReadingHistory
from reader.gui.window.hit_steps import HitSteps
from reader.gui.window.layout import LeftColumn, ToolbarFit, stacked
from reader.gui.window.navigation import IssueNavigator
from reader.gui.window.outside_changes import OutsideChanges
from reader.gui.window.read_only import ReadOnlyView
from reader.gui.window.resume import Resume
from reader.gui.window.shared_folder import SharedFolder
from reader.gui.window.snapshot_updates import SnapshotUpdates

WARM_UP_MS = 1500


class MainWindow(QMainWindow):
    """Shows the archive at `session.path`; `start()` fills it once the window is visible."""

    def __init__(
        self, session: ArchiveSession, demo_dir: Path | None = None, warm_up_ms: int | None = WARM_UP_MS
    ) -> None:
        super().__init__()
        self.session = session
        self._warm_up_ms = warm_up_ms
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self.settings = Settings()
        self._demo_dir = demo_dir
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("报刊档案阅读器"))
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        path = lambda: self.session.path  # noqa: E731 — a getter: the archive may be reopened

        self.changes = ChangeBus(session.mark_seen, self)
        self.writer = ArchiveWriter(path, self, read_only=lambda: self.session.write_blocker is not None)
        self.importer = ImportController(self.writer, self)
        self.search_bar = SearchBar(self)
        self.search = SearchController(path, self._search_request, lambda: self.middle.showing_search(), self)
        self.search_history = SearchHistory(self.search_bar.field, self.settings)
        self.articles = ArticleListModel(self.session.articles, self)
        self.calendar = CalendarPanel(self)
        self.missing_issues = MissingIssues(self.calendar, path, self)
        self.middle = MiddlePane(self.articles, self.search.model, self)
        self.pane = ReadingPane(self.settings.font_pt, self)
        self.pane.setObjectName("readingPane")
        self.find_bar = FindBar(self.pane, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.middle, stacked(self, self.pane, self.find_bar)):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 580])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.commands = build_commands(self)
        self.toolbar = build_toolbar(self, self.commands, self.search_bar)
        self.search_status = SearchStatus(
            self.search, self.search_bar, self.middle, self.commands.export_results, self
        )
        self.timeline_link = TimelineLink(self.search, self.search_bar, self.middle, self)
        self.hit_label = self.search_status.hit_label
        self.hit_steps = HitSteps(self.commands, self.pane, self.find_bar, self.search_status, self)
        self.statusBar().addPermanentWidget(self.search_status.hit_position_label)
        self.statusBar().addPermanentWidget(self.hit_label)
        self.navigator = IssueNavigator(
            session, self.calendar, self.middle, self.pane, self.articles,
            lambda: self.search.last_outcome, self,
        )  # fmt: skip
        self.history = ReadingHistory(
            self, self.navigator, self.middle, self.search_bar, self.search, self.pane, self.leave_search
        )
        self.comfort = ReadingComfort(self, self.pane, self.settings)
        self.resume = Resume(self.navigator, self.middle, self.pane, self.search_bar, self.search, self)
        self.imports = ImportCommands(self.importer, session, self.settings, self.changes, self)
        self.bookmarks = BookmarksFeature(session, self.writer, self.changes, self, self.current_records)
        self.left_column = LeftColumn(self, self.calendar, self.bookmarks.dock, self.bookmarks.panel_width)
        self.calendar_dock = self.left_column.calendar_dock
        self.toolbar_fit = ToolbarFit(self.toolbar)
        self.printing = PrintExport(self, current=self.current_records, db_path=path)
        c = self.commands
        copying = (c.copy_title, c.copy_article, c.copy_citation)
        self.citations = CopyCitations(copying, self.current_records, self.pane.shown_article, self)
        self.backup = ArchiveBackup(self, self.writer, path, self.settings)
        self.publishing = ArchivePublish(self, self.writer, path, self.settings)
        self.shared = SharedFolder(self, session, self.settings, self.changes, default_archive_path)
        self.care = ArchiveCare(session, self.writer, self.changes, self)
        self.corrections = CorrectionsFeature(
            self.writer,
            self.changes,
            self,
            self.pane.paragraph_at_cursor,
            session.failed_corrections,
            session.original_text,
        )
        blocked = lambda: session.write_blocker is not None  # noqa: E731
        self.issue_dates = IssueDates(session, self.writer, self.changes, self, blocked)
        self.dictionary = DictionaryFeature(self.writer, self.changes, self, session.dictionary_words)
        self.papers = PapersFeature(self.writer, self.changes, self, session.papers)
        self.outside_changes = OutsideChanges(session, self.writer, self._changed_elsewhere, self)
        self.snapshot_updates = SnapshotUpdates(
            self.outside_changes, self.statusBar(), (self.middle, self.pane), self.search, self._switched
        )
        self._place_feature_actions()
        self._connect()
        self._subscribe()
        c = self.commands
        parts = (self.calendar, self.corrections, self.dictionary, self.papers, self.care, self.publishing)
        self.read_only = ReadOnlyView(self, (c.import_files, c.import_folder), c.file_menu, parts)
        self.read_only_label = self.read_only.label
        self._apply_write_blocker(session.write_blocker)
        self._restore()

    # --- wiring -------------------------------------------------------------------------------

    def _place_feature_actions(self) -> None:
        """Each feature made its own actions; the window decides where they go."""
        c = self.commands
        c.add_file_group(self.printing.actions.all(), before_import=True)
        c.add_file_group([self.backup.action, self.publishing.action])
        c.add_file_group(self.shared.actions())
        c.add_file_group([self.care.remove_demo_action, self.care.repair_action])
        c.add_file_group([self.dictionary.action, self.papers.action])
        c.add_view_group(self.bookmarks.actions())
        c.add_view_group([self.history.back, self.history.forward])
        c.add_view_group(self.comfort.actions())
        self.toolbar.insertActions(c.previous, [self.history.back, self.history.forward])
        self.toolbar.addActions(self.bookmarks.actions())
        help_menu = self.menuBar().actions()[-1]
        self.menuBar().insertMenu(help_menu, self.corrections.menu)
        help_entries = help_menu.menu()
        if isinstance(help_entries, QMenu):
            help_entries.insertAction(help_entries.actions()[0], guide_action(self))
        self.middle.set_article_actions(self.corrections.article_actions())
        copying = [c.copy_title, c.copy_article, c.copy_citation]
        self.middle.set_copy_actions([*copying, self.bookmarks.bookmark_chosen])
        on_article = [c.copy_article, c.copy_citation, *self.corrections.article_actions()]
        self.pane.set_context_actions([*on_article, self.corrections.original_action])
        self.corrections.bind_undo_keys(self.middle, self.pane)

    def _connect(self) -> None:
        c, nav = self.commands, self.navigator
        c.import_files.triggered.connect(self.imports.choose_files)
        c.import_folder.triggered.connect(self.imports.choose_folder)
        c.quit.triggered.connect(self.close)
        c.find.triggered.connect(self.find_bar.open)
        c.search_archive.triggered.connect(self.search_bar.focus)
        c.back_to_issue.triggered.connect(self._escape)
        c.previous.triggered.connect(lambda: self.middle.step(-1))
        c.next.triggered.connect(lambda: self.middle.step(1))
        c.latest.triggered.connect(nav.open_latest)
        c.zoom_in.triggered.connect(lambda: self.pane.change_font_size(1))
        c.zoom_out.triggered.connect(lambda: self.pane.change_font_size(-1))
        c.about.triggered.connect(lambda: show_about(self, str(self.session.path)))
        c.shortcuts.triggered.connect(lambda: show_shortcuts(self))
        c.export_results.triggered.connect(self.export_search_results)
        self.pane.font_size_changed.connect(self._font_size_changed)
        self.pane.article_changed.connect(self.bookmarks.set_article)
        self.pane.article_changed.connect(self.corrections.set_article)
        self.pane.article_changed.connect(self.history.record)
        # A name in the byline searches for the articles the person wrote (作者: in the syntax).
        self.pane.author_clicked.connect(lambda name: self.search_bar.field.setText(f'作者:"{name}"'))
        self.corrections.changed.connect(self._corrected)
        self.dictionary.changed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.papers.changed.connect(self._papers_renamed)
        self.calendar.date_chosen.connect(nav.open_date)
        self.calendar.month_changed.connect(lambda _y, _m: nav.refresh_calendar())
        self.calendar.publication_changed.connect(self._publication_changed)
        self.calendar.latest_requested.connect(nav.open_latest)
        self.calendar.undated_chosen.connect(nav.open_issue)
        self.calendar.assign_date_requested.connect(self.ask_issue_date)
        self.issue_dates.dated.connect(lambda issue_id: nav.open_issue(issue_id))
        self.middle.article_chosen.connect(nav.show_article)
        self.search.finished.connect(nav.search_finished)
        self.middle.article_chosen.connect(self.search_history.result_opened)
        self.search_history.chosen.connect(lambda _text: self.search.run_now())
        self.middle.issue_switched.connect(nav.open_issue)
        self.search_bar.escape_pressed.connect(self.leave_search)
        self.search_status.query_cleared.connect(lambda: nav.back_to_issue(focus_list=False))
        self.search_status.publication_clear_requested.connect(self.calendar.show_all_publications)
        self.imports.imported.connect(nav.reopen_current)
        self.shared.relocated.connect(self._relocated)
        self.imports.repair_requested.connect(self.care.repair)
        self.care.latest_requested.connect(nav.open_latest)
        self.bookmarks.article_requested.connect(nav.open_article)
        self.bookmarks.export_requested.connect(self.printing.export_bookmarks)
        self.printing.finished.connect(lambda message: self.statusBar().showMessage(message, 6000))
        for copying in (self.backup, self.publishing):
            copying.finished.connect(lambda message: self.statusBar().showMessage(message, 8000))
        features = (
            nav,
            self.search_status,
            self.imports,
            self.bookmarks,
            self.corrections,
            self.snapshot_updates,
            self.issue_dates,
            self.citations,
            self.care,
        )
        for feature in features:
            feature.status_message.connect(self.statusBar().showMessage)
        self._warm_timer.timeout.connect(self.search.warm_up)

    def _subscribe(self) -> None:
        """Every part that shows the archive follows its changes, told in this order: the undo
        steps first (a part that reads again must not find a step that names a gone row), the
        search, the calendar's lists, the missing issues, the search's date span, the demo's
        action, the bookmarks, and last what can be written."""
        followers = (
            self.corrections.changes_made,
            self.search.changes_made,
            self.navigator.changes_made,
            self.missing_issues.changes_made,
            self._span_follows,
            self.care.changes_made,
            self.bookmarks.changes_made,
            self._access_follows,
        )
        for follow in followers:
            self.changes.changed.connect(follow)

    def _span_follows(self, changes: Changes) -> None:
        """The search bar's date range spans the issues: it follows them."""
        if changes.issues or changes.archive_replaced:
            self._offer_date_span()

    def _access_follows(self, changes: Changes) -> None:
        """Whether the archive can be written is found when it is opened: follow a new opening."""
        if changes.reopened or changes.archive_replaced:
            self._apply_write_blocker(self.session.write_blocker)

    def _apply_write_blocker(self, reason: str | None) -> None:
        """A read-only archive (`reason` says why): see reader.gui.window.read_only. Bookmarks
        are off only when the user's own file cannot be written."""
        self.read_only.apply(reason, self.session.path)
        self.bookmarks.set_read_only(self.session.personal_blocker)

    def _restore(self) -> None:
        if (geometry := self.settings.geometry) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.splitter_state) is not None:
            self.splitter.restoreState(state)
        if (docks := self.settings.window_state) is not None:
            self.restoreState(docks)

    def start(self) -> None:
        """Fill the window: filters, calendar, last viewed (or latest) issue; demo on first start.

        A damaged page met while filling stops the filling with its message in the status bar;
        the check on opening then names the damage and offers the repair.
        """
        self.care.check_on_open()
        try:
            self._fill()
        except ArchiveError as err:
            self.statusBar().showMessage(str(err))
            return
        if self._warm_up_ms is not None:
            self._warm_timer.start(self._warm_up_ms)
        self.outside_changes.start()
        first_start = self.session.created and self.session.is_empty()
        if self._demo_dir is not None and self._demo_dir.is_dir() and first_start:
            self.statusBar().showMessage(self.tr("首次启动：正在导入演示报纸…"))
            self.importer.start([self._demo_dir], quiet=True, demo=True)

    def _fill(self) -> None:
        self.navigator.refresh_lists()
        self.missing_issues.reload()
        self._offer_date_span()
        self.resume.open()

    # --- what the window shows -----------------------------------------------------------------

    @property
    def current_issue_id(self) -> int | None:
        """The issue whose articles are listed (None in an empty archive)."""
        return self.navigator.current_issue_id

    def open_latest(self) -> None:
        self.navigator.open_latest()

    def _changed_elsewhere(self) -> None:
        """Another program or computer changed the archive: show it as it is now."""
        self._reread(Changes.everything())
        self.statusBar().showMessage(self.tr("档案已由其他程序更新，已重新读取"), 8000)

    def _switched(self) -> None:
        """The session reads a newer published snapshot: another file, opened anew."""
        self._reread(Changes.everything(archive_replaced=True, reopened=True))

    def _reread(self, changes: Changes) -> None:
        """Everything read again from the archive as it is now (another program changed it, or
        the session moved to a newer published snapshot), on the same issue and article."""
        self.changes.announce(changes)
        self.navigator.reopen_current()

    def current_records(self) -> list[ArticleRecord]:
        """What 打印 / 导出为PDF/Word act on: the selected articles (of the issue or the search
        results), else the one in the reading pane."""
        selected = self.middle.selected_articles()
        if len(selected) > 1:
            return selected
        results = self.middle.selected_result_ids()
        if len(results) > 1:
            return self.session.articles(results)
        record = self.pane.record
        return [record] if record is not None else []

    def _publication_changed(self) -> None:
        self.navigator.publication_changed()
        self._offer_date_span()
        if self.middle.showing_search():
            self.search.schedule()

    def ask_issue_date(self, issue_id: int) -> None:
        self.issue_dates.ask(issue_id)

    def assign_issue_date(self, issue_id: int, iso: str | None) -> None:
        self.issue_dates.assign(issue_id, iso)

    # --- search --------------------------------------------------------------------------------

    def _search_request(self) -> SearchRequest:
        return self.search_bar.request(self.calendar.current_publication())

    def _offer_date_span(self) -> None:
        """The search bar's date range starts as the first and last issue of what is shown."""
        self.search_bar.set_date_span(self.session.date_span(self.calendar.current_publication()))

    def _escape(self) -> None:
        """Esc: closes the find bar when it is open, else leaves the search."""
        if self.find_bar.isVisible():
            self.find_bar.close_bar()
        else:
            self.leave_search()

    def leave_search(self) -> None:
        """Esc: empty the search box (back to the issue, no count or status left over) and give
        the keyboard to the article list."""
        searching = self.middle.showing_search() or bool(self.search_bar.text())
        self.search_status.leave()
        self.navigator.back_to_issue()
        if searching:
            self.middle.focus_list()

    def export_search_results(self) -> None:
        """The current search's results, as the list orders them, into a clippings book."""
        outcome = self.search.last_outcome
        if outcome is None or not outcome.total:
            return
        self.printing.export_search(outcome.request)

    # --- reading pane --------------------------------------------------------------------------

    def _font_size_changed(self, size: int) -> None:
        self.settings.font_pt = size

    # --- import --------------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> bool:
        """Start importing `paths` (as 导入文件… or a drop does); False when refused."""
        return self.imports.import_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.imports.droppable(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.imports.droppable(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def _corrected(self, key: str) -> None:
        """A correction, undo or redo is in the file (and announced): the corrected article (or
        the one it was merged into) shown in its issue."""
        record = self.session.article_by_key(key)
        if record is not None:
            self.navigator.open_issue(record.issue_id, record.id)
        else:
            self.navigator.reopen_current()

    def _relocated(self) -> None:
        """The session reads another archive (打开共享档案… / 改回本机档案): all of it, where the
        user left it (every part has read it again: the folder announced it)."""
        self.resume.open()
        self.statusBar().showMessage(self.tr("正在阅读：{0}").format(self.session.location), 8000)

    def _papers_renamed(self, text: str) -> None:
        """A paper renamed or merged (and announced: the lists read it again): the shown issue
        again, under the paper's name now."""
        self.navigator.reopen_current()
        self.statusBar().showMessage(text, 8000)

    # --- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importer.running:
            self.importer.cancel()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self._warm_timer.stop()
        self.outside_changes.stop()
        self.printing.shutdown()  # a running print, export or backup stops first
        self.backup.cancel()
        self.publishing.cancel()
        self.search.shutdown()
        self.missing_issues.shutdown()
        if (place := self.navigator.place()) is not None:
            where = (*place, *self.resume.place_now())
            self.writer.submit(lambda archive: places.remember(archive, *where), lambda _none: None)
        self.care.shutdown()
        self.writer.shutdown()  # queued bookmark writes and the place still land
        super().closeEvent(event)
