"""复制引文 (Ctrl+Alt+C): the GB/T 7714-2015 reference of the article being read onto the
clipboard, or, with several selected in the list, their numbered reference list ([1] …, one a
line) for a report's sources. The form is reader.export.citation's (复制全文 and the Word export
cite with it too); the status bar says how many were copied."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication

from reader.archive.records import ArticleRecord
from reader.export.citation import citation, reference_list

STATUS_MS = 4000


class CopyCitations(QObject):
    """Runs `action` on `records()`; `status_message(text, ms)` says what was copied."""

    status_message = Signal(str, int)

    def __init__(self, action: QAction, records: Callable[[], list[ArticleRecord]], parent: QObject) -> None:
        super().__init__(parent)
        self._records = records
        action.triggered.connect(self.copy)

    def copy(self) -> None:
        records = self._records()
        if not records:
            self.status_message.emit(self.tr("没有选中或正在阅读的文章"), STATUS_MS)
            return
        text = citation(records[0]) if len(records) == 1 else reference_list(records)
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(
            self.tr("已复制 {0} 条引文（GB/T 7714-2015）").format(len(records)), STATUS_MS
        )
