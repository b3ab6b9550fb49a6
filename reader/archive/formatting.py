"""How records are named and cited: dates, issue names, article titles and source lines.

Each of these is a rule a reader notices when it drifts: the same article must not be called
one thing in the list, another in the reading pane and a third in a PDF, and a source line must
name the same parts, in the same order, whether the window, a printout or the CLI shows it.
So every surface asks here instead of building its own. Pure Python (no Qt, no SQL), so the CLI
and the exporters use it exactly as the window does.

Surfaces differ on purpose in one thing, the date style, which every caller states: the CLI
prints ISO dates (they sort, and can be pasted into --from and --to); the window and printouts
print Chinese ones, as the paper does. Which parts a surface shows (a contents list has no
room for the weekday) is the caller's choice; how each part is written is decided here.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from reader.archive.records import ArticleRecord, IssueRecord

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
UNDATED = "未定日期"
DEMO_NOTE = "演示内容（虚构新闻，并非真实报道）"
UNTITLED = "（无标题）"
PHOTO_MARK = "〔图〕"
TITLE_CHARS = 24  # an untitled article's name: one line of the article list
SEPARATOR = " · "
CORRECTED_NOTE = "已校订"  # after the source line of an article a staff correction changed
CORRECTED_MARK = f"〔{CORRECTED_NOTE}〕"  # in front of its title in every list
PRINTED_NOTE = "报头印的是 "  # before the masthead's own date where the user gave another


class DateStyle(Enum):
    """How a date is written: ISO for the CLI, Chinese for the window and printouts."""

    ISO = "iso"  # 2022-07-05
    CHINESE = "chinese"  # 2022年7月5日


def chinese_date(date: str | None) -> str:
    """'2022-07-05' → '2022年7月5日'; None → '未定日期'; anything unparsable is shown as is."""
    if not date:
        return UNDATED
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_date_near(date: str | None, reference: str) -> str:
    """A date said next to another one: '2022-08-09' beside '2022-08-02' → '8月9日'. The year is
    written only when it differs ('2023年6月13日'), so a short date never misleads."""
    try:
        day = dt.date.fromisoformat(date or "")
        same_year = day.year == dt.date.fromisoformat(reference).year
    except ValueError:
        return chinese_date(date)
    return f"{day.month}月{day.day}日" if same_year else chinese_date(date)


def date_text(date: str | None, style: DateStyle) -> str:
    """The date in `style`; '未定日期' for none in either style."""
    if style is DateStyle.CHINESE:
        return chinese_date(date)
    return date or UNDATED


def weekday_of(date: str | None) -> str | None:
    """The weekday of an ISO date in Chinese, for dates the user gave (the paper printed none)."""
    if not date:
        return None
    try:
        return WEEKDAYS[dt.date.fromisoformat(date).weekday()]
    except ValueError:
        return None


def source_line(
    publication: str | None,
    date: str | None,
    dates: DateStyle,
    *,
    weekday: str | None = None,
    number: int | None = None,
    page: int | None = None,
    page_count: int | None = None,
    demo: bool = False,
    separator: str = SEPARATOR,
) -> str:
    """Where something appeared: '东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第1版'.

    Parts in this order, each left out when not given: publication, date (with the weekday
    after it, only when there is a date), 总第N期 (the paper's running number), 第N版, 共N版,
    and for demo content the note that it is invented, so no printout of it passes for news.
    """
    parts = [publication] if publication else []
    day = date_text(date, dates)
    parts.append(f"{day} {weekday}" if date and weekday else day)
    if number is not None:
        parts.append(f"总第{number}期")
    if page is not None:
        parts.append(f"第{page}版")
    if page_count is not None:
        parts.append(f"共{page_count}版")
    if demo:
        parts.append(DEMO_NOTE)
    return separator.join(parts)


def article_source(article: ArticleRecord) -> str:
    """The full source line under an article's headline, in the window, on the clipboard and on
    paper: '东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第1版'. A date the user gave gets its
    weekday computed (the paper printed none). An article staff corrected ends in ' · 已校订', so
    no printout passes a correction off as the paper's own text."""
    line = source_line(
        article.publication,
        article.date,
        DateStyle.CHINESE,
        weekday=article.weekday or weekday_of(article.date),
        number=article.number,
        page=article.page,
        demo=article.demo,
    )
    return f"{line}{SEPARATOR}{CORRECTED_NOTE}" if article.corrected else line


def list_title_mark(title: str, corrected: bool) -> str:
    """A title as a list of articles shows it: 〔已校订〕 in front when a staff correction
    changed or made the article. The one place every list (an issue's articles, search results)
    marks a correction, so the mark reads the same wherever the article turns up. In front, not
    after: a list cuts a long title at its end, and the mark must stay seen. The mark holds no
    HTML metacharacters, so it may go in front of escaped HTML as well as plain text."""
    return f"{CORRECTED_MARK}{title}" if corrected else title


def issue_title(issue: IssueRecord) -> str:
    """The heading over an issue's article list: '东昌时讯 · 2022年7月5日 星期二 · 总第1449期 ·
    共4版'; the file's name stands in for an unknown publication. A date the user gave over the
    masthead's is followed by what the masthead prints ('（报头印的是 2022年8月9日）'): the
    override never hides the printed page."""
    overridden = bool(issue.printed_date and issue.date != issue.printed_date)
    line = source_line(
        issue.publication or issue.source_name,
        issue.date,
        DateStyle.CHINESE,
        weekday=issue.weekday or weekday_of(issue.date),
        number=issue.number,
        page_count=issue.page_count,
    )
    return f"{line}（{PRINTED_NOTE}{chinese_date(issue.printed_date)}）" if overridden else line


def issue_label(
    date: str | None, publication: str | None, number: int | None, source_name: str | None
) -> str:
    """How an issue is named in lists and messages: '2022-07-05 东昌时讯 第1449期', or
    '未定日期 扫描.txt' for an issue the paper left undated (its file is all that tells it apart)."""
    parts = [date_text(date, DateStyle.ISO)]
    if publication:
        parts.append(publication)
    if number is not None:
        parts.append(f"第{number}期")
    if not date and source_name:
        parts.append(source_name)
    return " ".join(parts)


def display_title(article: ArticleRecord) -> str:
    """What an article is called in the list, the reading pane, printouts and file names.

    Its headline; for an untitled one (a photo, a brief) the start of its text, cut at
    TITLE_CHARS with '…': a photo's caption without the '图为' or '图：' it opens with, marked
    〔图〕, so it reads as a picture; the body (else the subtitle) of anything else. An article
    with no text at all is '（无标题）'.
    """
    headline = article.headline.strip()
    if headline:
        return headline
    text = " ".join(article.body.split()) or " ".join(article.subtitle.split())
    photo = article.kind == "photo"
    if photo:
        text = text.removeprefix("图为").removeprefix("图：").lstrip("：:　 ")
    if not text:
        return UNTITLED
    short = text[:TITLE_CHARS] + ("…" if len(text) > TITLE_CHARS else "")
    return PHOTO_MARK + short if photo else short


def period_label(period: str) -> str:
    """A timeline period as staff read it: 2022年7月 for "2022-07", 2022年 for "2022" (the
    window's bars and tooltips and the `timeline` command say it the same way)."""
    if len(period) == 7:
        return f"{period[:4]}年{int(period[5:7])}月"
    return f"{period}年"
