"""复制标题 / 复制全文 (Ctrl+Shift+C) / 复制引文 (Ctrl+Alt+C): the articles chosen onto the
clipboard, from the menu, the keys, and the right-click menus of the reading pane, the article
list and the search results alike (one set of actions, so each says and does the same).

They act on what the window's `records()` gives: the articles selected in the list or the
results, else the one being read. 复制标题 copies their titles one a line; 复制全文 the text of
each with its source line and citation (reader.export.citation.text_with_source), one after
another, and of the one being read also as shown (HTML); 复制引文 the GB/T 7714-2015 reference
of one, or the numbered reference list ([1] …) of several, for a report's sources. The status
bar says how many were copied.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication

from reader.archive.formatting import display_title
from reader.archive.records import ArticleRecord
from reader.export.citation import citation, reference_list, text_with_source

STATUS_MS = 4000
BETWEEN_ARTICLES = "\n\n————————\n\n"  # 复制全文 of several: where one ends and the next begins


class CopyCitations(QObject):
    """Runs the three copy actions on `records()`; `status_message(text, ms)` says what was
    copied. `shown_html()` is the reading pane's article as shown (None when none is), put beside
    the plain text when the one copied is the one being read."""

    status_message = Signal(str, int)

    def __init__(
        self,
        actions: tuple[QAction, QAction, QAction],
        records: Callable[[], list[ArticleRecord]],
        shown: Callable[[], tuple[ArticleRecord, str] | None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._records = records
        self._shown = shown
        title, text, reference = actions
        title.triggered.connect(self.copy_titles)
        text.triggered.connect(self.copy_text)
        reference.triggered.connect(self.copy)

    def _chosen(self) -> list[ArticleRecord]:
        records = self._records()
        if not records:
            self.status_message.emit(self.tr("没有选中或正在阅读的文章"), STATUS_MS)
        return records

    def copy_titles(self) -> None:
        records = self._chosen()
        if records:
            QGuiApplication.clipboard().setText("\n".join(display_title(r) for r in records))
            self.status_message.emit(self.tr("已复制 {0} 个标题").format(len(records)), STATUS_MS)

    def copy_text(self) -> None:
        records = self._chosen()
        if not records:
            return
        mime = QMimeData()
        mime.setText(BETWEEN_ARTICLES.join(text_with_source(r) for r in records))
        shown = self._shown()
        if len(records) == 1 and shown is not None and shown[0].id == records[0].id:
            mime.setHtml(shown[1])
        QGuiApplication.clipboard().setMimeData(mime)
        count = len(records)
        said = self.tr("已复制 {0} 篇全文").format(count) if count > 1 else self.tr("已复制全文")
        self.status_message.emit(said, STATUS_MS)

    def copy(self) -> None:
        records = self._chosen()
        if not records:
            return
        text = citation(records[0]) if len(records) == 1 else reference_list(records)
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(
            self.tr("已复制 {0} 条引文（GB/T 7714-2015）").format(len(records)), STATUS_MS
        )
