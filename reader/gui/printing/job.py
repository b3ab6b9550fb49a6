"""The export and print jobs: what runs on the reader worker, as ReadOp work.

Each function returns the work of one ReadOp, `job(progress) -> ExportResult`: it renders through
reader.export (whose QPainter and fonts are then made on the worker thread), reports pages to
the one progress dialog and stops at the next page once the user cancels (ExportCancelled, and
no file is written). Nothing here touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from reader.archive.db import Archive, open_archive
from reader.archive.records import ArticleRecord
from reader.archive.steady import read_steadily
from reader.export.collect import Selection
from reader.export.output import export_to
from reader.export.pages import Progress
from reader.export.pdf import ExportResult, print_articles
from reader.gui.operations import OpProgress

Job = Callable[[OpProgress], ExportResult]
Collect = Callable[[Archive], Selection]


def _pages(progress: OpProgress) -> Progress:
    return lambda done, total: progress.update(done, total)


def print_job(
    records: Sequence[ArticleRecord], printer: QPrinter, fonts: Sequence[str] | None, archive: Path
) -> Job:
    """Print `records` on `printer` as the print dialog set it up; the job holds the printer
    until it is done (QPrinter has no parent to keep it alive). A print to a file refuses the
    open `archive`, its side files and any database (reader.export.target.refuse_protected)."""

    def job(progress: OpProgress) -> ExportResult:
        return print_articles(
            records,
            printer,
            book=False,
            fonts=fonts,
            progress=_pages(progress),
            should_cancel=progress.cancelled,
            archive=archive,
        )

    return job


def pdf_job(
    records: Sequence[ArticleRecord],
    target: Path,
    title: str | None,
    fonts: Sequence[str] | None,
    archive: Path,
) -> Job:
    """These articles (from the open `archive`, which the file must never replace) as a PDF or,
    for a .docx `target`, a Word document (several: a clippings book)."""
    chosen = list(records)

    def job(progress: OpProgress) -> ExportResult:
        return export_to(
            chosen,
            target,
            title=title,
            fonts=fonts,
            progress=_pages(progress),
            should_cancel=progress.cancelled,
            archive=archive,
        )

    return job


def book_job(db: Path, collect: Collect, target: Path, title: str, fonts: Sequence[str] | None) -> Job:
    """A clippings book of what `collect` finds in the archive at `db`: collected through a
    read-only connection of the job's own (closed before rendering), then rendered."""

    def job(progress: OpProgress) -> ExportResult:
        with open_archive(db, readonly=True) as archive:
            selection = read_steadily(archive, collect)
        return export_to(
            selection.articles,
            target,
            book=True,
            title=title,
            notes=selection.notes,
            fonts=fonts,
            progress=_pages(progress),
            should_cancel=progress.cancelled,
            archive=db,
        )

    return job
