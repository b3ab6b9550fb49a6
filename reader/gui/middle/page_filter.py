"""Browse by page (版次): 全部版面 or one page of the issue at a time.

An issue of four or eight pages lists dozens of articles; staff read it as the paper is laid out,
page by page (issue 23, browse by page). The chooser shows only for an issue on two pages or
more, each entry with its article count; the narrowing itself is the ListFilter's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

from PySide6.QtWidgets import QWidget

from reader.archive.records import ListedArticle
from reader.gui.middle.list_filter import FilterChooser


class PageChooser(FilterChooser):
    """One entry per page, in page order; articles without a page (未标版次) last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageFilter")
        self.setToolTip(self.tr("按版次浏览：只列出这一版的文章"))

    def groups_of(self, article: ListedArticle) -> tuple[Hashable, ...]:
        return (article.page,)

    def all_label(self, count: int) -> str:
        return self.tr("全部版面（{0}篇）").format(count)

    def group_label(self, group: Hashable, count: int) -> str:
        label = self.tr("第{0}版").format(group) if group is not None else self.tr("未标版次")
        return self.tr("{0}（{1}篇）").format(label, count)

    def ordered(self, counts: Counter[Hashable]) -> list[Hashable]:
        pages: list[int | None] = [page for page in counts if page is None or isinstance(page, int)]
        return sorted(pages, key=lambda page: (page is None, page or 0))
