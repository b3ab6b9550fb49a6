"""Narrowing an issue's article list by several choosers at once: by page (版次) and by author.

Each chooser (a `FilterChooser`) sorts the issue's articles into groups of one kind — its pages,
the people its bylines name — and offers 全部… and one entry per group with its count; the
`ListFilter` lists the articles that every chooser admits, so 第2版 with 张三 lists his articles
on page 2. This is the one place where the list is narrowed; a chooser only says which groups an
article belongs to and how its entries read.

The counts in each chooser are those of the whole issue, whatever the other chooser is set to:
entries that stayed put are easier to find again by keyboard than ones whose labels change with
every choice. An entry that would list nothing beside the other chooser's choice (第3版 while
张三 wrote only on page 2) is greyed out instead, so a combination never empties the list.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QWidget

from reader.archive.records import ListedArticle
from reader.gui.metrics import chars_width
from reader.gui.middle.article_model import ArticleListModel

ALL: Hashable = object()  # the first entry of every chooser: no narrowing
SHOWN_CHARS = 8.5  # what a chooser shows of an entry ('全部版面（12篇）'); longer ones are elided
LEAST_CHARS = 4  # what it shows at the least, when the middle column is at its narrowest
POPUP_MARGIN_CHARS = 3


class FilterChooser(QComboBox):
    """A chooser over an issue's articles: 全部… first, then one entry per group, each with its
    count. Subclasses say which groups an article is in and how entries read; `chosen()` after
    the user picked an entry (by keyboard or mouse) or `choose` did."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Elided to a steady width: a long name must not push the middle column wider. Qt counts
        # that width in Latin 'X's, about half a Chinese character each.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        latin = max(1, self.fontMetrics().horizontalAdvance("X"))
        self.setMinimumContentsLength(math.ceil(chars_width(self.font(), SHOWN_CHARS) / latin))
        self._groups: list[Hashable] = []
        self.setVisible(False)
        self.activated.connect(lambda _index: self.chosen.emit())

    def minimumSizeHint(self) -> QSize:
        """Narrower than the size it asks for: two choosers side by side never make the middle
        column wider than its list needs (they elide instead)."""
        hint = super().minimumSizeHint()
        spare = chars_width(self.font(), SHOWN_CHARS - LEAST_CHARS)
        return QSize(max(0, hint.width() - spare), hint.height())

    def initStyleOption(self, option: QStyleOptionComboBox) -> None:
        """The current entry cut with '…' where the box is too narrow for it (Qt would clip it
        without a mark); the open list shows every entry whole, as does each entry's tooltip."""
        super().initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(0, field.width() - 2)
        )

    def groups_of(self, article: ListedArticle) -> tuple[Hashable, ...]:
        """The groups this article is listed under (one page; each person of its byline)."""
        raise NotImplementedError

    def all_label(self, count: int) -> str:
        """The first entry, for the whole issue of `count` articles."""
        raise NotImplementedError

    def group_label(self, group: Hashable, count: int) -> str:
        """The entry of one group of `count` articles."""
        raise NotImplementedError

    def ordered(self, counts: Counter[Hashable]) -> list[Hashable]:
        """The groups in the order of their entries."""
        raise NotImplementedError

    def worth_showing(self, counts: Counter[Hashable]) -> bool:
        """Whether the issue's groups are worth a chooser (more than one)."""
        return len(counts) > 1

    def fill(self, listed: Sequence[ListedArticle], keep: bool = False) -> None:
        """The entries for an issue's articles, on 全部… (or, with `keep`, on the group chosen
        before when the issue still has it); shown only when worth it, and on 全部… when not."""
        before = self.chosen_group() if keep else ALL
        counts = Counter(group for article in listed for group in self.groups_of(article))
        self._groups = [ALL, *self.ordered(counts)]
        self.blockSignals(True)
        self.clear()
        self.addItem(self.all_label(len(listed)))
        for group in self._groups[1:]:
            self.addItem(self.group_label(group, counts[group]))
        widest = 0
        for index in range(self.count()):
            text = self.itemText(index)
            self.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)  # in full, however elided
            widest = max(widest, self.view().fontMetrics().horizontalAdvance(text))
        # The open list shows every entry whole (with room for its margins and a scroll bar).
        self.view().setMinimumWidth(widest + chars_width(self.view().font(), POPUP_MARGIN_CHARS))
        worth = self.worth_showing(counts)
        kept = worth and before in self._groups  # a hidden chooser never narrows the list
        self.setCurrentIndex(self._groups.index(before) if kept else 0)
        self.blockSignals(False)
        self.setVisible(worth)

    def groups(self) -> list[Hashable]:
        """The groups of the entries after 全部…, in their order."""
        return self._groups[1:]

    def chosen_group(self) -> Hashable:
        """The group of the current entry (ALL for 全部…)."""
        index = self.currentIndex()
        return self._groups[index] if 0 <= index < len(self._groups) else ALL

    def admits(self, article: ListedArticle) -> bool:
        """Whether the article is listed under the current entry."""
        group = self.chosen_group()
        return group is ALL or group in self.groups_of(article)

    def choose(self, group: Hashable) -> bool:
        """Choose the entry of `group` (as the user would); False when there is none to choose."""
        if group not in self._groups or not self._enabled(self._groups.index(group)):
            return False
        self.setCurrentIndex(self._groups.index(group))
        self.chosen.emit()
        return True

    def reset(self) -> None:
        """Back to 全部… (without announcing it)."""
        self.setCurrentIndex(0)

    def offer_only(self, groups: set[Hashable]) -> None:
        """Grey out the entries of groups not in `groups` (全部… stays open)."""
        model = self.model()
        if not isinstance(model, QStandardItemModel):
            return
        for index, group in enumerate(self._groups):
            item = model.item(index)
            if item is not None:
                item.setEnabled(group is ALL or group in groups)

    def _enabled(self, index: int) -> bool:
        model = self.model()
        item = model.item(index) if isinstance(model, QStandardItemModel) else None
        return item is None or item.isEnabled()


