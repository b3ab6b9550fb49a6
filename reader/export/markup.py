"""HTML for printed articles, the clippings book's title page and its contents list.

Article text comes from imported files and is untrusted: every piece goes through html.escape.
Lengths are in pt (fonts) and px (spacing); laid out for a printer, QTextDocument treats a px
margin as 1/96 inch but a text-indent as one device pixel, so the indent is computed per device.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from reader.archive.formatting import article_source, chinese_date, display_title
from reader.archive.records import ArticleRecord

STYLESHEET_TEMPLATE = """
p { margin-top: 0px; margin-bottom: 0px; }
p.kicker { font-size: 10.5pt; color: #444444; margin-bottom: 4px; }
p.headline { font-size: 20pt; font-weight: bold; margin-bottom: 6px; }
p.subtitle { font-size: 12.5pt; color: #222222; margin-bottom: 6px; }
p.source { font-size: 9.5pt; color: #555555; margin-top: 6px; margin-bottom: 4px; }
p.byline { font-size: 10pt; color: #333333; margin-top: 6px; margin-bottom: 8px; }
p.body { font-size: 11.5pt; text-indent: {indent}px; margin-bottom: 6px; line-height: 150%; }
p.note { font-size: 10pt; color: #5a3d00; background-color: #fff6dc; margin-top: 6px; margin-bottom: 6px; }
p.book-title { font-size: 30pt; font-weight: bold; margin-top: 210px; margin-bottom: 24px; }
p.book-meta { font-size: 13pt; color: #333333; margin-bottom: 8px; }
p.contents-title { font-size: 18pt; font-weight: bold; margin-bottom: 14px; }
td.toc { font-size: 10.5pt; }
td.toc-source { font-size: 9pt; color: #555555; }
"""


def stylesheet(indent_px: float) -> str:
    """The default stylesheet, body paragraphs indented by `indent_px` device pixels (2 字)."""
    return STYLESHEET_TEMPLATE.replace("{indent}", f"{indent_px:.0f}")


CENTRE = "text-align: center;"
RULE = '<hr style="margin-top: 4px; margin-bottom: 10px; background-color: #9a9a9a;" />'
PAGE_BREAK = "page-break-before: always;"


@dataclass(frozen=True)
class Entry:
    """One article in a contents list: its anchor, title, short source and (once known) page."""

    anchor: str
    title: str
    source: str
    page: int | None = None


def _p(css_class: str, text_html: str, style: str = "") -> str:
    style_attr = f' style="{style}"' if style else ""
    return f'<p class="{css_class}"{style_attr}>{text_html}</p>'


def article_html(article: ArticleRecord, anchor: str, *, new_page: bool = False, note: str = "") -> str:
    """One article: kicker, headline, subtitle, source line, byline, optional note, body.

    The first block carries the anchor (to find the article's page after layout) and, when
    `new_page`, a page break before it.
    """
    blocks: list[tuple[str, str, str]] = []
    if article.kicker.strip():
        blocks.append(("kicker", html.escape(article.kicker.strip()), CENTRE))
    blocks.append(("headline", html.escape(display_title(article)), CENTRE))
    if article.subtitle.strip():
        blocks.append(("subtitle", "——" + html.escape(article.subtitle.strip()), CENTRE))
    blocks.append(("source", html.escape(article_source(article)), CENTRE))
    if article.byline.strip():
        blocks.append(("byline", html.escape(article.byline.strip()), CENTRE))
    blocks.append(("rule", "", ""))
    if note.strip():
        blocks.append(("note", "批注：" + html.escape(note.strip()).replace("\n", "<br/>"), ""))
    paragraphs = [line.strip() for line in article.body.split("\n") if line.strip()]
    dateline = article.dateline.strip()
    for index, paragraph in enumerate(paragraphs):
        text = html.escape(paragraph)
        if index == 0 and dateline and not paragraph.startswith(dateline):
            text = f"<b>{html.escape(dateline)}</b>\u3000{text}"
        blocks.append(("body", text, "text-align: justify;"))
    out: list[str] = []
    for index, (css_class, text, style) in enumerate(blocks):
        if css_class == "rule":
            out.append(RULE)
            continue
        if index == 0:
            text = f'<a name="{anchor}">{text}</a>'
            if new_page:
                style = PAGE_BREAK + style
        out.append(_p(css_class, text, style))
    return "\n".join(out)


def date_range(articles: Sequence[ArticleRecord]) -> str:
    """'2022年7月5日 至 2022年7月7日', one date if all are the same day, '' if none is dated."""
    dates = sorted(a.date for a in articles if a.date)
    if not dates:
        return ""
    first, last = chinese_date(dates[0]), chinese_date(dates[-1])
    return first if first == last else f"{first} 至 {last}"


def title_page_html(title: str, articles: Sequence[ArticleRecord], today: dt.date | None = None) -> str:
    """The clippings book's first page: title, date range, article count, date compiled."""
    made = today or dt.date.today()
    # A top margin on a document's first block is dropped, so an empty paragraph comes first.
    lines = ["<p>&nbsp;</p>", _p("book-title", html.escape(title), CENTRE)]
    span = date_range(articles)
    if span:
        lines.append(_p("book-meta", html.escape(f"收录时间：{span}"), CENTRE))
    lines.append(_p("book-meta", f"共 {len(articles)} 篇", CENTRE))
    lines.append(_p("book-meta", html.escape(f"编制日期：{chinese_date(made.isoformat())}"), CENTRE))
    return "\n".join(lines)


def contents_html(entries: Sequence[Entry]) -> str:
    """'目录' and a table: number, title with its short source, page number (blank until known).

    Every row keeps the same shape whatever the page numbers, so laying the book out again with
    the real numbers does not move anything.
    """
    rows = []
    for number, entry in enumerate(entries, start=1):
        page = "" if entry.page is None else str(entry.page)
        rows.append(
            "<tr>"
            f'<td class="toc" width="6%" valign="top">{number}.</td>'
            f'<td class="toc" width="58%" valign="top">{html.escape(entry.title)}</td>'
            f'<td class="toc-source" width="28%" valign="top">{html.escape(entry.source)}</td>'
            f'<td class="toc" width="8%" align="right" valign="top">{page}</td>'
            "</tr>"
        )
    table = '<table width="100%" cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>"
    return _p("contents-title", "目\u3000录", PAGE_BREAK + CENTRE) + "\n" + table


def document_html(parts: Sequence[str]) -> str:
    """The parts wrapped in one HTML document."""
    return "<html><body>\n" + "\n".join(parts) + "\n</body></html>"
