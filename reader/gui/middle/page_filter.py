"""Browse by page (版次): a chooser over an issue's article list, 全部版面 or one page at a time.

An issue of four or eight pages lists dozens of articles; staff read it as the paper is laid out,
page by page (issue 23, browse by page). The chooser shows only for an issue on two pages or
more, each entry with its article count; choosing one lists that page's articles alone (the
list model is given their ids, in reading order), choosing 全部版面 lists them all again. Opening
an issue starts on 全部版面, so an article opened from a search or a bookmark is always listed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from reader.gui.middle.article_model import ArticleListModel

Pages = list[tuple[int, int | None]]  # (article id, page) in reading order


class PageFilter(QComboBox):
    """`filtered()` after the list was narrowed or widened; `show_first` (connected to it) has
    the pane show the list's first article."""

    filtered = Signal()

    def __init__(
        self, articles: ArticleListModel, show_first: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.filtered.connect(show_first)
        self.setObjectName("pageFilter")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setToolTip(self.tr("按版次浏览：只列出这一版的文章"))
        self._articles = articles
        self._ids: dict[int | None, list[int]] = {}
        self._all: list[int] = []
        self.setVisible(False)
        self.activated.connect(self._chosen)

    def show_pages(self, pages: Pages) -> None:
        """The issue's articles and their pages; back to 全部版面."""
        self._all = [article_id for article_id, _page in pages]
        self._ids = {}
        for article_id, page in pages:
            self._ids.setdefault(page, []).append(article_id)
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("全部版面（{0}篇）").format(len(self._all)), "all")
        for page in sorted(self._ids, key=lambda p: (p is None, p or 0)):
            label = self.tr("第{0}版").format(page) if page is not None else self.tr("未标版次")
            self.addItem(self.tr("{0}（{1}篇）").format(label, len(self._ids[page])), page)
        self.setCurrentIndex(0)
        self.blockSignals(False)
        self.setVisible(len(self._ids) > 1)

    def choose_page(self, page: int | None) -> None:
        """List only the articles of `page` (what choosing its entry does)."""
        found = self.findData(page)
        if found > 0:
            self.setCurrentIndex(found)
            self._chosen(found)

    def _chosen(self, index: int) -> None:
        data = self.itemData(index)
        self._articles.set_ids(self._all if data == "all" else self._ids.get(data, []))
        self.filtered.emit()
