"""The article list of one issue: a table model that holds ids and fetches records lazily.

Anki's browser table shape: the model knows only the ids (in page order, as the archive gives
them) and asks for records in batches as rows become visible, so an issue of any size opens at
once and the model never holds more than it has shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reader.archive.formatting import display_title, list_title_mark
from reader.archive.records import ArticleRecord
from reader.gui.plain import literal
from reader.gui.roles import ArticleIdRole

Fetch = Callable[[Sequence[int]], list[ArticleRecord]]
Index = QModelIndex | QPersistentModelIndex

BATCH = 100
COL_PAGE, COL_TITLE, COL_BYLINE = range(3)


def list_title(record: ArticleRecord) -> str:
    """The title column: the article's name (reader.archive.formatting.display_title), after its
    kicker when it has a headline; the list is one line per article, so the kicker that the
    reading pane and printouts set above the headline shares the line here."""
    title = display_title(record)
    return f"{record.kicker}　{title}" if record.kicker and record.headline.strip() else title


class ArticleListModel(QAbstractTableModel):
    """Rows = the ids given to `set_ids`; records fetched BATCH at a time by `fetch(ids)`."""

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._records: dict[int, ArticleRecord] = {}

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these articles, in this order."""
        self.beginResetModel()
        self._ids = list(ids)
        self._records = {}
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int:
        """Row of the article, -1 if it is not in the list."""
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    def record(self, row: int) -> ArticleRecord | None:
        """The record at `row`, fetching its batch if needed."""
        article_id = self.id_at(row)
        if article_id is None:
            return None
        if article_id not in self._records:
            start = row - row % BATCH
            wanted = [i for i in self._ids[start : start + BATCH] if i not in self._records]
            for rec in self._fetch(wanted):
                self._records[rec.id] = rec
        return self._records.get(article_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("版"), self.tr("标题"), self.tr("作者"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ArticleIdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) if column == COL_PAGE else None
        rec = self.record(index.row())
        if rec is None:
            return None
        if column == COL_PAGE:
            return "" if rec.page is None else str(rec.page)
        if column == COL_TITLE:
            title = list_title_mark(list_title(rec), rec.corrected)
            if role == Qt.ItemDataRole.ToolTipRole:
                return literal(f"{title}\n——{rec.subtitle}" if rec.subtitle else title)
            return title
        if column == COL_BYLINE:
            return literal(rec.byline) if role == Qt.ItemDataRole.ToolTipRole else rec.byline
        return None
