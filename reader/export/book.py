"""What gets printed: one article, several articles, or a clippings book (剪报册).

A clippings book has a title page, a contents list with page numbers, then every article on a
new page. The page numbers are only known after layout, so the book is laid out twice: first
with blank numbers to find where each article starts, then with the numbers filled in. The
contents rows have the same shape either way, so the second layout does not move anything (it
is checked, and repeated if it ever did).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QPagedPaintDevice

from reader.archive.formatting import DateStyle, display_title, source_line
from reader.archive.records import ArticleRecord
from reader.export.errors import ExportCancelled, ExportError
from reader.export.markup import Entry, article_html, contents_html, document_html, title_page_html
from reader.export.pages import PagedDocument, PageStyle, ShouldCancel

DEFAULT_TITLE = "剪报册"
MAX_LAYOUT_PASSES = 3


@dataclass(frozen=True)
class Composition:
    """What to print and how: the articles in order, as a book or not, title and notes by key."""

    articles: tuple[ArticleRecord, ...]
    book: bool
    title: str = DEFAULT_TITLE
    notes: Mapping[str, str] = field(default_factory=dict)
    today: dt.date | None = None

    @classmethod
    def of(
        cls,
        articles: Sequence[ArticleRecord],
        *,
        book: bool | None = None,
        title: str | None = None,
        notes: Mapping[str, str] | None = None,
        today: dt.date | None = None,
    ) -> Composition:
        """A book by default when there is more than one article. ExportError when there is none."""
        if not articles:
            raise ExportError("没有可导出的文章")
        as_book = len(articles) > 1 if book is None else book
        return cls(tuple(articles), as_book, title or DEFAULT_TITLE, dict(notes or {}), today)


@dataclass(frozen=True)
class Laid:
    """A composition laid out for a device: the document, article start pages, footer start."""

    document: PagedDocument
    starts: tuple[int, ...]
    footer_from: int


def _anchor(index: int) -> str:
    return f"article-{index}"


def _contents_source(article: ArticleRecord) -> str:
    """'东昌时讯 2022年7月5日 第1版': enough to find the page in the paper, in a narrow column."""
    return source_line(article.publication, article.date, DateStyle.CHINESE, page=article.page, separator=" ")


def _html(comp: Composition, pages: Sequence[int] | None) -> str:
    parts: list[str] = []
    if comp.book:
        parts.append(title_page_html(comp.title, comp.articles, comp.today))
        entries = [
            Entry(_anchor(i), display_title(a), _contents_source(a), None if pages is None else pages[i])
            for i, a in enumerate(comp.articles)
        ]
        parts.append(contents_html(entries))
    for index, article in enumerate(comp.articles):
        new_page = comp.book or index > 0
        note = comp.notes.get(article.key, "")
        parts.append(article_html(article, _anchor(index), new_page=new_page, note=note))
    return document_html(parts)


def _starts(doc: PagedDocument, count: int) -> tuple[int, ...]:
    found = doc.anchor_pages()
    return tuple(found.get(_anchor(i), 0) for i in range(count))


def lay_out(
    comp: Composition,
    family: str,
    device: QPagedPaintDevice,
    style: PageStyle,
    should_cancel: ShouldCancel | None = None,
) -> Laid:
    """Lay the composition out for `device`; a book twice, to fill in its contents' page numbers."""
    count = len(comp.articles)
    doc = PagedDocument(_html(comp, None), family, device, style)
    starts = _starts(doc, count)
    if not comp.book:
        return Laid(doc, starts, 1)
    for _ in range(MAX_LAYOUT_PASSES):
        if should_cancel is not None and should_cancel():
            raise ExportCancelled()
        doc.set_html(_html(comp, starts))
        again = _starts(doc, count)
        if again == starts:
            break
        starts = again
    return Laid(doc, starts, 2)
