"""Which issue and article the window shows: the calendar's day, the latest issue, an issue's
article list, one article in the reading pane, and the way back from the search results.

One job, moved out of the window so it can be read as one story: every path that ends in "show
this article" (calendar, list, bookmark, search result, after an import) goes through here.
Reads use the session's connection (small queries on the GUI thread); nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.archive.formatting import chinese_date, chinese_date_near, issue_title
from reader.gui.calendar.panel import CalendarPanel
from reader.gui.middle.article_model import ArticleListModel
from reader.gui.middle.pane import MiddlePane
from reader.gui.operations import Changes
from reader.gui.reading.pane import ReadingPane
from reader.gui.search.adapter import article_highlights
from reader.gui.session import ArchiveSession

if TYPE_CHECKING:
    from reader.archive.places import Place
    from reader.gui.search.adapter import SearchOutcome

STATUS_MS = 4000


class IssueNavigator(QObject):
    """Opens days, issues and articles in the calendar, middle pane and reading pane.

    `status_message(text, ms)` carries what the status bar should say; `current_issue_id` is the
    issue whose list is shown (None in an empty archive, or on a chosen day without an issue:
    then the list's place says so and offers the nearest issue).
    """

    status_message = Signal(str, int)

    def __init__(
        self,
        session: ArchiveSession,
        calendar: CalendarPanel,
        middle: MiddlePane,
        pane: ReadingPane,
        articles: ArticleListModel,
        last_search: Callable[[], SearchOutcome | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._calendar = calendar
        self._middle = middle
        self._pane = pane
        self._articles = articles
        self._last_search = last_search
        self.current_issue_id: int | None = None
        self._empty_day: str | None = None  # the chosen day without an issue, while its notice shows
        self._hits_of: str | None = None  # the query whose hits the reading pane marks
        middle.list_filter.filtered.connect(self._say_listed)

    # --- the lists of the calendar -------------------------------------------------------------

    def changes_made(self, changes: Changes) -> None:
        """Subscribed to the window's changes: the publications, the month's days and the undated
        issues follow the issues; the issues' article counts follow a correction (a split, a merge)."""
        if changes.issues or changes.articles or changes.archive_replaced:
            self.refresh_lists()

    def _say_listed(self) -> None:
        """本期共 N 篇, or how many of them the page and author choosers list."""
        listed, total = self._middle.list_filter.counts()
        if listed == total:
            self.status_message.emit(self.tr("本期共 {0} 篇").format(total), STATUS_MS)
        else:
            self.status_message.emit(self.tr("列出 {0} 篇（本期共 {1} 篇）").format(listed, total), STATUS_MS)

    def refresh_lists(self) -> None:
        """Re-read publications, the shown month and the undated issues (after an import)."""
        self._calendar.set_publications(self._session.publications())
        self.refresh_calendar()
        self._calendar.set_undated(self._session.undated_issues())

    def refresh_calendar(self) -> None:
        year, month = self._calendar.shown_month()
        publication = self._calendar.current_publication()
        self._calendar.mark_dates(self._session.issue_dates(publication, year, month))
        self._calendar.set_month_counts(self._session.issue_counts_by_month(year, publication))

    def publication_changed(self) -> None:
        """The filter changed: the calendar's marks, and a day's notice (its nearest issue is
        of the filter's publication; the day may have one of the new filter's)."""
        self.refresh_calendar()
        if self._empty_day is not None and not self._middle.showing_search():
            self.open_date(self._empty_day)

    # --- issues --------------------------------------------------------------------------------

    def open_date(self, iso: str) -> None:
        """Show the issue(s) of a day; a day without an issue says so in the list's place."""
        issues = self._session.issues_on(iso, self._calendar.current_publication())
        if not issues:
            self._show_empty_day(iso)
            return
        current = next((i.id for i in issues if i.id == self.current_issue_id), issues[0].id)
        self.open_issue(current)

    def _show_empty_day(self, iso: str) -> None:
        """The day stays selected; the list's place says there is no paper and links the
        nearest issue of the same filter ("2022年8月2日 没有报纸；最近的一期：8月9日 ›"). On a day the
        schedule expects an issue the archive lacks, the notice and the status bar name it
        ("…没有报纸：缺第1457期（按期号推算）"), not only the day's tooltip."""
        publication = self._calendar.current_publication()
        self.current_issue_id = None
        self._empty_day = iso
        self._calendar.set_shown_issue(None)
        text = self.tr("{0} 没有{1}").format(chinese_date(iso), publication or self.tr("报纸"))
        missing = self._calendar.missing_tooltip(iso)  # 缺第1457期（按期号推算）
        if missing:
            text += self.tr("：{0}").format("；".join(missing.split("\n")))
        nearest = self._session.nearest_issue(iso, publication)
        self._middle.list_issue(None, [])
        self._middle.show_issues([], -1)
        self._middle.set_issue_title("")
        if nearest is None:
            self._middle.set_notice(text)
        else:
            words = self.tr("{0} ›").format(chinese_date_near(nearest.date, iso))
            self._middle.set_notice(text + self.tr("；最近的一期："), (words, nearest.id))
        self._middle.show_issue_list()
        self._pane.show_placeholder(text)
        # Not "本期共 N 篇" of the issue no longer listed; a missing issue is said there too.
        self.status_message.emit(text if missing else "", 0)

    def open_latest(self) -> None:
        """Show the newest issue; in an archive without issues, an empty list that says how to fill it."""
        latest = self._session.latest_issue(self._calendar.current_publication())
        if latest is not None:
            self.open_issue(latest.id)
        elif self._session.is_empty():
            self.current_issue_id = None
            self._calendar.set_shown_issue(None)
            self._empty_day = None
            self._middle.set_notice(None)
            self._middle.list_issue(None, [])
            self._middle.set_issue_title("")
            self._pane.show_placeholder(
                self.tr("档案中还没有报纸。请用 文件 → 导入文件… 或把文件拖到窗口上导入。")
            )

    def open_issue(self, issue_id: int, article_id: int | None = None) -> None:
        """List the issue's articles in page order and show the first (or `article_id`)."""
        issue = self._session.issue(issue_id)
        if issue is None:
            return
        self.current_issue_id = issue_id
        self._empty_day = None
        self._calendar.set_shown_issue(issue)
        self._middle.set_notice(None)
        if issue.date:
            self._calendar.select_date(issue.date)
            self._middle.show_issues(
                self._session.issues_on(issue.date, self._calendar.current_publication()), issue_id
            )
        else:
            self._middle.show_issues([issue], issue_id)
        self._middle.set_issue_title(issue_title(issue))
        self._middle.show_issue_list()
        self._middle.list_issue(issue_id, self._session.listed_articles(issue_id), article_id)
        count = self._articles.rowCount()
        self._say_listed()
        if count:
            row = self._articles.row_of(article_id) if article_id is not None else 0
            self._middle.select_article_row(max(0, row))
        else:
            self._pane.show_placeholder(self.tr("这一期没有文章。"))

    def open_last_place(self) -> Place | None:
        """Where the user left this archive (kept in their personal file by stable keys, so a
        newer published copy opens there too), or the latest issue; the place, for the window to
        resume its search and scroll."""
        place = self._session.last_place()
        if place is not None:
            self.open_issue(place.issue_id, place.article_id)
        else:
            self.open_latest()
        return place

    def place(self) -> tuple[str, str | None] | None:
        """The stable keys of the issue and article shown (an article opened from search results
        belongs to its own issue, not the one listed behind them), else of the issue listed, to
        open there next time; None when nothing is listed or shown, or the archive is closed."""
        if not self._session.is_open:
            return None
        record = self._pane.record
        issue_id = record.issue_id if record is not None else self.current_issue_id
        issue = self._session.issue(issue_id) if issue_id is not None else None
        if issue is None:
            return None
        return issue.key, record.key if record is not None else None

    def reopen_current(self) -> None:
        """After the archive changed: the same issue and article again (or the chosen day without
        an issue: it may have one now), or the latest issue when the shown one is gone. The
        search results, when in front, stay in front (the search runs again on its own:
        SearchController.archive_changed)."""
        if self._empty_day is not None:
            if not self._middle.showing_search():
                self.open_date(self._empty_day)
        elif self.current_issue_id is None or self._session.issue(self.current_issue_id) is None:
            self.open_latest()
        elif not self._middle.showing_search():
            self.open_issue(self.current_issue_id, self._middle.current_article_id())

    # --- articles ------------------------------------------------------------------------------

    def show_article(self, article_id: int, from_search: bool = False) -> None:
        """Show the article in the reading pane, its hits marked when it came from the results."""
        record = self._session.article(article_id)
        if record is None:
            self._pane.show_placeholder(self.tr("这篇文章已不在档案中（可能已被重新导入）。"))
            return
        highlights = None
        outcome = self._last_search()
        self._hits_of = None
        if from_search and outcome is not None:
            highlights = article_highlights(outcome.query, record)
            self._hits_of = outcome.request.text
        self._pane.show_article(record, highlights)

    def search_finished(self, outcome: SearchOutcome | None) -> None:
        """A search for another query answered: the article opened from the earlier results
        must not stay with the earlier word marked (and 第 2/3 处 of it in the status bar).
        When the new results hold it, it is their current row, with the new word's hits;
        otherwise the pane says what was found and waits for a choice. The same query searched
        again (another sort, a date range, a changed archive) leaves the pane alone."""
        shown = self._pane.record
        if outcome is None or shown is None or self._hits_of in (None, outcome.request.text):
            return
        if self._middle.select_result(shown.id):
            return
        self._hits_of = None
        found = outcome.error or self.tr("“{0}”：找到 {1} 篇").format(outcome.request.text, outcome.total)
        self._pane.show_placeholder(found + self.tr("。请在结果列表中选择一篇阅读。"))

    def show_result(self, article_id: int) -> None:
        """Choose the article among the results in front (its row, when loaded; else the article
        alone, its hits marked): where a search run again for the history or the last place ends."""
        if not self._middle.select_result(article_id):
            self.show_article(article_id, from_search=True)

    def open_article(self, article_id: int) -> None:
        """Show an article in its issue (from a bookmark): leave the results, select its row."""
        record = self._session.article(article_id)
        if record is None:
            self.status_message.emit(self.tr("这篇文章已不在档案中。"), STATUS_MS)
            return
        self.open_issue(record.issue_id, article_id)

    def back_to_issue(self, focus_list: bool = True) -> None:
        """Leave the results, show the chosen issue's current article again.

        Esc also moves the keyboard to the article list; a query erased in the search box
        (`focus_list=False`) leaves the keyboard there, so the next word typed is a new search.
        """
        if not self._middle.showing_search():
            return
        self._middle.show_issue_list()
        if self._empty_day is not None:  # its notice again, under the filter as it is now
            self.open_date(self._empty_day)
        article_id = self._middle.current_article_id()
        if article_id is not None:
            self.show_article(article_id)
        if focus_list:
            self._middle.focus_list()
