"""Browse by author: 全部作者 or the articles one person's byline names.

A reporter looking for their own pieces in an issue, or an editor checking who wrote what, reads
the list by byline (issue 23, filtered by byline). The names are read from the byline as its
links and the citations read them (reader.text.bylines, via the archive's listed_articles), so
张三 of 「记者 张三 李四」 lists that article, as does 李四. An article naming nobody (no byline, or
only a body such as 区融媒体中心) is under 未署名. The chooser shows only for an issue whose
bylines name two people or more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

from PySide6.QtCore import QCollator, QLocale
from PySide6.QtWidgets import QWidget

from reader.archive.records import ListedArticle
from reader.gui.middle.list_filter import FilterChooser

UNSIGNED = ""  # the group of articles whose byline names no person (no name is empty)


class AuthorChooser(FilterChooser):
    """One entry per person, most articles first, then by name in pinyin order; 未署名 last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorFilter")
        self.setToolTip(self.tr("按作者浏览：只列出署名中有这个人的文章"))
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

    def groups_of(self, article: ListedArticle) -> tuple[Hashable, ...]:
        return article.authors or (UNSIGNED,)

    def all_label(self, count: int) -> str:
        return self.tr("全部作者（{0}篇）").format(count)

    def group_label(self, group: Hashable, count: int) -> str:
        name = self.tr("未署名") if group == UNSIGNED else str(group)
        return self.tr("{0}（{1}篇）").format(name, count)

    def ordered(self, counts: Counter[Hashable]) -> list[Hashable]:
        names = sorted((str(name) for name in counts if name != UNSIGNED), key=self._collator.sortKey)
        names.sort(key=lambda name: -counts[name])  # stable: equal counts stay in name order
        return [*names, UNSIGNED] if UNSIGNED in counts else list(names)

    def worth_showing(self, counts: Counter[Hashable]) -> bool:
        return len([name for name in counts if name != UNSIGNED]) > 1
