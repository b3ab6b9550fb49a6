"""Real PDFs of the test corpus, read back with pypdf and poppler (pdftotext, pdffonts).

Poppler is required: without it the tests that read with it are skipped, except in CI (CI=true),
where they fail.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from needs import require_tool
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from reader.archive.db import Archive
from reader.archive.formatting import article_source, chinese_date
from reader.archive.importer import import_paths
from reader.archive.queries import article_ids, articles
from reader.archive.records import ArticleRecord
from reader.export.errors import ExportCancelled, ExportError
from reader.export.fonts import find_cjk_family
from reader.export.pages import footer_text
from reader.export.pdf import configure_printer, export_pdf, print_articles
from reader.export.tounicode import fix_tounicode


@pytest.fixture
def _pdftotext() -> None:
    require_tool("pdftotext", "poppler-utils")


poppler = pytest.mark.usefixtures("_pdftotext")


@pytest.fixture(autouse=True)
def _gui_application(qapp: QApplication) -> None:
    """Fonts need a QGuiApplication; pytest-qt's QApplication is one (and GUI tests need widgets)."""


@pytest.fixture
def records(archive: Archive, corpus_files: list[Path]) -> list[ArticleRecord]:
    """Every article of the test corpus, imported into a fresh archive, in issue order."""
    assert import_paths(archive, corpus_files).ok
    issue_ids = [r[0] for r in archive.conn.execute("SELECT id FROM issues ORDER BY id")]
    return articles(archive, [a for i in issue_ids for a in article_ids(archive, i)])


@pytest.fixture
def lead(records: list[ArticleRecord]) -> ArticleRecord:
    """A full news story: headline, byline, dateline and a long body."""
    return next(r for r in records if r.headline and r.byline and r.dateline and len(r.body) > 500)


def squeeze(text: str) -> str:
    """Text without any white space: PDF lines break wherever the page ends."""
    return re.sub(r"\s+", "", text)


def heading(record: ArticleRecord) -> str:
    """How an article starts on paper: its kicker (if any) above its headline, white space squeezed."""
    return squeeze(record.kicker + record.headline)


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, by pdftotext (reading order), white space squeezed out."""
    pages = len(pypdf.PdfReader(pdf).pages)
    return [squeeze(pdftotext(pdf, page)) for page in range(1, pages + 1)]


def pdftotext(pdf: Path, page: int, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@poppler
def test_article_pdf_has_headline_source_line_byline_and_body_in_order(
    lead: ArticleRecord, tmp_path: Path
) -> None:
    out = tmp_path / "article.pdf"
    export_pdf([lead], out)
    text = "".join(page_texts(out))
    first_paragraph = lead.body.split("\n")[0]
    last_words = lead.body.split("\n")[-1][-20:]
    parts = [lead.headline, article_source(lead), lead.byline, first_paragraph[:40], last_words]
    positions = [text.find(squeeze(p)) for p in parts]
    assert -1 not in positions, list(zip(parts, positions, strict=True))
    assert sorted(positions) == positions


@poppler
def test_pdf_text_has_real_characters_not_look_alike_radicals(lead: ArticleRecord, tmp_path: Path) -> None:
    out = tmp_path / "article.pdf"
    export_pdf([lead], out)
    text = "".join(page_texts(out))
    assert [] == [c for c in text if 0x2E80 <= ord(c) < 0x2FE0]
    assert squeeze(article_source(lead)) in text  # 2023年6月13日 with 月 and 日, not ⽉ and ⽇


def test_pdf_embeds_the_cjk_font(lead: ArticleRecord, tmp_path: Path) -> None:
    out = tmp_path / "article.pdf"
    family = export_pdf([lead], out).font_family
    embedded = set()
    for page in pypdf.PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                files = ("/FontFile2", "/FontFile3", "/FontFile")
                if descriptor is not None and any(k in descriptor.get_object() for k in files):
                    embedded.add(str(font["/BaseFont"]))
    wanted = family.replace(" ", "").lower()
    assert [f for f in embedded if wanted in f.lower()], (family, embedded)


def test_pdffonts_lists_the_cjk_font_as_embedded(lead: ArticleRecord, tmp_path: Path) -> None:
    pdffonts = require_tool("pdffonts", "poppler-utils")
    out = tmp_path / "article.pdf"
    family = export_pdf([lead], out).font_family
    listing = subprocess.run([pdffonts, str(out)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    wanted = family.replace(" ", "").lower()
    embedded = [row[0] for row in rows if wanted in row[0].lower() and "yes" == row[-5]]
    assert embedded, listing


@poppler
def test_clippings_book_contents_lists_every_article_with_the_page_it_starts_on(
    records: list[ArticleRecord], tmp_path: Path
) -> None:
    chosen = [r for r in records if r.headline][:8]
    out = tmp_path / "book.pdf"
    result = export_pdf(chosen, out, title="测试剪报册")
    contents = pdftotext(out, 2, layout=True)
    rows = [re.match(r"^\s*(\d+)\.\s.*\s(\d+)\s*$", line) for line in contents.splitlines()]
    listed = [(int(m.group(1)), int(m.group(2))) for m in rows if m]
    assert list(range(1, len(chosen) + 1)) == [n for n, _ in listed]
    pages = page_texts(out)
    for (_, page), article in zip(listed, chosen, strict=True):
        assert pages[page - 1].startswith(heading(article)), (page, article.headline)
        assert squeeze(article_source(article)) in pages[page - 1]
    assert list(result.article_pages) == [p for _, p in listed]


@poppler
def test_clippings_book_title_page_names_title_date_range_and_count(
    records: list[ArticleRecord], tmp_path: Path
) -> None:
    out = tmp_path / "book.pdf"
    export_pdf(records[:5], out, title="幸福食堂专题")
    title_page = page_texts(out)[0]
    assert title_page.startswith("幸福食堂专题")
    assert "共5篇" in title_page
    assert {records[0].date} == {r.date for r in records[:5]}  # one issue: one date on the page
    assert chinese_date(records[0].date) in title_page


@poppler
def test_every_page_but_the_title_has_a_page_number_footer(
    records: list[ArticleRecord], tmp_path: Path
) -> None:
    out = tmp_path / "book.pdf"
    total = export_pdf(records[:4], out).pages
    pages = page_texts(out)
    assert total == len(pages)
    assert squeeze(footer_text(1, total)) not in pages[0]
    for number in range(2, total + 1):
        assert pages[number - 1].endswith(squeeze(footer_text(number, total)))


@poppler
def test_bookmark_notes_print_with_their_article(lead: ArticleRecord, tmp_path: Path) -> None:
    out = tmp_path / "notes.pdf"
    export_pdf([lead], out, book=True, notes={lead.key: "供年终总结引用"})
    assert "批注：供年终总结引用" in "".join(page_texts(out))


@poppler
def test_markup_in_article_text_is_printed_literally(lead: ArticleRecord, tmp_path: Path) -> None:
    hostile = dataclasses.replace(lead, headline="<b>标题</b> & <i>x</i>", body="正文<script>1</script>")
    out = tmp_path / "hostile.pdf"
    export_pdf([hostile], out)
    text = "".join(page_texts(out))
    assert "<b>标题</b>&<i>x</i>" in text and "正文<script>1</script>" in text


@poppler
def test_markup_in_article_text_is_printed_on_paper_literally(lead: ArticleRecord, tmp_path: Path) -> None:
    """Printing shares the PDF's renderer; a PdfFormat printer shows what paper would get."""
    hostile = dataclasses.replace(lead, headline="<b>标题</b> & <i>x</i>", body="正文<script>1</script>")
    out = tmp_path / "printed-hostile.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    configure_printer(printer)
    print_articles([hostile], printer, book=False)
    text = "".join(page_texts(out))
    assert "<b>标题</b>&<i>x</i>" in text and "正文<script>1</script>" in text


