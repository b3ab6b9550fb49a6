"""Printing, print preview and PDF export for the main window: the menu entries and dialogs.

Wiring (main window): `pe = PrintExport(window, current=<callable returning the current article
or the selected articles as ArticleRecords>, db_path=lambda: session.path)`; put `pe.actions`
into the 文件 menu (打印… Ctrl+P, 打印预览…, 导出为PDF/Word… Ctrl+E, 导出书签为剪报册…); connect
the bookmarks panel's `export_requested` to `pe.export_bookmarks`; for all search results call
`pe.export_ids(ids, title)`; call `pe.shutdown()` in closeEvent. `finished(str)` carries a message
for the status bar.

Long work (PDF of many articles, paper printing) is a ReadOp on this object's reader worker (the
jobs are in printing.job) behind the one progress dialog, which can cancel it. A known failure
(no font, an unwritable file) is a message; a bug in the renderer is raised, not shown as text.
A missing CJK font is a message box before any dialog or file, never a PDF of boxes. The
dialogs are in printing.dialogs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QWidget

from reader.archive.records import ArticleRecord
from reader.export.errors import ExportCancelled, ExportError
from reader.export.fonts import find_cjk_family
from reader.gui.messages import open_warning
from reader.gui.operations import ReadOp, TaskRunner
from reader.gui.operations.errors import describe
from reader.gui.save_path import chosen_path, dialog_folder
from reader.text.errors import Cancelled

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from reader.archive.db import Archive
    from reader.archive.search_request import SearchRequest
    from reader.export.collect import Selection
    from reader.export.pdf import ExportResult
    from reader.gui.printing.job import Collect, Job

# The renderer, the Word writer, the jobs and QtPrintSupport are imported when first used, not
# when the window is built: some 60 ms of CPU at every start that most sessions never spend
# (issue 26; tests/gui/test_startup_window.py).


@dataclass(frozen=True)
class PrintActions:
    """The menu entries; each exists once so a shortcut is never bound twice."""

    print: QAction
    preview: QAction
    export_pdf: QAction
    export_bookmarks: QAction

    def all(self) -> list[QAction]:
        """In menu order."""
        return [self.print, self.preview, self.export_pdf, self.export_bookmarks]


class PrintExport(QObject):
    """Print / preview / export for whatever `current()` returns (the article or selection)."""

    finished = Signal(str)

    def __init__(
        self,
        window: QWidget,
        current: Callable[[], Sequence[ArticleRecord]],
        db_path: Callable[[], Path],
        fonts: Sequence[str] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._current = current
        self._db_path = db_path
        self._fonts = fonts
        self._runner = TaskRunner(self, max_workers=1, name="export")
        self._op: ReadOp[ExportResult] | None = None
        self.actions = self._make_actions()

    def _make_actions(self) -> PrintActions:
        def action(text: str, slot: Callable[[], None], key: str | QKeySequence | None = None) -> QAction:
            made = QAction(text, self._window)
            if key is not None:
                made.setShortcut(QKeySequence(key))
            made.triggered.connect(lambda _checked=False: slot())
            self._window.addAction(made)
            return made

        return PrintActions(
            print=action(self.tr("打印…"), self.print_current, QKeySequence(QKeySequence.StandardKey.Print)),
            preview=action(self.tr("打印预览…"), self.preview_current),
            export_pdf=action(self.tr("导出为PDF/Word…"), self.export_current, "Ctrl+E"),
            export_bookmarks=action(self.tr("导出书签为剪报册…"), self.export_bookmarks),
        )

    # --- checks and messages ---------------------------------------------------------------

    def _font_ok(self) -> bool:
        try:
            find_cjk_family(self._fonts)
        except ExportError as err:
            open_warning(self._window, self.tr("找不到中文字体"), str(err), "exportWarning")
            return False
        return True

    def _records(self) -> list[ArticleRecord]:
        records = list(self._current())
        if not records:
            self._tell(self.tr("请先打开一篇文章。"))
        return records

    def _tell(self, message: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(message, 6000)
        self.finished.emit(message)

    def shutdown(self) -> None:
        """Cancel a running job and wait until its thread let go of the file and the printer:
        call from the window's closeEvent. What it says (已取消) still arrives afterwards."""
        if self._op is not None:
            self._op.cancel()
        self._runner.wait()

    @property
    def busy(self) -> bool:
        """True while an export or print job is running (a second one is refused)."""
        return self._op is not None and self._op.running

    # --- printing --------------------------------------------------------------------------

    def print_current(self) -> None:
        """Ctrl+P: the system print dialog (window-modal), then print on the worker thread."""
        records = self._records()
        if not records or not self._font_ok() or self.busy:
            return
        from reader.gui.printing.dialogs import PrintDialog

        dialog = PrintDialog(self._window)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(self.tr("打印"))
        printer = dialog.own_printer
        dialog.accepted.connect(lambda: self._print_on_worker(records, printer))
        dialog.finished.connect(dialog.deleteLater)
        QDialog.open(dialog)  # PySide hides the plain open() behind QPrintDialog.open(receiver, member)

    def _print_on_worker(self, records: Sequence[ArticleRecord], printer: QPrinter) -> None:
        if self.busy:
            return
        from reader.gui.printing.job import print_job

        self._start(print_job(records, printer, self._fonts, self._db_path()), self.tr("正在打印…"))

    def preview_current(self) -> None:
        """Print preview (window-modal); the preview's own print button prints what it shows.

        The dialog is a child of the window and deleted once closed; its printer goes with it.
        """
        records = self._records()
        if not records or not self._font_ok():
            return
        from reader.gui.printing.dialogs import PrintPreview

        preview = PrintPreview(self._window)
        preview.setObjectName("printPreview")
        preview.setWindowTitle(self.tr("打印预览"))
        preview.paintRequested.connect(lambda printer: self.paint(records, printer))
        preview.finished.connect(preview.deleteLater)
        preview.open()

    def paint(self, records: Sequence[ArticleRecord], printer: QPrinter) -> None:
        """Paint `records` on `printer` now (QPrintPreviewDialog.paintRequested's slot)."""
        from reader.export.pdf import print_articles

        try:
            print_articles(records, printer, book=False, fonts=self._fonts)
        except ExportError as err:
            open_warning(self._window, self.tr("无法打印"), str(err), "exportWarning")

    # --- PDF -------------------------------------------------------------------------------

    def _ask_path(self, suggested: str) -> Path | None:
        from reader.export.word import WORD_SUFFIX

        safe = re.sub(r'[\\/:*?"<>|\s]+', "_", suggested).strip("_.")[:60] or "export"
        start = str(Path(dialog_folder()) / f"{safe}.pdf")
        pdf, word = self.tr("PDF 文件 (*.pdf)"), self.tr("Word 文档 (*.docx)")
        name, chosen = QFileDialog.getSaveFileName(self._window, self.tr("导出"), start, f"{pdf};;{word}")
        # The type chosen in the dialog decides, unless the name already says .docx or .pdf.
        suffix = Path(name).suffix.lower()
        if suffix not in (".pdf", WORD_SUFFIX):
            suffix = WORD_SUFFIX if chosen == word else ".pdf"
        return chosen_path(self._window, name, suffix)

    def export_current(self) -> None:
        """导出为PDF/Word…: the current article, or the selection as a clippings book."""
        from reader.export.output import suggested_stem

        records = self._records()
        if records:
            name = suggested_stem(records[0]) if len(records) == 1 else self.tr("剪报册")
            self.export_articles(records, suggested=name)

    def export_articles(
        self,
        records: Sequence[ArticleRecord],
        *,
        path: Path | None = None,
        title: str | None = None,
        suggested: str | None = None,
    ) -> None:
        """Export these articles (several: a clippings book); asks for a file unless `path`."""
        if not records or not self._font_ok() or self.busy:
            return
        target = path or self._ask_path(suggested or title or self.tr("剪报册"))
        if target is None:
            return
        from reader.gui.printing.job import pdf_job

        self._start(pdf_job(records, target, title, self._fonts, self._db_path()), self.tr("正在导出 PDF…"))

    def export_ids(self, ids: Sequence[int], title: str | None = None, *, path: Path | None = None) -> None:
        """Export the articles with these ids as a clippings book."""
        from reader.export.collect import by_ids

        if ids:
            wanted = list(ids)
            label = self.tr("正在导出 PDF…")
            name = title or self.tr("剪报册")
            self._export_book(name, lambda archive: by_ids(archive, wanted), label, path)

    def export_search(self, request: SearchRequest, *, path: Path | None = None) -> None:
        """The results of a search (the first MAX_SEARCH_ARTICLES, in the list's order) as a book.

        The search runs again on the worker: the list holds only the pages scrolled so far.
        """
        if not request.text.strip():
            return

        from reader.export.collect import searched

        def collect(archive: Archive) -> Selection:
            return searched(archive, request)

        title = self.tr("检索“%1”剪报册").replace("%1", request.text.strip())
        self._export_book(title, collect, self.tr("正在导出检索结果…"), path)

    def export_bookmarks(self, path: Path | None = None) -> None:
        """Every bookmark (with its note) as a clippings book 书签剪报册."""

        from reader.export.collect import bookmarked

        def collect(archive: Archive) -> Selection:
            selection = bookmarked(archive)
            if not selection.articles:
                raise ExportError("没有书签可导出（已不在档案中的文章无法导出）")
            return selection

        self._export_book(self.tr("书签剪报册"), collect, self.tr("正在导出书签…"), path)

    def _export_book(self, title: str, collect: Collect, label: str, path: Path | None) -> None:
        """A clippings book of what `collect` finds; collected and rendered on the worker thread,
        through a read-only connection of its own."""
        if not self._font_ok() or self.busy:
            return
        target = path or self._ask_path(title)
        if target is None:
            return
        from reader.gui.printing.job import book_job

        self._start(book_job(self._db_path(), collect, target, title, self._fonts), label)

    # --- the job as an operation -----------------------------------------------------------

    def _start(self, job: Job, label: str) -> None:
        op = ReadOp(parent=self._window, runner=self._runner, op=job)
        op.with_progress(
            label,
            name="exportProgress",
            step=self.tr("正在输出第 {0} / {1} 页…"),
            modality=Qt.WindowModality.NonModal,  # the window can be read while a book is made
        )
        self._op = op.success(self._succeeded).failure(self._failed).run_in_background()

    def _succeeded(self, result: ExportResult) -> None:
        if result.path is not None and not result.pages:  # a Word document: Word lays out pages
            self._tell(self.tr("已导出 Word 文档：{0}").format(result.path))
        elif result.path is not None:
            self._tell(self.tr("已导出 {0} 页：{1}").format(result.pages, result.path))
        else:
            self._tell(self.tr("已送往打印机：{0} 页").format(result.pages))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, (ExportCancelled, Cancelled)):
            self._tell(self.tr("已取消，未写入文件。"))
            return
        message = describe(error)
        open_warning(self._window, self.tr("导出失败"), message, "exportWarning")
        self.finished.emit(message)
