"""Rows as the GUI and CLI see them: frozen dataclasses, no SQLite types leaking out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
UNDATED = "未定日期"
DEMO_NOTE = "演示内容（虚构新闻，并非真实报道）"


def chinese_date(date: str | None) -> str:
    """'2022-07-05' → '2022年7月5日'; None → '未定日期'; anything unparsable is shown as is."""
    if not date:
        return UNDATED
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    return f"{day.year}年{day.month}月{day.day}日"


def weekday_of(date: str | None) -> str | None:
    """The weekday of an ISO date in Chinese, for dates the user gave (the paper printed none)."""
    if not date:
        return None
    try:
        return WEEKDAYS[dt.date.fromisoformat(date).weekday()]
    except ValueError:
        return None


def issue_label(
    date: str | None, publication: str | None, number: int | None, source_name: str | None
) -> str:
    """How an issue is named in lists and messages: '2022-07-05 东昌时讯 第1449期', or
    '未定日期 扫描.txt' for an issue the paper left undated (its file is all that tells it apart)."""
    parts = [date or UNDATED]
    if publication:
        parts.append(publication)
    if number is not None:
        parts.append(f"第{number}期")
    if not date and source_name:
        parts.append(source_name)
    return " ".join(parts)


@dataclass(frozen=True)
class IssueRecord:
    """One issue; `date` is the effective date (the user's date for an undated issue)."""

    id: int
    key: str
    publication: str | None
    date: str | None
    date_source: str | None
    user_date: str | None
    weekday: str | None
    lunar: str | None
    number: int | None
    page_count: int | None
    source_name: str | None
    article_count: int
    date_hint_year: int | None = None
    date_hint_reason: str | None = None

    def label(self) -> str:
        """Short description for lists: '2022-07-05 东昌时讯 第1449期' or '未定日期 file.txt'."""
        return issue_label(self.date, self.publication, self.number, self.source_name)


@dataclass(frozen=True)
class ArticleRecord:
    """One article with enough of its issue to cite it."""

    id: int
    key: str
    issue_id: int
    position: int
    page: int | None
    kicker: str
    headline: str
    subtitle: str
    dateline: str
    byline: str
    body: str
    kind: str
    publication: str | None
    date: str | None
    weekday: str | None
    number: int | None
    demo: bool = False  # invented news shipped with the program, never to be cited

    def source_line(self) -> str:
        """'东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第1版'; missing parts are left out.

        A demo article says so in its source line, so that no printout or PDF of it can pass
        for a real article.
        """
        parts: list[str] = []
        if self.publication:
            parts.append(self.publication)
        day = chinese_date(self.date)
        weekday = self.weekday or weekday_of(self.date)
        parts.append(f"{day} {weekday}" if self.date and weekday else day)
        if self.number is not None:
            parts.append(f"总第{self.number}期")
        if self.page is not None:
            parts.append(f"第{self.page}版")
        if self.demo:
            parts.append(DEMO_NOTE)
        return " · ".join(parts)


@dataclass(frozen=True)
class YearCount:
    """Issues and articles of one publication in one year (year None: undated)."""

    publication: str | None
    year: int | None
    issues: int
    articles: int


@dataclass(frozen=True)
class ArchiveStats:
    """What `info` shows: totals, counts per publication and year, and the undated issues."""

    issues: int
    articles: int
    per_year: tuple[YearCount, ...] = ()
    undated: tuple[IssueRecord, ...] = field(default_factory=tuple)
