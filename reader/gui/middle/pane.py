"""The middle pane: the chosen issue's article list, or the search results, one at a time.

Both lists are views over real models (ArticleListModel, SearchResultModel); `article_chosen`
tells the window which article to show, whichever list is in front, and `issue_switched` which
issue the user picked (of a day's issues, or the nearest one offered by a day without an issue,
whose notice stands in place of the list). Under the result count sits the keyword timeline
(TimelineStrip); its clicks come out as `period_chosen` / `period_cleared`. The window talks to the pane
through the methods below, never through its inner widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.archive.records import ArticleRecord, IssueRecord, ListedArticle
from reader.gui.line_breaks import unbreakable_source, without_joiners
from reader.gui.metrics import chars_width
from reader.gui.middle.article_model import COL_BYLINE, COL_PAGE, COL_TITLE, ArticleListModel
from reader.gui.middle.author_filter import AuthorChooser
from reader.gui.middle.day_notice import DayNotice
from reader.gui.middle.list_filter import ListFilter
from reader.gui.middle.page_filter import PageChooser
from reader.gui.roles import ArticleIdRole
from reader.gui.search.filter_notice import FilterNotice
from reader.gui.search.model import HtmlDelegate, SearchResultModel
from reader.gui.search.timeline_strip import TimelineStrip

ISSUE_PAGE, SEARCH_PAGE = 0, 1
TITLE_CHARS = 12  # the article list never shows less of a headline than this
BYLINE_CHARS = 7  # the author column to start with: '融媒体 裴崇旭'; wider by dragging


HEADING_PART_CHARS = 12  # longer parts of the issue heading (file names) may break inside


class MiddlePane(QStackedWidget):
    """Emits `article_chosen(article_id, from_search)` when the current row changes, and
    `filter_clear_requested("dates" | "publication")` when the user asks to drop a filter that
    left the results empty; `period_chosen(period)` / `period_cleared()` from the timeline."""

    article_chosen = Signal(int, bool)
    issue_switched = Signal(int)
    filter_clear_requested = Signal(str)
    period_chosen = Signal(str)
    period_cleared = Signal()

    def __init__(
        self, articles: ArticleListModel, results: SearchResultModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.articles = articles
        self.results = results
        self._article_actions: list[QAction] = []
        self._copy_actions: list[QAction] = []
        self.context_menu: QMenu | None = None  # the last right-click menu (tests look into it)
        issue_page = QWidget(self)
        self.issue_label = QLabel(issue_page)
        self.issue_label.setObjectName("issueLabel")
        self.issue_label.setTextFormat(Qt.TextFormat.PlainText)
        self.issue_label.setWordWrap(True)
        self.set_issue_title(self.tr("尚未选择期次"))
        self.issue_label.setStyleSheet("font-weight:bold; padding:4px 2px;")
        self.issue_combo = QComboBox(issue_page)
        self.issue_combo.setObjectName("issueCombo")
        self.issue_combo.setVisible(False)
        self.table = QTableView(issue_page)
        self.table.setObjectName("articleTable")
        self.table.setModel(articles)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl-click several articles to print or export them together.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_PAGE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_BYLINE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_BYLINE, chars_width(self.table.font(), BYLINE_CHARS))
        top = QHBoxLayout()
        top.addWidget(self.issue_label, 1)
        top.addWidget(self.issue_combo)
        layout = QVBoxLayout(issue_page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(self._filter_row(issue_page))
        layout.addWidget(self.table, 1)
        self.notice = DayNotice(issue_page)
        self.notice.setVisible(False)
        layout.addWidget(self.notice, 1)
        self.addWidget(issue_page)

        search_page = QWidget(self)
        self.search_label = QLabel("", search_page)
        self.search_label.setObjectName("searchLabel")
        self.search_label.setTextFormat(Qt.TextFormat.PlainText)  # the query, a paper's name
        self.search_label.setWordWrap(True)
        self.search_label.setStyleSheet("font-weight:bold; padding:4px 2px;")
        self.result_view = QListView(search_page)
        self.result_view.setObjectName("resultList")
        self.result_view.setModel(results)
        self.result_view.setItemDelegate(HtmlDelegate(self.result_view))
        self.result_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.result_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.result_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.result_view.setAlternatingRowColors(True)
        self.result_view.setWordWrap(True)
        # Shift/Ctrl-click several results to print, export or cite them together.
        self.result_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        search_layout = QVBoxLayout(search_page)
        search_layout.setContentsMargins(4, 4, 4, 4)
        self.filter_notice = FilterNotice(search_page)
        self.filter_notice.clear_requested.connect(self.filter_clear_requested)
        self.timeline = TimelineStrip(search_page)
        self.timeline.setVisible(False)
        self.timeline.period_chosen.connect(self.period_chosen)
        self.timeline.period_cleared.connect(self.period_cleared)
        search_layout.addWidget(self.search_label)
        search_layout.addWidget(self.timeline)
        search_layout.addWidget(self.filter_notice)
        search_layout.addWidget(self.result_view, 1)
        self.addWidget(search_page)

        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.result_view.selectionModel().currentRowChanged.connect(self._result_row_changed)
        self.result_view.clicked.connect(self._result_clicked)
        self.issue_combo.activated.connect(self._issue_combo_activated)
        self.notice.issue_requested.connect(self.issue_switched)
        margins = layout.contentsMargins()
        self.setMinimumWidth(self._narrowest(margins.left() + margins.right()))

    def _filter_row(self, issue_page: QWidget) -> QHBoxLayout:
        """The page and author choosers side by side, in a row of their own (the heading above
        is never cut), reached by Tab between the day's issues and the list."""
        self.page_filter = PageChooser(issue_page)
        self.author_filter = AuthorChooser(issue_page)
        choosers = [self.page_filter, self.author_filter]
        self.list_filter = ListFilter(self.articles, choosers, lambda: self.select_article_row(0), self)
        row = QHBoxLayout()
        for chooser in choosers:
            row.addWidget(chooser)
        row.addStretch(1)
        QWidget.setTabOrder(self.issue_combo, self.page_filter)
        QWidget.setTabOrder(self.page_filter, self.author_filter)
        QWidget.setTabOrder(self.author_filter, self.table)
        return row

    def _narrowest(self, margins: int) -> int:
        """Width that leaves TITLE_CHARS characters to the headline column beside the page and
        author columns, a scroll bar and the frame: the splitter may not squeeze the list below
        it on a small screen."""
        header = self.table.horizontalHeader()
        others = header.sectionSizeHint(COL_PAGE) + header.sectionSize(COL_BYLINE)
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
        title = chars_width(self.table.font(), TITLE_CHARS)
        return title + others + scroll_bar + 2 * self.table.frameWidth() + margins + 2

    def showing_search(self) -> bool:
        return self.currentIndex() == SEARCH_PAGE

    def show_issue_list(self) -> None:
        """Bring the issue's article list to the front (the results stay as they are)."""
        self.setCurrentIndex(ISSUE_PAGE)

    def show_results(self) -> None:
        """Bring the search results to the front."""
        self.setCurrentIndex(SEARCH_PAGE)

    def list_issue(
        self, issue_id: int | None, listed: list[ListedArticle], wanted: int | None = None
    ) -> None:
        """List an issue's articles (reader.archive.queries.listed_articles) under its page and
        author choosers: on 全部 for another issue; the same issue again keeps the choices unless
        they would hide `wanted` (middle.list_filter)."""
        self.list_filter.show_issue(issue_id, listed, wanted)

    def set_issue_title(self, text: str) -> None:
        """The heading above the article list (the issue's name, or nothing); a narrow list wraps
        it between its parts, never inside '总第1449期'."""
        self.issue_label.setText(unbreakable_source(text, longest=HEADING_PART_CHARS))

    def issue_title(self) -> str:
        """The heading as the user reads it (without the layout's joiners)."""
        return without_joiners(self.issue_label.text())

    def set_search_title(self, text: str) -> None:
        """The heading above the results (the query and its count, or what went wrong)."""
        self.search_label.setText(text)

    def set_notice(self, text: str | None, link: tuple[str, int] | None = None) -> None:
        """In place of the article list, `text` (a day without an issue) and `link` = (its words,
        the issue it opens, via issue_switched); None brings the list back."""
        if text is not None:
            self.notice.show_text(text, link)
        self.notice.setVisible(text is not None)
        self.table.setVisible(text is None)

    def notice_text(self) -> str:
        """What the notice in place of the list says, or "" while the list is shown."""
        return self.notice.plain_text() if not self.notice.isHidden() else ""

    def show_timeline(
        self, periods: list[tuple[str, int]], selected: str | None = None, undated: int = 0
    ) -> None:
        """The hits per period under the count, `selected` marked as the chosen range, and the
        hits in undated issues (nothing of either hides it)."""
        self.timeline.set_periods(periods, selected, undated)

    def offer_filter_clearing(self, kinds: list[str]) -> None:
        """Under the heading, a button to clear each of these filters ([] hides them)."""
        self.filter_notice.offer(kinds)

    def scroll_state(self) -> tuple[int, int]:
        """How far the issue's list and the results are scrolled (kept when the window moves to
        a newer published snapshot, where the same rows come back)."""
        return (self.table.verticalScrollBar().value(), self.result_view.verticalScrollBar().value())

    def restore_scroll_state(self, state: tuple[int, int]) -> None:
        """Scroll both lists back to `scroll_state()` (as far as they now reach)."""
        self.table.verticalScrollBar().setValue(state[0])
        self.result_view.verticalScrollBar().setValue(state[1])

    def current_result_id(self) -> int | None:
        """The article of the current row of the results, or None."""
        current = self.result_view.currentIndex()
        value = current.data(ArticleIdRole) if current.isValid() else None
        return None if value is None else int(value)

    def select_result(self, article_id: int) -> bool:
        """Make the loaded result row of this article current (emits article_chosen); False
        when it is not among the rows loaded."""
        for row in range(self.results.rowCount()):
            if self.results.index(row, 0).data(ArticleIdRole) == article_id:
                self.open_result(row)
                return True
        return False

    def current_article_id(self) -> int | None:
        """The article of the current row in the issue's list, or None."""
        current = self.table.currentIndex()
        return self.articles.id_at(current.row()) if current.isValid() else None

    def show_issues(self, issues: list[IssueRecord], current: int) -> None:
        """The issues of one day; a chooser appears only when there are several."""
        self.issue_combo.blockSignals(True)
        self.issue_combo.clear()
        for issue in issues:
            self.issue_combo.addItem(issue.publication or issue.source_name or "", issue.id)
        self.issue_combo.setCurrentIndex(max(0, self.issue_combo.findData(current)))
        self.issue_combo.setVisible(len(issues) > 1)
        self.issue_combo.blockSignals(False)

    def _issue_combo_activated(self, index: int) -> None:
        issue_id = self.issue_combo.itemData(index)
        if issue_id is not None:
            self.issue_switched.emit(int(issue_id))

    def select_article_row(self, row: int) -> None:
        """Make `row` current in the article list (emits article_chosen)."""
        if 0 <= row < self.articles.rowCount():
            index = self.articles.index(row, COL_TITLE)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def selected_articles(self) -> list[ArticleRecord]:
        """Articles selected in the issue's list, top to bottom (empty in search view)."""
        if self.showing_search():
            return []
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [r for r in (self.articles.record(row) for row in rows) if r is not None]

    def step(self, delta: int) -> None:
        """Previous/next article in whichever list is in front."""
        view = self.result_view if self.showing_search() else self.table
        model = view.model()
        current = view.currentIndex()
        row = (current.row() + delta) if current.isValid() else 0
        if 0 <= row < model.rowCount():
            index = model.index(row, COL_TITLE if view is self.table else 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            view.selectionModel().setCurrentIndex(index, flags)
            view.scrollTo(index)

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(ArticleIdRole) if current.isValid() else None
        if article_id is not None and not self.showing_search():
            self.article_chosen.emit(int(article_id), False)

    def _result_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(ArticleIdRole) if current.isValid() else None
        if article_id is not None and self.showing_search():
            self.article_chosen.emit(int(article_id), True)

    def _result_clicked(self, index: QModelIndex) -> None:
        """A plain click opens the result (again, if it is current already); a Ctrl- or
        Shift-click only adds to or extends the selection, as in the issue's list."""
        held = QGuiApplication.keyboardModifiers()
        several = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if not held & several:
            self.open_result(index.row())

    def selected_result_ids(self) -> list[int]:
        """Articles of the selected results, top to bottom (empty in the issue view)."""
        if not self.showing_search():
            return []
        rows = sorted(index.row() for index in self.result_view.selectionModel().selectedIndexes())
        ids = (self.results.index(row, 0).data(ArticleIdRole) for row in rows)
        return [int(value) for value in ids if value is not None]

    def open_result(self, row: int) -> None:
        """Make result `row` current (emits article_chosen with from_search=True)."""
        if 0 <= row < self.results.rowCount():
            index = self.results.index(row, 0)
            self.result_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.result_view.scrollTo(index)

    def set_article_actions(self, actions: list[QAction]) -> None:
        """The right-click menu of the article list: the copy actions, then these (corrections)."""
        self._article_actions = list(actions)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._article_menu)

    def set_copy_actions(self, actions: list[QAction]) -> None:
        """复制标题 / 复制全文 / 复制引文, first in the right-click menus of the article list and
        of the search results (they act on the selected articles: reader.gui.window.citations)."""
        self._copy_actions = list(actions)
        self.result_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.result_view.customContextMenuRequested.connect(self._result_menu)

    def _article_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid() or not (self._article_actions or self._copy_actions):
            return
        chosen = {i.row() for i in self.table.selectionModel().selectedRows()}
        if index.row() not in chosen:  # a click inside a selection of several keeps them all
            self.select_article_row(index.row())
        self._popup(self.table, "articleListMenu", [self._copy_actions, self._article_actions], pos)

    def _result_menu(self, pos: QPoint) -> None:
        index = self.result_view.indexAt(pos)
        if not index.isValid() or not self._copy_actions:
            return
        if not self.result_view.selectionModel().isSelected(index):
            self.open_result(index.row())
        self._popup(self.result_view, "resultListMenu", [self._copy_actions], pos)

    def _popup(self, view: QAbstractItemView, name: str, groups: list[list[QAction]], pos: QPoint) -> None:
        menu = QMenu(view)
        menu.setObjectName(name)
        for group in (g for g in groups if g):
            if menu.actions():
                menu.addSeparator()
            menu.addActions(group)
        menu.aboutToHide.connect(menu.deleteLater)
        self.context_menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))

    def focus_list(self) -> None:
        (self.result_view if self.showing_search() else self.table).setFocus(Qt.FocusReason.OtherFocusReason)
