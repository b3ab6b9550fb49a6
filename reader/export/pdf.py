"""The export entry points: articles → PDF file, articles → any QPrinter (paper or PDF).

Both share `render`, so a printed page and a PDF page come out the same. Everything here may run
on a worker thread (the objects are created in the calling thread), provided a
QGuiApplication exists; the CJK font is looked up before anything is written, so a missing font
means an ExportError and no file, never a PDF of empty boxes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from reader.archive.formatting import display_title
from reader.archive.records import ArticleRecord
from reader.export.book import Composition, lay_out
from reader.export.errors import ExportCancelled, ExportError
from reader.export.fonts import find_cjk_family
from reader.export.pages import PageStyle, Progress, ShouldCancel
from reader.export.target import output_target, refuse_protected, write_output
from reader.export.tounicode import fix_tounicode, radical_map

PDF_RESOLUTION = 600
CREATOR = "报刊档案阅读器"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the file (None when printed), its page count and the article starts."""

    path: Path | None
    pages: int
    article_pages: tuple[int, ...]
    font_family: str


def render(
    comp: Composition,
    device: QPagedPaintDevice,
    *,
    family: str,
    style: PageStyle | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    pages: Sequence[int] | None = None,
) -> tuple[int, tuple[int, ...]]:
    """Lay out and paint `comp` on `device` (already set up); returns (total pages, article starts).

    `progress(0, 0)` is reported while laying out (unknown length), then (done, total) per page.
    """
    style = style or PageStyle()
    if progress is not None:
        progress(0, 0)
    laid = lay_out(comp, family, device, style, should_cancel)
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("无法开始绘制页面（打印机或输出文件不可用）")
    try:
        laid.document.paint(
            painter,
            device,
            pages,
            footer_from=laid.footer_from,
            progress=progress,
            should_cancel=should_cancel,
        )
    finally:
        painter.end()
    return laid.document.page_count, laid.starts


def export_pdf(  # noqa: PLR0913 -- keyword-only settings, passed on to Composition and render
    articles: Sequence[ArticleRecord],
    out: Path,
    *,
    book: bool | None = None,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    fonts: Sequence[str] | None = None,
    style: PageStyle | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    today: dt.date | None = None,
    archive: Path | None = None,
) -> ExportResult:
    """Write `articles` as an A4 PDF at `out`: one article plainly, several as a clippings book.

    `book` forces or suppresses the clippings-book form; `notes` maps article keys to bookmark
    notes printed under the source line; `fonts` is an explicit family preference list (None:
    the built-in list, then any Chinese font). `out` must be a regular file (or a symlink to one)
    or a new name, and no SQLite database: see reader.export.target. `archive` is the archive
    this process has open (the articles' own), so that it is refused without being opened. The
    file appears, or is replaced, only when everything succeeded. Raises ExportError (no
    articles, no CJK font, a path that is no regular file or is a database, unwritable path) or
    ExportCancelled.
    """
    comp = Composition.of(articles, book=book, title=title, notes=notes, today=today)
    family = find_cjk_family(fonts)
    out = Path(out)
    output_target(out, archive)  # refuse a folder, FIFO, device, database… before the work
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout((style or PageStyle()).page_layout())
    writer.setTitle(comp.title if comp.book else display_title(comp.articles[0]))
    writer.setCreator(CREATOR)
    pages, starts = render(
        comp, writer, family=family, style=style, progress=progress, should_cancel=should_cancel
    )
    del writer
    buffer.close()
    if should_cancel is not None and should_cancel():
        raise ExportCancelled()
    write_output(out, fix_tounicode(bytes(data.data()), radical_map(family)), archive)
    return ExportResult(out, pages, starts, family)


def configure_printer(printer: QPrinter, style: PageStyle | None = None) -> None:
    """A4 with our margins: call before showing a print dialog so it starts from these settings."""
    printer.setPageLayout((style or PageStyle()).page_layout())


def print_articles(
    articles: Sequence[ArticleRecord],
    printer: QPrinter,
    *,
    book: bool | None = None,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    fonts: Sequence[str] | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    archive: Path | None = None,
) -> ExportResult:
    """Print `articles` on `printer` (paper, or PdfFormat with an output file) as it is set up.

    Honours the page range chosen in the print dialog (printer.fromPage()/toPage()). Used by
    QPrintPreviewDialog.paintRequested too. Raises ExportError when no CJK font is found or the
    print dialog's output file is the `archive` (open in this process), one of its side files or
    another SQLite database (then nothing is printed, nor the file touched), or the printer
    cannot start.
    """
    comp = Composition.of(articles, book=book, title=title, notes=notes)
    family = find_cjk_family(fonts)
    path = Path(printer.outputFileName()) if printer.outputFileName() else None
    if path is not None:
        refuse_protected(path, archive)  # QPrinter truncates its output file when painting starts
    chosen: Sequence[int] | None = None
    if printer.fromPage() > 0:
        last = printer.toPage() if printer.toPage() > 0 else printer.fromPage()
        chosen = range(printer.fromPage(), last + 1)
    try:
        pages, starts = render(
            comp, printer, family=family, progress=progress, should_cancel=should_cancel, pages=chosen
        )
    except ExportCancelled:
        printer.abort()
        raise
    if path is not None and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        # The PDF is fine without this, only copying its text suffers. Only a regular file is
        # read back and replaced (a FIFO would block the read).
        with contextlib.suppress(OSError, ExportError):
            written = output_target(path, archive).path.read_bytes()
            write_output(path, fix_tounicode(written, radical_map(family)), archive)
    return ExportResult(path, pages, starts, family)