@poppler
def test_printing_to_a_pdf_format_qprinter_works_offscreen(
    records: list[ArticleRecord], tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    configure_printer(printer)
    result = print_articles(records[:2], printer, book=False)
    pages = page_texts(out)
    assert result.pages == len(pages)
    assert pages[0].startswith(heading(records[0]))
    assert squeeze(records[1].headline) in "".join(pages[1:])


def test_without_a_cjk_font_export_raises_a_clear_error_and_writes_nothing(
    lead: ArticleRecord, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match=r"找不到中文字体.*Noto Sans CJK SC"):
        export_pdf([lead], folder / "none.pdf", fonts=["No Such Font Family"])
    assert [] == list(folder.iterdir())


def test_an_explicit_font_list_is_honoured() -> None:
    family = find_cjk_family()
    assert family == find_cjk_family(["No Such Font Family", family])


def test_unwritable_output_raises_export_error(lead: ArticleRecord, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="无法写入"):
        export_pdf([lead], tmp_path / "missing-folder" / "out.pdf")


def test_nothing_to_export_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="没有可导出的文章"):
        export_pdf([], tmp_path / "empty.pdf")


def test_cancelled_export_writes_no_file(records: list[ArticleRecord], tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_pdf(records[:3], folder / "cancelled.pdf", should_cancel=lambda: True)
    assert [] == list(folder.iterdir())


def test_progress_counts_every_page(records: list[ArticleRecord], tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = export_pdf(records[:3], tmp_path / "p.pdf", progress=lambda *step: seen.append(step))
    assert [(0, 0), *[(n, result.pages) for n in range(1, result.pages + 1)]] == seen


@poppler
def test_digits_in_latin_runs_survive_text_extraction(lead: ArticleRecord, tmp_path: Path) -> None:
    latin = dataclasses.replace(lead, body="空气质量PM2.5指数下降，5G基站 G20 abc123 已建成。")
    out = tmp_path / "latin.pdf"
    export_pdf([latin], out)
    assert "空气质量PM2.5指数下降，5G基站G20abc123已建成。" in "".join(page_texts(out))


def test_tounicode_rewrites_radicals_in_arrays_chars_and_single_ranges_only() -> None:
    cmap = b"\n".join(
        [
            b"<0001> <0003> [<2F49> <0032> <2EE2>]",
            b"<0004> <2F47>",
            b"<0005> <0005> <2F49>",
            b"<2F49> <2F4A> <2F49>",
        ]
    )
    pdf = b"%PDF\n7 0 obj\n<< /Length 9 >>\nstream\n" + cmap + b"\nendstream\nendobj\n/ToUnicode 7 0 R\n"
    fixed = fix_tounicode(pdf, {0x2F49: 0x6708, 0x2F47: 0x65E5, 0x2EE2: 0x9A6C})
    assert len(pdf) == len(fixed)
    assert (
        [
            b"<0001> <0003> [<6708> <0032> <9A6C>]",
            b"<0004> <65E5>",
            b"<0005> <0005> <6708>",
            b"<2F49> <2F4A> <2F49>",  # a multi-glyph range maps by increment: left alone
        ]
        == fixed[fixed.index(b"stream\n") + 7 : fixed.index(b"\nendstream")].split(b"\n")
    )
