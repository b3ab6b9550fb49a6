"""The main window: calendar | article list or search results | reading pane.

Composition only: each pane is its own module; this class wires their signals to the archive
session (quick reads on the GUI thread), the search controller and the import controller (both
off the UI thread). It never runs SQL itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QSplitter, QToolBar

from reader.archive import queries
from reader.archive.errors import ArchiveError
from reader.archive.formatting import issue_title
from reader.archive.records import ArticleRecord
from reader.gui.about import show_about
from reader.gui.actions import build_actions
from reader.gui.archive_care import ArchiveCare
from reader.gui.article_model import ArticleListModel
from reader.gui.calendar_panel import CalendarPanel, DateDialog
from reader.gui.importing import ImportController, ReportDialog
from reader.gui.messages import open_warning
from reader.gui.middle_pane import ISSUE_PAGE, SEARCH_PAGE, MiddlePane
from reader.gui.operations import ArchiveOp, ArchiveWriter
from reader.gui.reading_pane import ReadingPane
from reader.gui.search_adapter import SearchOutcome, SearchRequest, article_highlights
from reader.gui.search_bar import SearchBar
from reader.gui.search_controller import SearchController
from reader.gui.session import ArchiveSession
from reader.gui.settings import Settings
from reader.gui.window_features import WindowFeatures

if TYPE_CHECKING:
    from reader.archive.importer import ImportReport

WARM_UP_MS = 1500


def _local_paths(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


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
        self.current_issue_id: int | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("报刊档案阅读器"))
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.writer = ArchiveWriter(lambda: self.session.path, self)
        self.importer = ImportController(self.writer, self)
        self.search_bar = SearchBar(self)
        self.search = SearchController(lambda: self.session.path, self._search_request, self)
        self.articles = ArticleListModel(self.session.articles, self)
        self.calendar = CalendarPanel(self)
        self.middle = MiddlePane(self.articles, self.search.model, self)
        self.pane = ReadingPane(self.settings.font_pt, self)
        self.pane.setObjectName("readingPane")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.calendar, self.middle, self.pane):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([300, 400, 580])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.hit_label = QLabel("", self)
        self.hit_label.setObjectName("hitCount")
        self.statusBar().addPermanentWidget(self.hit_label)

        self.actions_ = build_actions(self)
        self.toolbar = toolbar = QToolBar(self.tr("工具栏"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addWidget(self.search_bar)
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.previous, self.actions_.next])
        self.addToolBar(toolbar)
        self._connect()
        self.features = WindowFeatures(self)
        self.care = ArchiveCare(self)
        self.read_only_label = QLabel("", self)
        self.read_only_label.setObjectName("readOnlyNote")
        self._apply_write_blocker(session.write_blocker)
        self._restore()

    # --- wiring -------------------------------------------------------------------------------

    def _connect(self) -> None:
        a = self.actions_
        a.import_files.triggered.connect(self.choose_files)
        a.import_folder.triggered.connect(self.choose_folder)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.search_bar.focus)
        a.back_to_issue.triggered.connect(self.back_to_issue)
        a.previous.triggered.connect(lambda: self.middle.step(-1))
        a.next.triggered.connect(lambda: self.middle.step(1))
        a.latest.triggered.connect(self.open_latest)
        a.zoom_in.triggered.connect(lambda: self.pane.change_font_size(1))
        a.zoom_out.triggered.connect(lambda: self.pane.change_font_size(-1))
        a.copy_article.triggered.connect(self.copy_article)
        a.about.triggered.connect(lambda: show_about(self, str(self.session.path)))
        self.pane.font_size_changed.connect(self._font_size_changed)
        self.calendar.date_chosen.connect(self.open_date)
        self.calendar.month_changed.connect(lambda _y, _m: self.refresh_calendar())
        self.calendar.publication_changed.connect(self._publication_changed)
        self.calendar.latest_requested.connect(self.open_latest)
        self.calendar.undated_chosen.connect(self.open_issue)
        self.calendar.assign_date_requested.connect(self.ask_issue_date)
        self.middle.article_chosen.connect(self.show_article)
        self.middle.issue_switched.connect(self.open_issue)
        self.middle.result_view.clicked.connect(lambda index: self.middle.open_result(index.row()))
        self.search_bar.changed.connect(self._query_edited)
        self.search_bar.return_pressed.connect(self.search.run_now)
        self.search_bar.escape_pressed.connect(self.back_to_issue)
        self.search.started.connect(lambda: self.statusBar().showMessage(self.tr("正在检索…")))
        self.search.finished.connect(self._search_finished)
        self.search.failed.connect(self._search_failed)
        self.importer.finished.connect(self._import_finished)
        self.importer.failed.connect(self._import_failed)
        self._warm_timer.timeout.connect(self.search.warm_up)

    def _apply_write_blocker(self, reason: str | None) -> None:
        """A read-only archive (`reason` says why) can be browsed and searched, nothing more:
        import (menu and drop), bookmarks and user dates are off, with the reason as tooltip and
        a permanent note in the status bar."""
        self.setAcceptDrops(reason is None)
        tip = self.tr("只读档案，不能导入：{0}").format(reason) if reason else ""
        for action in (self.actions_.import_files, self.actions_.import_folder):
            action.setEnabled(reason is None)
            action.setToolTip(tip or action.text())
            action.setStatusTip(tip)
        self.actions_.file_menu.setToolTipsVisible(reason is not None)
        self.calendar.set_read_only(reason)
        self.features.set_read_only(reason)
        self.care.set_read_only(reason)
        if reason is not None:
            self.read_only_label.setText(
                self.tr("只读档案：{0}；可以浏览和检索，不能导入或收藏").format(reason)
            )
            self.read_only_label.setToolTip(str(self.session.path))
            self.statusBar().addPermanentWidget(self.read_only_label)
            self.read_only_label.show()
        else:
            self.read_only_label.hide()

    def _restore(self) -> None:
        if (geometry := self.settings.geometry) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.splitter_state) is not None:
            self.splitter.restoreState(state)
        if (docks := self.settings.window_state) is not None:
            self.restoreState(docks)

    def start(self) -> None:
        """Fill the window: filters, calendar, last viewed (or latest) issue; demo on first start."""
        self.refresh_lists()
        last = self.settings.last_issue_id
        if last is not None and self.session.issue(last) is not None:
            self.open_issue(last)
        else:
            self.open_latest()
        if self._warm_up_ms is not None:
            self._warm_timer.start(self._warm_up_ms)
        first_start = self.session.created and self.session.is_empty()
        if self._demo_dir is not None and self._demo_dir.is_dir() and first_start:
            self.statusBar().showMessage(self.tr("首次启动：正在导入演示报纸…"))
            self.importer.start([self._demo_dir], quiet=True, demo=True)

    # --- issue view ----------------------------------------------------------------------------

    def refresh_lists(self) -> None:
        """Re-read publications, the shown month and the undated issues (after an import)."""
        self.calendar.set_publications(self.session.publications())
        self.refresh_calendar()
        self.calendar.set_undated(self.session.undated_issues())

    def refresh_calendar(self) -> None:
        year, month = self.calendar.shown_month()
        self.calendar.mark_dates(self.session.issue_dates(self.calendar.current_publication(), year, month))

    def _publication_changed(self) -> None:
        self.refresh_calendar()
        if self.middle.showing_search():
            self.search.schedule()

    def open_date(self, iso: str) -> None:
        """Show the issue(s) of a day; a day without an issue says so and clears the list."""
        issues = self.session.issues_on(iso, self.calendar.current_publication())
        if not issues:
            self.statusBar().showMessage(self.tr("{0} 没有报纸").format(iso), 4000)
            return
        current = next((i.id for i in issues if i.id == self.current_issue_id), issues[0].id)
        self.open_issue(current)

    def open_latest(self) -> None:
        """Show the newest issue; in an archive without issues, an empty list that says how to fill it."""
        latest = self.session.latest_issue(self.calendar.current_publication())
        if latest is not None:
            self.open_issue(latest.id)
        elif self.session.is_empty():
            self.current_issue_id = None
            self.articles.set_ids([])
            self.middle.issue_label.setText("")
            self.pane.show_placeholder(
                self.tr("档案中还没有报纸。请用 文件 → 导入文件… 或把文件拖到窗口上导入。")
            )

    def open_issue(self, issue_id: int, article_id: int | None = None) -> None:
        """List the issue's articles in page order and show the first (or `article_id`)."""
        issue = self.session.issue(issue_id)
        if issue is None:
            return
        self.current_issue_id = issue_id
        self.settings.last_issue_id = issue_id
        if issue.date:
            self.calendar.select_date(issue.date)
            self.middle.show_issues(
                self.session.issues_on(issue.date, self.calendar.current_publication()), issue_id
            )
        else:
            self.middle.show_issues([issue], issue_id)
        self.middle.issue_label.setText(issue_title(issue))
        self.middle.setCurrentIndex(ISSUE_PAGE)
        self.articles.set_ids(self.session.article_ids(issue_id))
        self.statusBar().showMessage(self.tr("本期共 {0} 篇").format(self.articles.rowCount()), 4000)
        if self.articles.rowCount():
            row = self.articles.row_of(article_id) if article_id is not None else 0
            self.middle.select_article_row(max(0, row))
        else:
            self.pane.show_placeholder(self.tr("这一期没有文章。"))

    def show_article(self, article_id: int, from_search: bool = False) -> None:
        record = self.session.article(article_id)
        if record is None:
            self.pane.show_placeholder(self.tr("这篇文章已不在档案中（可能已被重新导入）。"))
            return
        highlights = None
        outcome = self.search.last_outcome
        if from_search and outcome is not None:
            highlights = article_highlights(outcome.query, record)
        self.pane.show_article(record, highlights)

    def open_article(self, article_id: int) -> None:
        """Show an article in its issue (from a bookmark): leave the results, select its row."""
        record = self.session.article(article_id)
        if record is None:
            self.statusBar().showMessage(self.tr("这篇文章已不在档案中。"), 4000)
            return
        self.open_issue(record.issue_id, article_id)

    def ask_issue_date(self, issue_id: int) -> None:
        issue = self.session.issue(issue_id)
        if issue is None or self.session.write_blocker is not None:
            return
        dialog = DateDialog(issue, self)
        dialog.setObjectName("dateDialog")
        dialog.accepted.connect(lambda: self.assign_issue_date(issue_id, dialog.iso_date()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def assign_issue_date(self, issue_id: int, iso: str) -> None:
        """Store the user's date on the writer, then show the issue on its new day."""

        def done(_result: object) -> None:
            self.refresh_lists()
            self.open_issue(issue_id)

        op = ArchiveOp(
            parent=self,
            writer=self.writer,
            op=lambda archive, _p: queries.set_issue_date(archive, issue_id, iso),
        )
        op.success(done).failure(self._show_error).run_in_background()

    # --- search --------------------------------------------------------------------------------

    def _search_request(self) -> SearchRequest:
        return self.search_bar.request(self.calendar.current_publication())

    def _query_edited(self) -> None:
        if self.search_bar.text().strip():
            self.middle.setCurrentIndex(SEARCH_PAGE)
            self.search.schedule()
        else:
            self.search.clear()
            self.hit_label.setText("")
            self.back_to_issue()

    def _search_finished(self, outcome: SearchOutcome | None) -> None:
        if outcome is None:
            self.hit_label.setText("")
            return
        if outcome.error:
            self.hit_label.setText("")
            self.middle.search_label.setText(outcome.error)
            self.statusBar().showMessage(outcome.error, 5000)
            return
        text = self.tr("找到 {0} 篇").format(outcome.total)
        self.hit_label.setText(text)
        self.middle.search_label.setText(self.tr("“{0}”：{1}").format(outcome.request.text, text))
        self.statusBar().showMessage(self.tr("检索用时 {0:.0f} 毫秒").format(outcome.elapsed_ms), 4000)

    def _search_failed(self, message: str) -> None:
        self.hit_label.setText("")
        self.middle.search_label.setText(self.tr("检索出错：{0}").format(message))

    def back_to_issue(self) -> None:
        """Esc: leave the results, show the chosen issue's current article again."""
        if not self.middle.showing_search():
            return
        self.middle.setCurrentIndex(ISSUE_PAGE)
        current = self.middle.table.currentIndex()
        if current.isValid():
            article_id = self.articles.id_at(current.row())
            if article_id is not None:
                self.show_article(article_id)
        self.middle.focus_list()

    # --- reading pane --------------------------------------------------------------------------

    def _font_size_changed(self, size: int) -> None:
        self.settings.font_pt = size

    def copy_article(self) -> None:
        record: ArticleRecord | None = self.pane.record
        if record is None:
            return
        mime = QMimeData()
        mime.setText(self.pane.plain_text())
        mime.setHtml(self.pane.toHtml())
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage(self.tr("已复制全文"), 3000)

    # --- import --------------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("导入文件"),
            self.settings.last_import_dir,
            self.tr("报纸文本 (*.txt *.md *.text);;所有文件 (*)"),
        )
        if names:
            self.settings.last_import_dir = str(Path(names[0]).parent)
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("导入文件夹"), self.settings.last_import_dir)
        if folder:
            self.settings.last_import_dir = folder
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> bool:
        """Start importing; False (with a message) when an import is already running or the
        archive cannot be written."""
        if (blocker := self.session.write_blocker) is not None:
            self.statusBar().showMessage(self.tr("只读档案，不能导入：{0}").format(blocker), 6000)
            return False
        if not self.importer.start(paths):
            self.statusBar().showMessage(self.tr("正在导入，请等当前导入结束"), 4000)
            return False
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session.write_blocker is None and _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths and self.session.write_blocker is None:
            event.acceptProposedAction()
            self.import_paths(paths)

    def archive_changed(self) -> None:
        """The archive's content changed behind the panes (an import, the demo removed, a
        repair): every list, the bookmarks and what can be written are read again."""
        self.refresh_lists()
        self.care.refresh()
        self.features.store.reload()
        self._apply_write_blocker(self.session.write_blocker)

    def _import_finished(self, report: ImportReport, quiet: bool) -> None:
        self.archive_changed()
        if self.current_issue_id is None or self.session.issue(self.current_issue_id) is None:
            self.open_latest()
        elif not self.middle.showing_search():
            self.open_issue(
                self.current_issue_id, self.articles.id_at(self.middle.table.currentIndex().row())
            )
        if not quiet:
            dialog = ReportDialog(report, self)
            dialog.resolve_requested.connect(lambda paths, how: self.importer.start(paths, on_conflict=how))
            dialog.repair_requested.connect(self.care.repair)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
        self.statusBar().showMessage(self.tr("导入完成"), 4000)

    def _import_failed(self, message: str) -> None:
        self._show_error(RuntimeError(message))

    def _show_error(self, error: BaseException) -> None:
        title = self.tr("档案错误") if isinstance(error, ArchiveError) else self.tr("出错了")
        open_warning(self, title, str(error), "archiveError")

    # --- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importer.running:
            self.importer.cancel()
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self._warm_timer.stop()
        self.features.shutdown()
        self.search.shutdown()
        self.writer.shutdown()  # queued bookmark writes still land
        super().closeEvent(event)