class ListFilter(QObject):
    """The issue's articles, listed in `articles` as every chooser admits them; `filtered()`
    after a choice narrowed or widened the list (connected to `show_first`, which has the pane
    show the list's first article)."""

    filtered = Signal()

    def __init__(
        self,
        articles: ArticleListModel,
        choosers: Sequence[FilterChooser],
        show_first: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._articles = articles
        self._choosers = list(choosers)
        self._listed: list[ListedArticle] = []
        self._issue_id: int | None = None
        self.filtered.connect(show_first)
        for chooser in self._choosers:
            chooser.chosen.connect(self._narrow)

    def show_issue(
        self, issue_id: int | None, listed: Sequence[ListedArticle], wanted: int | None = None
    ) -> None:
        """List an issue's articles. Another issue starts on 全部… in every chooser; the same
        issue read again (after a correction) keeps the choices it still has, unless they would
        hide the article `wanted` (one opened from a bookmark), which is always listed."""
        keep = issue_id is not None and issue_id == self._issue_id
        self._issue_id = issue_id
        self._listed = list(listed)
        for chooser in self._choosers:
            chooser.fill(self._listed, keep)
        ids = self._admitted()
        if wanted is not None and wanted not in ids:
            for chooser in self._choosers:
                chooser.reset()
            ids = self._admitted()
        self._offer()
        self._articles.set_ids(ids)

    def counts(self) -> tuple[int, int]:
        """How many articles are listed now, and how many the issue has."""
        return self._articles.rowCount(), len(self._listed)

    def _admitted(self, but: FilterChooser | None = None) -> list[int]:
        """The ids every chooser (save `but`) admits, in reading order."""
        judges = [chooser for chooser in self._choosers if chooser is not but]
        return [a.id for a in self._listed if all(judge.admits(a) for judge in judges)]

    def _offer(self) -> None:
        """In each chooser, only the groups the other choosers leave something of."""
        by_id = {article.id: article for article in self._listed}
        for chooser in self._choosers:
            left = (by_id[article_id] for article_id in self._admitted(but=chooser))
            chooser.offer_only({group for article in left for group in chooser.groups_of(article)})

    def _narrow(self) -> None:
        self._offer()
        self._articles.set_ids(self._admitted())
        self.filtered.emit()
