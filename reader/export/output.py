"""One way to export articles to a file, whatever its kind: the name's suffix picks PDF or Word.

The command line and the window's export jobs call `export_to`, so a new format is added here
once. The PDF renderer is imported only for a PDF and python-docx only for a Word document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.records import ArticleRecord
from reader.export.word import is_word_path

if TYPE_CHECKING:
    from reader.export.pages import Progress, ShouldCancel
    from reader.export.pdf import ExportResult


def export_to(
    articles: Sequence[ArticleRecord],
    out: Path,
    *,
    book: bool | None = None,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    fonts: Sequence[str] | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    archive: Path | None = None,
) -> ExportResult:
    """`export_pdf`, or `export_word` when `out` ends in .docx (then `pages` is 0: Word lays the
    pages out when the document is opened, so their number is not known here)."""
    from reader.export.pdf import ExportResult, export_pdf

    if not is_word_path(Path(out)):
        return export_pdf(
            articles,
            out,
            book=book,
            title=title,
            notes=notes,
            fonts=fonts,
            progress=progress,
            should_cancel=should_cancel,
            archive=archive,
        )
    from reader.export.word import export_word

    target = export_word(
        articles, out, book=book, title=title, notes=notes, should_cancel=should_cancel, archive=archive
    )
    return ExportResult(target.path, 0, (), "")


def suggested_stem(article: ArticleRecord) -> str:
    """The file name offered for one exported article: 东昌时讯_2022-07-05_标题, so a folder of
    exports sorts by paper and day and each file says what it holds (parts the archive does not
    know are left out)."""
    from reader.archive.formatting import display_title

    parts = [article.publication or "", article.date or "", display_title(article)]
    return "_".join(part for part in parts if part)
