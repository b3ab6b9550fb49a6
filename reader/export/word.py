"""Article(s) → a Word document (.docx): newsroom staff edit in Word, not in a PDF.

The same composition as the PDF (reader.export.book): one article plainly, several as a
clippings book with a title page and a contents list (Word's own headings, which its navigation
pane and 目录 field read, instead of page numbers only known after Word lays the text out).
Every article carries its source line and its GB/T 7714 citation, so an edited copy still says
where the text came from. python-docx is imported only here, when a .docx is asked for: it
pulls in lxml, which the window's start should not pay for.

No font lookup and no QGuiApplication: Word finds the fonts, so the command line writes
Word documents without a display.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.archive.formatting import article_source, chinese_date, display_title
from reader.archive.records import ArticleRecord
from reader.export.book import Composition
from reader.export.citation import citation
from reader.export.errors import ExportCancelled, ExportError
from reader.export.markup import date_range
from reader.export.pages import ShouldCancel
from reader.export.target import OutputTarget, output_target, write_output

if TYPE_CHECKING:
    from docx.document import Document

WORD_SUFFIX = ".docx"
# The East Asian font Word falls back to on every platform with Chinese installed.
EAST_ASIAN_FONT = "宋体"


def is_word_path(path: Path) -> bool:
    """True when the user asked for a Word document by the name they gave."""
    return path.suffix.lower() == WORD_SUFFIX


def export_word(
    articles: Sequence[ArticleRecord],
    out: Path,
    *,
    book: bool | None = None,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    should_cancel: ShouldCancel | None = None,
    archive: Path | None = None,
) -> OutputTarget:
    """Write `articles` as a .docx at `out`, complete or not at all (reader.export.target refuses
    the archive, its side files, any database and anything that is no regular file).

    Raises ExportError (no articles, python-docx missing, unwritable path) or ExportCancelled.
    """
    comp = Composition.of(articles, book=book, title=title, notes=notes)
    out = Path(out)
    output_target(out, archive)  # refuse before the work, as the PDF does
    try:
        import docx
    except ImportError as err:  # a broken installation, not the user's fault
        raise ExportError("缺少 python-docx，无法导出 Word 文档；请重新运行安装命令") from err
    document = docx.Document()
    _set_fonts(document)
    document.core_properties.title = comp.title if comp.book else display_title(comp.articles[0])
    if comp.book:
        _title_page(document, comp)
    for index, article in enumerate(comp.articles):
        if should_cancel is not None and should_cancel():
            raise ExportCancelled()
        if index > 0:
            document.add_page_break()  # type: ignore[no-untyped-call]  # python-docx has no hints
        _article(document, article, comp.notes.get(article.key, ""))
    data = io.BytesIO()
    document.save(data)
    return write_output(out, data.getvalue(), archive)


def _set_fonts(document: Document) -> None:
    """Chinese text in a Chinese font: python-docx sets only the Latin font name, and Word then
    picks its East Asian default, which on a Western Windows may have no Chinese at all."""
    from docx.oxml.ns import qn

    for name in ("Normal", "Title", "Heading 1", "Subtitle"):
        style = document.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _title_page(document: Document, comp: Composition) -> None:
    document.add_paragraph(comp.title, style="Title")
    span = date_range(comp.articles)
    if span:
        document.add_paragraph(f"收录时间：{span}")
    document.add_paragraph(f"共 {len(comp.articles)} 篇")
    made = comp.today or dt.date.today()
    document.add_paragraph(f"编制日期：{chinese_date(made.isoformat())}")
    document.add_page_break()  # type: ignore[no-untyped-call]


def _article(document: Document, article: ArticleRecord, note: str) -> None:
    """Kicker, headline (a Word heading), subtitle, source line, byline, note, body, citation."""
    if article.kicker.strip():
        document.add_paragraph(article.kicker.strip())
    document.add_heading(display_title(article), level=1)
    if article.subtitle.strip():
        document.add_paragraph(f"——{article.subtitle.strip()}", style="Subtitle")
    document.add_paragraph(article_source(article))
    if article.byline.strip():
        document.add_paragraph(article.byline.strip())
    if note.strip():
        document.add_paragraph(f"批注：{note.strip()}")
    paragraphs = [line.strip() for line in article.body.split("\n") if line.strip()]
    dateline = article.dateline.strip()
    for index, paragraph in enumerate(paragraphs):
        block = document.add_paragraph()
        if index == 0 and dateline and not paragraph.startswith(dateline):
            block.add_run(dateline).bold = True
            block.add_run("\u3000")
        block.add_run(paragraph)
    document.add_paragraph(f"引用：{citation(article)}")
